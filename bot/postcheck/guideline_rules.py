"""Checks by meaning from the company's own guideline: every sentence that forbids or restricts something.

At load time the documents in knowledge/documents are read; sentences and list items such as "Do not …",
"Never …", "… without permission", "Veröffentlichen Sie keine …", "… ist tabu", "darfst du nicht …" become
checks. A draft sentence is a finding, quoting exactly that guideline sentence with its document and section
as the source, when it lies clearly closer to one of them than to any of a few harmless everyday posts
(`ANCHORS`): raw cosines of a small embedding model are high for any two social-media sentences, the margin
over ordinary posts is what tells a risky sentence. The cut-off is per embedding model (`MARGINS`, calibrated
on tuning drafts only: `bench/bench_postcheck.py --calibrate-guideline`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post, embed_sentences, within_budget
from bot.postcheck.rules import Localized
from bot.postcheck.text import tokenize
from bot.postcheck.verdict import GuidelineQuote
from bot.vector_cache import fixed_vectors

log = logging.getLogger(__name__)

RULE_ID = "guideline.sentences"
MIN_WORDS, MAX_WORDS = 4, 70
# margin (best cosine to a restrictive guideline sentence minus best cosine to an anchor) per embedding model;
# multilingual-e5-small: the highest harmless tuning draft lay at 0.056 (Nordwerk, posts-tune), 0.049 (public
# guidelines, posts-tune), one harmless draft of the third corpus's posts-tune above 0.06; risky drafts no explicit
# rule caught lay at 0.007-0.036: precision first
MARGINS = {"packaged:multilingual-e5-small": 0.07}
FALLBACK_MARGIN = 0.08
# everyday posts nobody needs to clear, German and English (no company's details)
ANCHORS = (
    "What a great team event today, thanks to everyone who came.",
    "Proud of my colleagues, we had a wonderful day.",
    "Join us at our open day, everyone is welcome.",
    "Here is a tip I learned at work.",
    "I enjoyed the conference talk today.",
    "We are hiring, see the job posting on our website.",
    "Happy birthday to my colleague!",
    "Beautiful morning on my way to work.",
    "My personal opinion on a general industry topic.",
    "Heute war unser Teamausflug, danke an alle.",
    "Ich bin stolz auf mein Team.",
    "Kommt vorbei zum Tag der offenen Tür.",
    "Ein kleiner Tipp aus meinem Arbeitsalltag.",
    "Spannender Vortrag heute auf der Tagung.",
    "Wir suchen Verstärkung, die Stellenanzeige steht auf unserer Webseite.",
    "Meine persönliche Meinung zu einem allgemeinen Thema.",
)

_RESTRICTIVE = re.compile(
    "|".join(
        [
            # English
            r"\b(?:do not|don[’']t|never|must not|mustn[’']t|may not|should not|shouldn[’']t|cannot|can[’']t)\b",
            r"\bnot\s+(?:be\s+)?(?:allowed|permitted|authori[sz]ed|acceptable|appropriate|the place)\b",
            r"\b(?:prohibited|forbidden|refrain from|avoid\w*|off[- ]limits|taboo)\b",
            r"\bwithout\s+(?:their\s+|prior\s+|explicit\s+|express\s+|written\s+)*(?:permission|approval|authori[sz]ation|consent)\b",
            r"\bonly\s+(?:with|after)\s+(?:prior\s+)?(?:permission|approval|authori[sz]ation|consent)\b",
            r"\bconfidential\b",
            # German
            r"\b(?:nicht\s+(?:erlaubt|gestattet|zulässig|befugt|gestattet)|verboten|untersagt|tabu|unzulässig)\b",
            r"\b(?:darfst|dürfen|darf|sollten|solltest|soll)\b[^.!?\n]{0,80}\b(?:nicht|keine\w*|nie(?:mals)?)\b",
            r"\b(?:nicht|keine\w*|nie(?:mals)?)\b[^.!?\n]{0,60}\b(?:darfst|dürfen|darf)\b",
            r"\b(?:Sie|du|ihr)\s+(?:keine\w*|nie(?:mals)?|nicht)\b",
            r"\b(?:unterlass\w*|vermeid\w*|Verschwiegenheit\w*|vertraulich\w*)\b",
            r"\bohne\s+(?:deren\s+|ihre\s+|vorherige\s+|ausdrückliche\s+|schriftliche\s+)*(?:Zustimmung|Erlaubnis|Genehmigung|Freigabe|Einwilligung|Einverständnis)\b",
            r"\bnur\s+(?:mit|nach)\s+(?:vorheriger\s+)?(?:Zustimmung|Erlaubnis|Genehmigung|Freigabe|Einwilligung)\b",
        ]
    ),
    re.IGNORECASE,
)
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"“])|\n+\s*(?:[-*•]|\d+[.)])?\s*")


@dataclass(frozen=True)
class GuidelineSentence:
    text: str
    document: str
    section: str
    title: str
    language: str

    def quote(self) -> GuidelineQuote:
        return GuidelineQuote(self.document, self.section, self.text, self.title)


def is_restrictive(sentence: str) -> bool:
    return bool(_RESTRICTIVE.search(sentence))


def _sentences(text: str) -> list[str]:
    return [s.strip(" \t-*•") for s in _SPLIT.split(text) if s and s.strip(" \t-*•")]


def restrictive_sentences(document: Any) -> list[GuidelineSentence]:
    """The forbidding or restricting sentences of one loaded document (ingest.document.LoadedDocument)."""
    found: list[GuidelineSentence] = []
    for section in document.sections:
        if getattr(section, "view", False) or not section.path:
            continue
        for sentence in _sentences(section.text):
            words = len(tokenize(sentence))
            if MIN_WORDS <= words <= MAX_WORDS and is_restrictive(sentence):
                found.append(
                    GuidelineSentence(sentence, document.doc_id, section.path[-1], document.title, document.language)
                )
    return found


def mine_guideline(knowledge_dir: Path) -> list[GuidelineSentence]:
    """Every restrictive sentence of the company's documents (knowledge/documents, any format ingest reads)."""
    try:
        from ingest.loaders import LOADERS, load_file
    except ImportError:  # pragma: no cover
        return []
    folder = Path(knowledge_dir) / "documents"
    found: list[GuidelineSentence] = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_file() or path.suffix.lower() not in LOADERS:
            continue
        try:
            found.extend(restrictive_sentences(load_file(path)))
        except Exception as exc:  # noqa: BLE001 - one unreadable document must not stop the check
            log.warning("post check: cannot read %s for guideline checks: %s", path, exc)
    return list({(s.text, s.document): s for s in found}.values())


