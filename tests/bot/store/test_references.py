"""Platform references (where Teams can reach someone again): put/replace/get/prefix, SQLite and PostgreSQL."""

from __future__ import annotations

from bot.store.db import Store
from bot.store.references import References


def test_put_replaces_and_reads_back(db_url, clock):
    store = Store(db_url, clock=clock)
    store.migrate()
    teams, slack = References(store, clock, "teams"), References(store, clock, "slack")
    teams.put("user", "aad-1", {"conversation_id": "a:1", "service_url": "https://smba.example/emea"})
    teams.put("user", "aad-1", {"conversation_id": "a:2", "service_url": "https://smba.example/emea"})
    assert teams.get("user", "aad-1")["conversation_id"] == "a:2"
    assert slack.get("user", "aad-1") is None  # platforms never see each other's references
    teams.put("card", "7:aad-1", {"activity_id": "1"})
    teams.put("card", "7:aad-2", {"activity_id": "2"})
    teams.put("card", "70:aad-1", {"activity_id": "3"})
    teams.put("card", "7%:x", {"activity_id": "4"})
    assert sorted(v["activity_id"] for _, v in teams.all("card", prefix="7:")) == ["1", "2"]
    assert [v["activity_id"] for _, v in teams.all("card", prefix="7%")] == ["4"]  # LIKE wildcards are escaped
    store.dispose()
