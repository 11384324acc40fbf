"""Absences for every adapter: one command language, German and English, and the reply to show.

    desk = AbsenceDesk(absences, handoffs, contacts, clock, timezone)
    desk.handle("U1", "abwesend bis 18.12.")    # -> "Eingetragen: Du bist bis 18.12. abwesend. …"
    desk.handle("U1", "away until 12/18")       # -> "Noted: you are away until 12/18. …"
    desk.handle("U1", "zurück") / ("back")      # -> "Willkommen zurück! …"
    desk.handle("U1", "übergeben") / ("hand over")   # open handoffs to whoever stands in
    desk.handle("U1", "Erreichbarkeit") / ("availability")   # where they stand (adapters add the buttons)
    desk.status("U1", "de")                     # AbsenceStatus for App Home / a Teams card
    desk.handle("U1", "Darf ich …?")            # -> None: not an absence command (ask the assistant)

Only contact people have absences; for anyone else `handle` returns None, so their message stays a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.clock import Clock
from bot.contacts import ContactDirectory
from bot.handoff.absences import Absences, Away
from bot.handoff.service import HandoffService
from bot.i18n import register, t

register(
    {
        "absence.away_until": {
            "de": "Eingetragen: Du bist bis {until} abwesend. Neue Anfragen gehen in der Zeit an {deputy}.",
            "en": "Noted: you are away until {until}. New questions go to {deputy} meanwhile.",
        },
        "absence.away": {
            "de": "Eingetragen: Du bist abwesend, bis du „zurück“ schreibst. Neue Anfragen gehen an {deputy}.",
            "en": "Noted: you are away until you write “back”. New questions go to {deputy}.",
        },
        "absence.open_left": {
            "de": "Du hast noch {n} offene Anfrage(n). Schreib „übergeben“, dann gebe ich sie an {deputy} weiter.",
            "en": "You still hold {n} open question(s). Write “hand over” and I'll pass them on to {deputy}.",
        },
        "absence.handed_over": {
            "de": "Erledigt: {n} Anfrage(n) an {deputy} übergeben.",
            "en": "Done: {n} question(s) handed over to {deputy}.",
        },
        "absence.nothing_to_hand_over": {
            "de": "Du hast keine offenen Anfragen, die übergeben werden müssten.",
            "en": "You hold no open questions that need handing over.",
        },
        "absence.back": {
            "de": "Willkommen zurück! Neue Anfragen gehen wieder an dich.",
            "en": "Welcome back! New questions come to you again.",
        },
        "absence.not_away": {
            "de": "Du warst nicht als abwesend eingetragen; Anfragen kommen zu dir.",
            "en": "You were not marked as away; questions come to you.",
        },
        "absence.bad_date": {
            "de": "Dieses Datum verstehe ich nicht (oder es liegt in der Vergangenheit). Beispiel: „abwesend bis 18.12.“",
            "en": "I don't understand that date (or it is in the past). Example: “away until 12/18”",
        },
        "absence.nobody": {"de": "niemanden (bitte eine Vertretung eintragen)", "en": "nobody (please name a deputy)"},
        # the buttons and their texts (Slack App Home, Teams card)
        "absence.title": {"de": "Erreichbarkeit", "en": "Availability"},
        "absence.status_away_until": {
            "de": "Du bist bis {until} als abwesend eingetragen; neue Anfragen gehen an {deputy}.",
            "en": "You are marked away until {until}; new questions go to {deputy}.",
        },
        "absence.status_away": {
            "de": "Du bist als abwesend eingetragen, bis du zurück bist; neue Anfragen gehen an {deputy}.",
            "en": "You are marked away until you are back; new questions go to {deputy}.",
        },
        "absence.status_present": {
            "de": "Du bist erreichbar: neue Anfragen kommen zu dir. Wenn du weg bist, gehen sie an {deputy}.",
            "en": "You are available: new questions come to you. When you are away they go to {deputy}.",
        },
        "absence.status_held": {
            "de": "Du hast {n} offene Anfrage(n), die noch bei dir liegen.",
            "en": "{n} open question(s) are still with you.",
        },
        "absence.button_away": {"de": "Abwesend melden", "en": "Set me away"},
        "absence.button_back": {"de": "Ich bin zurück", "en": "I'm back"},
        "absence.button_hand_over": {"de": "{n} offene an {deputy} übergeben", "en": "Hand {n} open to {deputy}"},
        "absence.modal_title": {"de": "Abwesend melden", "en": "Set me away"},
        "absence.modal_submit": {"de": "Eintragen", "en": "Save"},
        "absence.until_label": {"de": "Letzter Tag der Abwesenheit", "en": "Last day away"},
        "absence.until_hint": {
            "de": "Leer lassen, wenn du noch nicht weißt, wann du zurück bist.",
            "en": "Leave empty if you don't know yet when you'll be back.",
        },
        "absence.hand_over_option": {
            "de": "Meine offenen Anfragen gleich an die Vertretung übergeben",
            "en": "Hand my open questions to the deputy right away",
        },
    }
)

_AWAY = re.compile(
    r"^\s*/?(?P<word>abwesend|urlaub|away|out of office|ooo)\b(?:\s+(?:bis(?:\s+zum)?|until|till|to)\s+(?P<until>\S+))?"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)
_BACK = re.compile(r"^\s*/?(?P<word>zurück|zurueck|wieder da|back|i'?m back)\s*[.!]?\s*$", re.IGNORECASE)
_HAND_OVER = re.compile(r"^\s*/?(?P<word>übergeben|uebergeben|hand over|handover)\s*[.!]?\s*$", re.IGNORECASE)
_STATUS = re.compile(r"^\s*/?(?P<word>erreichbarkeit|abwesenheit|availability)\s*[.!?]?\s*$", re.IGNORECASE)
_GERMAN = {"abwesend", "urlaub", "zurück", "zurueck", "wieder da", "übergeben", "uebergeben", "erreichbarkeit"}
_GERMAN |= {"abwesenheit"}


@dataclass(frozen=True)
class AbsenceStatus:
    """What a contact person's availability panel shows (Slack App Home, Teams card)."""

    away: Away | None
    text: str  # „Du bist bis 18.12. als abwesend eingetragen; neue Anfragen gehen an …“
    held: int  # active handoffs a hand-over would move
    stand_in: str  # who gets new questions while they are away

    def hand_over_label(self, language: str) -> str:
        return t("absence.button_hand_over", language, n=self.held, deputy=self.stand_in)


