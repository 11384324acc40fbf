"""What the handoff core refuses: keyed errors (bot.errors.LotseError), rendered by each adapter.

Each class also stays the built-in exception it always was (PermissionError, ValueError, LookupError), so
code that catches those keeps working. Keys and their German and English texts are registered here.
"""

from __future__ import annotations

from typing import Any

from bot.errors import LotseError
from bot.i18n import register

register(
    {
        "handoff.error.not_a_contact": {
            "de": "Keine Berechtigung: {user} ist keine Ansprechperson.",
            "en": "Not permitted: {user} is not a contact person.",
        },
        "handoff.error.not_a_party": {
            "de": "Keine Berechtigung: {user} darf Anfrage {id} nicht sehen oder ändern.",
            "en": "Not permitted: {user} may not see or change handoff {id}.",
        },
        "handoff.error.contacts_only": {
            "de": "Das dürfen nur die Ansprechpersonen für Social Media. Es wurde nichts geändert.",
            "en": "Only the social media contact people may do this. Nothing was changed.",
        },
        "handoff.error.not_found": {
            "de": "Anfrage {id} nicht gefunden.",
            "en": "Handoff {id} not found.",
        },
        "handoff.error.not_a_number": {
            "de": "Das ist keine gültige Anfragenummer.",
            "en": "That is not a valid handoff number.",
        },
        "handoff.error.request_not_found": {
            "de": "Diese Anfrage gibt es nicht (mehr).",
            "en": "This request no longer exists.",
        },
        "handoff.error.empty_answer": {
            "de": "Die Antwort ist leer. Bitte schreib eine Antwort.",
            "en": "The answer is empty. Please write an answer.",
        },
        "handoff.error.invalid_transition": {
            "de": "Anfrage {id} hat den Status „{status}“; „{action}“ ist nicht möglich.",
            "en": "The handoff {id} is '{status}'; it cannot be {action}.",
        },
        "handoff.error.already_claimed": {
            "de": "Anfrage {id} ist bereits von dir übernommen.",
            "en": "You have already claimed the handoff {id}.",
        },
        "handoff.error.own_question_only": {
            "de": "Nur wer die Frage gestellt hat, kann sie weitergeben.",
            "en": "Only the person who asked can pass the question on.",
        },
    }
)


class HandoffError(LotseError):
    """Any refusal of the handoff core; nothing was changed."""


class PermissionDenied(HandoffError, PermissionError):
    """The actor may not do this; nothing was changed (keys: handoff.error.not_a_contact, …not_a_party,
    …contacts_only, …own_question_only)."""

    def __init__(self, key: str = "handoff.error.contacts_only", **params: Any) -> None:
        super().__init__(key, **params)


class InvalidTransition(HandoffError, ValueError):
    """The handoff's status does not allow this action (keys: …invalid_transition, …already_claimed)."""

    def __init__(self, key: str = "handoff.error.invalid_transition", **params: Any) -> None:
        super().__init__(key, **params)


class HandoffNotFound(HandoffError, LookupError):
    def __init__(self, handoff_id: int | None, key: str = "handoff.error.not_found") -> None:
        if handoff_id is None or handoff_id <= 0:  # an adapter could not read a number ("abc" → 0)
            key = "handoff.error.not_a_number"
        super().__init__(key, id=handoff_id)
        self.handoff_id = handoff_id


class EmptyAnswer(HandoffError, ValueError):
    def __init__(self) -> None:
        super().__init__("handoff.error.empty_answer")
