"""Does a model's answer say only what the passages say? Lotse's own check, no second model call.

An answer passes when
  - every sentence cites, by number ("[2]"), a passage that was given ("uncited", "unknown_passage");
  - each sentence means what a sentence of its cited passages says: the cosine between the two (the embedding
    model, `similarity`) reaches the calibrated `support` ("unsupported");
  - every number, date, e-mail address, URL, phone number and name in it occurs in its cited passages or in the
    question ("invented_fact");
  - it is in the asker's language ("language");
  - it keeps the rule's polarity: a sentence that says "darfst nicht" where its passage says "darfst" (or the
    reverse; "must"/"must not", "erlaubt"/"verboten") is "flipped_rule", and one that leaves out the passage's
    condition ("nur mit Freigabe") is "dropped_condition". Meaning similarity cannot see a flipped negation;
    these two are lexical.
Pure: the caller hands in the similarity function (bot/reading/llm.py uses the embedding model). The cut-off
was calibrated on knowledge/eval/reader-answers-tune.jsonl (bench/experiments/calibrate_verifier.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from bot.language import detect_language

Similarity = Callable[[list[str], list[str]], np.ndarray]  # (answer sentences, passage sentences) → cosines

SUPPORT = 0.90  # calibrated for the default embedding model (multilingual-e5-small) on the tuning answers
MAX_ANSWER_CHARS = 1500

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\]]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b")
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d /().-]{6,}\d")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w'’-]*")
_PASSAGE_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")

NUMBER_WORDS = {
    "null": "0", "zero": "0", "eins": "1", "zwei": "2", "two": "2",
    "drei": "3", "three": "3", "vier": "4", "four": "4", "fünf": "5", "five": "5", "sechs": "6", "six": "6",
    "sieben": "7", "seven": "7", "acht": "8", "eight": "8", "neun": "9", "nine": "9", "zehn": "10", "ten": "10",
    "elf": "11", "eleven": "11", "zwölf": "12", "twelve": "12", "vierzehn": "14", "fourteen": "14",
    "zwanzig": "20", "twenty": "20", "dreißig": "30", "thirty": "30", "hundert": "100", "hundred": "100",
}  # fmt: skip
NEGATIONS = frozenset(
    """
nicht nichts kein keine keinen keinem keiner keines nie niemals niemand nirgends weder verboten untersagt unzulässig
unzulaessig tabu vermeide vermeiden vermeidet verzichte verzichten unterlasse unterlassen statt anstatt
not no never none nobody nothing neither nor cannot prohibited forbidden banned avoid refrain instead
""".split()
)
PROHIBITIONS = frozenset("verboten untersagt unzulässig unzulaessig tabu prohibited forbidden banned".split())
CONDITIONS = (
    r"\bnur\b", r"\bonly\b", r"\bausschlie(?:ß|ss)lich", r"\bexclusively\b", r"\berst\b", r"\bunless\b",
    r"\bsofern\b", r"\bvorher\b", r"\bvorab\b", r"\bbeforehand\b", r"\bin advance\b",
    r"\b(?:mit|nach|nach vorheriger)\s+(?:\w+\s+)?(?:freigabe|genehmigung|zustimmung|einwilligung|rücksprache)",
    r"\b(?:with|after)\s+(?:\w+\s+)?(?:approval|consent|permission|sign-off|clearance)",
    r"\bsubject to\b", r"\bas long as\b", r"\bsolange\b",
)  # fmt: skip
_CONDITION = re.compile("|".join(CONDITIONS), re.I)
_CLAUSE = re.compile(
    r"\s*(?:[;:–—]|,\s*(?=(?:aber|sondern|und|oder|doch|jedoch|nur|statt|anstatt|auch nicht|but|and|or|only|instead|"
    r"not even)\b))\s*",
    re.I,
)
MONTHS = frozenset(
    """januar februar märz maerz april mai juni juli august september oktober november dezember january february
