""" "Not alone while waiting": the immediate step for a sensitive category, quoted from the company's own document.

knowledge/reachability.yaml names, per category and language, the document and section that clearly cover what
to do right now (a press enquiry: no statement, the press office will get back, pass on name, medium and
deadline). The passage is read from the document itself, with the loader the index uses, so it is quoted
word for word with its source; Lotse adds nothing of its own. A category without an entry gets no step.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from bot.handoff.reach import ReachPolicy, StepSource
from bot.models import Passage

log = logging.getLogger(__name__)
SEPARATOR = " › "  # as in the index (ingest/chunking.py)


class FirstSteps:
    def __init__(self, knowledge_dir: Path | str, policy: ReachPolicy) -> None:
        self._dir = Path(knowledge_dir)
        self._policy = policy

    def passage(self, category: str | None, language: str) -> Passage | None:
        """The immediate step for `category` in `language` (else the other language), or None."""
        by_language = self._policy.first_steps.get(category or "") or {}
        source = by_language.get(language) or next(iter(by_language.values()), None)
        if source is None:
            return None
        try:
            return _read(self._dir, source)
        except Exception:  # a missing file or a renamed heading must not stop the handoff
            log.exception("first step for %s: %s › %s not readable", category, source.document, source.section)
            return None


@lru_cache(maxsize=32)
def _read(knowledge_dir: Path, source: StepSource) -> Passage | None:
    from ingest.loaders import load_file

    document = load_file(knowledge_dir / source.document)
    for section in document.sections:
        if section.path and section.path[-1] == source.section and not section.view:
            return Passage(
                document=document.doc_id,
                title=document.title,
                section=SEPARATOR.join(section.path),
                text=section.text.strip(),
                score=1.0,
                language=document.language,
                anchor=section.anchor or section.path[-1],
                source_path=source.document,
            )
    log.warning("first step: no section %r in %s", source.section, source.document)
    return None
