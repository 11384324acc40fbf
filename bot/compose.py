"""The default composer: an extractive answer that quotes the best passage and names its section.

It works offline without any language model and never says more than the sources: the answer is the cited
text itself (trimmed to its most relevant sentences), introduced by where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import t
from bot.models import Passage
from bot.retrieval.analysis import analyze
from bot.retrieval.hybrid import Hit

MAX_QUOTE_CHARS = 700
SEE_ALSO_RATIO = 0.75
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"»-])")


@dataclass
class Composition:
    answer: str
    sources: list[Passage]


def to_passage(hit: Hit) -> Passage:
    """A retrieval hit as the one passage type the core hands around."""
    meta = hit.chunk.metadata
    return Passage(
        document=hit.chunk.document,
        title=str(meta.get("title", hit.chunk.document)),
        section=hit.chunk.section,
        text=hit.chunk.text,
        score=hit.score,
        language=hit.chunk.language,
        anchor=str(meta.get("anchor", "")),
        source_path=str(meta.get("source_path", "")),
    )


def faq_answer(text: str) -> str:
    for label in ("Antwort:", "Answer:"):
        if label in text:
            return text.split(label, 1)[1].strip()
    return text


def quote(text: str, question: str, language: str) -> str:
    """The passage, or its sentences most related to the question when it is long (in original order)."""
    text = text.strip()
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    sentences = _SENTENCE.split(text)
    wanted = set(analyze(question, language))
    ranked = sorted(range(len(sentences)), key=lambda i: -len(wanted & set(analyze(sentences[i], language))))
    chosen: list[int] = []
    for index in ranked:
        if sum(len(sentences[i]) for i in chosen) + len(sentences[index]) > MAX_QUOTE_CHARS and chosen:
            break
        chosen.append(index)
    return " ".join(sentences[i] for i in sorted(chosen))


def section_name(source: Passage) -> str:
    return source.section.split(" › ")[-1]


def compose(question: str, language: str, hits: list[Hit]) -> Composition:
    best = hits[0]
    primary = to_passage(best)
    if best.chunk.metadata.get("kind") == "faq":
        intro = t("intro_faq", language, section=section_name(primary))
        body = faq_answer(primary.text)
    else:
        intro = t("intro", language, title=primary.title, section=section_name(primary))
        body = quote(primary.text, question, language)
    lines = [intro, "> " + body.replace("\n", "\n> ")]
    if primary.language and primary.language != language:
        lines.append(t("other_language", language))
    related = [
        to_passage(h)
        for h in hits[1:]
        if h.score >= SEE_ALSO_RATIO * best.score
        and h.chunk.section != best.chunk.section
        and h.chunk.language == best.chunk.language
    ][:2]
    if related:
        names = "; ".join(
            f"„{section_name(s)}“ ({s.title})" if language == "de" else f"“{section_name(s)}” ({s.title})"
            for s in related
        )
        lines.append(f"{t('see_also', language)} {names}")
    return Composition(answer="\n".join(lines), sources=[primary, *related])


def compose_tentative(question: str, language: str, hits: list[Hit], contact: str) -> Composition:
    """Not sure: say so, quote the nearest passage, name the next ones, offer the person. Never an answer."""
    best = compose(question, language, hits[:1])
    others = [to_passage(h) for h in hits[1:] if h.chunk.section != hits[0].chunk.section][:2]
    lines = [t("tentative_intro", language), best.answer]
    if others:
        names = "; ".join(
            f"„{section_name(s)}“ ({s.title})" if language == "de" else f"“{section_name(s)}” ({s.title})"
            for s in others
        )
        lines.append(f"{t('tentative_others', language)} {names}")
    lines.append(t("tentative_offer", language, contact=contact))
    return Composition(answer="\n".join(lines), sources=[*best.sources[:1], *others])
