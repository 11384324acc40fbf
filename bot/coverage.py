"""Word coverage: how much of a question a passage covers, on stemmed, umlaut-folded words.

Shared by retrieval's re-ranker (bot/retrieval/rerank.py) and triage (bot/triage/), so neither imports the
other. A term word matches a message word when the stems are equal, the message stem adds a short ending to the
term stem ("journalistinn" ~ "journalist"), or it ends with a term stem of 5+ characters (the head of a German
compound: "rechtsanwalt" ~ "anwalt").
"""

from __future__ import annotations

from bot.retrieval.analysis import _stemmer, fold, words

MAX_SUFFIX = 3  # "journalist" → "journalistin", "journalisten"; not "presse" → "pressemitteilung"
MIN_COMPOUND_HEAD = 5


def stems(text: str, language: str) -> list[str]:
    """Folded stems of the content words (stop words dropped, hyphenated words split)."""
    stemmer = _stemmer(language)
    out: list[str] = []
    for word in words(text):
        for part in word.replace("'", "").split("-"):
            if part:
                stem = fold(stemmer.stemWord(part))
                if len(stem) >= 2:
                    out.append(stem)
    return out


def word_matches(term: str, token: str, compounds: bool = True) -> bool:
    """`compounds`: the term may also be the head of a longer German compound ("Rechtsanwalt" ~ "Anwalt")."""
    if token == term:
        return True
    if len(term) >= 3 and token.startswith(term) and len(token) - len(term) <= MAX_SUFFIX:
        return True
    if not compounds or len(term) < MIN_COMPOUND_HEAD:
        return False
    # the head of a compound, possibly inflected: "rechtsanwaltin" ~ "anwalt"
    return any(token[: len(token) - k].endswith(term) for k in range(MAX_SUFFIX + 1))


MIN_STEM = 3


def coverage(question: str, language: str, passage: str) -> float:
    """Share of the question's distinct content stems found in the passage (inflection and compounds tolerated)."""
    wanted = [s for s in dict.fromkeys(stems(question, language)) if len(s) >= MIN_STEM]
    if not wanted:
        return 0.0
    tokens = set(stems(passage, "de")) | set(stems(passage, "en"))

    def found(stem: str) -> bool:
        return any(word_matches(stem, t) or (len(t) >= 4 and word_matches(t, stem)) for t in tokens)

    return sum(found(s) for s in wanted) / len(wanted)
