"""The weekly practice in Teams: an Adaptive Card with the exercise and Action.Execute buttons A / B / C /
"Nicht mehr"; one tap replaces the card with the right choice, the reason and the guideline passage.

`add_practice_jobs` puts the weekly send on the scheduler of `lotse serve` (bot/teams/serve.py), the same job as
Slack's (bot/practice/weekly.py): once per person and week, within working hours, one replica per slot."""

from __future__ import annotations

import logging
from typing import Any

from microsoft_teams.api import AdaptiveCardActionCardResponse, InvokeResponse, MessageActivityInput
from microsoft_teams.cards import AdaptiveCard, TextBlock

from bot.i18n import t
from bot.practice.render import choice_lines, outcome_text, scenario_text
from bot.practice.scenarios import LETTERS
from bot.practice.service import Assignment, Outcome, Switch, parse_choice
from bot.practice.weekly import Deliver, add_practice_job, run_if_due
from bot.teams.cards import card, execute
from bot.teams.context import PLATFORM, Incoming, TeamsContext

log = logging.getLogger(__name__)
CHOICE, STOP, SWITCH = "practice_choice", "practice_stop", "practice_switch"
VERBS = (CHOICE, STOP, SWITCH)
JOB_ID = "practice_teams"


def exercise_card(assignment: Assignment) -> AdaptiveCard:
    scenario = assignment.scenario
    language = scenario.language
    body = [
        TextBlock(text=t("practice.intro", language), weight="Bolder", wrap=True),
        TextBlock(text=scenario.situation, wrap=True),
        *(TextBlock(text=line, wrap=True) for line in choice_lines(scenario)),
        TextBlock(text=t("practice.pick", language), is_subtle=True, wrap=True),
    ]
    actions = [execute(letter, CHOICE, {"assignment_id": assignment.id, "choice": letter}) for letter in LETTERS]
    actions.append(execute(t("practice.stop_button", language), STOP, {"assignment_id": assignment.id}))
    return card(body, actions)


def outcome_card(outcome: Outcome) -> AdaptiveCard:
    scenario = outcome.scenario
    lines = outcome_text(outcome).split("\n")
    body = [
        TextBlock(text=scenario.situation, wrap=True),
        *(TextBlock(text=line, wrap=True) for line in choice_lines(scenario)),
        *(
            TextBlock(text=line, wrap=True, weight="Bolder" if i == len(lines) - 3 else None)
            for i, line in enumerate(lines)
        ),
    ]
    return card(body)


def switch_card(switch: Switch) -> AdaptiveCard:
    """ "Training / Übung": what it is, the person's state, one button to switch (the reply to "training")."""
    body = [
        TextBlock(text=switch.title, weight="Bolder", wrap=True),
        TextBlock(text=switch.what, wrap=True),
        TextBlock(text=switch.state, wrap=True),
    ]
    return card(body, [execute(switch.button, SWITCH, {"to": switch.to}, style=None if switch.on else "positive")])


def send_switch(ctx: TeamsContext, incoming: Incoming, language: str) -> None:
    switch = ctx.lotse.practice.switch_view(PLATFORM, incoming.user_id, language)
    reply = MessageActivityInput(text=f"{switch.title}: {switch.state}").add_card(switch_card(switch))
    ctx.sender.send(incoming.conversation_id, incoming.service_url, reply)


def deliver(ctx: TeamsContext) -> Deliver:
    def send(assignment: Assignment) -> None:
        conversation, service_url = ctx.personal(assignment.person.user_id)
        activity = MessageActivityInput(text=scenario_text(assignment.scenario)).add_card(exercise_card(assignment))
        ctx.sender.send(conversation, service_url, activity)

    return send


def handle_action(ctx: TeamsContext, incoming: Incoming, verb: str, data: dict[str, Any]) -> Any:
    """A tap on a practice card: the explanation replaces the card; "Nicht mehr" ends practice for this person; the
    switch card's button switches and shows the new state."""
    practice = ctx.lotse.practice
    try:
        number = int(data.get("assignment_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = 0
    if verb == SWITCH:  # the core switches; the card shows the new state
        language = ctx.language_for(incoming.user_id, incoming.language)
        practice.switch(PLATFORM, incoming.user_id, str(data.get("to") or ""), language)
        return _card(switch_card(practice.switch_view(PLATFORM, incoming.user_id, language)))
    if verb == STOP:
        said = practice.opt_out(PLATFORM, incoming.user_id)
        return _card(card([TextBlock(text=said, wrap=True)]))
    choice = parse_choice(str(data.get("choice") or ""))
    outcome = practice.answer(number, incoming.user_id, choice if choice is not None else -1)
    return _card(outcome_card(outcome))


def _card(value: AdaptiveCard) -> InvokeResponse[Any]:
    return InvokeResponse(status=200, body=AdaptiveCardActionCardResponse(value=value))


def add_practice_jobs(scheduler: Any, ctx: TeamsContext) -> None:
    from bot.slack.scheduler import first_in_slot

    lotse = ctx.lotse
    outbox = lotse.practice_deliveries
    outbox.register(PLATFORM, deliver(ctx))

    def run() -> None:
        if not first_in_slot(lotse, JOB_ID, 30):
            return
        sent = run_if_due(lotse.practice, lotse.settings, lotse.clock.now(), PLATFORM, outbox)
        if sent:
            log.info("sent %s weekly practice exercise(s) in Teams", sent)

    add_practice_job(scheduler, JOB_ID, run, lotse.settings.timezone)