@dataclass(frozen=True)
class AbsenceCommand:
    action: str  # away | back | hand_over | status
    language: str
    until: str | None = None  # as written


def parse(text: str | None) -> AbsenceCommand | None:
    """An absence command, or None for anything else."""
    text = text or ""
    for action, pattern in (("away", _AWAY), ("back", _BACK), ("hand_over", _HAND_OVER), ("status", _STATUS)):
        match = pattern.match(text)
        if match:
            word = match.group("word").lower()
            until = match.groupdict().get("until")
            return AbsenceCommand(action, "de" if word in _GERMAN else "en", until)
    return None


def language_of(text: str | None, default: str = "de") -> str:
    """The language an absence command was written in ("abwesend" → de, "away" → en)."""
    command = parse(text)
    return command.language if command is not None else default


def parse_day(text: str, today: date, language: str) -> date | None:
    """ "18.12." / "18.12.2026" (German), "12/18" / "12/18/2026" (English), "2026-12-18" (both); the next such day
    from `today` when the year is left out. None when it is not a date."""
    text = text.strip().rstrip(".")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.?(\d{2,4})?", text):
            day, month, year = match.groups()
        elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", text):
            month, day, year = match.groups()
        else:
            return None
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
        candidate = date(today.year, int(month), int(day))
        return candidate if candidate >= today else date(today.year + 1, int(month), int(day))
    except ValueError:
        return None


