"""Teams fixtures: the real Teams SDK app behind a real uvicorn on port 0, a local Bot Connector and a local JWKS.

`teams` drives it like Bot Connector does: activities POSTed to /api/messages with a real RS256 token signed by
the test's own key (published by `TeamsIdentity`, to which TEAMS_OPENID_METADATA_URL points); what Lotse sends
arrives at `FakeConnector` (the activities' serviceUrl). A token provider callable replaces Entra.
"""

from __future__ import annotations

import itertools
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.support.fake_connector import FakeConnector
from tests.support.local_http import Response
from tests.support.teams_identity import TeamsIdentity

CLIENT_ID = "5e1f0c2a-7d44-4d0e-9a51-0b3c7a11a0b7"
TENANT = "7c0ffee0-0000-4000-8000-00000000a11e"
EMPLOYEE = "0000e001-aaaa-4bbb-8ccc-000000000001"  # AAD object ids
CONTACT = "0000c001-aaaa-4bbb-8ccc-000000000001"
CONTACT2 = "0000c002-aaaa-4bbb-8ccc-000000000002"
STRANGER = "00005001-aaaa-4bbb-8ccc-000000000001"
NAMES = {EMPLOYEE: "Erika Mustermann", CONTACT: "Katrin Vogt", CONTACT2: "Jonas Brandt", STRANGER: "Max Fremd"}
TEAMS_CONTACT_IDS = {
    "communications": [CONTACT, CONTACT2],
    "legal": ["0000c003-aaaa-4bbb-8ccc-000000000003"],
    "data_protection": ["0000c004-aaaa-4bbb-8ccc-000000000004"],
    "hr": ["0000c005-aaaa-4bbb-8ccc-000000000005"],
    "security": ["0000c006-aaaa-4bbb-8ccc-000000000006"],
}
TEAM_CHANNEL = "19:general-nordwerk@thread.tacv2"


def chat_of(user: str) -> str:
    return f"a:chat-{user}"


@dataclass
class TeamsDriver:
    """Sends what Bot Connector would send to the bot's messaging endpoint."""

    url: str
    identity: TeamsIdentity
    connector: FakeConnector
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def post(
        self,
        activity: dict[str, Any] | str,
        *,
        token: str | None = None,
        authorization: str | None = None,
        service_url: str | None = None,
    ) -> Response:
        body = activity if isinstance(activity, str) else json.dumps(activity)
        if authorization is None:
            claim = service_url or (activity.get("serviceUrl") if isinstance(activity, dict) else None)
            authorization = "Bearer " + (token or self.identity.sign(service_url=claim))
        headers = {"Content-Type": "application/json"}
        if authorization:
            headers["Authorization"] = authorization
        request = urllib.request.Request(self.url + "/api/messages", data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Response(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode())

    # --- activities ---------------------------------------------------------------------------------
    def activity(
        self,
        kind: str,
        *,
        user: str = EMPLOYEE,
        conversation: str | None = None,
        conversation_type: str = "personal",
        locale: str = "de-DE",
        activity_id: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        return {
            "type": kind,
            "id": activity_id or f"1763{next(self._ids):09d}",
            "timestamp": datetime.now(UTC).isoformat(),
            "serviceUrl": self.connector.service_url,
            "channelId": "msteams",
            "locale": locale,
            "from": {"id": f"29:{user}", "name": NAMES.get(user, "Someone"), "aadObjectId": user},
            "conversation": {
                "id": conversation or chat_of(user),
                "conversationType": conversation_type,
                "tenantId": TENANT,
            },
            "recipient": {"id": f"28:{CLIENT_ID}", "name": "Lotse"},
            "channelData": {"tenant": {"id": TENANT}},
            **extra,
        }

    def message(self, text: str, **kw: Any) -> tuple[Response, dict[str, Any]]:
        activity = self.activity("message", text=text, textFormat="plain", **kw)
        return self.post(activity), activity

    def card_action(
        self, verb: str, data: dict[str, Any], *, user: str, reply_to: str | None = None, **kw: Any
    ) -> Response:
        value = {
            "action": {"type": "Action.Execute", "verb": verb, "data": {"verb": verb, **data}},
            "trigger": "manual",
        }
        return self.post(
            self.activity("invoke", user=user, name="adaptiveCard/action", value=value, replyToId=reply_to, **kw)
        )

    def feedback(self, reply_to: str, reaction: str = "like", *, user: str = EMPLOYEE) -> Response:
        value = {"actionName": "feedback", "actionValue": {"reaction": reaction, "feedback": "{}"}}
        return self.post(
            self.activity("invoke", user=user, name="message/submitAction", value=value, replyToId=reply_to)
        )

    def extension(self, draft: str, *, user: str = EMPLOYEE, command_id: str = "postcheck") -> Response:
        value = {"commandId": command_id, "commandContext": "compose", "data": {"draft": draft}}
        return self.post(self.activity("invoke", user=user, name="composeExtension/submitAction", value=value))

    def install_in_team(self, *, user: str = CONTACT) -> Response:
        activity = self.activity(
            "installationUpdate", user=user, conversation=TEAM_CHANNEL, conversation_type="channel", action="add"
        )
        activity["channelData"]["team"] = {"id": "19:team-nordwerk@thread.tacv2", "name": "Nordwerk"}
        return self.post(activity)


@pytest.fixture
def identity():
    with TeamsIdentity(client_id=CLIENT_ID) as served:
        yield served


@pytest.fixture
def connector():
    with FakeConnector() as fake:
        yield fake


@pytest.fixture
def teams_lotse(settings, clock, identity):
    from bot.app import Lotse

    updated = settings.model_copy(
        update={
            "teams_client_id": CLIENT_ID,
            "teams_tenant_id": TENANT,
            "contact_ids": TEAMS_CONTACT_IDS,
            "teams_openid_metadata_url": identity.metadata_url,
        }
    )
    return Lotse(updated, clock=clock)


@pytest.fixture
def teams_bot(teams_lotse, identity):
    from bot.teams.app import build_teams

    bot = build_teams(teams_lotse, token=identity.outgoing_token)
    yield bot
    bot.close()


@pytest.fixture
def teams(teams_bot, identity, connector):
    """The bot on a real uvicorn (port 0) and a driver that talks to it like Bot Connector."""
    from bot.teams.http import TeamsHTTPServer

    server = TeamsHTTPServer(teams_bot.routes, host="127.0.0.1", port=0).start()
    try:
        yield TeamsDriver(url=server.url, identity=identity, connector=connector)
    finally:
        server.stop()
