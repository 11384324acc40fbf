"""The 401 battery: only activities signed by the Bot Framework key, for us, unexpired, naming the serviceUrl
they were issued for, reach Lotse; everything else is refused with 401 and nothing is sent anywhere."""

from __future__ import annotations

import threading
import time
import urllib.request

from tests.bot.teams.conftest import EMPLOYEE
from tests.support.teams_identity import new_key

QUESTION = "Darf ich ein Foto von meinen Kollegen posten?"


def refused(teams, connector, response) -> None:
    assert response.status == 401, response.body
    time.sleep(0.5)  # anything the app would send has had time to arrive
    assert connector.sent() == []


def test_unsigned_request_is_refused(teams, connector):
    _, activity = None, teams.activity("message", text=QUESTION)
    refused(teams, connector, teams.post(activity, authorization=""))


def test_token_signed_with_another_key_is_refused(teams, identity, connector):
    activity = teams.activity("message", text=QUESTION)
    forged = identity.sign(service_url=activity["serviceUrl"], key=new_key())  # same kid, wrong key
    refused(teams, connector, teams.post(activity, token=forged))


def test_expired_token_is_refused(teams, identity, connector):
    activity = teams.activity("message", text=QUESTION)
    expired = identity.sign(service_url=activity["serviceUrl"], expires_in=-3600)  # past the SDK's 5 min leeway
    refused(teams, connector, teams.post(activity, token=expired))


def test_token_for_another_bot_is_refused(teams, identity, connector):
    activity = teams.activity("message", text=QUESTION)
    other = identity.sign(service_url=activity["serviceUrl"], audience="11111111-2222-3333-4444-555555555555")
    refused(teams, connector, teams.post(activity, token=other))


def test_service_url_not_matching_the_token_is_refused(teams, identity, connector):
    activity = teams.activity("message", text=QUESTION)
    token = identity.sign(service_url="https://smba.trafficmanager.net/emea/")  # issued for Microsoft's URL
    refused(teams, connector, teams.post(activity, token=token))  # the activity names our local connector


def test_activity_without_service_url_is_refused(teams, identity, connector):
    activity = teams.activity("message", text=QUESTION)
    del activity["serviceUrl"]
    token = identity.sign(service_url=None)
    refused(teams, connector, teams.post(activity, token=token))


def test_wrong_issuer_is_refused(teams, identity, connector):
    activity = teams.activity("message", text=QUESTION)
    token = identity.sign(service_url=activity["serviceUrl"], issuer="https://evil.example.com")
    refused(teams, connector, teams.post(activity, token=token))


def test_malformed_body_is_refused_before_the_sdk(teams, connector):
    assert teams.post("not json", authorization="Bearer x").status == 400
    assert teams.post("[1, 2]", authorization="Bearer x").status == 400
    assert connector.sent() == []


def test_a_valid_token_is_accepted(teams, connector):
    response, activity = teams.message(QUESTION)
    assert response.status == 200
    connector.wait_for("send", where=lambda s: s.type == "message")


def test_the_key_fetch_does_not_stop_the_event_loop(teams, identity):
    """While the JWKS answers slowly, the same server still answers other requests at once."""
    identity.delay = 2.0
    activity = teams.activity("message", text=QUESTION, user=EMPLOYEE)
    slow = threading.Thread(target=teams.post, args=(activity,))
    slow.start()
    time.sleep(0.3)  # the first request is now waiting for the keys
    started = time.monotonic()
    with urllib.request.urlopen(teams.url + "/health", timeout=5) as response:
        assert response.status == 200
    assert time.monotonic() - started < 1.0
    slow.join(timeout=10)
    assert identity.key_fetches >= 1


def test_forged_key_ids_do_not_make_lotse_fetch_the_keys_each_time(teams, identity, connector):
    assert teams.message(QUESTION)[0].status == 200  # a valid token: its key id is known from now on
    fetched = identity.key_fetches
    for number in range(20):
        activity = teams.activity("message", text=QUESTION)
        forged = identity.sign(service_url=activity["serviceUrl"], key=new_key(), kid=f"forged-{number}")
        assert teams.post(activity, token=forged).status == 401
    assert identity.key_fetches - fetched <= 1  # at most one refetch per 30 s for unknown key ids
    assert teams.message("Darf ich Fotos aus der Halle posten?")[0].status == 200  # the real key still works
