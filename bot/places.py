"""Where Lotse's two folders are: the company's knowledge folder and the data folder (index, database, log).

Named folders (`--knowledge-dir`, `LOTSE_KNOWLEDGE_DIR`, `--data-dir`, `LOTSE_DATA_DIR`) are used as given.
Without a name the knowledge folder is found: `./knowledge`, else a `knowledge/` folder in a parent directory,
else the one of the Lotse checkout the command was installed from. The data folder lives beside it. A folder
that is missing or unusable is a `SetupProblem`: a key and values, rendered as one sentence at the edge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.i18n import register, t

KNOWLEDGE_NAME = "knowledge"
DATA_NAME = "data"
_MARKERS = ("documents", "faq", "contacts.yaml", "company.yaml", "triage.yaml")
_SMALL_YAML = ("contacts.yaml", "company.yaml", "triage.yaml", "synonyms.yaml", "calibration.yaml")

register(
    {
        "setup.knowledge_missing": {
            "de": "Den Wissensordner {path} gibt es nicht; nenne den richtigen mit --knowledge-dir ORDNER "
            "oder LOTSE_KNOWLEDGE_DIR.",
            "en": "The knowledge folder {path} does not exist; name the right one with --knowledge-dir DIR "
            "or LOTSE_KNOWLEDGE_DIR.",
        },
        "setup.knowledge_not_found": {
            "de": "Ich finde keinen Wissensordner (gesucht: {path} und die Ordner darüber); nenne ihn mit "
            "--knowledge-dir ORDNER oder LOTSE_KNOWLEDGE_DIR.",
            "en": "I can't find a knowledge folder (looked for {path} and in the folders above); name it with "
            "--knowledge-dir DIR or LOTSE_KNOWLEDGE_DIR.",
        },
        "setup.knowledge_not_a_folder": {
            "de": "{path} ist kein Ordner; --knowledge-dir und LOTSE_KNOWLEDGE_DIR brauchen den Wissensordner.",
            "en": "{path} is not a folder; --knowledge-dir and LOTSE_KNOWLEDGE_DIR need the knowledge folder.",
        },
        "setup.knowledge_file_broken": {
            "de": "Die Datei {path} im Wissensordner ist fehlerhaft ({detail}); bitte korrigiere sie.",
            "en": "The file {path} in the knowledge folder is broken ({detail}); please fix it.",
        },
        "setup.data_unusable": {
            "de": "Den Datenordner {path} kann ich nicht benutzen ({detail}); nenne einen anderen mit "
            "--data-dir ORDNER oder LOTSE_DATA_DIR.",
            "en": "I can't use the data folder {path} ({detail}); name another one with --data-dir DIR "
            "or LOTSE_DATA_DIR.",
        },
        "setup.no_index": {
            "de": "Im Datenordner {path} gibt es noch keinen Index; führe zuerst `lotse ingest` aus "
            "(oder nenne mit --data-dir den richtigen Ordner).",
            "en": "There is no index in the data folder {path} yet; run `lotse ingest` first "
            "(or name the right folder with --data-dir).",
        },
        "setup.setting_invalid": {
            "de": "Die Einstellung {name} ist ungültig ({detail}); siehe .env.example.",
            "en": "The setting {name} is invalid ({detail}); see .env.example.",
        },
    }
)


class SetupProblem(Exception):
    """Lotse cannot start as configured; `text(language)` says why in one sentence."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(f"{key}: {values}")
        self.key = key
        self.values = {name: str(value) for name, value in values.items()}

    def text(self, language: str | None) -> str:
        return t(f"setup.{self.key}", language, **self.values)


def looks_like_knowledge(folder: Path) -> bool:
    return folder.is_dir() and any((folder / marker).exists() for marker in _MARKERS)


def find_knowledge_dir(start: Path | None = None) -> Path:
    """./knowledge, a knowledge/ folder above, or the one beside this installation; else a SetupProblem."""
    start = (start or Path.cwd()).resolve()
    candidates = [folder / KNOWLEDGE_NAME for folder in (start, *start.parents)]
    candidates.append(Path(__file__).resolve().parent.parent / KNOWLEDGE_NAME)  # the checkout (editable install)
    for candidate in candidates:
        if looks_like_knowledge(candidate):
            return candidate
    raise SetupProblem("knowledge_not_found", path=start / KNOWLEDGE_NAME)


def check_knowledge_dir(path: Path) -> Path:
    """A named knowledge folder: it must exist, be a folder, and its small YAML files must parse."""
    path = path.expanduser()
    if not path.exists():
        raise SetupProblem("knowledge_missing", path=path.resolve())
    if not path.is_dir():
        raise SetupProblem("knowledge_not_a_folder", path=path.resolve())
    for name in _SMALL_YAML:
        _check_yaml(path / name)
    return path


def _check_yaml(path: Path) -> None:
    try:
        yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupProblem("knowledge_file_broken", path=path, detail=type(exc).__name__) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SetupProblem("knowledge_file_broken", path=path, detail=f"YAML{where}: {problem}") from None


def check_data_dir(path: Path) -> Path:
    """The data folder, created if needed; it must be a writable folder."""
    path = path.expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".lotse-write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise SetupProblem("data_unusable", path=path.resolve(), detail=exc.strerror or type(exc).__name__) from None
    return path
