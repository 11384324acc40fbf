"""A local stand-in for Microsoft's Bot Framework identity: OpenID metadata, a JWKS, and signed tokens.

    with TeamsIdentity() as identity:                 # RSA key generated here, served on 127.0.0.1:PORT
        identity.metadata_url                         # ".../v1/.well-known/openidconfiguration"
        token = identity.sign(service_url=...)        # what Bot Connector puts in `Authorization: Bearer`
        identity.outgoing_token(...)                  # what the token provider hands the SDK for its own calls

The SDK derives the JWKS address from the metadata URL (`/openidconfiguration` → `/keys`), exactly as it does
against login.botframework.com. The server runs in its own thread (its own `ThreadingHTTPServer`), never in
the app's event loop; `key_fetches` counts how often the app fetched the keys and `delay` slows the JWKS
answer down so a test can show that a fetch does not stop the app's event loop.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.support.local_http import serve_locally, shut_down

ISSUER = "https://api.botframework.com"  # the issuer the SDK's PUBLIC cloud expects


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class TeamsIdentity:
    client_id: str
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:8]}")
    delay: float = 0.0  # seconds the JWKS answer waits (to show the fetch is off the event loop)
    key_fetches: int = 0

    def __post_init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self) -> TeamsIdentity:
        self._server = serve_locally(lambda request, _method: self._handle(request), ("GET",), "teams-identity")
        return self

    def stop(self) -> None:
        shut_down(self._server)
        self._server = None

    def __enter__(self) -> TeamsIdentity:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # --- addresses -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return self.base_url + "/v1/.well-known/openidconfiguration"

    # --- tokens ----------------------------------------------------------------------------------
    def sign(
        self,
        *,
        service_url: str | None,
        audience: str | None = None,
        issuer: str = ISSUER,
        expires_in: int = 3600,
        key: rsa.RSAPrivateKey | None = None,
        kid: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> str:
        """An inbound activity token as Bot Connector signs it (RS256, `serviceurl` claim)."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": issuer,
            "aud": audience or self.client_id,
            "iat": now - 10,
            "nbf": now - 10,
            "exp": now + expires_in,
        }
        if service_url is not None:
            claims["serviceurl"] = service_url
        claims.update(extra or {})
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def outgoing_token(self, scope: Any = None, tenant_id: str | None = None) -> str:
        """The bot's own token for Bot Connector calls (what Entra would issue); used as the token provider."""
        now = int(time.time())
        claims = {
            "iss": f"https://sts.windows.net/{tenant_id or 'test-tenant'}/",
            "aud": ISSUER,
            "appid": self.client_id,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    # --- serving ---------------------------------------------------------------------------------
    def _jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256", "endorsements": ["msteams"]})
        return {"keys": [jwk]}

    def _metadata(self) -> dict[str, Any]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": self.base_url + "/authorize",
            "jwks_uri": self.base_url + "/v1/.well-known/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?")[0]
        if path.endswith("/openidconfiguration"):
            body = self._metadata()
        elif path.endswith("/keys"):
            with self._lock:
                self.key_fetches += 1
            if self.delay:
                time.sleep(self.delay)
            body = self._jwks()
        else:
            request.send_response(404)
            request.end_headers()
            return
        data = json.dumps(body).encode()
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)
