"""Question views generated at ingest from the company's own documents, in German and English, without a model.

A new company brings documents, not typical questions. From each passage this module writes the questions an
employee would ask of it, by rules and templates:
  - a heading that is itself a question ("Darf ich …?") or a bold question in the text (FAQ style): as it is;
  - any other heading: "Was gilt für <heading>?" / "What applies to <heading>?";
  - a sentence that forbids, allows or requires something ("Do not post …", "You may …", "Du darfst … nicht …",
    "Veröffentliche keine …", "Es ist nicht erlaubt, … zu …"): "Can I post …?" / "Darf ich … posten?" /
    "Do I have to …?" / "Muss ich …?", in the asker's words (you → I, dein → mein, negation dropped);
  - each of those in the other language, word by word with a shipped glossary of general social-media
    vocabulary (ingest/glossary.yaml), so that a German question meets an English guideline and the reverse.
They are indexed like hand-written views (knowledge/questions): embedded as queries, pointing at their passage,
never cited. A section with hand-written views keeps only those (bot/retrieval/hybrid.py). The company lists,
removes and rewrites them in knowledge/views.yaml (see `ViewOverrides`); ingest writes every generated view
to <data dir>/generated-views.yaml.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import Stemmer
import yaml

from bot.language import ENGLISH, GERMAN
from bot.yaml_file import read_mapping

GENERATOR_VERSION = "1"
OVERRIDE_FILE = "views.yaml"
LISTING_FILE = "generated-views.yaml"
MAX_RULES_PER_PASSAGE = 3
MIN_TRANSLATED_WORDS = 2
_GLOSSARY = Path(__file__).with_name("glossary.yaml")

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.)\s+")
_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)]|[a-z][.)])\s+")
_BOLD_QUESTION = re.compile(r"(?:\*\*|__)([^*_\n]{6,200}\?)(?:\*\*|__)")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w'’-]*")

# --- English rules ---------------------------------------------------------------------------------------------
_EN_SUBJECT = r"(?:you|employees|staff(?: members)?|faculty|everyone|users|members)"
_EN_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?:make sure|be sure|ensure)(?: that)? you (?:do not|don['’]t|never)\s+(?P<rest>.+)$", re.I),
        "Can I {rest}?",
    ),
    (re.compile(r"^(?:please\s+)?(?:do not|don['’]t|never|avoid)\s+(?P<rest>.+)$", re.I), "Can I {rest}?"),
    (
        re.compile(
            rf"^{_EN_SUBJECT}\s+(?:must not|must never|should not|shouldn['’]t|may not|cannot|can['’]t|"
            r"are not (?:allowed|permitted|authori[sz]ed) to|shall not|are not to)\s+(?P<rest>.+)$",
            re.I,
        ),
        "Can I {rest}?",
    ),
    (
        re.compile(rf"^{_EN_SUBJECT}\s+(?:may|can|are (?:allowed|welcome|encouraged) to)\s+(?P<rest>.+)$", re.I),
        "Can I {rest}?",
    ),
    (
        re.compile(rf"^{_EN_SUBJECT}\s+(?:must|should|need to|have to|are required to|shall)\s+(?P<rest>.+)$", re.I),
        "Do I have to {rest}?",
    ),
    (
        re.compile(r"^(?:always|make sure(?: that)?|be sure to|remember to)\s+(?P<rest>.+)$", re.I),
        "Do I have to {rest}?",
    ),
    (
        re.compile(
            r"^(?:please\s+)?(?P<rest>(?:use|ask|check|contact|forward|refer|direct|report|label|identify|disclose|"
            r"seek|get|obtain|keep|respect|link|include|add|mention|state|tell|inform|protect|correct)\s.+)$",
            re.I,
        ),
        "Should I {rest}?",
    ),
]
_EN_PRONOUNS = {"your": "my", "yours": "mine", "yourself": "myself", "you": "me", "you're": "I'm", "you’re": "I'm"}

# --- German rules ----------------------------------------------------------------------------------------------
_DE_MODAL = r"(?:darfst|dürfen|darf|sollst|sollen|solltest|sollten|musst|müssen|kannst|können)"
_DE_SUBJECT = r"(?:du|sie|mitarbeitende|beschäftigte|mitarbeiter(?:innen)?|alle|niemand|jede[rs]?)"
_DE_NEGATION = {"nicht": "", "nie": "", "niemals": "", "keine": "", "kein": "ein", "keinen": "einen",
                "keinem": "einem", "keiner": "einer", "keines": "eines"}  # fmt: skip
_DE_PRONOUNS = {"du": "ich", "dich": "mich", "dir": "mir", "dein": "mein", "deine": "meine", "deinen": "meinen",
                "deinem": "meinem", "deiner": "meiner", "deines": "meines", "ihr": "mein", "ihre": "meine",
                "ihren": "meinen", "ihrem": "meinem", "ihrer": "meiner", "ihres": "meines", "sie": "ich",
                "sich": "mich", "euch": "uns", "euer": "unser", "eure": "unsere"}  # fmt: skip
_DE_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^es ist (?:nicht |grundsätzlich |ausdrücklich )*(?:erlaubt|gestattet|verboten|untersagt|unzulässig|"
            r"zulässig|möglich)[,:]?\s+(?P<rest>.+?)\s+zu\s+(?P<verb>\w+)$",
            re.I,
        ),
        "Darf ich {rest} {verb}?",
    ),
    (re.compile(rf"^{_DE_SUBJECT}\s+(?:musst|müssen|sollst|sollen|solltest|sollten)\s+(?P<rest>(?!.*\b(?:nicht|kein\w*|nie)\b).+)$", re.I), "Muss ich {rest}?"),
    (re.compile(rf"^{_DE_SUBJECT}\s+{_DE_MODAL}\s+(?P<rest>.+)$", re.I), "Darf ich {rest}?"),
    (re.compile(rf"^(?P<object>[^,]{{3,80}}?)\s+{_DE_MODAL}\s+(?:du|sie)\s+(?P<rest>.+)$", re.I), "Darf ich {object} {rest}?"),
    (re.compile(r"^(?:bitte\s+)?(?P<verb>[A-ZÄÖÜ][a-zäöüß]+e(?:n)?)(?:\s+sie)?\s+(?P<rest>(?!(?:dürfen|darf|sollen|soll|müssen|muss|können|kann|sind|ist|werden|wird|haben|hat)\b).*\b(?:kein\w*|nicht|nie|niemals)\b.*)$"), "Darf ich {rest} {verb}?"),
]  # fmt: skip
_DE_NOT_VERBS = GERMAN | {"diese", "jede", "keine", "alle", "manche", "viele", "einige", "andere", "eure", "ihre"}


@dataclass(frozen=True)
class View:
    question: str
    language: str
    origin: str  # "heading", "question", "rule", "translated"


@dataclass
class ViewOverrides:
    """knowledge/views.yaml: the company's say over generated views.

    generate: false        switches them off;
    remove: [...]          drops views by their wording, or every view of a section ("Title › Heading");
    edit: {old: new}       rewrites a view's wording.
    """

    generate: bool = True
    remove: set[str] = field(default_factory=set)
    edit: dict[str, str] = field(default_factory=dict)
    digest: str = ""

    @classmethod
    def load(cls, knowledge_dir: Path | None) -> ViewOverrides:
        path = Path(knowledge_dir) / OVERRIDE_FILE if knowledge_dir else None
        data = read_mapping(path) if path and path.is_file() else None
        raw = path.read_bytes() if data is not None and path else b""
        digest = hashlib.sha256(GENERATOR_VERSION.encode() + b"\0" + raw).hexdigest()[:16]
        if not data:
            return cls(digest=digest)
        return cls(
            generate=bool(data.get("generate", True)),
            remove={_key(str(item)) for item in data.get("remove") or []},
            edit={_key(str(k)): str(v).strip() for k, v in (data.get("edit") or {}).items() if str(v).strip()},
            digest=digest,
        )

    def apply(self, section: str, views: list[View]) -> list[View]:
        if not self.generate or _key(section) in self.remove:
            return []
        kept: list[View] = []
        for view in views:
            key = _key(view.question)
            if key in self.remove:
                continue
            kept.append(View(self.edit[key], view.language, "edited") if key in self.edit else view)
        return kept


def _key(text: str) -> str:
    return " ".join(text.lower().split())


# --- the generator -----------------------------------------------------------------------------------------------
def views_for_passage(section_path: tuple[str, ...], text: str, language: str, first_of_section: bool) -> list[View]:
    """The questions one passage answers, in its language and (translated word by word) in the other one."""
    own: list[View] = []
    heading = _NUMBERING.sub("", section_path[-1]).strip() if len(section_path) > 1 else ""
    if first_of_section and heading:
        own.append(
            View(heading if heading.endswith("?") else _heading_question(heading, language), language, "heading")
        )
    own.extend(View(q, language, "question") for q in _BOLD_QUESTION.findall(text))
    rules = [q for q in (_rule_question(s, language) for s in _sentences(text)) if q]
    own.extend(View(q, language, "rule") for q in rules[:MAX_RULES_PER_PASSAGE])
    other = "en" if language == "de" else "de"
    translated = [View(t, other, "translated") for t in (_translate(v.question, language) for v in own) if t]
    return _unique(own + translated)


def _unique(views: Iterable[View]) -> list[View]:
    seen: set[str] = set()
    unique: list[View] = []
    for view in views:
        if _key(view.question) not in seen:
            seen.add(_key(view.question))
            unique.append(view)
    return unique


def _heading_question(heading: str, language: str) -> str:
    return f"Was gilt für {heading}?" if language == "de" else f"What applies to {heading}?"


def _sentences(text: str) -> list[str]:
    sentences = []
    for part in _SENTENCE.split(text):
        part = _LIST_MARK.sub("", part.replace("**", "")).strip().rstrip(".!;:").strip()
        if 12 <= len(part) <= 260 and not part.endswith("?"):
            sentences.append(part)
    return sentences


def _rule_question(sentence: str, language: str) -> str | None:
    rules = _DE_RULES if language == "de" else _EN_RULES
    for pattern, template in rules:
        match = pattern.match(sentence)
        if not match:
            continue
        parts = match.groupdict()
        if language == "de" and "verb" in parts and template.startswith("Darf ich {rest} {verb}"):
            verb = parts["verb"]
            if verb.lower() in _DE_NOT_VERBS:
                continue
            parts["verb"] = _infinitive(verb) if pattern is _DE_RULES[-1][0] else verb
        parts = {name: _as_asker(value, language) for name, value in parts.items()}
        question = " ".join(template.format(**parts).split())
        question = question[0].upper() + question[1:]
        return question.replace(" ?", "?") if len(question) <= 200 else None
    return None


def _infinitive(verb: str) -> str:
    lower = verb.lower()
    return lower if lower.endswith("en") else lower + "n"


def _as_asker(fragment: str, language: str) -> str:
    """The guideline's "you" and "not" turned into the asker's "I" (the question asks whether it is allowed)."""
    words = fragment.strip().rstrip(".,;:").split()
    out: list[str] = []
    for word in words:
        bare = word.lower().strip(",;:")
        if language == "de":
            if bare in _DE_NEGATION:
                if _DE_NEGATION[bare]:
                    out.append(_DE_NEGATION[bare])
                continue
            out.append(_DE_PRONOUNS.get(bare, word) if bare in _DE_PRONOUNS else word)
        else:
            out.append(_EN_PRONOUNS.get(bare, word) if bare in _EN_PRONOUNS else word)
    return " ".join(out)


# --- word-by-word translation ------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _glossary() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(English stem → German words, German stem → English words)."""
    data = yaml.safe_load(_GLOSSARY.read_text(encoding="utf-8")) or {}
    en_de: dict[str, list[str]] = {}
    de_en: dict[str, list[str]] = {}
    for english, germans in data.items():
        germans = [str(g) for g in germans]
        en_de.setdefault(_stem(str(english), "en"), germans)
        for german in germans:
            de_en.setdefault(_stem(german, "de"), []).append(str(english))
    return en_de, de_en


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german" if language == "de" else "english")


