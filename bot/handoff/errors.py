"""What the handoff core refuses, with messages fit to show a user (German / English)."""

from __future__ import annotations


class PermissionDenied(PermissionError):
    """The actor may not do this; nothing was changed."""

    def __init__(self, detail_de: str, detail_en: str) -> None:
        super().__init__(f"Keine Berechtigung / Not permitted: {detail_de} / {detail_en}")


class InvalidTransition(ValueError):
    """The handoff's status does not allow this action; nothing was changed."""


class HandoffNotFound(LookupError):
    def __init__(self, handoff_id: int | None) -> None:
        if handoff_id is None or handoff_id <= 0:  # an adapter could not read a number ("abc" → 0)
            super().__init__("Das ist keine gültige Anfragenummer / That is not a valid handoff number")
        else:
            super().__init__(f"Anfrage {handoff_id} nicht gefunden / Handoff {handoff_id} not found")
        self.handoff_id = handoff_id


class EmptyAnswer(ValueError):
    def __init__(self) -> None:
        super().__init__("Die Antwort ist leer / The answer is empty")
