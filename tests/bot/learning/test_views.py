"""Learning from the asker: "Ja, danke" / "Nein" on a tentative answer, candidates, promotion, vetoes, retention."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from bot.handoff.retention import purge_expired
from bot.learning.views import ViewLearning, ViewRefused
from bot.learning.views_writer import ViewWriter
from bot.models import Asker, Conversation, Passage, Reply
from ingest.loaders.questions import load_questions, target_of

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
DOCUMENT, ANCHOR = "social-media-richtlinie-de", "Kundenprojekte und Kundennamen"


@pytest.fixture
def core(tmp_path):
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.settings import Settings

    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge, ignore=shutil.ignore_patterns("eval", "documents"))
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=knowledge,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        contact_ids={"communications": ["UC1"]},
    )
    lotse = Lotse(settings, clock=FixedClock(datetime(2026, 11, 18, 9, 30, tzinfo=UTC)))
    lotse.reindexed = []  # type: ignore[attr-defined]
    lotse.__dict__["view_learning"] = ViewLearning(
        lotse.store,
        lotse.clock,
        ViewWriter(knowledge, lock_dir=settings.data_dir),
        lambda: lotse.reindexed.append(1),  # type: ignore[attr-defined]
        lotse.contacts,
        confirmations=settings.learn_confirmations,
    )
    return lotse


def offered(core, question: str, user: str, *, tentative: bool = True, anchor: str = ANCHOR, n: int = 0) -> int:
    """A recorded answer that offered the passage `anchor` to `user`."""
    passage = Passage(document=DOCUMENT, title="Social-Media-Richtlinie", section=f"Richtlinie › {anchor}",
                      text="Kundennamen bleiben intern.", score=0.5, anchor=anchor)  # fmt: skip
    reply = Reply(question=question, language="de", outcome="answered", answer="…", sources=[passage],
                  tentative=tentative)  # fmt: skip
    core.clock.advance(minutes=1)
    conversation = Conversation(platform="slack", channel_id="D1", thread_id=f"{user}.{n}", message_id=f"{user}-{n}")
    return core.exchange_log.record(reply, Asker(user_id=user, platform="slack"), conversation)


def views_file(core) -> Path:
    return core.view_learning.writer.path_for(DOCUMENT, "de")


def learned(core) -> list[str]:
    path = views_file(core)
    return yaml.safe_load(path.read_text())["sections"].get(ANCHOR, []) if path.exists() else []


def test_one_yes_is_a_candidate_two_people_make_it_a_view(core) -> None:
    first = offered(core, "Darf ich sagen, für welchen Kunden ich arbeite?", "U1")
    core.feedback.rate(first, "U1", helpful=True)
    assert learned(core) == [] and core.reindexed == []
    [candidate] = core.view_learning.summaries()
    assert (candidate.status, candidate.confirmations, candidate.questions) == ("open", 1, 1)

    again = offered(core, "Kann ich den Kunden im Post nennen?", "U1", n=1)  # the same person again: still one
    core.feedback.rate(again, "U1", helpful=True)
    assert learned(core) == []

    second = offered(core, "Darf ich den Namen unseres Kunden auf LinkedIn erwähnen?", "U2")
    core.feedback.rate(second, "U2", helpful=True)
    assert sorted(learned(core)) == sorted(
        [
            "Darf ich sagen, für welchen Kunden ich arbeite?",
            "Kann ich den Kunden im Post nennen?",
            "Darf ich den Namen unseres Kunden auf LinkedIn erwähnen?",
        ]
    )
    assert core.reindexed == [1]
    document = load_questions(views_file(core), views_file(core).read_bytes())  # what ingest reads
    assert (
        target_of(document.doc_id) == DOCUMENT and document.doc_id != f"questions:{DOCUMENT}"
    )  # beside the hand-written

    later = offered(core, "Welche Kunden darf ich nennen?", "U3")  # after promotion one more yes is enough
    core.feedback.rate(later, "U3", helpful=True)
    assert "Welche Kunden darf ich nennen?" in learned(core)


def test_only_a_tentative_answer_teaches(core) -> None:
    for user in ("U1", "U2"):
        core.feedback.rate(offered(core, "Kunden nennen?", user, tentative=False), user, helpful=True)
    assert learned(core) == [] and core.view_learning.summaries() == []


def test_more_no_than_yes_never_promotes_and_vetoes_the_question(core) -> None:
    question = "Darf ich den Kunden nennen?"
    core.feedback.rate(offered(core, question, "U1"), "U1", helpful=True)
    core.feedback.rate(offered(core, "Kunde im Post?", "U2"), "U2", helpful=False)  # 👎
    core.handoff_requests.person_for_exchange(offered(core, question, "U3"), "U3")  # "Nein, bitte an eine Person"
    core.feedback.rate(offered(core, "Kundennamen posten?", "U4"), "U4", helpful=True)
    [candidate] = core.view_learning.summaries()
    assert (candidate.confirmations, candidate.rejections, candidate.status) == (2, 2, "open")
    assert learned(core) == []
    assert core.view_learning.vetoed("darf ich DEN kunden nennen", "de", DOCUMENT, ANCHOR) is False  # 1 yes, 1 no
    core.handoff_requests.person_for_exchange(offered(core, question, "U5"), "U5")
    assert core.view_learning.vetoed("Darf ich den Kunden nennen", "de", DOCUMENT, ANCHOR)
    assert not core.view_learning.vetoed("Darf ich den Kunden nennen", "de", DOCUMENT, "Tabuthemen")


def test_personal_data_long_stories_and_sensitive_questions_never_become_views(core) -> None:
    questions = [
        "Darf ich meine Kollegin anna.schmidt@nordwerk.de im Post zum Kunden markieren?",
        "Darf ich die Nummer +49 171 2345678 vom Kunden posten?",
        "Darf ich den Kunden nennen? " + "Es ist eine lange Geschichte über meine Abteilung. " * 8,
    ]
    for number, question in enumerate(questions):
        core.feedback.rate(offered(core, question, f"U{number}"), f"U{number}", helpful=True)
    [candidate] = core.view_learning.summaries()
    assert candidate.confirmations == 3 and candidate.status == "promoted" and candidate.questions == 0
    assert learned(core) == []


def test_a_contact_person_approves_a_candidate_at_once(core) -> None:
    core.feedback.rate(offered(core, "Kunden im Post nennen?", "U1"), "U1", helpful=True)
    [candidate] = core.view_learning.summaries()
    with pytest.raises(ViewRefused) as refused:
        core.view_learning.approve("U1", candidate.id)
    assert refused.value.key == "views.error.not_contact"
    assert core.view_learning.approve("UC1", candidate.id) == 1
    assert learned(core) == ["Kunden im Post nennen?"]
    [approved] = core.view_learning.summaries("promoted")
    assert approved.approved and approved.written == 1


def test_vote_texts_follow_the_retention_period(core) -> None:
    core.feedback.rate(offered(core, "Kunden im Post nennen?", "U1"), "U1", helpful=True)
    core.clock.advance(days=core.settings.retention_days + 1)
    assert purge_expired(core.store, core.clock.now(), core.settings.retention_days) >= 2  # exchange + vote
    core.feedback.rate(offered(core, "Kundennamen nennen?", "U2"), "U2", helpful=True)
    assert learned(core) == ["Kundennamen nennen?"]  # promoted; the purged text is gone for good


def test_the_weekly_report_shows_candidates_and_learned_sections_without_questions_or_people(core) -> None:
    from bot.report.build import build_report
    from bot.report.period import Week
    from bot.report.render_md import render_markdown

    core.feedback.rate(offered(core, "Darf ich den Kunden Vettermann nennen?", "U1"), "U1", helpful=True)
    core.feedback.rate(offered(core, "Kundennamen im Post?", "U2"), "U2", helpful=True)
    core.feedback.rate(offered(core, "Tabu im Netz?", "U3", anchor="Tabuthemen"), "U3", helpful=True)
    week = Week.containing(core.clock.now(), core.settings.timezone)
    report = build_report(core, week, "de", gaps=False)
    text = render_markdown(report)
    assert "## Von Fragenden gelernt" in text
    assert "Diese Woche gelernt" in text and "Kundenprojekte und Kundennamen" in text and "2× ja" in text
    assert "Wartet auf Bestätigung oder Freigabe" in text and "Tabuthemen" in text
    assert "Vettermann" not in text and "U1" not in text and "Tabu im Netz" not in text
    data = report.to_dict()["learned_views"]
    assert [c["section"] for c in data["waiting"]] == ["Richtlinie › Tabuthemen"]
    assert data["promoted"][0]["written"] == 2