def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word.lower())


def _translate(question: str, language: str) -> str | None:
    """A question in the other language from the glossary words it holds (nouns first, then verbs)."""
    en_de, de_en = _glossary()
    table = de_en if language == "de" else en_de
    stop = GERMAN if language == "de" else ENGLISH
    words = [w for w in _WORD.findall(question) if w.lower() not in stop]
    found: list[str] = []
    for word in words:
        translation = table.get(_stem(word, language))
        if translation and translation[0] not in found:
            found.append(translation[0])
    if len(found) < MIN_TRANSLATED_WORDS:
        return None
    if language == "en":  # → German: nouns (capitalised) first, the verb last, as in "Darf ich Fotos posten?"
        nouns = [w for w in found if w[:1].isupper()]
        rest = [w for w in found if not w[:1].isupper()]
        return f"Darf ich {' '.join(nouns + rest)}?"
    return f"Can I {' '.join(found)}?"


# --- the listing in the data dir ---------------------------------------------------------------------------------
class _Stored(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def metadata(self) -> dict[str, Any]: ...


def views_listing(chunks: Iterable[_Stored]) -> dict[str, Any]:
    """Every generated view, by document and section, as the company sees and overrides them."""
    documents: dict[str, dict[str, list[str]]] = {}
    for chunk in chunks:
        meta = chunk.metadata
        if meta.get("kind") != "questions" or not meta.get("origin"):
            continue
        sections = documents.setdefault(str(meta.get("document", "")), {})
        sections.setdefault(str(meta.get("section", "")), []).append(chunk.text)
    return {
        "about": (
            "Question views Lotse generated from your documents (lotse ingest). They lead questions to passages "
            f"and are never cited. To remove or rewrite one, list it in knowledge/{OVERRIDE_FILE} "
            "(remove: [question or section], edit: {question: new wording}, generate: false) and run lotse ingest."
        ),
        "views": sum(len(q) for s in documents.values() for q in s.values()),
        "documents": documents,
    }


def write_views_listing(chunks: Iterable[_Stored], path: Path) -> None:
    listing = views_listing(chunks)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(listing, allow_unicode=True, sort_keys=False, width=120)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
