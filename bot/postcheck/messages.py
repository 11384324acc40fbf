"""German and English texts of the post check (registered with bot.i18n)."""

from __future__ import annotations

from bot.i18n import register

register(
    {
        "postcheck.verdict.ok": {
            "de": "✅ Passt: Ich habe nichts gefunden, was gegen unsere Social-Media-Regeln spricht.",
            "en": "✅ Looks fine: I found nothing that goes against our social media rules.",
        },
        "postcheck.verdict.ok_thin": {
            "de": "☑️ Nichts gefunden, aber dieser Check steht auf schmaler Grundlage. Das ist keine Freigabe.",
            "en": "☑️ Nothing found, but this check rests on little. It is not a clearance.",
        },
        "postcheck.basis.thin": {
            "de": "Ich habe nur Lotses allgemeine Regeln angewendet: Für euer Unternehmen gibt es weder eigene "
            "Post-Check-Regeln noch Sätze in der Richtlinie, gegen die ich prüfen kann. Wenn du unsicher bist, "
            "frag die Unternehmenskommunikation.",
            "en": "I applied only Lotse's general rules: your company has neither post-check rules of its own nor "
            "guideline sentences I can check against. If in doubt, ask the communications team.",
        },
        "postcheck.basis.thin_language": {
            "de": "Ich habe nur Lotses allgemeine Regeln sicher angewendet: Eure Richtlinie enthält keine Regeln auf "
            "Deutsch, und eigene Post-Check-Regeln gibt es nicht. Wenn du unsicher bist, frag die "
            "Unternehmenskommunikation.",
            "en": "I could only apply Lotse's general rules with confidence: your guideline has no rules in English "
            "and there are no post-check rules of your own. If in doubt, ask the communications team.",
        },
        "postcheck.verdict.revise": {
            "de": "✏️ Bitte überarbeiten: Du kannst die folgenden Punkte selbst beheben.",
            "en": "✏️ Please revise: you can fix the following points yourself.",
        },
        "postcheck.verdict.approval": {
            "de": "🛑 Freigabe nötig: Dieser Entwurf berührt Themen, die die Unternehmenskommunikation vor der "
            "Veröffentlichung freigeben muss. Bitte noch nicht posten.",
            "en": "🛑 Approval needed: this draft touches topics the communications team must clear before it is "
            "published. Please don't post it yet.",
        },
        "postcheck.empty": {
            "de": "Der Entwurf ist leer. Schick mir den Text, den du veröffentlichen möchtest, z. B. "
            '`lotse check "Mein Beitrag …"`.',
            "en": 'The draft is empty. Send me the text you want to publish, e.g. `lotse check "My post …"`.',
        },
        "postcheck.too_long": {
            "de": "Der Entwurf ist {length} Zeichen lang; Slack erlaubt höchstens {limit}, LinkedIn etwa 3.000. "
            "Ich habe ihn nicht geprüft; bitte kürze ihn und schick ihn noch einmal.",
            "en": "The draft is {length} characters long; Slack allows at most {limit}, LinkedIn about 3,000. "
            "I haven't checked it; please shorten it and send it again.",
        },
        "postcheck.no_text": {
            "de": "Der Entwurf enthält nur Emojis oder Links, keinen Text, den ich prüfen kann. Prüf bitte selbst, "
            "ob die verlinkten Inhalte öffentlich sein dürfen.",
            "en": "The draft contains only emojis or links, no text I can check. Please make sure the linked "
            "content may be public.",
        },
        "postcheck.mixed": {
            "de": "Der Entwurf mischt Deutsch und Englisch; ich habe beide Sprachen geprüft.",
            "en": "The draft mixes German and English; I checked both languages.",
        },
        "postcheck.finding": {"de": "Fundstelle", "en": "Found"},
        "postcheck.guideline": {"de": "Richtlinie", "en": "Guideline"},
        "postcheck.fix": {"de": "So behebst du es", "en": "How to fix it"},
        "postcheck.revision": {"de": "Vorschlag für eine überarbeitete Fassung", "en": "Suggested revision"},
        "postcheck.hint": {"de": "Hinweis", "en": "Note"},
        "postcheck.approval_hint": {
            "de": "Mit `lotse check --request-approval …` schickst du den Entwurf zur Freigabe an die "
            "Unternehmenskommunikation.",
            "en": "Use `lotse check --request-approval …` to send the draft to the communications team for approval.",
        },
        "postcheck.approval_question": {
            "de": "Freigabe eines Social-Media-Beitrags: {reasons}",
            "en": "Approval of a social media post: {reasons}",
        },
        "postcheck.not_approval": {
            "de": "Dieser Entwurf braucht keine Freigabe (Ergebnis: {verdict}).",
            "en": "This draft does not need approval (verdict: {verdict}).",
        },
    }
)
