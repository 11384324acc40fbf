"""Inbound authentication for /api/messages: the SDK's JWT validation, kept off the event loop, never skipped.

The SDK validates every activity's token (RS256 signature against the Bot Framework JWKS, issuer, audience =
our client id, expiry, and the `serviceurl` claim equal to the activity's serviceUrl). Two gaps are closed here:
- it fetches the JWKS with a blocking `urllib` call (PyJWT's PyJWKClient) inside its async handler, which would
  stop every other request while Microsoft's key endpoint answers: validation runs in a worker thread;
- it checks the `serviceurl` claim only when the activity names a serviceUrl: an activity without one is
  refused here (Lotse would not know where to answer, and an unchecked address must never get our token);
- PyJWKClient fetches the key set again for every token whose key id it does not know, so anyone could make
  Lotse call the key endpoint once per forged request: a key id not seen in a valid token passes to the SDK at
  most once per UNKNOWN_KID_INTERVAL_S (the real key rollover gets through), other such tokens are refused.
`dangerously_allow_unauthenticated_requests` is never set: with credentials it would send the bot's real token to
whatever serviceUrl a request names.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any

import jwt
from microsoft_teams.api.auth.cloud_environment import PUBLIC, CloudEnvironment, with_overrides

from bot.settings import Settings

log = logging.getLogger(__name__)
UNKNOWN_KID_INTERVAL_S = 30.0


def cloud_for(settings: Settings) -> CloudEnvironment:
    """Microsoft's public cloud, or its OpenID metadata (and so its JWKS) at TEAMS_OPENID_METADATA_URL."""
    return with_overrides(PUBLIC, openid_metadata_url=settings.teams_openid_metadata_url or None)


class OffLoopValidator:
    """Wraps the SDK's inbound validator: runs it in a thread and requires a serviceUrl."""

    def __init__(self, inner: Any, clock: Any = time.monotonic) -> None:
        self._inner = inner
        self._clock = clock
        self._known_kids: set[str] = set()
        self._pending: set[str] = set()  # unknown key ids being tried now (concurrent requests share the try)
        self._last_unknown = float("-inf")
        self._lock = threading.Lock()

    async def validate_token(self, raw_token: str, service_url: str | None = None) -> dict[str, Any]:
        if not service_url:
            raise jwt.InvalidTokenError("activity without serviceUrl")
        kid = self._kid(raw_token)
        try:
            payload = await asyncio.to_thread(self._validate, raw_token, service_url)
        except Exception:
            with self._lock:
                self._pending.discard(kid)
            raise
        with self._lock:
            self._known_kids.add(kid)
            self._pending.discard(kid)
        return payload

    def _kid(self, raw_token: str) -> str:
        try:
            kid = str(jwt.get_unverified_header(raw_token).get("kid") or "")
        except jwt.InvalidTokenError:
            raise
        except Exception as exc:  # a header that is no JSON object
            raise jwt.InvalidTokenError("unreadable token header") from exc
        with self._lock:
            if kid in self._known_kids or kid in self._pending:
                return kid
            now = self._clock()
            if now - self._last_unknown < UNKNOWN_KID_INTERVAL_S:
                raise jwt.InvalidTokenError("unknown key id (key set fetched recently)")
            self._last_unknown = now
            self._pending.add(kid)
        return kid

    def _validate(self, raw_token: str, service_url: str) -> dict[str, Any]:
        # the SDK's validate_token is a coroutine without awaits around a blocking key fetch: a private loop here
        return asyncio.run(self._inner.validate_token(raw_token, service_url))


def secure(server: Any) -> None:
    """Install the off-loop validator on the SDK's HttpServer after `App.initialize()`; refuse to run without one."""
    inner = getattr(server, "_token_validator", None)
    if inner is None or getattr(server, "_dangerously_allow_unauthenticated_requests", False):
        raise RuntimeError("Teams: inbound JWT validation is not configured (TEAMS_CLIENT_ID missing?)")
    if not isinstance(inner, OffLoopValidator):
        server._token_validator = OffLoopValidator(inner)
