"""The weekly practice in Slack: a DM with the exercise and buttons A / B / C / "Nicht mehr"; one tap replaces the
buttons with the right choice, the reason and the guideline passage (Block Kit, like the handoff buttons).

`deliver(client)` is what the weekly job (bot/slack/scheduler.py `weekly_practice`) sends with; the listeners
are registered with the other ones (bot/slack/app.py)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.i18n import t
from bot.practice.render import choice_lines, outcome_text, scenario_text
from bot.practice.scenarios import LETTERS
from bot.practice.service import Assignment, Switch, parse_choice
from bot.practice.weekly import Deliver
from bot.slack.blocks import Block, escape, plain, section
from bot.slack.context import PLATFORM, slack_context
from bot.slack.replies import tell

CHOICE = "lotse_practice_choice"  # + _a, _b, _c (action ids are unique within a message)
STOP = "lotse_practice_stop"
SWITCH = "lotse_practice_switch"  # the App Home button: value "on" / "off"
_CHOICE_IDS = re.compile(rf"^{CHOICE}_[abc]$")


def register(app: App) -> None:
    app.action(_CHOICE_IDS)(chosen)
    app.action(STOP)(stop)
    app.action(SWITCH)(switched)


def switch_blocks(switch: Switch) -> list[Block]:
    """The App Home section "Training / Übung": what it is, the person's state, one button to switch."""
    button: Block = {"type": "button", "action_id": SWITCH, "text": plain(switch.button), "value": switch.to}
    if not switch.on:
        button["style"] = "primary"
    text = f"{escape(switch.what)}\n{escape(switch.state)}"
    return [
        {"type": "divider"},
        {"type": "header", "text": plain(switch.title)},
        {
            "type": "section",
            "block_id": "practice_switch",
            "text": {"type": "mrkdwn", "text": text},
            "accessory": button,
        },
    ]


def switched(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    """A tap on the App Home switch: the core switches, the home is published again with the new state."""
    from bot.slack.home import publish_home

    ack()
    ctx = slack_context(context)
    user = body["user"]["id"]
    ctx.core.practice.switch(PLATFORM, user, str(body["actions"][0].get("value") or ""), ctx.language_for(user))
    publish_home(ctx, client, user)


def exercise_blocks(assignment: Assignment) -> list[Block]:
    scenario = assignment.scenario
    language = scenario.language
    text = "\n".join(
        [
            f"*{escape(t('practice.intro', language))}*",
            "",
            escape(scenario.situation),
            "",
            *map(escape, choice_lines(scenario)),
        ]
    )
    buttons: list[Block] = [
        {
            "type": "button",
            "action_id": f"{CHOICE}_{letter.lower()}",
            "text": {"type": "plain_text", "text": letter},
            "value": f"{assignment.id}:{letter}",
        }
        for letter in LETTERS
    ]
    buttons.append(
        {
            "type": "button",
            "action_id": STOP,
            "text": {"type": "plain_text", "text": t("practice.stop_button", language)},
            "value": str(assignment.id),
        }
    )
    return [
        *section(text),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": t("practice.pick", language)}]},
        {"type": "actions", "block_id": f"practice_{assignment.id}", "elements": buttons},
    ]


def deliver(client: WebClient) -> Deliver:
    """Send an exercise as a DM (posting to a user id lands in the app's DM with them)."""

    def send(assignment: Assignment) -> None:
        client.chat_postMessage(
            channel=assignment.person.user_id,
            text=scenario_text(assignment.scenario),
            blocks=exercise_blocks(assignment),
            unfurl_links=False,
        )

    return send


def _clicked(body: dict[str, Any]) -> tuple[int, str]:
    value = str(body["actions"][0].get("value") or "")
    number, _, letter = value.partition(":")
    return int(number) if number.isdigit() else 0, letter


def _replace(client: WebClient, body: dict[str, Any], text: str, blocks: list[Block]) -> None:
    """The clicked message shows the explanation instead of its buttons (else, a private note)."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    ts = (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts")
    if channel and ts:
        client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
    else:
        tell(client, body, text)


def chosen(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    practice = slack_context(context).core.practice
    number, letter = _clicked(body)
    choice = parse_choice(letter)
    outcome = practice.answer(number, body["user"]["id"], choice if choice is not None else -1)
    scenario = outcome.scenario
    shown = "\n".join([escape(scenario.situation), "", *map(escape, choice_lines(scenario))])
    explained = outcome_text(outcome)
    _replace(client, body, explained, [*section(shown), *section(escape(explained))])


def stop(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    """ "Nicht mehr": no more exercises for this person, at once."""
    ack()
    practice = slack_context(context).core.practice
    user = body["user"]["id"]
    said = practice.opt_out(PLATFORM, user)
    _replace(client, body, said, section(escape(said)))
