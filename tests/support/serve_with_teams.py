"""`python -m tests.support.serve_with_teams serve --port N`: `lotse serve` that also serves Teams against the
local stand-ins, for tests and benchmarks that run Lotse as a real process (`ServeProcess(..., entry=ENTRY)`).

Inbound activities are checked for real: the process validates their RS256 tokens against the JWKS of the
test's `TeamsIdentity` (TEAMS_OPENID_METADATA_URL). Only Entra is replaced, as in the in-process Teams tests:
instead of a client secret the SDK gets a token provider that signs the bot's own tokens with a key made here
(the local Bot Connector stand-in does not check them). `teams_env(identity)` is what the process's environment
needs for that.
"""

from __future__ import annotations

from typing import Any

from tests.bot.teams.conftest import TENANT
from tests.support.teams_identity import TeamsIdentity

ENTRY = "tests.support.serve_with_teams"


def teams_env(identity: TeamsIdentity) -> dict[str, str]:
    return {
        "TEAMS_CLIENT_ID": identity.client_id,
        "TEAMS_CLIENT_SECRET": "unused: replaced by a token provider",  # Teams counts as configured
        "TEAMS_TENANT_ID": TENANT,
        "TEAMS_OPENID_METADATA_URL": identity.metadata_url,
    }


def use_local_tokens(client_id: str) -> None:
    """Make `attach_teams` (what `lotse serve` calls) build the Teams adapter with a local token provider."""
    import bot.teams.serve as serve

    own = TeamsIdentity(client_id=client_id)  # never served: only its key signs the outgoing tokens
    build = serve.build_teams

    def with_token(lotse: Any, *, token: Any = None, pool: Any = None) -> Any:
        return build(lotse, token=token or own.outgoing_token, pool=pool)

    serve.build_teams = with_token  # type: ignore[assignment]


def main() -> None:
    import os

    from bot.cli.main import main as lotse

    use_local_tokens(os.environ["TEAMS_CLIENT_ID"])
    lotse()


if __name__ == "__main__":
    main()
