"""Running both: Slack and Teams in one process, served by the same ASGI server (Slack's /slack/events and Teams'
/api/messages on one port, as `lotse serve` does), over one database; each contact person is reached on their own
platform, and a contact's inbox counts handoffs from both."""

from __future__ import annotations

import urllib.request

from tests.bot.teams.conftest import CLIENT_ID, CONTACT, EMPLOYEE, TEAMS_CONTACT_IDS, TENANT, TeamsDriver, chat_of
from tests.bot.teams.test_teams_e2e import PRESS_QUESTION, answers_to
from tests.support.fake_slack import FakeSlack

SLACK_CONTACT = "UCOMMS1"


def test_slack_and_teams_in_one_process(settings, clock, identity, connector):
    from bot.app import Lotse
    from bot.handoff.routed_notifier import RoutedNotifier
    from bot.handoff.service import HandoffRequest
    from bot.slack.app import build_app
    from bot.slack.server import SlackHTTPServer
    from bot.teams.serve import attach_teams

    contact_ids = {**TEAMS_CONTACT_IDS, "communications": [SLACK_CONTACT, *TEAMS_CONTACT_IDS["communications"]]}
    with FakeSlack() as slack:
        lotse = Lotse(
            settings.model_copy(
                update={
                    "slack_bot_token": "xoxb-test",
                    "slack_signing_secret": "s",
                    "slack_api_url": slack.api_url,
                    "teams_client_id": CLIENT_ID,
                    "teams_client_secret": "unused",
                    "teams_tenant_id": TENANT,
                    "teams_openid_metadata_url": identity.metadata_url,
                    "contact_ids": contact_ids,
                }
            ),
            clock=clock,
        )
        app = build_app(lotse)
        bot = attach_teams(lotse, None, token=identity.outgoing_token)
        server = SlackHTTPServer(app, host="127.0.0.1", port=0, routes=bot.routes).start()
        try:
            assert isinstance(lotse.notifier, RoutedNotifier)
            assert urllib.request.urlopen(server.url + "/health", timeout=10).status == 200
            teams = TeamsDriver(url=server.url, identity=identity, connector=connector)
            teams.message(PRESS_QUESTION)  # a Teams question
            answers_to(connector)
            connector.wait_for("send", where=lambda s: s.conversation_id == f"a:personal-{CONTACT}")
            slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == SLACK_CONTACT)
            lotse.handoffs.open(
                HandoffRequest(  # a Slack question, in the same database
                    platform="slack",
                    source_message_id="DEMP:1.0",
                    asker_id="UEMP",
                    asker_channel="DEMP",
                    asker_thread="1.0",
                    language="de",
                    reason="requested",
                    question="Darf ich das posten?",
                )
            )
            inbox = lotse.handoff_desk.overview(CONTACT).inbox
            assert sorted(view.platform for view in inbox) == ["slack", "teams"]
            assert not any(c.body.get("channel") == chat_of(EMPLOYEE) for c in slack.calls("chat.postMessage"))
        finally:
            server.stop()
            bot.close()
