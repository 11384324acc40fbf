"""From a company's own guideline PDF to a working terminal chat, timed, as someone new to Lotse would do it.

A real published social media policy (tests/fixtures/published/) stands in for "your own PDF". In a pseudo-terminal
`lotse init` is answered line by line (nobody edits a YAML file), then `lotse chat` in the same folder gets one
question answered from the PDF and one handed off to the contact person. Each prompt line of the transcript ends
with the time since `lotse init` started.

LOTSE_WRITE_TRANSCRIPT=1 writes docs/own-company-walkthrough.md and the README's "Your own company" block from the
run; without it, the test checks that the README block still matches the run (times and paths aside).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from tests.conftest import REPO
from tests.support.timed_terminal import MARK, TimedTerminal, clock

POLICY = REPO / "tests" / "fixtures" / "published" / "readygroup-social-media-policy.pdf"
FIFTEEN_MINUTES = 15 * 60
INIT_ANSWERS = [
    ("Sprache / language", "en"),
    ("Company name", "Ready Group"),
    ("Contact person's name", "Sam Taylor"),
    ("E-mail of Sam Taylor", "sam@readygroup.example"),
    ("Role of Sam Taylor", ""),
    ("Another contact person?", "n"),
    ("Working hours", "8-17"),
    ("Document or folder", "~/Downloads/social-media-policy.pdf"),
]
ANSWERED = "Do I need a disclaimer that my opinions are my own?"
HANDED_OFF = "A journalist wants a statement from me about an accident on our site. What should I say?"
README = REPO / "README.md"
WALKTHROUGH = REPO / "docs" / "own-company-walkthrough.md"
BEGIN, END = "<!-- own-company:begin -->", "<!-- own-company:end -->"


def test_from_the_own_guideline_pdf_to_a_working_chat_in_under_fifteen_minutes(tmp_path: Path) -> None:
    home, downloads = tmp_path / "acme", tmp_path / "Downloads"
    home.mkdir()
    downloads.mkdir()
    shutil.copy(POLICY, downloads / "social-media-policy.pdf")
    start = time.monotonic()
    setup, times = _init(home, downloads, start)
    chat, chat_times = _chat(home, start)
    times.update(chat_times)

    assert "✓ social-media-policy.pdf: 5 sections read." in setup and "Traceback" not in setup + chat
    assert "Lotse – your social media contact person at Ready" in chat  # English, as chosen in `lotse init`
    answer = chat.split(ANSWERED, 1)[1].split("\n› ", 1)[0]
    assert "opinions are my own" in answer and "Social Media Policy › Using personal social media" in answer
    handoff = chat.split(HANDED_OFF, 1)[1]
    assert "passed your question on confidentially to Sam Taylor" in handoff and "case #1" in handoff
    assert times["chat: question handed off"] < FIFTEEN_MINUTES
    transcript = _transcript(setup, chat, tmp_path)
    if os.environ.get("LOTSE_WRITE_TRANSCRIPT") == "1":
        _write(transcript, times)
    else:
        assert _same(_readme_block(), _block(transcript, times)), "README out of date: LOTSE_WRITE_TRANSCRIPT=1"


def _init(home: Path, downloads: Path, start: float) -> tuple[str, dict[str, float]]:
    init = TimedTerminal(["init"], cwd=home, start=start)
    for prompt, typed in INIT_ANSWERS:
        init.answer(prompt, typed.replace("~/Downloads", str(downloads)))
    times = {"init: documents read": init.wait_for("sections read")}
    init.answer("Document or folder", "")
    times["init: index built"] = init.wait_for("sections indexed")
    times["init: done, sample answers shown"] = init.wait_for("Done.")
    return init.close(), times


def _chat(home: Path, start: float) -> tuple[str, dict[str, float]]:
    chat = TimedTerminal(["chat"], cwd=home, start=start)
    times = {"chat: ready": chat.answer("\n› ", ANSWERED)}
    times["chat: question answered"] = chat.answer("\n› ", HANDED_OFF)
    times["chat: question handed off"] = chat.answer("\n› ", "/exit")
    return chat.close(), times


def _transcript(setup: str, chat: str, tmp_path: Path) -> str:
    text = f"$ cd ~/acme && lotse init\n{setup.strip()}\n$ lotse chat\n{chat.strip()}\n"
    return text.replace(str(tmp_path / "acme"), "~/acme").replace(str(tmp_path), "~")


def _block(transcript: str, times: dict[str, float]) -> str:
    """The README block: the run without the three sample answers, and the times."""
    head, rest = transcript.split("This is how I now answer from your own texts:", 1)
    short = head + "… (three answers quoted from the PDF, one dry-run handoff: docs/own-company-walkthrough.md)\n\n"
    short += "Done." + rest.split("\nDone.", 1)[1]
    return "\n".join(
        [
            "Generated from a real run in a pseudo-terminal (`LOTSE_WRITE_TRANSCRIPT=1 .venv/bin/python -m pytest "
            "tests/bot/onboarding/test_own_company_walkthrough.py`), with a real published policy PDF "
            "(tests/fixtures/published/). Erzeugt aus einem echten Lauf; nicht von Hand bearbeiten. "
            f"{MARK} = time since `lotse init` started when Lotse waited for that line (typing is instant here).",
            "",
            "```text",
            short.strip(),
            "```",
            "",
            "| Step / Schritt | Time / Zeit |",
            "|---|---|",
            *[f"| {step} | {clock(seconds)} ({seconds:.1f} s) |" for step, seconds in times.items()],
        ]
    )


def _readme_block() -> str:
    readme = README.read_text(encoding="utf-8")
    return readme[readme.index(BEGIN) + len(BEGIN) : readme.index(END)].strip()


def _same(old: str, new: str) -> bool:
    def plain(text: str) -> str:
        text = re.sub(rf"{MARK} \d+:\d\d", MARK, text)
        return re.sub(r"\d+:\d\d \(\d+\.\d s\)|indexed in \d+ s", "#", text).strip()

    return plain(old) == plain(new)


def _write(transcript: str, times: dict[str, float]) -> None:
    block = _block(transcript, times)
    full = block.split("```text", 1)[0] + "```text\n" + transcript + "```\n" + block.split("```\n", 1)[1]
    WALKTHROUGH.write_text("# Your own company: from the guideline PDF to the chat\n\n" + full + "\n", "utf-8")
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    README.write_text(readme[:start] + "\n" + block + "\n" + readme[end:], encoding="utf-8")
