"""Everything the Slack adapter says, German and English (registered with bot.i18n under `slack.*`)."""

from __future__ import annotations

from bot.i18n import register, t

register(
    {
        "slack.sources": {"de": "Quellen", "en": "Sources"},
        "slack.helpful": {"de": "Hilfreich", "en": "Helpful"},
        "slack.not_helpful": {"de": "Nicht hilfreich", "en": "Not helpful"},
        "slack.human": {"de": "Mit einem Menschen sprechen", "en": "Talk to a person"},
        "slack.tentative_yes": {"de": "Ja, danke", "en": "Yes, thanks"},
        "slack.tentative_no": {"de": "Nein, bitte an eine Person", "en": "No, please pass it on"},
        "slack.thanks_feedback": {"de": "Danke für deine Rückmeldung!", "en": "Thanks for your feedback!"},
        "slack.working": {
            "de": "Einen Moment, ich schaue in unsere Regeln …",
            "en": "One moment, I'm checking our rules …",
        },
        "slack.error": {
            "de": "Da ist bei mir etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
            "en": "Something went wrong on my side. Please try again in a moment.",
        },
        # --- handoffs (contact person side) ---
        "slack.handoff_title": {"de": "Neue Anfrage #{id}", "en": "New request #{id}"},
        "slack.handoff_reopened": {"de": "Wieder geöffnete Anfrage #{id}", "en": "Reopened request #{id}"},
        "slack.handoff_from": {"de": "Von <@{user}>", "en": "From <@{user}>"},
        "slack.question": {"de": "Frage", "en": "Question"},
        "slack.draft": {"de": "Entwurf", "en": "Draft"},
        "slack.category": {"de": "Kategorie", "en": "Category"},
        "slack.reason": {"de": "Grund", "en": "Reason"},
        "slack.status": {"de": "Status", "en": "Status"},
        "slack.language": {"de": "Sprache", "en": "Language"},
        "slack.passages": {"de": "Beste Passagen des Bots", "en": "The bot's best passages"},
        "slack.no_passages": {"de": "(keine passenden Passagen)", "en": "(no matching passages)"},
        "slack.reason.sensitive": {"de": "heikles Thema", "en": "sensitive topic"},
        "slack.reason.low_confidence": {"de": "Bot war unsicher", "en": "bot was unsure"},
        "slack.reason.requested": {"de": "Mensch gewünscht", "en": "person requested"},
        "slack.reason.post_approval": {"de": "Freigabe eines Beitrags", "en": "post approval"},
        "slack.status.open": {"de": "offen", "en": "open"},
        "slack.status.claimed": {"de": "übernommen von <@{user}>", "en": "claimed by <@{user}>"},
        "slack.status.answered": {"de": "beantwortet", "en": "answered"},
        "slack.status.resolved": {"de": "erledigt", "en": "resolved"},
        "slack.overdue": {"de": ":warning: SLA überschritten", "en": ":warning: SLA breached"},
        "slack.notify_failed": {
            "de": ":exclamation: Benachrichtigung fehlgeschlagen",
            "en": ":exclamation: notification failed",
        },
        "slack.claim": {"de": "Übernehmen", "en": "Claim"},
        "slack.answer": {"de": "Antworten", "en": "Answer"},
        "slack.resolve": {"de": "Erledigt", "en": "Done"},
        "slack.reminder": {
            "de": ":alarm_clock: Erinnerung: Anfrage #{id} wartet seit {hours} Arbeitsstunden auf eine Antwort.",
            "en": ":alarm_clock: Reminder: request #{id} has been waiting {hours} business hours for an answer.",
        },
        "slack.answer_modal_title": {"de": "Antwort an Mitarbeitende", "en": "Answer the employee"},
        "slack.answer_label": {
            "de": "Deine Antwort (geht an <@{user}> im ursprünglichen Thread)",
            "en": "Your answer (goes to <@{user}> in the original thread)",
        },
        "slack.answer_label_plain": {"de": "Deine Antwort", "en": "Your answer"},
        "slack.faq_option": {"de": "Für die FAQ vormerken", "en": "Suggest for the FAQ"},
        "slack.send": {"de": "Senden", "en": "Send"},
        "slack.cancel": {"de": "Abbrechen", "en": "Cancel"},
        "slack.claimed_done": {"de": "Du hast Anfrage #{id} übernommen.", "en": "You claimed request #{id}."},
        "slack.answered_done": {
            "de": "Deine Antwort zu Anfrage #{id} wurde zugestellt.",
            "en": "Your answer to request #{id} was delivered.",
        },
        "slack.resolved_done": {"de": "Anfrage #{id} ist erledigt.", "en": "Request #{id} is resolved."},
        # --- the employee side of a handoff ---
        "slack.answer_from": {
            "de": "*Antwort von {name}* zu deiner Frage:",
            "en": "*Answer from {name}* to your question:",
        },
        "slack.answer_from_draft": {
            "de": "*Antwort von {name}* zu deinem Entwurf:",
            "en": "*Answer from {name}* about your draft:",
        },
        # --- post check ---
        "slack.verdict.ok": {
            "de": ":white_check_mark: Passt so – dein Entwurf entspricht unseren Regeln.",
            "en": ":white_check_mark: Looks good – your draft follows our rules.",
        },
        "slack.verdict.revise": {
            "de": ":pencil2: Bitte überarbeiten, bevor du postest.",
            "en": ":pencil2: Please revise before you post.",
        },
        "slack.verdict.approval": {
            "de": ":raised_hand: Braucht eine Freigabe durch die Unternehmenskommunikation.",
            "en": ":raised_hand: Needs approval by corporate communications.",
        },
        "slack.finding_fix": {"de": "Vorschlag", "en": "Suggestion"},
        "slack.finding_rule": {"de": "Richtlinie", "en": "Guideline"},
        "slack.revision": {"de": "Überarbeiteter Vorschlag", "en": "Suggested revision"},
        "slack.send_approval": {"de": "Zur Freigabe senden", "en": "Send for approval"},
        "slack.postcheck_title": {"de": "Beitrag prüfen", "en": "Check a post"},
        "slack.postcheck_label": {"de": "Dein Entwurf", "en": "Your draft"},
        "slack.postcheck_submit": {"de": "Prüfen", "en": "Check"},
        "slack.postcheck_header": {"de": "Post-Check", "en": "Post check"},
        "slack.usage_lotse": {
            "de": "So geht's: `/lotse Darf ich Fotos aus der Halle posten?`",
            "en": "Usage: `/lotse May I post photos from the shop floor?`",
        },
        # --- App Home ---
        "slack.home_title": {"de": "Lotse – dein Social-Media-Lotse", "en": "Lotse – your social media pilot"},
        "slack.home_intro": {
            "de": "Ich beantworte Fragen dazu, was du auf Social Media posten darfst – aus unserer Richtlinie, "
            "mit Quellenangabe. Schreib mir einfach eine Direktnachricht.\n"
            "• `/lotse <Frage>` – frag mich überall, die Antwort siehst nur du\n"
            "• `/postcheck <Entwurf>` – ich prüfe deinen Beitrag vor dem Posten\n"
            "• Heikle Fragen gebe ich vertraulich an eine Ansprechperson weiter.",
            "en": "I answer questions about what you may post on social media – from our guideline, with "
            "sources. Just send me a direct message.\n"
            "• `/lotse <question>` – ask me anywhere, only you see the answer\n"
            "• `/postcheck <draft>` – I check your post before you publish it\n"
            "• Sensitive questions go confidentially to a contact person.",
        },
        "slack.home_my_open": {"de": "Deine offenen Anfragen", "en": "Your open requests"},
        "slack.home_none_mine": {"de": "Du hast keine offenen Anfragen.", "en": "You have no open requests."},
        "slack.home_inbox": {
            "de": "Posteingang: offene und übernommene Anfragen (älteste zuerst)",
            "en": "Inbox: open and claimed requests (oldest first)",
        },
        "slack.home_inbox_empty": {"de": "Keine offenen Anfragen. :tada:", "en": "No open requests. :tada:"},
        "slack.home_waiting_with": {"de": "#{id} bei {contact} – {status}", "en": "#{id} with {contact} – {status}"},
    }
)

BILINGUAL_ERROR = "{de} / {en}"


def both(key: str, **values: object) -> str:
    """A text in German and English, for when the reader's language is unknown (buttons, refusals)."""
    de, en = t(key, "de", **values), t(key, "en", **values)
    return de if de == en else f"{de} / {en}"
