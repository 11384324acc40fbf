"""Teams' "Als Beispiel übernehmen": on an answered handoff card the button turns the card into a review card (the
anonymised case in an editable text field, the target, a choice when several rules flagged the draft) with
"Speichern" and "Abbrechen"; saving goes through the core (bot/learning/case_examples.py). A refusal of the text
(personal data left, the rule no longer triggers, a duplicate) keeps the review card with the reason on it, so the
contact person can correct it; "Abbrechen" brings the handoff card back and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from microsoft_teams.api import AdaptiveCardActionCardResponse, InvokeResponse
from microsoft_teams.cards import AdaptiveCard, Choice, ChoiceSetInput, TextBlock, TextInput

from bot.i18n import t
from bot.learning.case_examples import MAX_TEXT
from bot.learning.example_texts import ExampleRefused
from bot.teams import cards
from bot.teams.context import Incoming, TeamsContext

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.case_examples import ExampleProposal

VERBS = (cards.EXAMPLE_OPEN, cards.EXAMPLE_SAVE, cards.EXAMPLE_CANCEL)
TEXT_INPUT, TARGET_INPUT = "example_text", "example_target"


def handle_action(ctx: TeamsContext, incoming: Incoming, verb: str, data: dict[str, Any], language: str) -> Any:
    """Open the review, save, or cancel; refusals other than of the text reach `actions.dispatch` (a message)."""
    user, examples = incoming.user_id, ctx.lotse.case_examples
    handoff_id = _int(data.get("handoff_id"))
    if verb == cards.EXAMPLE_CANCEL:
        view = ctx.lotse.handoff_desk.view(user, handoff_id)
        return _card(cards.handoff_card(view, language, ctx.name_of))
    if verb == cards.EXAMPLE_OPEN:  # not a contact of this topic, not answered: refused here
        return _card(review_card(examples.propose(user, handoff_id), language))
    text = str(data.get(TEXT_INPUT) or "")
    target = str(data.get(TARGET_INPUT) or data.get("target") or "") or None
    try:
        saved = examples.save(user, handoff_id, target, text)
    except ExampleRefused as refused:  # the text or the target: the review card again, with the reason
        proposal = examples.propose(user, handoff_id)
        return _card(review_card(proposal, language, text=text, note=refused.text(language)))
    view = ctx.lotse.handoff_desk.view(user, handoff_id)
    return _card(cards.handoff_card(view, language, ctx.name_of, note=saved.message(language)))


def review_card(
    proposal: ExampleProposal, language: str, *, text: str | None = None, note: str | None = None
) -> AdaptiveCard:
    first = proposal.targets[0]
    body: list[Any] = [
        TextBlock(text=t("example.title", language) + f" · #{proposal.handoff_id}", weight="Bolder", size="Medium"),
        TextBlock(text=t("example.intro", language), wrap=True),
    ]
    if note:
        body.append(TextBlock(text=note, wrap=True, color="Attention"))
    if len(proposal.targets) == 1:
        body.append(TextBlock(text=f"{t('example.target_label', language)}: {first.label(language)}", wrap=True))
    else:
        choices = [Choice(title=x.label(language), value=x.key) for x in proposal.targets]
        label = t("example.target_label", language)
        body.append(ChoiceSetInput(id=TARGET_INPUT, label=label, choices=choices, value=first.key, style="compact"))
    body.append(
        TextInput(
            id=TEXT_INPUT,
            label=t("example.text_label", language),
            value=proposal.text if text is None else text,
            is_multiline=True,
            max_length=MAX_TEXT,
        )
    )
    ids = {"handoff_id": proposal.handoff_id, "target": first.key}
    actions = [
        cards.execute(t("example.save", language), cards.EXAMPLE_SAVE, ids, style="positive"),
        cards.execute(t("example.cancel", language), cards.EXAMPLE_CANCEL, {"handoff_id": proposal.handoff_id}),
    ]
    return cards.card(body, actions)


def _card(card: AdaptiveCard) -> InvokeResponse[Any]:
    return InvokeResponse(status=200, body=AdaptiveCardActionCardResponse(value=card))


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
