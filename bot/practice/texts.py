"""Everything an employee reads about practice, in German and English (registered with bot.i18n)."""

from __future__ import annotations

from bot.i18n import register

register(
    {
        # the three answers of a yes / no / ask-first scenario (from an FAQ entry)
        "practice.choice.yes": {"de": "Ja, das geht.", "en": "Yes, that's fine."},
        "practice.choice.no": {"de": "Nein, das lasse ich.", "en": "No, I leave that."},
        "practice.choice.ask": {
            "de": "Nur nach Rücksprache bzw. mit Zustimmung.",
            "en": "Only after checking, or with consent.",
        },
        "practice.faq_situation": {
            "de": "Eine Kollegin fragt dich: „{question}“ Was antwortest du?",
            "en": "A colleague asks you: “{question}” What do you answer?",
        },
        # a real example draft of a post-check rule
        "practice.draft_situation": {
            "de": "Jemand aus deinem Team möchte das posten: „{draft}“ Darf das so raus?",
            "en": "Someone on your team wants to post this: “{draft}” Can it go out like this?",
        },
        "practice.choice.ok": {"de": "Ja, das kann so raus.", "en": "Yes, it can go out as it is."},
        "practice.choice.approval": {
            "de": "Erst zur Freigabe an die Unternehmenskommunikation.",
            "en": "It needs clearing by the communications team first.",
        },
        "practice.choice.revise": {
            "de": "Überarbeiten – das lässt sich selbst beheben.",
            "en": "Revise it – the author can fix this themselves.",
        },
        # a do/don't sentence of the guideline
        "practice.rule_situation": {
            "de": "Es geht um „{section}“. Welche dieser Regeln aus „{title}“ gilt genau dafür?",
            "en": "The topic is “{section}”. Which of these rules from “{title}” covers exactly that?",
        },
        "practice.rule_reason": {
            "de": "Dieser Satz steht im Abschnitt „{section}“; die beiden anderen gehören zu anderen Themen.",
            "en": "This sentence is in the section “{section}”; the other two belong to other topics.",
        },
        # what the employee sees
        "practice.intro": {
            "de": "🧭 Deine Übung der Woche (eine Minute, ohne Wertung):",
            "en": "🧭 Your practice of the week (one minute, no score):",
        },
        "practice.pick": {"de": "Tipp auf A, B oder C.", "en": "Tap A, B or C."},
        "practice.right": {"de": "✅ Richtig: {choice}", "en": "✅ Right: {choice}"},
        "practice.not_quite": {
            "de": "Fast – gemeint ist: {choice}",
            "en": "Not quite – the answer is: {choice}",
        },
        "practice.why": {"de": "Warum: {reason}", "en": "Why: {reason}"},
        "practice.source": {"de": "Quelle: {document} › {section}", "en": "Source: {document} › {section}"},
        "practice.already": {
            "de": "Deine erste Wahl zu dieser Übung ist schon notiert; hier noch einmal die Auflösung.",
            "en": "Your first choice for this exercise is already noted; here is the explanation again.",
        },
        "practice.stop_button": {"de": "Nicht mehr", "en": "No more"},
        "practice.opted_in": {
            "de": "Du bekommst ab jetzt einmal pro Woche eine kurze Übung. Ohne Punkte, ohne Rangliste; „Nicht mehr“ beendet es jederzeit.",
            "en": "From now on you'll get one short exercise a week. No points, no ranking; “No more” ends it at any time.",
        },
        "practice.opted_out": {
            "de": "In Ordnung, du bekommst keine Übungen mehr. Mit „/training an“ geht es wieder los.",
            "en": "All right, no more exercises for you. “/training on” starts them again.",
        },
        "practice.none_left": {
            "de": "Du hast in diesem Quartal schon alle Übungen gesehen. Bis bald!",
            "en": "You've seen every exercise this quarter. See you soon!",
        },
        "practice.unknown": {
            "de": "Diese Übung gibt es nicht mehr.",
            "en": "This exercise no longer exists.",
        },
        "practice.status_in": {
            "de": "Wöchentliche Übung: an. „/training aus“ beendet sie, „/training jetzt“ zeigt eine Übung.",
            "en": "Weekly practice: on. “/training off” ends it, “/training now” shows an exercise.",
        },
        "practice.status_out": {
            "de": "Wöchentliche Übung: aus. „/training an“ schaltet sie ein, „/training jetzt“ zeigt eine Übung.",
            "en": "Weekly practice: off. “/training on” switches it on, “/training now” shows an exercise.",
        },
        "practice.your_choice": {"de": "Deine Wahl (A, B oder C) ›", "en": "Your choice (A, B or C) ›"},
        "practice.bad_choice": {"de": "Bitte A, B oder C.", "en": "Please A, B or C."},
        # the switch where people are (Slack App Home, the Teams card "training")
        "practice.switch.title": {"de": "Training / Übung", "en": "Training / practice"},
        "practice.switch.what": {
            "de": "Einmal pro Woche eine kurze Übung zur Social-Media-Richtlinie: eine Situation, drei Antworten, "
            "eine Minute. Ohne Punkte, ohne Rangliste.",
            "en": "One short exercise a week on the social media guideline: a situation, three answers, one minute. "
            "No points, no ranking.",
        },
        "practice.switch.on": {
            "de": "✅ Du machst mit. Die nächste Übung kommt zum Wochentermin (nur an Arbeitstagen).",
            "en": "✅ You're taking part. The next exercise comes at the weekly slot (working days only).",
        },
        "practice.switch.off": {"de": "Du machst derzeit nicht mit.", "en": "You're not taking part at the moment."},
        "practice.switch.paused": {
            "de": "⏸ Du machst mit, aber pausiert: Drei Übungen blieben offen. Schreib Lotse etwas oder "
            "„training jetzt“, dann geht es weiter.",
            "en": "⏸ You're taking part, but paused: three exercises stayed open. Write to Lotse or "
            "“training now” and it goes on.",
        },
        "practice.switch.join": {"de": "Mitmachen", "en": "Take part"},
        "practice.switch.leave": {"de": "Nicht mehr", "en": "No more"},
        "practice.error.entry": {
            "de": "{path}, Eintrag {number}{line}: {problem}",
            "en": "{path}, entry {number}{line}: {problem}",
        },
    }
)
