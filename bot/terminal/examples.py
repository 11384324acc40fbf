"""The terminal's "Als Beispiel übernehmen" (`lotse handoffs example ID`): the anonymised case and its target are
shown, the contact person may type a new text (Enter keeps it) and pick another target when several rules flagged
the draft, then saves (j) or cancels (anything else). `/anfragen` in the chat does not ask (yet): its scripted
walkthrough in README.md is generated from a real run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.errors import LotseError
from bot.i18n import register, t
from bot.terminal import texts  # noqa: F401  (registers term.yes)
from bot.terminal.console import Console

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.case_examples import CaseExamples, ExampleProposal, SavedExample

register(
    {
        "term.example_text": {
            "de": "Neuer Text (Enter = so übernehmen)",
            "en": "New text (Enter = keep it)",
        },
        "term.example_target": {"de": "Ziel Nr. (Enter = 1)", "en": "Target no. (Enter = 1)"},
        "term.example_save": {"de": "Speichern? (j/n)", "en": "Save? (y/n)"},
        "term.example_cancelled": {"de": "Abgebrochen, nichts gespeichert.", "en": "Cancelled, nothing saved."},
    }
)


def review_example(
    examples: CaseExamples, actor: str, handoff_id: int, console: Console, language: str
) -> SavedExample | None:
    """Propose, let the contact person edit and confirm, save; refusals are said, None when nothing was saved."""
    try:
        proposal = examples.propose(actor, handoff_id)
    except LotseError as refused:
        console.say(refused.text(language))
        return None
    console.say(_shown(proposal, language))
    key = _pick_target(proposal, console, language)
    text = (console.ask(t("term.example_text", language) + " ›") or "").strip() or proposal.text
    if not console.confirm(t("term.example_save", language) + " ›", t("term.yes", language)):
        console.say(t("term.example_cancelled", language))
        return None
    try:
        saved = examples.save(actor, handoff_id, key, text)
    except LotseError as refused:
        console.say(refused.text(language))
        return None
    console.say(saved.message(language))
    return saved


def _shown(proposal: ExampleProposal, language: str) -> str:
    lines = [t("example.intro", language), "", f"  „{proposal.text}“", "", t("example.target_label", language) + ":"]
    lines += [f"  {number}. {target.label(language)}" for number, target in enumerate(proposal.targets, start=1)]
    return "\n".join(lines)


def _pick_target(proposal: ExampleProposal, console: Console, language: str) -> str:
    if len(proposal.targets) == 1:
        return proposal.targets[0].key
    choice = (console.ask(t("term.example_target", language) + " ›") or "").strip()
    number = int(choice) if choice.isdigit() and 1 <= int(choice) <= len(proposal.targets) else 1
    return proposal.targets[number - 1].key
