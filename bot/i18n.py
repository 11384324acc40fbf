"""German and English texts for everything a user reads. Modules register their own messages here."""

from __future__ import annotations

from typing import Any

_MESSAGES: dict[str, dict[str, str]] = {}


def register(messages: dict[str, dict[str, str]]) -> None:
    """Add messages {key: {"de": …, "en": …}}; a key registered twice must say the same."""
    for key, texts in messages.items():
        if "de" not in texts or "en" not in texts:
            raise ValueError(f"message {key!r} needs German and English")
        _MESSAGES[key] = texts


def t(key: str, language: str | None, **values: Any) -> str:
    texts = _MESSAGES[key]
    template = texts.get(language or "de") or texts["de"]
    return template.format(**values) if values else template


register(
    {
        "empty_question": {
            "de": "Deine Nachricht ist leer. Stell mir einfach eine Frage zu Social Media, z. B. „Darf ich Fotos aus der Halle posten?“",
            "en": "Your message is empty. Just ask me a question about social media, e.g. “May I post photos from the shop floor?”",
        },
        "truncated": {
            "de": "Deine Nachricht war sehr lang; ich habe die ersten {limit} Zeichen gelesen.",
            "en": "Your message was very long; I read the first {limit} characters.",
        },
        "out_of_scope": {
            "de": "Dazu finde ich nichts in unseren Social-Media-Regeln. Ich helfe bei Fragen zu Social Media, Beiträgen und Kommentaren. Für andere Themen wende dich bitte an die zuständige Stelle (z. B. IT-Service oder Personalabteilung).",
            "en": "I can't find anything on that in our social media rules. I help with questions about social media, posts and comments. For other topics please contact the right team (e.g. IT service desk or HR).",
        },
        "no_index": {
            "de": "Ich habe noch kein Wissen geladen. Bitte `lotse ingest` ausführen.",
            "en": "No knowledge is loaded yet. Please run `lotse ingest`.",
        },
        "source_passage": {"de": "So steht es in {source}:", "en": "That's what {source} says:"},
        "source_passage_short": {"de": "(So steht es in {source}.)", "en": "(That's what {source} says.)"},
        "source_faq": {"de": "Aus unseren häufigen Fragen ({source}):", "en": "From our FAQ ({source}):"},
        "source_faq_short": {"de": "(Aus unseren häufigen Fragen: {source}.)", "en": "(From our FAQ: {source}.)"},
        "other_language": {
            "de": "(Diese Passage gibt es nur auf Englisch.)",
            "en": "(This passage is only available in German.)",
        },
        "see_also": {"de": "Siehe auch:", "en": "See also:"},
        "tentative_intro": {
            "de": "Ich bin nicht sicher, ob das passt. Meinst du {source}?",
            "en": "I'm not sure this fits. Do you mean {source}?",
        },
        "tentative_offer": {
            "de": "Falls nicht, gebe ich deine Frage an {contact} weiter.",
            "en": "If not, I'll pass your question on to {contact}.",
        },
        "handoff_sensitive": {
            "de": "Das ist ein Thema, bei dem ein Mensch entscheiden sollte. Ich habe deine Frage vertraulich an {contact} weitergegeben; du bekommst hier eine Antwort. Bitte poste bis dahin nichts dazu.",
            "en": "This is a matter a person should decide. I've passed your question on confidentially to {contact}; you'll get an answer here. Please don't post anything about it until then.",
        },
        "handoff_dry_run": {
            "de": "Probelauf, nichts gespeichert: Diese Frage würde ich an {contact} ({role}) weitergeben, {why}.",
            "en": "Dry run, nothing stored: I would pass this question on to {contact} ({role}), {why}.",
        },
        "dry_run_sensitive": {
            "de": "weil sie ein sensibles Thema berührt (Kategorie „{category}“)",
            "en": "because it touches a sensitive matter (category “{category}”)",
        },
        "dry_run_requested": {
            "de": "weil ausdrücklich nach einem Menschen gefragt wird",
            "en": "because a person is explicitly asked for",
        },
        "dry_run_low_confidence": {
            "de": "weil ich in den Unterlagen keine sichere Antwort finde",
            "en": "because I find no sure answer in the documents",
        },
        "handoff_requested": {
            "de": "Gern. Ich habe deine Frage an {contact} weitergegeben; du bekommst hier eine Antwort.",
            "en": "Sure. I've passed your question on to {contact}; you'll get an answer here.",
        },
        "handoff_low_confidence": {
            "de": "Da bin ich mir nicht sicher, und ich rate nicht. Ich habe deine Frage an {contact} weitergegeben; du bekommst hier eine Antwort.",
            "en": "I'm not sure about this, and I won't guess. I've passed your question on to {contact}; you'll get an answer here.",
        },
        "handoff_post_approval": {
            "de": "Ich habe deinen Entwurf zur Freigabe an {contact} geschickt. Bitte veröffentliche ihn erst nach der Freigabe.",
            "en": "I've sent your draft to {contact} for approval. Please publish it only once it is approved.",
        },
        "handoff_existing": {
            "de": "Deine Frage liegt bereits bei {contact} (Vorgang #{id}).",
            "en": "Your question is already with {contact} (case #{id}).",
        },
        "nearest_passage": {
            "de": "Bis dahin: Am nächsten kommt deiner Frage vielleicht „{section}“ in „{title}“.",
            "en": "Meanwhile, the closest passage may be “{section}” in “{title}”.",
        },
        "handoff_failed": {
            "de": "Ich konnte deine Frage gerade nicht weitergeben. Bitte schreib direkt an {email}.",
            "en": "I couldn't pass your question on just now. Please write directly to {email}.",
        },
    }
)
