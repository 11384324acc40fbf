"""Sections made of rules are cut so that one rule is one passage, keeping its heading path and lead-in."""

from __future__ import annotations

from ingest.chunking import chunk_document
from ingest.document import LoadedDocument, Section

RULES = """All users of our channels should abide by the following guidelines:
- Do not post personal information, such as your phone number, address or class schedule, on any channel.
- Respect copyright and fair use laws. Don't post pictures that include other people without their permission.
- You may add the company's name to your profile description, as long as you make clear you speak for yourself."""

KEYWORDS = """Some topics are off limits on social media, including hints, puzzles or teasers, for everyone who is not
the management board or Corporate Communications, whatever the channel and whatever the occasion:
- unpublished figures
- strategy and site planning
- legal disputes
- personnel matters"""

FAQ = """**Can I post photos of the trade fair stand?**
Yes, photos of our own stand are welcome as long as no customer conversation can be seen in them.

**Do I have to mention that I work here when I recommend our products?**
Yes: a short note such as "I work here" in the post itself is enough; the profile alone is not.
"""


def _chunks(text: str, embedder, heading: str = "Behavioral Expectations", max_chars: int = 200) -> list:
    """Chunks of one section; the small `max_chars` makes these sections too long to stay whole."""
    document = LoadedDocument("p", "Policy", "en", "guideline", "p.md", [Section(("Policy", heading), text, heading)])
    return chunk_document(document, embedder.count_tokens, embedder.max_tokens, max_chars)


def test_each_rule_of_a_list_is_a_passage_with_its_lead_in_and_heading(embedder) -> None:
    chunks = _chunks(RULES, embedder)
    handle = [c for c in chunks if "profile description" in c.text]
    assert len(chunks) == 3 and len(handle) == 1
    assert handle[0].text.startswith("All users of our channels should abide by the following guidelines:")
    assert "phone number" not in handle[0].text
    assert all(c.section == "Policy › Behavioral Expectations" for c in chunks)
    assert handle[0].embed_text.startswith("Policy › Behavioral Expectations\n")


def test_a_section_that_fits_stays_whole(embedder) -> None:
    [chunk] = _chunks(RULES, embedder, max_chars=1200)
    assert "phone number" in chunk.text and "profile description" in chunk.text


def test_a_list_of_keywords_stays_with_its_lead_in(embedder) -> None:
    [chunk] = _chunks(KEYWORDS, embedder, "Taboo topics")
    assert "off limits" in chunk.text and "personnel matters" in chunk.text


def test_faq_style_text_keeps_each_question_with_its_answer(embedder) -> None:
    chunks = _chunks(FAQ, embedder, "Questions and answers")
    assert len(chunks) == 2
    assert "trade fair stand?**" in chunks[0].text and "no customer conversation" in chunks[0].text
    assert chunks[1].text.startswith("**Do I have to mention") and "profile alone" in chunks[1].text


def test_a_table_too_long_for_one_passage_is_cut_into_rows_with_their_header(embedder) -> None:
    rows = "\n".join(f"| Channel {n} | Owner {n} is responsible for every post on channel {n} |" for n in range(60))
    table = f"| Channel | Who may post |\n|---|---|\n{rows}"
    chunks = _chunks(table, embedder, "Channels")
    assert len(chunks) > 1
    assert all(c.text.startswith("| Channel | Who may post |") for c in chunks)
