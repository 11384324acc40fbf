"""German and English texts of the terminal chat and its local inbox (registered with bot.i18n)."""

from __future__ import annotations

from bot.i18n import register

register(
    {
        "term.welcome": {
            "de": "Lotse – dein Ansprechpartner für Social Media bei {company}. Frag mich, was du posten darfst; "
            "„/hilfe“ zeigt, was ich sonst noch kann.",
            "en": "Lotse – your social media contact person at {company}. Ask me what you may post; "
            "“/help” shows what else I can do.",
        },
        "term.bye": {"de": "Bis bald!", "en": "See you!"},
        "term.help": {
            "de": "Schreib einfach deine Frage. Außerdem:\n"
            "  /check <Entwurf>   prüft einen Beitrag vor dem Posten (und schickt ihn bei Bedarf zur Freigabe)\n"
            "  /mensch            gibt deine letzte Frage an eine Ansprechperson weiter\n"
            "  /anfragen [Nr.]    weitergegebene Fragen ansehen und beantworten (als Ansprechperson)\n"
            "  /bericht           die Woche auf einen Blick\n"
            "  /training [an|aus|jetzt]  wöchentliche Übung: ein-/ausschalten oder gleich eine machen\n"
            "  /hilfe             diese Hilfe\n"
            "  /ende              beendet den Chat",
            "en": "Just type your question. Also:\n"
            "  /check <draft>     checks a post before you publish it (and sends it for approval if needed)\n"
            "  /human             passes your last question on to a contact person\n"
            "  /inbox [no.]       see and answer handed-off questions (as a contact person)\n"
            "  /report            the week at a glance\n"
            "  /training [on|off|now]    weekly practice: switch on/off or do one right now\n"
            "  /help              this help\n"
            "  /exit              ends the chat",
        },
        "term.unknown_command": {
            "de": "Den Befehl {command} kenne ich nicht; „/hilfe“ zeigt alle.",
            "en": "I don't know the command {command}; “/help” lists them all.",
        },
        # --- the local inbox, said once ---------------------------------------------------------------------
        "term.local_self": {
            "de": "Hier ist weder Slack noch Teams verbunden: Fragen, die ich weitergebe, landen im lokalen Posteingang, "
            "und du bist hier selbst die Ansprechperson – mit /anfragen siehst und beantwortest du sie.",
            "en": "Neither Slack nor Teams is connected here: questions I pass on land in the local inbox, and you are "
            "the contact person yourself – /inbox shows them and lets you answer.",
        },
        "term.local_contact": {
            "de": "Hier ist weder Slack noch Teams verbunden: Fragen, die ich weitergebe, landen im lokalen Posteingang; "
            "du bist eine der Ansprechpersonen und bearbeitest sie mit /anfragen.",
            "en": "Neither Slack nor Teams is connected here: questions I pass on land in the local inbox; you are one "
            "of the contact people and work them with /inbox.",
        },
        "term.local_others": {
            "de": "Hier ist weder Slack noch Teams verbunden: Fragen, die ich weitergebe, landen im lokalen Posteingang, "
            "den die Ansprechpersonen bearbeiten (z. B. mit `lotse chat --as {contact}`).",
            "en": "Neither Slack nor Teams is connected here: questions I pass on land in the local inbox, worked by "
            "the contact people (e.g. with `lotse chat --as {contact}`).",
        },
        "term.local_cli": {
            "de": "Hier ist weder Slack noch Teams verbunden: Die Anfrage liegt im lokalen Posteingang; beantworten "
            'kannst du sie in `lotse chat` mit /anfragen oder mit `lotse handoffs answer {id} "…"`, und die '
            "Antwort siehst du in `lotse chat`.",
            "en": "Neither Slack nor Teams is connected here: the handoff waits in the local inbox; answer it in "
            '`lotse chat` with /inbox or with `lotse handoffs answer {id} "…"`, and read the answer in '
            "`lotse chat`.",
        },
        "term.new_in_inbox": {
            "de": "📥 Anfrage #{id} liegt jetzt in deinem Posteingang (/anfragen).",
            "en": "📥 Case #{id} is now in your inbox (/inbox).",
        },
        # --- the inbox ---------------------------------------------------------------------------------------
        "term.not_contact": {
            "de": "Du ({user}) bist keine Ansprechperson; weitergegebene Fragen bearbeiten die Ansprechpersonen, "
            "z. B. mit `lotse chat --as {contact}`.",
            "en": "You ({user}) are not a contact person; handed-off questions are worked by the contact people, "
            "e.g. with `lotse chat --as {contact}`.",
        },
        "term.inbox_empty": {
            "de": "Dein Posteingang ist leer: keine offenen Anfragen.",
            "en": "Your inbox is empty: no open handoffs.",
        },
        "term.inbox_title": {"de": "Offene Anfragen ({count}):", "en": "Open handoffs ({count}):"},
        "term.inbox_pick": {
            "de": "Welche Anfrage möchtest du beantworten? Nummer (Enter = zurück)",
            "en": "Which handoff do you want to answer? Number (Enter = back)",
        },
        "term.inbox_no_such": {
            "de": "Eine offene Anfrage #{id} gibt es nicht.",
            "en": "There is no open handoff #{id}.",
        },
        "term.answer_prompt": {"de": "Deine Antwort (Enter = zurück)", "en": "Your answer (Enter = back)"},
        "term.faq_prompt": {
            "de": "Als FAQ übernehmen, damit Lotse diese Frage künftig selbst beantwortet? (j/n)",
            "en": "Add to the FAQ so Lotse answers this question itself from now on? (y/n)",
        },
        "term.answer_saved": {
            "de": "Deine Antwort zu Anfrage #{id} ist gespeichert und zugestellt.",
            "en": "Your answer to case #{id} is saved and delivered.",
        },
        "term.yes": {"de": "j", "en": "y"},
        "term.from_you": {"de": "von dir", "en": "from you"},
        "term.from_user": {"de": "von {user}", "en": "from {user}"},
        "term.just_now": {"de": "gerade eben", "en": "just now"},
        "term.minutes_ago": {"de": "vor {n} Min.", "en": "{n} min ago"},
        "term.hours_ago": {"de": "vor {n} Std.", "en": "{n} h ago"},
        "term.days_ago": {"de": "vor {n} Tagen", "en": "{n} days ago"},
        "term.overdue": {"de": "überfällig", "en": "overdue"},
        "term.detail_head": {
            "de": "Anfrage #{id} · {status} · {reason}{category} · {who} · {when}",
            "en": "Case #{id} · {status} · {reason}{category} · {who} · {when}",
        },
        "term.detail_question": {"de": "Frage:", "en": "Question:"},
        "term.detail_draft": {"de": "Entwurf:", "en": "Draft:"},
        "term.detail_passages": {"de": "Lotses beste Passagen:", "en": "Lotse's best passages:"},
        # --- the employee side -------------------------------------------------------------------------------
        "term.answer_arrived": {
            "de": "📬 Antwort von {contact} zu deiner Frage „{question}“:\n{answer}",
            "en": "📬 Answer from {contact} to your question “{question}”:\n{answer}",
        },
        "term.answer_arrived_draft": {
            "de": "📬 Antwort von {contact} zu deinem Entwurf „{question}“:\n{answer}",
            "en": "📬 Answer from {contact} about your draft “{question}”:\n{answer}",
        },
        "term.approval_prompt": {"de": "Zur Freigabe senden? (j/n)", "en": "Send for approval? (y/n)"},
        "term.approval_hint": {
            "de": "Ich kann den Entwurf zur Freigabe an die Unternehmenskommunikation schicken.",
            "en": "I can send the draft to the communications team for approval.",
        },
        "term.approval_kept": {"de": "Gut, der Entwurf bleibt bei dir.", "en": "All right, the draft stays with you."},
        "term.check_empty": {
            "de": "Schreib den Entwurf hinter /check, z. B. „/check Mein Beitrag …“.",
            "en": "Put the draft after /check, e.g. “/check My post …”.",
        },
        "term.nothing_to_pass_on": {
            "de": "Stell mir zuerst eine Frage; dann gebe ich sie mit /mensch weiter.",
            "en": "Ask me a question first; then /human passes it on.",
        },
    }
)
