"""The learning loop end to end, over a copy of the knowledge folder with its own index (never the shared one)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
import yaml

from tests.conftest import CONTACT_IDS, KNOWLEDGE

QUESTION = "Darf ich auf Mastodon oder Threads über meine Arbeit bei Nordwerk posten?"
ANSWER = (
    "Ja, privat darfst du das – auf Mastodon und Threads gelten dieselben Regeln wie auf LinkedIn. "
    "Einen offiziellen Nordwerk-Account auf Mastodon oder Threads gibt es nicht; sprich nicht im Namen "
    "der Firma."
)
PARAPHRASE = "Ist es erlaubt, auf Mastodon über meine Arbeit zu posten?"


@pytest.fixture(scope="module")
def learning(tmp_path_factory, embedder):
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.learning.loop import install_learning_loop
    from bot.settings import Settings
    from ingest.indexer import ingest

    root = tmp_path_factory.mktemp("learning")
    shutil.copytree(KNOWLEDGE, root / "knowledge")
    settings = Settings(
        data_dir=root / "data",
        knowledge_dir=root / "knowledge",
        database_url=f"sqlite:///{root / 'lotse.db'}",
        contact_ids=CONTACT_IDS,
    )
    lotse = Lotse(settings, clock=FixedClock(datetime(2026, 11, 18, 9, 30, tzinfo=UTC)))
    lotse.__dict__["embedder"] = embedder  # the session's model; the index is this module's own
    report = ingest([settings.knowledge_dir], lotse.index)
    assert not report.errors
    loop = install_learning_loop(lotse)
    yield lotse
    assert loop.reindexer.wait_idle(600)  # no ingest left running into the next module


def _open(lotse, reason: str, question: str, message_id: str, language: str = "de") -> int:
    from bot.handoff.service import HandoffRequest

    view, _ = lotse.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id=message_id,
            asker_id="U0EMP001",
            asker_channel="D0EMP001",
            language=language,
            reason=reason,
            question=question,
            category="press" if reason == "sensitive" else None,
        )
    )
    return view.id


def _learned(lotse, language="de"):
    return lotse.settings.knowledge_dir / "faq" / f"learned.{language}.yaml"


def test_install_is_idempotent(learning):
    from bot.learning.loop import LearningLoop, install_learning_loop

    install_learning_loop(learning)
    assert sum(isinstance(h, LearningLoop) for h in learning.handoffs.on_answer) == 1


def test_sensitive_and_post_approval_handoffs_never_become_faq(learning):
    from bot.learning.loop import FaqRefused, faq_refusal

    before = _learned(learning).read_bytes() if _learned(learning).exists() else None
    for reason, message_id in (("sensitive", "S1"), ("post_approval", "S2")):
        handoff_id = _open(learning, reason, "Eine Journalistin der Lokalzeitung will mich interviewen.", message_id)
        view = learning.handoffs.answer("UCOMMS1", handoff_id, "Bitte nicht antworten, ich übernehme.", add_to_faq=True)
        assert view.status == "answered" and view.faq_entry_id is None
        refusal = faq_refusal(view)
        assert refusal and "FAQ" in refusal and " / " in refusal  # German / English
        assert "cannot be added to the FAQ" in faq_refusal(view, "en")
        with pytest.raises(FaqRefused):
            learning.learning_loop.add(view, "text")
    after = _learned(learning).read_bytes() if _learned(learning).exists() else None
    assert after == before
    assert not any("Journalistin" in p.read_text() for p in (learning.settings.knowledge_dir / "faq").glob("learned.*"))


def test_an_answer_marked_for_the_faq_is_answered_by_lotse_next_time(learning):
    from bot.learning.loop import wait_for_reindex
    from bot.models import Asker, Conversation

    before = learning.assistant.ask(PARAPHRASE, Asker("U0EMP002", "slack"), Conversation("slack", message_id="B1"))
    assert not any(s.document == "faq-learned-de" for s in before.sources)

    handoff_id = _open(learning, "low_confidence", QUESTION, "L1")
    view = learning.handoffs.answer("UCOMMS1", handoff_id, ANSWER, add_to_faq=True)

    content = yaml.safe_load(_learned(learning).read_text())
    assert content["kind"] == "faq" and content["id"] == "faq-learned-de"
    entry = content["entries"][-1]
    contact = learning.contacts.get("communications").name
    assert entry["question"] == QUESTION and entry["answer"] == ANSWER and entry["alternatives"] == []
    assert entry["editor"] == contact and entry["date"] == "2026-11-18" and entry["source_handoff"] == handoff_id
    assert view.faq_entry_id == entry["id"]
    actions = [e.action for e in learning.handoffs.events("UCOMMS1", handoff_id)]
    assert "faq_requested" in actions and "faq_added" in actions

    assert wait_for_reindex(learning.handoffs, 600)  # the re-index runs in the background
    reply = learning.assistant.ask(PARAPHRASE, Asker("U0EMP003", "slack"), Conversation("slack", message_id="A1"))
    assert reply.outcome == "answered", reply.answer
    assert reply.sources[0].document == "faq-learned-de" and reply.sources[0].anchor == entry["id"]
    assert "offiziellen Nordwerk-Account auf Mastodon" in reply.answer


def test_without_the_flag_nothing_is_learned(learning):
    path = _learned(learning, "en")
    handoff_id = _open(learning, "low_confidence", "Can I post on Bluesky?", "E1", "en")
    learning.handoffs.answer("UCOMMS1", handoff_id, "Yes, privately.", add_to_faq=False)
    assert not path.exists()
    handoff_id = _open(learning, "requested", "Can I post on Bluesky about my work?", "E2", "en")
    view = learning.handoffs.answer("UCOMMS1", handoff_id, "Yes, privately; the usual rules apply.", add_to_faq=True)
    assert yaml.safe_load(path.read_text())["entries"][0]["id"] == view.faq_entry_id == "faq-learned-en-001"
