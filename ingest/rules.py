"""A section's text cut into rules: list items, question-and-answer pairs, table rows, paragraphs.

Guidelines are often written as a heading, one lead-in sentence ("The following is not allowed:") and a list of
rules. Embedded whole, such a section is about everything at once and a question about one rule meets it
weakly; cut into one passage per list item, each keeping the lead-in sentence (and, via the chunk, the heading
path), a rule is found by the words of that rule. Lists of short items ("- unpublished figures") stay together
with their lead-in: one item alone would say nothing. FAQ-style text ("**Can I …?**" followed by the answer)
keeps each question with its answer; a table cut into rows keeps its header row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)]|[a-z][.)])\s+\S")
_INDENTED = re.compile(r"^\s{2,}\S")
_BOLD_QUESTION = re.compile(r"^\s*(?:\*\*|__)(?P<q>[^*_\n]{6,200}\?)\s*(?:\*\*|__)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÄÖÜ0-9„\"'(])")

SUBSTANTIAL_ITEM = 60  # mean characters per item from which a list is a list of rules, not of keywords
MIN_RULE_SECTION = 280  # a shorter section is one passage whatever its form
LEAD_IN_CHARS = 240  # the lead-in sentence kept before each item is at most this long


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "item", "table", "question"
    text: str


def blocks(text: str) -> list[Block]:
    """Paragraphs, list items (with their continuation lines), tables and bold questions, in order."""
    found: list[Block] = []
    current: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        nonlocal current
        joined = "\n".join(current).strip()
        if joined:
            found.append(Block(kind, joined))
        current = []

    for line in text.split("\n"):
        if not line.strip():
            if kind != "item":
                flush()
                kind = "paragraph"
            continue
        if _BOLD_QUESTION.match(line):
            flush()
            kind = "question"
        elif _ITEM.match(line) and not _INDENTED.match(line) or (_ITEM.match(line) and kind != "item"):
            flush()
            kind = "item"
        elif line.lstrip().startswith("|"):
            if kind != "table":
                flush()
                kind = "table"
        elif kind in ("item", "table") and not _INDENTED.match(line):
            flush()
            kind = "paragraph"
        current.append(line)
    flush()
    return _attach_answers(found)


def _attach_answers(found: list[Block]) -> list[Block]:
    """A bold question owns the paragraphs and items that follow it, up to the next question."""
    merged: list[Block] = []
    for block in found:
        if merged and merged[-1].kind == "question" and block.kind != "question":
            merged[-1] = Block("question", f"{merged[-1].text}\n{block.text}")
        else:
            merged.append(block)
    return merged


def lead_in(paragraph: str) -> str:
    """The sentence that introduces a list: the paragraph's last sentence, if short enough to repeat."""
    last = _SENTENCE_END.split(paragraph.strip())[-1].strip()
    return last if len(last) <= LEAD_IN_CHARS else ""


def _rule_lists(found: list[Block]) -> bool:
    items = [b for b in found if b.kind == "item"]
    return len(items) >= 2 and sum(len(b.text) for b in items) / len(items) >= SUBSTANTIAL_ITEM


def rule_units(text: str) -> list[str] | None:
    """The section cut into rules, or None when it reads best whole (no rule list, no FAQ pairs)."""
    if len(text) < MIN_RULE_SECTION:
        return None
    found = blocks(text)
    questions = sum(1 for b in found if b.kind == "question")
    split_items = _rule_lists(found)
    if not split_items and questions < 2:
        return None
    units: list[str] = []
    prose: list[str] = []
    intro = ""
    for number, block in enumerate(found):
        if block.kind == "item" and split_items:
            if prose:
                intro = lead_in(prose[-1]) if found[number - 1].kind == "paragraph" else intro
                if "\n\n".join(prose).strip() != intro:  # a lone lead-in lives on in every item
                    units.append("\n\n".join(prose))
                prose = []
            units.append(f"{intro}\n{block.text}" if intro else block.text)
        elif block.kind == "question":
            if prose:
                units.append("\n\n".join(prose))
                prose = []
            units.append(block.text)
        else:
            if block.kind == "paragraph" and found[number - 1 : number] and found[number - 1].kind == "item":
                intro = ""  # the list ended; a later list brings its own lead-in
            prose.append(block.text)
    if prose:
        units.append("\n\n".join(prose))
    return [u.strip() for u in units if u.strip()]


def table_rows(table: str) -> list[str]:
    """A Markdown table as rows, each with the header row in front (for tables too long to embed whole)."""
    lines = [line for line in table.split("\n") if line.strip() and not _TABLE_RULE.match(line)]
    if len(lines) < 3:
        return [table]
    header = lines[0]
    return [f"{header}\n{row}" for row in lines[1:]]
