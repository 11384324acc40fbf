"""A new company's guideline, no hand-written views: rules are found as passages, generated views lead to them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.app import Lotse
from bot.settings import Settings
from ingest.indexer import ingest

POLICY = """---
id: policy
title: Social Media Policy
language: en
---
# Social Media Policy
## Examples of what you are encouraged to share
We are proud of our work and happy when you share it. Good examples of posts are:
- news, events and job openings from our official channels, shared with a comment of your own
- photos from team events, once everyone in the picture has agreed to be shown
- articles about our research that have already been published by the press office
## Your personal accounts
When you use your personal social media accounts, keep the following in mind:
- You may mention your employer in your bio or your handle, but make clear that your views are your own.
- Do not use the company logo as your profile picture or in the name of a personal account.
- Never post about colleagues' health, family or private life without their explicit consent.
"""

HANDWRITTEN = """kind: questions
document: policy
sections:
  "Your personal accounts":
    - Is my private Instagram covered by this policy?
"""


def _lotse(folder: Path, data: Path, extra: dict[str, str] | None = None) -> Lotse:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.en.md").write_text(POLICY, encoding="utf-8")
    for name, text in (extra or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    # chunk_max_chars 250: the policy's list sections count as long, so each rule is a passage of its own
    lotse = Lotse(Settings(data_dir=data, knowledge_dir=folder, chunk_max_chars=250))
    report = ingest([folder], lotse.index)
    assert not report.errors, report.errors
    return lotse


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory, embedder) -> tuple[Lotse, Path]:
    root = tmp_path_factory.mktemp("policy")
    return _lotse(root / "k", root / "d"), root / "d"


def test_a_rule_in_a_list_answers_its_question_in_english_and_german(policy: tuple[Lotse, Path]) -> None:
    lotse, _ = policy
    for question, language in (
        ("Can I add Acme to my Twitter handle?", "en"),
        ("Darf ich Acme in meinen Benutzernamen auf Twitter schreiben?", "de"),
    ):
        best = lotse.retriever.search(question, language, k=3).best
        assert best is not None and "in your bio or your handle" in best.chunk.text, question
        assert "logo" not in best.chunk.text  # the one rule, not the whole section
        assert not best.chunk.is_view


def test_generated_views_are_listed_in_the_data_dir_and_never_cited(policy: tuple[Lotse, Path]) -> None:
    lotse, data = policy
    listing = yaml.safe_load((data / "generated-views.yaml").read_text(encoding="utf-8"))
    section = listing["documents"]["policy"]["Social Media Policy › Your personal accounts"]
    assert "Can I use the company logo as my profile picture or in the name of a personal account?" in section
    assert any(q.startswith("Darf ich") for q in section)
    result = lotse.retriever.search("Can I use the company logo as my profile picture?", "en", k=5)
    assert result.hits and all(not h.chunk.is_view for h in result.hits)


def test_the_company_removes_a_generated_view_and_hand_written_ones_win(tmp_path: Path, embedder) -> None:
    removed = "What applies to Examples of what you are encouraged to share?"
    lotse = _lotse(
        tmp_path / "k",
        tmp_path / "d",
        {"views.yaml": f"kind: views\nremove:\n  - {removed}\n", "questions/policy.yaml": HANDWRITTEN},
    )
    listing = (tmp_path / "d" / "generated-views.yaml").read_text(encoding="utf-8")
    assert removed not in listing
    retriever = lotse.retriever
    passages = retriever.lexical().chunks
    texts = {c.chunk_id: c.text for c in lotse.index.chunks()}
    personal = {texts[cid] for cid, at in retriever._owners.items() if "personal accounts" in passages[at].section}
    assert personal == {"Is my private Instagram covered by this policy?"}
