"""German and English texts of the report (registered in bot.i18n)."""

from __future__ import annotations

from bot.i18n import register, t
from bot.labels import category_label

LABELS = {
    "questions": ("Fragen gestellt", "Questions asked"),
    "answered": ("von Lotse beantwortet", "answered by Lotse"),
    "handed_off": ("weitergegeben", "handed off"),
    "out_of_scope": ("außerhalb des Themas", "out of scope"),
    "handoffs_opened": ("Anfragen eröffnet", "handoffs opened"),
    "handoffs_claimed": ("übernommen", "claimed"),
    "handoffs_answered": ("beantwortet", "answered"),
    "handoffs_resolved": ("erledigt", "resolved"),
    "handoffs_still_open": ("noch offen (ohne Antwort)", "still open (unanswered)"),
    "first_response_median_h": ("Zeit bis zur ersten Antwort, Median (h)", "time to first response, median (h)"),
    "first_response_p90_h": (
        "Zeit bis zur ersten Antwort, 90. Perzentil (h)",
        "time to first response, 90th percentile (h)",
    ),
    "resolution_median_h": ("Zeit bis zur Erledigung, Median (h)", "time to resolution, median (h)"),
    "resolution_p90_h": ("Zeit bis zur Erledigung, 90. Perzentil (h)", "time to resolution, 90th percentile (h)"),
    "sla_breaches": ("SLA verletzt", "SLA breaches"),
    "deliveries_pending": ("Zustellung ausstehend", "delivery pending"),
    "deliveries_failed": ("Zustellung fehlgeschlagen", "delivery failed"),
    "post_checks": ("Beitrags-Checks", "post checks"),
    "helpful": ("hilfreich", "helpful"),
    "not_helpful": ("nicht hilfreich", "not helpful"),
    "handoff_reason.sensitive": ("Grund: sensibles Thema", "reason: sensitive topic"),
    "handoff_reason.low_confidence": ("Grund: unsicher", "reason: low confidence"),
    "handoff_reason.requested": ("Grund: Mensch gewünscht", "reason: person requested"),
    "handoff_reason.post_approval": ("Grund: Freigabe", "reason: post approval"),
    "verdict.ok": ("Urteil: ok", "verdict: ok"),
    "verdict.revise": ("Urteil: überarbeiten", "verdict: revise"),
    "verdict.approval": ("Urteil: Freigabe nötig", "verdict: approval needed"),
}

register({f"report_label_{key}": {"de": de, "en": en} for key, (de, en) in LABELS.items()})
register(
    {
        "report_title": {"de": "Lotse-Wochenbericht {week}", "en": "Lotse weekly report {week}"},
        "report_period": {
            "de": "{start} bis {end} (Europe/Berlin), verglichen mit {previous}",
            "en": "{start} to {end} (Europe/Berlin), compared with {previous}",
        },
        "report_questions": {"de": "Fragen", "en": "Questions"},
        "report_handoffs": {"de": "Anfragen an Ansprechpersonen", "en": "Handoffs to contact people"},
        "report_reasons": {"de": "Weitergegeben nach Grund", "en": "Handed off by reason"},
        "report_category_row": {"de": "Kategorie: {category}", "en": "category: {category}"},
        "report_categories": {"de": "Weitergegeben nach Kategorie", "en": "Handed off by category"},
        "report_response": {"de": "Reaktionszeiten", "en": "Response times"},
        "report_postchecks": {"de": "Beitrags-Checks", "en": "Post checks"},
        "report_feedback": {"de": "Rückmeldungen", "en": "Feedback"},
        "report_topics": {
            "de": "Häufigste Themen (Abschnitt der Richtlinie)",
            "en": "Most asked topics (guideline section)",
        },
        "report_gaps": {"de": "Wissenslücken", "en": "Knowledge gaps"},
        "report_gaps_intro": {
            "de": "Fragen, die mangels Sicherheit weitergegeben oder als nicht hilfreich bewertet wurden, nach Bedeutung gruppiert. Sensible Fragen werden nur gezählt, nie zitiert.",
            "en": "Questions handed off for low confidence or rated not helpful, grouped by meaning. Sensitive questions are only counted, never quoted.",
        },
        "report_gaps_none": {"de": "Keine Wissenslücken in dieser Woche.", "en": "No knowledge gaps this week."},
        "report_gap_line": {
            "de": "{count}× (unsicher {low}, nicht hilfreich {bad}), am nächsten: {section} ({similarity})",
            "en": "{count}× (low confidence {low}, not helpful {bad}), closest: {section} ({similarity})",
        },
        "report_gap_no_section": {"de": "kein passender Abschnitt", "en": "no matching section"},
        "report_examples_off": {
            "de": "Beispielfragen sind ausgeschaltet (report_examples).",
            "en": "Example questions are turned off (report_examples).",
        },
        "report_examples": {"de": "Beispiele", "en": "Examples"},
        "report_figure": {"de": "Kennzahl", "en": "Figure"},
        "report_this_week": {"de": "Diese Woche", "en": "This week"},
        "report_previous_week": {"de": "Vorwoche", "en": "Previous week"},
        "report_change": {"de": "Veränderung", "en": "Change"},
        "report_count": {"de": "Anzahl", "en": "Count"},
        "report_section": {"de": "Abschnitt", "en": "Section"},
        "report_none": {"de": "keine", "en": "none"},
        "report_chart": {"de": "Diagramm", "en": "Chart"},
        "report_chart_days": {"de": "Fragen pro Tag nach Ergebnis", "en": "Questions per day by outcome"},
        "report_chart_times": {"de": "Reaktionszeiten der Anfragen (Stunden)", "en": "Handoff response times (hours)"},
        "report_chart_first": {"de": "erste Antwort", "en": "first response"},
        "report_chart_resolution": {"de": "Erledigung", "en": "resolution"},
        "report_chart_empty": {"de": "keine Antworten in dieser Woche", "en": "no responses this week"},
        "report_sla_note": {
            "de": "SLA: erste Antwort innerhalb von {hours} Arbeitsstunden; gezählt in der Woche, in der die Frist ablief.",
            "en": "SLA: first response within {hours} business hours; counted in the week the deadline passed.",
        },
        "report_post_failed": {
            "de": "Der Wochenbericht {week} konnte nicht gepostet werden.",
            "en": "The weekly report {week} could not be posted.",
        },
    }
)

DAY_NAMES = {"de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"), "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def label(key: str, language: str) -> str:
    if key in LABELS:
        return t(f"report_label_{key}", language)
    if key.startswith("handoff_category."):
        name = key.split(".", 1)[1]
        if name == "none":
            return category_label(None, language)  # "ohne Kategorie"
        return t("report_category_row", language, category=category_label(name, language))
    return key


def number(value: object, language: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",") if language == "de" else text
    return str(value)


def signed(value: object, language: str) -> str:
    if value is None:
        return "–"
    if value == 0:
        return "±0"
    text = number(value, language)
    return text if text.startswith("-") else "+" + text


def date_text(day: object, language: str) -> str:
    return day.strftime("%d.%m.%Y") if language == "de" else day.isoformat()  # type: ignore[attr-defined]
