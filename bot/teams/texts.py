"""Everything the Teams adapter says, German and English (registered with bot.i18n under `teams.*`)."""

from __future__ import annotations

from bot.i18n import register, t

register(
    {
        "teams.human": {"de": "Mit einer Person sprechen", "en": "Talk to a person"},
        "teams.thanks_feedback": {"de": "Danke für deine Rückmeldung!", "en": "Thanks for your feedback!"},
        "teams.action_pending": {
            "de": "Das ist schon bei mir angekommen und wird bearbeitet.",
            "en": "That reached me already and is being handled.",
        },
        "teams.error": {
            "de": "Da ist bei mir etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
            "en": "Something went wrong on my side. Please try again in a moment.",
        },
        "teams.welcome": {
            "de": "Hallo, ich bin Lotse. Frag mich, was du auf Social Media posten darfst – ich antworte aus unserer "
            "Richtlinie, mit Quellen. „prüfen <Entwurf>“ prüft einen Beitrag vor dem Posten.",
            "en": "Hi, I'm Lotse. Ask me what you may post on social media – I answer from our guideline, with "
            "sources. “check <draft>” checks a post before you publish it.",
        },
        "teams.installed_channel": {
            "de": "Lotse ist in diesem Team installiert. Der Wochenbericht erscheint montags in diesem Kanal.",
            "en": "Lotse is installed in this team. The weekly report appears in this channel on Mondays.",
        },
        # --- handoff card (contact people) ---
        "teams.handoff_title": {"de": "Neue Anfrage #{id}", "en": "New request #{id}"},
        "teams.handoff_reopened": {"de": "Wieder geöffnete Anfrage #{id}", "en": "Reopened request #{id}"},
        "teams.question": {"de": "Frage", "en": "Question"},
        "teams.draft": {"de": "Entwurf", "en": "Draft"},
        "teams.category": {"de": "Kategorie", "en": "Category"},
        "teams.reason": {"de": "Grund", "en": "Reason"},
        "teams.status": {"de": "Status", "en": "Status"},
        "teams.passages": {"de": "Beste Passagen", "en": "Best passages"},
        "teams.no_passages": {"de": "(keine passenden Passagen)", "en": "(no matching passages)"},
        "teams.claim": {"de": "Übernehmen", "en": "Claim"},
        "teams.send_answer": {"de": "Antwort senden", "en": "Send answer"},
        "teams.resolve": {"de": "Erledigt", "en": "Done"},
        "teams.answer_placeholder": {"de": "Deine Antwort an die fragende Person", "en": "Your answer to the asker"},
        "teams.faq_option": {"de": "Zur FAQ hinzufügen", "en": "Add to the FAQ"},
        "teams.state.open": {"de": "offen", "en": "open"},
        "teams.state.claimed": {"de": "Übernommen von {name}", "en": "Claimed by {name}"},
        "teams.state.answered": {"de": "Beantwortet von {name}", "en": "Answered by {name}"},
        "teams.state.resolved": {"de": "Erledigt von {name}", "en": "Resolved by {name}"},
        "teams.reminder": {
            "de": "⏰ Erinnerung: Anfrage #{id} wartet seit {hours} Arbeitsstunden auf eine Antwort.",
            "en": "⏰ Reminder: request #{id} has been waiting {hours} business hours for an answer.",
        },
        "teams.answer_from": {
            "de": "Antwort von {name} zu deiner Frage:",
            "en": "Answer from {name} to your question:",
        },
        "teams.answer_from_draft": {
            "de": "Antwort von {name} zu deinem Entwurf:",
            "en": "Answer from {name} about your draft:",
        },
        # --- post check ---
        "teams.postcheck_usage": {
            "de": "So geht's: „prüfen Wir haben einen neuen Kunden gewonnen!“",
            "en": "Usage: “check We won a new customer!”",
        },
        "teams.send_approval": {"de": "Zur Freigabe senden", "en": "Send for approval"},
        "teams.postcheck_title": {"de": "Post-Check", "en": "Post check"},
        "teams.draft_label": {"de": "Dein Entwurf", "en": "Your draft"},
    }
)


def both(key: str, **values: object) -> str:
    """German and English, for when the reader's language is unknown."""
    de, en = t(key, "de", **values), t(key, "en", **values)
    return de if de == en else f"{de} / {en}"
