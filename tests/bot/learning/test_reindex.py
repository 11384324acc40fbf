"""The background re-indexer: "Zur FAQ hinzufügen" returns at once, the entry becomes searchable afterwards.

No timing: injected ingest functions block on events, and tests wait with `wait_idle` (generous timeouts that
only matter if something hangs). The end-to-end test runs over a small knowledge copy with its own real index.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import yaml

from tests.conftest import CONTACT_IDS, KNOWLEDGE

WAIT = 120.0  # seconds; a safety net against hangs, never reached when things work


class GatedIngest:
    """An ingest stand-in: counts calls, signals each start, blocks the first call until `release()`."""

    def __init__(self, before: Callable[[], object] | None = None) -> None:
        self.calls = 0
        self.started = threading.Event()
        self.gate = threading.Event()
        self.before = before
        self.seen: list[object] = []

    def __call__(self) -> None:
        self.calls += 1
        if self.before is not None:
            self.seen.append(self.before())
        self.started.set()
        assert self.gate.wait(WAIT)

    def release(self) -> None:
        self.gate.set()


def _lotse(root, embedder=None, keep_faq: bool = True):
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.settings import Settings

    skip = ("documents", "questions") + (() if keep_faq else ("faq.*.yaml",))
    shutil.copytree(KNOWLEDGE, root / "knowledge", ignore=shutil.ignore_patterns(*skip))
    (root / "knowledge" / "faq").mkdir(exist_ok=True)
    settings = Settings(
        data_dir=root / "data",
        knowledge_dir=root / "knowledge",
        database_url=f"sqlite:///{root / 'lotse.db'}",
        contact_ids=CONTACT_IDS,
    )
    lotse = Lotse(settings, clock=FixedClock(datetime(2026, 11, 18, 9, 30, tzinfo=UTC)))
    if embedder is not None:
        lotse.__dict__["embedder"] = embedder
    return lotse


def _open(lotse, question: str, message_id: str, language: str = "de") -> int:
    from bot.handoff.service import HandoffRequest

    view, _ = lotse.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id=message_id,
            asker_id="U0EMP001",
            asker_channel="D0EMP001",
            language=language,
            reason="low_confidence",
            question=question,
        )
    )
    return view.id


def _entries(lotse, language: str = "de") -> list[dict]:
    path = lotse.settings.knowledge_dir / "faq" / f"learned.{language}.yaml"
    return yaml.safe_load(path.read_text())["entries"] if path.exists() else []


# --- the re-indexer on its own ---------------------------------------------------------------------------


def test_request_returns_while_the_ingest_is_still_running():
    from bot.learning.reindex import Reindexer

    ingest = GatedIngest()
    reindexer = Reindexer(ingest)
    reindexer.request()  # returns although the ingest blocks
    assert ingest.started.wait(WAIT)
    assert not reindexer.idle and not reindexer.wait_idle(0)
    ingest.release()
    assert reindexer.wait_idle(WAIT)
    assert ingest.calls == 1 and reindexer.runs == 1 and reindexer.failures == 0


def test_requests_during_an_ingest_coalesce_into_one_more_run():
    from bot.learning.reindex import Reindexer

    ingest = GatedIngest()
    reindexer = Reindexer(ingest)
    reindexer.request()
    assert ingest.started.wait(WAIT)
    for _ in range(5):  # five more entries while the first ingest runs
        reindexer.request()
    ingest.release()
    assert reindexer.wait_idle(WAIT)
    assert ingest.calls == 2  # the running one, then exactly one that picks up all five
    reindexer.request()  # idle again: a later request starts a new run
    assert reindexer.wait_idle(WAIT) and ingest.calls == 3


def test_a_failing_ingest_is_logged_kept_and_the_worker_keeps_serving(caplog):
    from bot.learning.reindex import Reindexer

    calls: list[str] = []

    def ingest() -> None:
        calls.append("ingest")
        if len(calls) == 1:
            raise RuntimeError("Darf ich über das Projekt Falke posten?")  # message text must not reach the log

    reindexer = Reindexer(ingest)
    with caplog.at_level(logging.ERROR, logger="bot.learning.reindex"):
        reindexer.request()
        assert reindexer.wait_idle(WAIT)
    assert reindexer.failures == 1 and isinstance(reindexer.last_error, RuntimeError)
    assert "re-index failed (RuntimeError)" in caplog.text and "Falke" not in caplog.text
    reindexer.request()
    assert reindexer.wait_idle(WAIT)
    assert calls == ["ingest", "ingest"] and reindexer.runs == 2 and reindexer.failures == 1


# --- through HandoffService.answer (the Slack modal's path) ---------------------------------------------


@pytest.fixture
def gated(tmp_path):
    """A Lotse whose learning loop re-indexes with a gated stand-in (no model, no index needed)."""
    from bot.learning.loop import install_learning_loop
    from bot.learning.reindex import Reindexer

    lotse = _lotse(tmp_path)
    ingest = GatedIngest(before=lambda: len(_entries(lotse)))  # how many learned entries each run sees
    install_learning_loop(lotse).reindexer = Reindexer(ingest)
    yield lotse, ingest
    ingest.release()
    assert install_learning_loop(lotse).reindexer.wait_idle(WAIT)


def test_answer_returns_with_the_entry_saved_while_the_reindex_still_runs(gated):
    from bot.learning.loop import install_learning_loop

    lotse, ingest = gated
    reindexer = install_learning_loop(lotse).reindexer
    handoff_id = _open(lotse, "Darf ich auf Mastodon über meine Arbeit posten?", "R1")
    view = lotse.handoffs.answer("UCOMMS1", handoff_id, "Ja, privat; es gelten die üblichen Regeln.", add_to_faq=True)
    assert ingest.started.wait(WAIT) and not reindexer.idle  # answer() came back; the ingest is still blocked
    assert view.status == "answered"
    assert [e["id"] for e in _entries(lotse)] == [view.faq_entry_id]  # on disk and recorded already
    assert "faq_added" in [e.action for e in lotse.handoffs.events("UCOMMS1", handoff_id)]


def test_entries_added_during_a_reindex_are_all_picked_up_by_one_more_run(gated):
    from bot.learning.loop import wait_for_reindex

    lotse, ingest = gated
    first = _open(lotse, "Darf ich auf Mastodon über meine Arbeit posten?", "C1")
    lotse.handoffs.answer("UCOMMS1", first, "Ja, privat.", add_to_faq=True)
    assert ingest.started.wait(WAIT)
    for n, question in enumerate(("Darf ich auf Threads posten?", "Darf ich auf Bluesky posten?")):
        handoff_id = _open(lotse, question, f"C{n + 2}")
        lotse.handoffs.answer("UCOMMS1", handoff_id, "Ja, privat.", add_to_faq=True)
    ingest.release()
    assert wait_for_reindex(lotse.handoffs, WAIT)
    assert ingest.calls == 2 and ingest.seen == [1, 3]  # the follow-up run saw both later entries


# --- end to end with the real model and index ------------------------------------------------------------


def test_after_the_background_reindex_lotse_answers_the_learned_questions(tmp_path, embedder):
    from bot.learning.loop import wait_for_reindex
    from bot.models import Asker, Conversation
    from ingest.indexer import ingest

    lotse = _lotse(tmp_path, embedder, keep_faq=False)  # a small index: only what is learned here
    assert not ingest([lotse.settings.knowledge_dir], lotse.index).errors
    paraphrase = "Ist es erlaubt, auf Mastodon über meine Arbeit zu posten?"
    before = lotse.assistant.ask(paraphrase, Asker("U0EMP002", "slack"), Conversation("slack", message_id="E0"))
    assert before.outcome != "answered"

    learned = {}
    for language, question, answer, message_id in (
        (
            "de",
            "Darf ich auf Mastodon über meine Arbeit bei Nordwerk posten?",
            "Ja, privat darfst du das; einen offiziellen Nordwerk-Account auf Mastodon gibt es nicht.",
            "E1",
        ),
        (
            "en",
            "May I post about my work at Nordwerk on Bluesky?",
            "Yes, privately; there is no official Nordwerk account on Bluesky.",
            "E2",
        ),
    ):
        view = lotse.handoffs.answer("UCOMMS1", _open(lotse, question, message_id, language), answer, add_to_faq=True)
        learned[language] = view.faq_entry_id
    assert wait_for_reindex(lotse.handoffs, 600)  # both entries, however the requests coalesced

    for language, question, expected in (
        ("de", paraphrase, "offiziellen Nordwerk-Account auf Mastodon"),
        ("en", "Am I allowed to post about my job on Bluesky?", "no official Nordwerk account on Bluesky"),
    ):
        reply = lotse.assistant.ask(
            question, Asker("U0EMP003", "slack"), Conversation("slack", message_id=f"A-{language}")
        )
        assert reply.outcome == "answered", reply.answer
        assert reply.sources[0].document == f"faq-learned-{language}"
        assert reply.sources[0].anchor == learned[language]
        assert expected in reply.answer