march may june july october december montag dienstag mittwoch donnerstag freitag samstag sonntag monday tuesday
wednesday thursday friday saturday sunday""".split()
)
_WITHOUT = re.compile(r"\b(?:ohne|without)\b", re.I)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reasons: tuple[str, ...] = ()  # the kinds of defect found, each once, in order of the checks
    cited: tuple[int, ...] = ()  # passage numbers the answer cites, in order of first citation
    support: float = 0.0  # the weakest sentence's best cosine


@dataclass
class _Sentence:
    text: str  # without its citation markers
    cites: list[int] = field(default_factory=list)


def verify(
    answer: str,
    passages: Mapping[int, str],
    question: str,
    language: str,
    similarity: Similarity,
    *,
    support: float = SUPPORT,
) -> Verdict:
    """Check `answer` (sentences citing "[n]") against the numbered `passages` the model was given."""
    text = answer.strip()
    if not text:
        return Verdict(False, ("empty",))
    if len(text) > MAX_ANSWER_CHARS:
        return Verdict(False, ("too_long",))
    sentences = split_sentences(text)
    reasons: list[str] = []
    cited = list(dict.fromkeys(n for s in sentences for n in s.cites))
    if not sentences or any(not s.cites for s in sentences):
        reasons.append("uncited")
    if any(n not in passages for n in cited):
        reasons.append("unknown_passage")
    if detect_language(_MARKER.sub(" ", text), default=language) != language:
        reasons.append("language")
    known = [s for s in sentences if s.cites and all(n in passages for n in s.cites)]
    _prepare(similarity, known, passages)
    weakest = 1.0
    semantic: list[str] = []
    for sentence in known:
        sources = [passages[n] for n in sentence.cites]
        if invented_facts(sentence.text, [*sources, question]):
            _add(reasons, "invented_fact")
        best, aligned = _aligned(sentence.text, sources, similarity)
        weakest = min(weakest, best)
        if best < support:
            _add(semantic, "unsupported")
        polarity = condition_defect(sentence.text, aligned) or clause_flip(sentence.text, sources, similarity)
        if polarity:
            _add(reasons, polarity)
    reasons.extend(r for r in semantic if r not in reasons)
    if not known:
        weakest = 0.0
    return Verdict(not reasons, tuple(reasons), tuple(cited), round(weakest, 4))


def split_sentences(answer: str) -> list[_Sentence]:
    """The answer's sentences with the passage numbers each cites; a marker after the full stop belongs to the
    sentence before it ("… posten. [2]")."""
    out: list[_Sentence] = []
    for piece in _SPLIT.split(answer):
        piece = piece.strip().lstrip("-•*").strip()
        leading = re.match(r"^(?:\s*\[[\d\s,;]+\])+", piece)
        if leading and out:  # markers opening a piece close the sentence before: "… nicht. [1] Informiere …"
            out[-1].cites.extend(_numbers_in(leading.group()))
            piece = piece[leading.end() :].strip()
        if not piece:
            continue
        numbers = _numbers_in(piece)
        plain = _MARKER.sub("", piece).strip()
        if not re.search(r"\w", plain):
            if out:
                out[-1].cites.extend(numbers)  # only markers: they close the sentence before
            continue
        out.append(_Sentence(re.sub(r"\s+([.,!?;:])", r"\1", plain), numbers))
    for sentence in out:
        sentence.cites = list(dict.fromkeys(sentence.cites))
    return out


def _numbers_in(text: str) -> list[int]:
    return [int(n) for group in _MARKER.findall(text) for n in re.split(r"\s*[,;]\s*", group)]


def passage_sentences(passage: str) -> list[str]:
    return [s.strip() for s in _PASSAGE_SENTENCE.split(passage) if len(s.strip()) > 3]


def passage_units(passage: str) -> list[str]:
    """Every text of a passage the checks compare an answer with: its sentences, the passage itself and its
    sentences' clauses. Ingest embeds exactly these (with a model configured, ingest/verifier_vectors.py), so a
    first question about the passage finds them on disk instead of embedding them."""
    sentences = passage_sentences(passage)
    return list(dict.fromkeys([*sentences, passage, *(c for s in sentences for c in clauses(s))]))


def answer_units(sentence: str) -> list[str]:
    """The texts of an answer sentence the checks compare: the sentence and its clauses."""
    return list(dict.fromkeys([sentence, *clauses(sentence)]))


def _prepare(similarity: Similarity, sentences: list[_Sentence], passages: Mapping[int, str]) -> None:
    """Hand every text the checks will compare to the similarity at once, so one that embeds (EmbeddingSimilarity)
    embeds what it lacks in one call per answer instead of one per sentence and check."""
    prepare = getattr(similarity, "prepare", None)
    if prepare is None:
        return
    cited = dict.fromkeys(n for s in sentences for n in s.cites)
    mine = [u for s in sentences for u in answer_units(s.text)]
    prepare([*mine, *(u for n in cited for u in passage_units(passages[n]))])


def _aligned(sentence: str, sources: list[str], similarity: Similarity) -> tuple[float, list[str]]:
    """The best cosine of the sentence with a passage sentence (or a whole passage), and the passage sentences
    by closeness (the first is the one the sentence paraphrases)."""
    sentences = [s for source in sources for s in passage_sentences(source)]
    candidates = sentences + sources
    scores = np.asarray(similarity([sentence], candidates), dtype=np.float32).reshape(-1)
    best = float(scores.max()) if scores.size else 0.0
    order = np.argsort(-scores[: len(sentences)], kind="stable")
    return best, [sentences[i] for i in order]


# --- facts ---------------------------------------------------------------------------------------------------
def invented_facts(sentence: str, sources: list[str]) -> list[str]:
    """Numbers, dates, e-mail addresses, URLs, phone numbers and names of `sentence` found in no source."""
    haystack = "\n".join(sources)
    lower = haystack.lower()
    missing: list[str] = []
    rest = sentence
    for pattern in (_URL, _EMAIL):
        for found in pattern.findall(rest):
            item = found.rstrip(".,;:!?)»“\"'").lower()
            if item.rstrip("/") not in lower:
                missing.append(item)
        rest = pattern.sub(" ", rest)
    digits_of_sources = re.sub(r"\D", "", haystack)
    for found in _PHONE.findall(rest):
        digits = re.sub(r"\D", "", found)
        if len(digits) >= 7 and digits not in digits_of_sources:
            missing.append(found)
    rest = _PHONE.sub(" ", rest)
    source_numbers = _numbers(haystack)
    missing.extend(n for n in _numbers(rest) if n not in source_numbers)
    missing.extend(name for name in names(sentence) if not _mentioned(name, lower))
    missing.extend(w for w in _WORD.findall(sentence) if w.lower() in MONTHS and w.lower() not in lower)
    return missing


def _numbers(text: str) -> set[str]:
    found = {_digits(n) for n in _NUMBER.findall(text)}
    words = {NUMBER_WORDS[w.lower()] for w in _WORD.findall(text) if w.lower() in NUMBER_WORDS}
    parts = {_digits(p) for n in _NUMBER.findall(text) for p in re.split(r"[.,:]", n)}
    return {n for n in found | words | parts if n}


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number).lstrip("0") or "0"


def names(sentence: str) -> list[str]:
    """Words that look like names: product or account codes (letters with digits or inner capitals, "@handle"),
    and runs of two or more capitalised words not at the sentence's start ("Jana Becker", "Hannover Messe")."""
    found = re.findall(r"@\w+", sentence)
    words = _WORD.findall(sentence)
    found += [w for w in words if re.search(r"\d", w) or re.search(r"[a-zäöü][A-ZÄÖÜ]", w)]
    run: list[str] = []
    for index, word in enumerate([*words, ""]):
        if index > 0 and word[:1].isupper():
            run.append(word)
            continue
        if len(run) >= 2:
            found.extend(run)
        run = []
    return list(dict.fromkeys(found))


