""" "Worüber darf ich nicht posten?" / "What must I not post about?": the company's taboo topics, one example each,
from its triage categories and post-check rules; a case the company adds to its rules shows up."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.practice.taboo import taboo_answer
from bot.terminal.chat import TerminalChat
from bot.terminal.console import Console

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


class Typed(Console):
    def __init__(self) -> None:
        self.shown: list[str] = []

    def say(self, text: str) -> None:
        self.shown.append(text)

    def ask(self, prompt: str = "›") -> str | None:
        return None


def test_taboo_topics_in_german_and_english(lotse):
    reply = lotse.assistant.ask("Worüber darf ich nicht posten?")
    assert reply.outcome == "answered" and reply.exchange_id is not None
    answer = reply.answer
    assert answer.startswith("Das sind bei uns die Tabuthemen")
    assert "Gehört ohne Freigabe der Unternehmenskommunikation nicht in einen Beitrag:" in answer
    assert "• Zahlen – z. B. „" in answer and "• Kunden – z. B. „" in answer
    # the company's own example of a triage category comes first (knowledge/triage.yaml)
    assert "• Insiderinformationen – z. B. „Ich habe gehört, dass Nordwerk übernommen werden soll.“" in answer
    assert "• Presseanfrage – z. B. „Die Neue Westfälische will mit mir über Nordwerk reden.“" in answer

    english = lotse.assistant.ask("What must I not post about?").answer
    assert english.startswith("These are our taboo topics")
    assert "• figures – e.g. “" in english and "• harassment – e.g. “" in english
    assert "Send me your draft with /check" in english


def test_a_specific_question_is_still_answered_from_the_guideline(lotse):
    reply = lotse.assistant.ask("Darf ich Umsatzzahlen posten?")
    assert "Tabuthemen" not in reply.answer


def test_in_the_terminal_chat(lotse):
    console = Typed()
    TerminalChat(lotse, "cli:anna", console).handle("Welche Themen sind tabu?")
    assert "Das sind bei uns die Tabuthemen" in console.shown[-1]


def test_a_case_the_company_adds_becomes_the_example_of_its_topic(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge, ignore=shutil.ignore_patterns("eval"))
    (knowledge / "postcheck" / "from-cases.yaml").write_text(
        """id: cases.works-council
kind: lexicon
category: works_council
severity: approval
terms: [Betriebsratswahl, works council election]
message:
  de: "„{excerpt}“ ist ein Thema des Betriebsrats."
  en: "“{excerpt}” is a works council matter."
fix:
  de: "Lass das Thema weg."
  en: "Leave the topic out."
examples:
  trigger:
    - "Die Betriebsratswahl bei uns war eine Farce."
    - "Our works council election was a joke."
  no_trigger:
    - "Ich war heute wählen."
    - "Nice weather today."
""",
        encoding="utf-8",
    )
    assert "• works council – z. B. „Die Betriebsratswahl bei uns war eine Farce.“" in taboo_answer(knowledge, "de")
    assert "Our works council election was a joke." in taboo_answer(knowledge, "en")
