"""The default composer: an extractive answer that quotes the best passage and names its section.

It works offline without any language model and never says more than the sources. A confident answer reads
like a colleague's: the rule first (the passage's sentence that fits the question best), then the quote and
where it stands. A tentative one says in one line that Lotse is unsure and which passage it means, quotes the
passage's core and offers the contact person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import t
from bot.models import Passage
from bot.retrieval.analysis import analyze
from bot.retrieval.hybrid import Hit

MAX_QUOTE_CHARS = 700
SHORT_VERDICT_CHARS = 40  # "Nein." / "Nur mit Einwilligung." is said together with the sentence after it
TENTATIVE_QUOTE_CHARS = 350  # "Meinst du das?" shows the core of the passage, not all of it
SEE_ALSO_RATIO = 0.75
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"»-])")
_RULE = re.compile(
    r"\b(nicht|kein\w*|nie|nur|darfst|dürfen|darf|musst|müssen|muss|sollst|soll\w*|bitte|erlaubt|verboten|"
    r"not|never|no|only|may|must|should|please|allowed|prohibited|don't|do not)\b",
    re.IGNORECASE,
)


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


def quote(text: str, question: str, language: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """The passage, or its sentences most related to the question when it is long (in original order)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    sentences = _SENTENCE.split(text)
    wanted = set(analyze(question, language))
    ranked = sorted(range(len(sentences)), key=lambda i: -len(wanted & set(analyze(sentences[i], language))))
    chosen: list[int] = []
    for index in ranked:
        if sum(len(sentences[i]) for i in chosen) + len(sentences[index]) > limit and chosen:
            break
        chosen.append(index)
    return " ".join(sentences[i] for i in sorted(chosen))


def section_name(source: Passage) -> str:
    return source.section.split(" › ")[-1]


def source_name(source: Passage, language: str, *, title: bool = True) -> str:
    """„Tabuthemen“ (Social-Media-Richtlinie) / “Taboo topics” (Social media guideline)."""
    section = section_name(source)
    named = f"„{section}“" if language == "de" else f"“{section}”"
    return named if not title or source.title in ("", section) else f"{named} ({source.title})"


def key_sentence(text: str, question: str, language: str) -> str:
    """The passage's sentence that states the rule for this question: most shared terms, a rule word breaks ties."""
    sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]
    if len(sentences) <= 1:
        return text.strip()
    wanted = set(analyze(question, language))

    def weight(index: int) -> tuple[int, int, int]:
        sentence = sentences[index]
        return (len(wanted & set(analyze(sentence, language))), int(bool(_RULE.search(sentence))), -index)

    return sentences[max(range(len(sentences)), key=weight)]


def leading_answer(text: str) -> str:
    """An FAQ answer leads with its verdict ("Nur mit Einwilligung."); a bare verdict keeps its reason."""
    sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]
    if len(sentences) > 1 and len(sentences[0]) < SHORT_VERDICT_CHARS:
        return f"{sentences[0]} {sentences[1]}"
    return sentences[0] if sentences else text.strip()


def compose(question: str, language: str, hits: list[Hit]) -> Composition:
    """A colleague's answer: the rule first (the passage's key sentence), then the quote and where it stands."""
    best = hits[0]
    primary = to_passage(best)
    faq = best.chunk.metadata.get("kind") == "faq"
    body = faq_answer(primary.text) if faq else primary.text
    quoted = quote(body, question, language)
    rule = leading_answer(quoted) if faq else key_sentence(quoted, question, language)
    key, source = ("source_faq" if faq else "source_passage"), source_name(primary, language, title=not faq)
    lines = [rule]
    if " ".join(rule.split()) == " ".join(quoted.split()):
        lines.append(t(key + "_short", language, source=source))
    else:
        lines += [t(key, language, source=source), "> " + quoted.replace("\n", "\n> ")]
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
        lines.append(f"{t('see_also', language)} {'; '.join(source_name(s, language) for s in related)}")
    return Composition(answer="\n".join(lines), sources=[primary, *related])


def compose_tentative(question: str, language: str, hits: list[Hit], contact: str) -> Composition:
    """Not sure: say so in one line naming the passage, quote its core, offer the person. Never an answer."""
    primary = to_passage(hits[0])
    body = faq_answer(primary.text) if hits[0].chunk.metadata.get("kind") == "faq" else primary.text
    lines = [
        t("tentative_intro", language, source=source_name(primary, language)),
        "> " + quote(body, question, language, TENTATIVE_QUOTE_CHARS).replace("\n", "\n> "),
    ]
    if primary.language and primary.language != language:
        lines.append(t("other_language", language))
    lines.append(t("tentative_offer", language, contact=contact))
    return Composition(answer="\n".join(lines), sources=[primary])
