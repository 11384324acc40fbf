"""Where a case's example goes in the company's files, and writing it there.

    target = triage_target(knowledge_dir, "press")                 # knowledge/triage.yaml, category press
    target = rule_target(checker, knowledge_dir, "customers.hints") # knowledge/postcheck/customers.yaml
    created = ExampleWriter(knowledge_dir, lock_dir).add(target, text, "de", note="Fall/case #12, 2026-11-18")
    # triage.yaml:  - "Die NW will ein Statement …"  # Fall/case #12, 2026-11-18
    # postcheck:    - {text: "Großauftrag …", case: "Fall/case #12, 2026-11-18"}

A triage category gets the text in `examples_de` / `examples_en`; a category only Lotse ships (bot/triage/default.yaml)
is extended in the company's triage.yaml (`extends: default` adds lists to the defaults; the file is created with it
when there is none). A post-check rule gets it in `examples.trigger`; Lotse's shipped rules and the checks built from
guideline sentences are not the company's files and are refused. The edit inserts lines and changes nothing else
(bot/learning/yaml_append.py); the result is loaded with the real loader before it replaces the file, under a lock,
atomically. The same text twice (ignoring case and spacing) is written once: `add` returns False.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.file_lock import file_lock
from bot.i18n import t
from bot.labels import category_label
from bot.learning.example_texts import ExampleRefused
from bot.learning.yaml_append import LayoutError, Step, append_item, quoted
from bot.yaml_file import read_mapping

if TYPE_CHECKING:  # pragma: no cover
    from bot.postcheck.checker import PostChecker

TRIAGE_FILE = "triage.yaml"
NEW_TRIAGE = (
    "# Triage: eigene Beispiele zu Lotses Standardkategorien / own examples for Lotse's default categories.\n"
    "# Siehe / see docs/triage.md.\nversion: 1\nextends: default\n"
)


@dataclass(frozen=True)
class ExampleTarget:
    kind: str  # triage | rule
    name: str  # the category name or the rule id
    category: str  # the category (of the rule), for its label
    path: Path  # the company's file that gets the example
    extends: bool = False  # a category only Lotse ships, extended in the company's file

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"

    def label(self, language: str) -> str:
        """e.g. `Tabuthema „Presseanfrage“ (triage.yaml, Beispiele de)`."""
        topic = category_label(self.category, language)
        if self.kind == "rule":
            return t("example.target.rule", language, rule=self.name, label=topic, file=self.path.name)
        key = "example.target.triage_extends" if self.extends else "example.target.triage"
        return t(key, language, label=topic, file=self.path.name, lang=language)


# --- finding the target ------------------------------------------------------------------------------
def triage_target(knowledge_dir: Path, category: str) -> ExampleTarget:
    from bot.triage.config import DEFAULT_PATH

    path = Path(knowledge_dir) / TRIAGE_FILE
    own = read_mapping(path)
    if category in _category_names(own):
        return ExampleTarget("triage", category, category, path)
    extends = own is None or own.get("extends") == "default"
    if extends and category in _category_names(read_mapping(DEFAULT_PATH)):
        return ExampleTarget("triage", category, category, path, extends=True)
    raise ExampleRefused("unknown_topic", topic=category)


def rule_target(checker: PostChecker, knowledge_dir: Path, rule_id: str) -> ExampleTarget:
    compiled = checker.rule(rule_id)
    if compiled is None or compiled.rule.examples is None:  # unknown, or built from a guideline sentence
        raise ExampleRefused("unknown_target", id="?")
    path = Path(compiled.path)
    if path.parent.resolve() != (Path(knowledge_dir) / "postcheck").resolve():
        raise ExampleRefused("shipped_rule", rule=rule_id)
    return ExampleTarget("rule", rule_id, compiled.rule.category, path)


def _category_names(data: dict[str, Any] | None) -> list[str]:
    items = (data or {}).get("sensitive") or []
    return [str(c.get("name")) for c in items if isinstance(c, dict)] if isinstance(items, list) else []


# --- writing -------------------------------------------------------------------------------------------
class ExampleWriter:
    def __init__(self, knowledge_dir: Path | str, lock_dir: Path | str | None = None) -> None:
        self.knowledge_dir = Path(knowledge_dir)
        self.lock_dir = Path(lock_dir) if lock_dir else self.knowledge_dir

    def add(self, target: ExampleTarget, text: str, language: str, note: str | None = None) -> bool:
        """Write `text` as an example of `target`; False (nothing written) when it is one already."""
        with self._locked():
            if _normal(text) in {_normal(known) for known in existing_examples(target, language)}:
                return False
            before = target.path.read_text(encoding="utf-8") if target.path.exists() else NEW_TRIAGE
            try:
                after = append_item(before, _place(target, before, language), *_rendered(target, text, note))
            except LayoutError:
                raise ExampleRefused("layout", file=target.path.name) from None
            _replace_checked(target.path, after, lambda temp: _check(target, temp, text, language))
            return True

    def _locked(self) -> AbstractContextManager[None]:
        return file_lock(self.lock_dir / ".examples.lock")


def existing_examples(target: ExampleTarget, language: str) -> list[str]:
    """The examples `target` has now (a triage category's in `language`, with the defaults; a rule's both sides)."""
    if target.kind == "triage":
        return _triage_examples(target.path, target.name, language)
    rule = _loaded_rule(target.path, target.name)
    return [e.text for e in (*rule.examples.trigger, *rule.examples.no_trigger)] if rule is not None else []


def _triage_examples(path: Path, category: str, language: str) -> list[str]:
    from bot.triage.config import load_config_or_default

    config, _ = load_config_or_default(path)
    found = next((c for c in config.sensitive if c.name == category), None)
    if found is None:
        return []
    return list(found.examples_en if language == "en" else found.examples_de)


def _rendered(target: ExampleTarget, text: str, note: str | None) -> tuple[str, str | None]:
    """The list item and its comment: a triage example is a string (the note a comment); a rule's example says
    which case it came from (`case:`, read by the taboo-topics answer)."""
    if target.kind == "triage" or not note:
        return quoted(text), note
    return f"{{text: {quoted(text)}, case: {quoted(note)}}}", None


def _place(target: ExampleTarget, text: str, language: str) -> list[Step]:
    if target.kind == "triage":
        return ["sensitive", ("name", target.name), f"examples_{'en' if language == 'en' else 'de'}"]
    data = yaml.safe_load(text)
    if isinstance(data, dict) and "rules" in data:
        return ["rules", ("id", target.name), "examples", "trigger"]
    return ["examples", "trigger"]


def _loaded_rule(path: Path, rule_id: str) -> Any:
    from bot.postcheck.rules import read_folder_file

    folder = read_folder_file(path)
    return next((item.rule for item in folder.rules if item.rule.id == rule_id), None)


def _check(target: ExampleTarget, written: Path, text: str, language: str) -> None:
    """The edited file loads with the real loader and holds the example; else ValueError (the file stays)."""
    if target.kind == "triage":
        from bot.triage.config import load_config

        config = load_config(written)  # TriageConfigError (a ValueError) names the problem
        found = next((c for c in config.sensitive if c.name == target.name), None)
        examples = (found.examples_en if language == "en" else found.examples_de) if found else []
        ok = _normal(text) in {_normal(e) for e in examples}
    else:
        from bot.postcheck.rules import read_folder_file

        folder = read_folder_file(written)
        rule = next((item.rule for item in folder.rules if item.rule.id == target.name), None)
        ok = (
            not folder.errors and rule is not None and _normal(text) in {_normal(e.text) for e in rule.examples.trigger}
        )
    if not ok:
        raise ValueError(f"{target.path.name}: the edited file does not hold the example; left unchanged")


def _replace_checked(path: Path, text: str, check: Callable[[Path], None]) -> None:
    """Write `text` beside `path`, check it, then replace `path` in one step (or leave it as it was)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        check(Path(temp))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
