"""Slack's "Als Beispiel übernehmen": the button under an answered handoff opens a modal with the anonymised case
prefilled and the target named (a choice when several post-check rules flagged the draft); "Speichern" writes it
through the core (bot/learning/case_examples.py), "Abbrechen" closes the modal and nothing is written.

Opening is live (Slack's trigger_id lasts 3 seconds); the submission is saved before it is acknowledged, so a
refusal (personal data left, the rule no longer triggers, a duplicate, not a contact of this topic) appears at the
text field and the modal stays open. The confirmation comes as a DM.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.errors import LotseError
from bot.i18n import t
from bot.learning.case_examples import MAX_TEXT
from bot.slack.blocks import EXAMPLE, Block, context, escape, plain, section
from bot.slack.context import slack_context
from bot.slack.replies import refusal_text, refuse
from bot.slack.views import action_id_number, input_value, metadata

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.case_examples import ExampleProposal

EXAMPLE_MODAL = "lotse_example_modal"
TEXT_INPUT = ("example_text_block", "example_text")
TARGET_INPUT = ("example_target_block", "example_target")


def register(app: App) -> None:
    app.action(EXAMPLE)(open_example)
    app.view(EXAMPLE_MODAL)(example_submitted)


def open_example(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    """The proposal in a modal; a refusal (not a contact of this topic, not answered, …) is told privately here:
    raised on after the ack, Bolt would drop the acknowledgement it already had."""
    ack()
    ctx, user = slack_context(context), body["user"]["id"]
    try:
        proposal = ctx.core.case_examples.propose(user, action_id_number(body) or 0)
    except LotseError as refused:
        refuse(ctx, client, body, refused)
        return
    client.views_open(trigger_id=body["trigger_id"], view=example_modal(proposal, ctx.language_for(user)))


def example_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: Any) -> None:
    ctx, user = slack_context(context), body["user"]["id"]
    meta = metadata(view)
    target = input_value(view, *TARGET_INPUT) or meta.get("target")
    try:
        saved = ctx.core.case_examples.save(
            user, int(meta.get("handoff_id") or 0), target, input_value(view, *TEXT_INPUT)
        )
    except LotseError as refused:
        ack(response_action="errors", errors={TEXT_INPUT[0]: refusal_text(ctx, user, refused)})
        return
    ack()
    client.chat_postMessage(channel=user, text=saved.message(ctx.language_for(user)))


def example_modal(proposal: ExampleProposal, lang: str) -> Block:
    """Intro, target (a choice when there are several) and the prefilled, editable text."""
    first = proposal.targets[0]
    blocks: list[Block] = section(escape(t("example.intro", lang)))
    if len(proposal.targets) == 1:
        blocks.append(context(f"*{t('example.target_label', lang)}:* {escape(first.label(lang))}"))
    else:
        options = [{"text": plain(x.label(lang)[:75]), "value": x.key} for x in proposal.targets]
        blocks.append(
            {
                "type": "input",
                "block_id": TARGET_INPUT[0],
                "label": plain(t("example.target_label", lang)),
                "element": {
                    "type": "static_select",
                    "action_id": TARGET_INPUT[1],
                    "options": options,
                    "initial_option": options[0],
                },
            }
        )
    blocks.append(
        {
            "type": "input",
            "block_id": TEXT_INPUT[0],
            "label": plain(t("example.text_label", lang)),
            "element": {
                "type": "plain_text_input",
                "action_id": TEXT_INPUT[1],
                "multiline": True,
                "initial_value": proposal.text,
                "max_length": MAX_TEXT,
            },
        }
    )
    return {
        "type": "modal",
        "callback_id": EXAMPLE_MODAL,
        "private_metadata": json.dumps({"handoff_id": proposal.handoff_id, "target": first.key}),
        "title": plain(t("example.title", lang)[:24]),
        "submit": plain(t("example.save", lang)[:24]),
        "close": plain(t("example.cancel", lang)[:24]),
        "blocks": blocks,
    }