@dataclass(frozen=True)
class GuidelineSentencesRule:
    """Quacks like a rule model (id, kind, severity, message …) so the checker treats it like any other."""

    sentences: tuple[GuidelineSentence, ...]
    id: str = RULE_ID
    kind: str = "guideline"
    category: str = "guideline"
    severity: str = "revise"
    enabled: bool = True
    min_words: int = 5
    message: Localized = Localized(
        de="Dieser Satz kommt einer Regel eurer Richtlinie nahe („{excerpt}“). Prüf ihn gegen den zitierten Satz.",
        en="This sentence comes close to a rule in your guideline (“{excerpt}”). Check it against the quoted sentence.",
    )
    fix: Localized = Localized(
        de="Formuliere den Satz so, dass er die zitierte Regel einhält, oder frag die Unternehmenskommunikation.",
        en="Rephrase the sentence so it keeps the quoted rule, or ask the communications team.",
    )

    @property
    def guideline(self) -> dict[str, Any]:
        return {}

    @property
    def examples(self) -> None:
        return None

    @property
    def languages(self) -> set[str]:
        return {s.language for s in self.sentences}


class GuidelineSentenceMatcher(Matcher):
    """Draft sentences no explicit rule flagged, against the guideline's restrictive sentences."""

    def __init__(self, rule: GuidelineSentencesRule, env: Environment) -> None:
        super().__init__(rule, env)
        self._matrix: np.ndarray | None = None
        self._anchors: np.ndarray | None = None

    def matrix(self) -> np.ndarray | None:
        if self._matrix is None and self.env.embedder is not None and self.rule.sentences:
            self._matrix = fixed_vectors(self.env.embedder(), [s.text for s in self.rule.sentences])
            self._anchors = fixed_vectors(self.env.embedder(), list(ANCHORS))
        return self._matrix

    def threshold(self) -> float:
        name = getattr(self.env.embedder(), "name", "") if self.env.embedder is not None else ""
        return MARGINS.get(name, FALLBACK_MARGIN)

    def scores(self, post: Post) -> list[tuple[float, int, int, int]]:
        """(margin, sentence start, end, guideline sentence index) per draft sentence no explicit rule flagged."""
        if self.env.embedder is None:
            return []
        chosen, draft = post.sentence_embeddings(self.rule.min_words)
        guide = self.matrix()
        if draft is None or guide is None or self._anchors is None or not chosen:
            return []
        sims = draft @ guide.T
        best = sims.argmax(axis=1)
        ordinary = (draft @ self._anchors.T).max(axis=1)
        return [(float(sims[i, best[i]] - ordinary[i]), s.start, s.end, int(best[i])) for i, s in enumerate(chosen)]

    def nearest(self, vector: np.ndarray) -> tuple[float, GuidelineSentence] | None:
        """The closest restrictive sentence to one embedded draft sentence, with its margin over the anchors."""
        guide = self.matrix()
        if guide is None or self._anchors is None:
            return None
        sims = guide @ vector
        k = int(sims.argmax())
        return float(sims[k] - (self._anchors @ vector).max()), self.rule.sentences[k]

    def ranked(self, post: Post, language: str, k: int) -> list[GuidelineSentence]:
        """The k restrictive sentences nearest to any sentence of the draft, those in `language` first (the
        passages the model review reads)."""
        guide = self.matrix()
        chosen = within_budget([s for s in post.sentences if len(tokenize(s.text)) >= MIN_WORDS])
        if guide is None or not chosen or self.env.embedder is None:
            return []
        draft = embed_sentences(self.env.embedder(), [s.text[:600] for s in chosen])
        nearest = (draft @ guide.T).max(axis=0)
        same = np.array([s.language == language for s in self.rule.sentences])
        order = np.lexsort((-nearest, ~same)) if same.any() else np.argsort(-nearest)
        return [self.rule.sentences[int(i)] for i in order[:k]]

    def find(self, post: Post) -> list[Hit]:
        cut = self.threshold()
        return [
            Hit(start, end, detail=self.rule.sentences[k].text, quote=self.rule.sentences[k].quote())
            for score, start, end, k in self.scores(post)
            if score >= cut
        ]
