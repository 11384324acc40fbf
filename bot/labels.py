"""Words, not ids: how categories, handoff reasons, statuses and languages read in German and English.

Every text a user reads (terminal, inbox, report, Slack cards) names a category as "Datenpanne", never
"data_leak". A category a company adds in its own triage.yaml or post-check rules reads as its id with spaces
("supplier_audit" → "supplier audit") until it gets words here.
"""

from __future__ import annotations

from bot.i18n import register, t

CATEGORIES = {
    # sensitive categories of the triage (bot/triage/default.yaml)
    "press": ("Presseanfrage", "press inquiry"),
    "crisis": ("Krise", "crisis"),
    "legal": ("Rechtliches", "legal matter"),
    "data_leak": ("Datenpanne", "data leak"),
    "security": ("IT-Sicherheit", "IT security"),
    "harassment": ("Belästigung", "harassment"),
    "wellbeing": ("Belastung", "wellbeing"),
    "misconduct": ("Fehlverhalten", "misconduct"),
    "insider": ("Insiderinformationen", "insider information"),
    "endorsement": ("bezahlte Kooperation", "paid endorsement"),
    # categories of the post-check rules (knowledge/postcheck/)
    "competition": ("Wettbewerb", "competition"),
    "confidential": ("Vertrauliches", "confidential information"),
    "customers": ("Kunden", "customers"),
    "disclosure": ("Kennzeichnung", "disclosure"),
    "figures": ("Zahlen", "figures"),
    "incidents": ("Vorfälle", "incidents"),
    "personal_data": ("personenbezogene Daten", "personal data"),
    "personnel": ("Personalthemen", "personnel matters"),
    "photos": ("Fotos", "photos"),
    "spokesperson": ("Sprechen für das Unternehmen", "speaking for the company"),
    "strategy": ("Strategie", "strategy"),
    "tone": ("Tonfall", "tone"),
    "unannounced_product": ("unangekündigte Produkte", "unannounced products"),
    "none": ("ohne Kategorie", "no category"),
}
REASONS = {
    "sensitive": ("heikles Thema", "sensitive topic"),
    "low_confidence": ("Lotse war unsicher", "Lotse was unsure"),
    "requested": ("Mensch gewünscht", "person requested"),
    "post_approval": ("Freigabe eines Beitrags", "post approval"),
}
STATUSES = {
    "open": ("offen", "open"),
    "claimed": ("übernommen", "claimed"),
    "answered": ("beantwortet", "answered"),
    "resolved": ("erledigt", "resolved"),
}
LANGUAGES = {"de": ("Deutsch", "German"), "en": ("Englisch", "English")}

for _kind, _table in (("category", CATEGORIES), ("reason", REASONS), ("status", STATUSES), ("language", LANGUAGES)):
    register({f"label.{_kind}.{key}": {"de": de, "en": en} for key, (de, en) in _table.items()})


def _word(kind: str, table: dict[str, tuple[str, str]], key: str, language: str | None) -> str:
    if key in table:
        return t(f"label.{kind}.{key}", language)
    return key.replace("_", " ").replace("-", " ")


def category_label(category: str | None, language: str | None) -> str:
    """ "Datenpanne" for data_leak; "ohne Kategorie" when there is none."""
    return _word("category", CATEGORIES, category or "none", language)


def reason_label(reason: str, language: str | None) -> str:
    return _word("reason", REASONS, reason, language)


def status_label(status: str, language: str | None) -> str:
    return _word("status", STATUSES, status, language)


def language_label(code: str, language: str | None) -> str:
    return _word("language", LANGUAGES, code, language)