class AbsenceDesk:
    def __init__(
        self, absences: Absences, handoffs: HandoffService, contacts: ContactDirectory, clock: Clock, timezone: str
    ) -> None:
        self._absences = absences
        self._handoffs = handoffs
        self._contacts = contacts
        self._clock = clock
        self._timezone = timezone

    def handle(self, user_id: str, text: str | None, platform: str = "", language: str | None = None) -> str | None:
        """The reply to an absence command of a contact person, or None (not a command, or not a contact)."""
        command = parse(text)
        if command is None or not self._contacts.is_contact(user_id):
            return None
        language = language or command.language
        if command.action == "back":
            return self.back(user_id, language)
        if command.action == "hand_over":
            return self.hand_over(user_id, language)
        if command.action == "status":  # "Erreichbarkeit" / "availability": the panel as text (buttons by adapter)
            status = self.status(user_id, language)
            return status.text if status is not None else None
        return self.away(user_id, command.until, platform, language)

    def away(self, user_id: str, until_text: str | None, platform: str, language: str) -> str:
        until = parse_day(until_text, self.today(), language) if until_text else None
        if until_text and until is None:
            return t("absence.bad_date", language)
        return self.away_until(user_id, until, platform, language)

    def away_until(
        self, user_id: str, until: date | None, platform: str, language: str, *, hand_over: bool = False
    ) -> str:
        """Away from now until the end of `until` (or until back); with `hand_over`, the open ones go too."""
        try:
            self._absences.set_away(user_id, until, platform)
        except ValueError:
            return t("absence.bad_date", language)
        deputy = self.stand_in(user_id) or t("absence.nobody", language)
        if until is not None:
            said = t("absence.away_until", language, until=_day(until, language), deputy=deputy)
        else:
            said = t("absence.away", language, deputy=deputy)
        if hand_over:
            return said + "\n" + self.hand_over(user_id, language)
        held = self._held(user_id)
        if held:
            said += "\n" + t("absence.open_left", language, n=held, deputy=deputy)
        return said

    def back(self, user_id: str, language: str) -> str:
        return t("absence.back" if self._absences.back(user_id) else "absence.not_away", language)

    def status(self, user_id: str, language: str) -> AbsenceStatus | None:
        """The availability panel of a contact person (None for anyone else)."""
        if not self._contacts.is_contact(user_id):
            return None
        away = self._absences.current(user_id)
        deputy = self.stand_in(user_id) or t("absence.nobody", language)
        if away is None:
            text = t("absence.status_present", language, deputy=deputy)
        elif away.until_day is not None:
            text = t("absence.status_away_until", language, until=_day(away.until_day, language), deputy=deputy)
        else:
            text = t("absence.status_away", language, deputy=deputy)
        held = self._held(user_id)
        if held:
            text += " " + t("absence.status_held", language, n=held)
        return AbsenceStatus(away=away, text=text, held=held, stand_in=deputy)

    def today(self) -> date:
        from zoneinfo import ZoneInfo

        return self._clock.now().astimezone(ZoneInfo(self._timezone)).date()

    def hand_over(self, user_id: str, language: str) -> str:
        moved = self._handoffs.hand_over(user_id)
        if not moved:
            return t("absence.nothing_to_hand_over", language)
        deputy = self.stand_in(user_id) or t("absence.nobody", language)
        return t("absence.handed_over", language, n=len(moved), deputy=deputy)

    def stand_in(self, user_id: str) -> str:
        """Who gets the user's new handoffs while they are away (the names of the first present stage)."""
        absent = self._absences.absent_ids() | {user_id}
        ids: list[str] = []
        for role in self._contacts.roles_of(user_id):
            stage = self._handoffs.reach.first(role, absent)
            if stage is not None and stage.kind != "absent_owner":
                ids += [uid for uid in stage.user_ids if uid not in ids]
        return self._contacts.names_of(ids)

    def _held(self, user_id: str) -> int:
        return len(self._handoffs.held_by(user_id))


def _day(day: date, language: str) -> str:
    return f"{day.month}/{day.day}" if language == "en" else f"{day.day}.{day.month}."
