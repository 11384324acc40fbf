"""What the employee is told while the question waits: who has it now, when to expect an answer, what to do now.

    lines = waiting_lines(view, "de")
    # ["Katrin Vogt ist bis 18.12. nicht da; deine Frage liegt bei Dr. Jonas Albers.",
    #  "Eine Antwort kannst du ab Montag, 8 Uhr erwarten.",
    #  "Was du jetzt schon tun kannst – aus „Social-Media-Richtlinie“, Abschnitt „Presse- und Medienanfragen“: …"]

Everything comes from the handoff's `reach` record, written when it was opened (bot/handoff/service.py), so
every adapter and every later look shows the same sentences.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.handoff.views import HandoffView
from bot.i18n import register, t
from bot.models import Passage

register(
    {
        "reach.absent_until": {
            "de": "{absent} ist bis {until} nicht da; deine Frage liegt bei {holder}.",
            "en": "{absent} is away until {until}; your question is with {holder}.",
        },
        "reach.absent": {
            "de": "{absent} ist gerade nicht da; deine Frage liegt bei {holder}.",
            "en": "{absent} is away at the moment; your question is with {holder}.",
        },
        "reach.urgent_now": {
            "de": "Weil es dringend ist, habe ich {holder} sofort benachrichtigt, auch außerhalb der Arbeitszeit.",
            "en": "Because it is urgent, I have notified {holder} right away, even outside working hours.",
        },
        "reach.expected": {
            "de": "Gerade ist niemand im Dienst; eine Antwort kannst du {when} erwarten.",
            "en": "Nobody is at work right now; you can expect an answer {when}.",
        },
        "reach.when": {"de": "ab {day}, {time}", "en": "from {day}, {time}"},
        "reach.first_step": {
            "de": "Was du jetzt schon tun kannst – so steht es in „{title}“, Abschnitt „{section}“:",
            "en": "What you can do right now – as “{title}”, section “{section}”, says:",
        },
        "reach.told_contact": {
            "de": "Lotse hat der fragenden Person schon diesen Schritt genannt: „{section}“ ({document}).",
            "en": "Lotse has already given the employee this step: “{section}” ({document}).",
        },
        "reach.handed_over": {
            "de": "Übergeben von {absent} (abwesend) an {holder}.",
            "en": "Handed over from {absent} (away) to {holder}.",
        },
        "reach.status_note": {
            "de": "Kurzer Stand zu deiner Frage (#{id}): {line}",
            "en": "An update on your question (#{id}): {line}",
        },
        "reach.urgent_mark": {"de": "Dringend", "en": "Urgent"},
        "reach.escalated_mark": {
            "de": "Dringend, nicht übernommen: zum {n}. Mal weitergeleitet",
            "en": "Urgent, not claimed: passed on ({n}×)",
        },
    }
)

_DAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def waiting_lines(view: HandoffView, language: str | None = None) -> list[str]:
    """The sentences for the asker beyond "I have passed your question on to …" (may be none)."""
    language = language or view.language
    reach = view.reach or {}
    holder = reach.get("holder_name") or view.contact_name
    lines: list[str] = []
    absent = reach.get("absent") or []
    if absent and reach.get("stage") != "owner":
        lines.append(_absent_line(absent, holder, language))
    if view.urgent and reach.get("out_of_hours"):
        lines.append(t("reach.urgent_now", language, holder=holder))
    elif reach.get("expected_at"):
        expected = datetime.fromisoformat(reach["expected_at"])
        when = expected_text(expected, reach.get("timezone"), language, since=view.created_at)
        lines.append(t("reach.expected", language, when=when))
    step = first_step(view)
    if step is not None:
        section = step.section.split(" › ")[-1]
        lines.append(t("reach.first_step", language, title=step.title or step.document, section=section))
        lines.append("> " + step.text.replace("\n", "\n> "))
    return lines


def holder_note(view: HandoffView, language: str | None = None) -> str:
    """For the employee after a hand-over: „Kurzer Stand zu deiner Frage (#12): Katrin Vogt ist bis 18.12. nicht
    da; deine Frage liegt bei Dr. Jonas Albers.“ (from the handoff's `reach` record, in the asker's language)."""
    language = language or view.language
    reach = view.reach or {}
    moved = reach.get("handed_over") or {}
    holder = str(moved.get("to_name") or reach.get("holder_name") or view.contact_name)
    line = _absent_line([{"name": str(moved.get("name") or ""), "until": moved.get("until")}], holder, language)
    return t("reach.status_note", language, id=view.id, line=line)


def first_step(view: HandoffView) -> Passage | None:
    raw = (view.reach or {}).get("first_step")
    if not raw:
        return None
    passage = Passage.from_json(raw)
    return Passage(
        document=passage.document,
        title=str(raw.get("title", "")),
        section=passage.section,
        text=passage.text,
        score=passage.score,
    )


def urgency_mark(view: HandoffView, language: str) -> str | None:
    """For the contact's card: "Dringend" / "Dringend, nicht übernommen: zum 2. Mal weitergeleitet"."""
    if view.escalation_level:
        return t("reach.escalated_mark", language, n=view.escalation_level)
    return t("reach.urgent_mark", language) if view.urgent and view.is_active else None


def told_contact_line(view: HandoffView, language: str) -> str | None:
    """For the contact's card: which step the employee was already given (or None)."""
    step = first_step(view)
    if step is None:
        return None
    return t(
        "reach.told_contact", language, section=step.section.split(" › ")[-1], document=step.title or step.document
    )


def expected_text(moment: datetime, timezone: str | None, language: str, since: datetime) -> str:
    """ "ab Montag, 8 Uhr" / "from Monday, 8:00" (with the date when it is more than a week away)."""
    local = moment.astimezone(ZoneInfo(timezone or "Europe/Berlin"))
    day = _DAYS.get(language, _DAYS["de"])[local.weekday()]
    if (local.date() - since.astimezone(local.tzinfo).date()).days > 6:
        day += f" {_day(local.date(), language)}"
    if language == "en":
        clock = f"{local.hour}:{local.minute:02d}"
    else:
        clock = f"{local.hour} Uhr" if local.minute == 0 else f"{local.hour}:{local.minute:02d} Uhr"
    return t("reach.when", language, day=day, time=clock)


def _absent_line(absent: list[dict[str, Any]], holder: str, language: str) -> str:
    names = ", ".join(dict.fromkeys(entry.get("name", "") for entry in absent))
    days = [entry.get("until") for entry in absent]
    if all(days):
        last = max(date.fromisoformat(str(d)) for d in days)
        return t("reach.absent_until", language, absent=names, until=_day(last, language), holder=holder)
    return t("reach.absent", language, absent=names, holder=holder)


def _day(day: date, language: str) -> str:
    return f"{day.month}/{day.day}" if language == "en" else f"{day.day}.{day.month}."