def _mentioned(name: str, haystack_lower: str) -> bool:
    word = name.lower().lstrip("@").strip("'’-")
    stem = word[: max(4, len(word) - 2)]
    return stem in haystack_lower


# --- polarity ------------------------------------------------------------------------------------------------
def condition_defect(sentence: str, aligned: list[str]) -> str | None:
    """ "dropped_condition" when the passage sentence the sentence paraphrases carries a condition ("nur mit
    Freigabe", "only if they agree") and the sentence none; "ohne Freigabe nicht" keeps it."""
    if aligned and has_condition(aligned[0]) and not keeps_condition(sentence):
        return "dropped_condition"
    return None


def clauses(text: str) -> list[str]:
    """A sentence's clauses ("…, und nicht an Maschinen", "…, nur keine genauen Zahlen"), of 2+ words."""
    parts = [p.strip(" ,.") for p in _CLAUSE.split(text)]
    return [p for p in parts if len(p.split()) >= 2] or [text]


def clause_flip(sentence: str, sources: list[str], similarity: Similarity) -> str | None:
    """ "flipped_rule" when a clause of the sentence says "not" where the passage clause it is closest to does
    not (or the reverse): a sentence can be right in one half and flipped in the other."""
    mine = clauses(sentence)
    theirs = [c for source in sources for s in passage_sentences(source) for c in clauses(s)]
    if not theirs:
        return None
    scores = np.asarray(similarity(mine, theirs), dtype=np.float32).reshape(len(mine), len(theirs))
    for clause, row in zip(mine, scores, strict=True):
        source = theirs[int(row.argmax())]
        if has_condition(source) and keeps_condition(clause) and not has_condition(clause):
            continue  # "ohne Freigabe … nicht" says "nur mit Freigabe"
        if negated(clause) != negated(source):
            return "flipped_rule"
    return None


def negated(text: str) -> bool:
    """Says "not": any negation ("nicht", "kein", "verboten", "mustn't"), except a negated prohibition
    ("nicht verboten", "not prohibited"), which allows."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    count, skip = 0, -1
    for index, word in enumerate(words):
        if index == skip or not (word in NEGATIONS or word.endswith("n't")):
            continue
        following = words[index + 1 : index + 3]
        prohibition = next((i for i, w in enumerate(following) if w in PROHIBITIONS), None)
        if word not in PROHIBITIONS and prohibition is not None:
            skip = index + 1 + prohibition  # "nicht verboten": the pair allows
            continue
        count += 1
    return count > 0


def has_condition(text: str) -> bool:
    return bool(_CONDITION.search(text))


def keeps_condition(sentence: str) -> bool:
    """A condition, or its negative form: "ohne Freigabe nicht", "not without approval"."""
    return has_condition(sentence) or (bool(_WITHOUT.search(sentence)) and negated(sentence))


def _add(reasons: list[str], reason: str) -> None:
    if reason not in reasons:
        reasons.append(reason)
