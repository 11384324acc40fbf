"""What `lotse init` asks, validated: each check returns a sentence for the person, never raises."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("communications", "press", "legal", "data_protection", "hr", "it_security")
ROLE_KEYS = {"it_security": "security"}  # the role name the shipped triage defaults route to
ROLE_LABELS = {
    "communications": ("Unternehmenskommunikation", "Corporate Communications"),
    "press": ("Pressestelle", "Press Office"),
    "legal": ("Rechtsabteilung", "Legal Department"),
    "data_protection": ("Datenschutz", "Data Protection"),
    "hr": ("Personalabteilung", "Human Resources"),
    "it_security": ("IT-Sicherheit", "IT Security"),
}
EMAIL = re.compile(r"^[^@\s<>,;()]+@[^@\s<>,;()]+\.[A-Za-z]{2,}$")
SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".html", ".htm", ".txt")


@dataclass(frozen=True)
class ContactAnswer:
    name: str
    email: str
    role: str  # one of ROLES

    @property
    def key(self) -> str:
        return ROLE_KEYS.get(self.role, self.role)


@dataclass(frozen=True)
class ImportedDocument:
    source: Path
    digest: str
    sections: int


@dataclass
class SetupAnswers:
    company: str
    language: str
    contacts: list[ContactAnswer] = field(default_factory=list)
    workday_start: int = 8
    workday_end: int = 17
    documents: list[ImportedDocument] = field(default_factory=list)


def email_problem(email: str) -> str | None:
    return None if EMAIL.match(email.strip()) else "email"


def parse_hours(text: str) -> tuple[int, int] | None:
    """ "8-17", "08:00-17:00", "8 bis 17" → (8, 17); None when it is not a working day."""
    found = re.findall(r"\d{1,2}", text.replace(":00", ""))
    if len(found) != 2:
        return None
    start, end = int(found[0]), int(found[1])
    return (start, end) if 0 <= start < end <= 24 else None


def parse_contact(text: str) -> ContactAnswer | str:
    """ "Name <mail@x.de> role" or "Name, mail@x.de, role" → a contact, else the message key of the problem."""
    match = re.match(r"^\s*(?P<name>[^<,]+?)\s*[<,]\s*(?P<email>[^>,\s]+)\s*[>,]?\s*(?P<role>\w+)\s*$", text)
    if match is None:
        return "contact_format"
    role = match["role"].lower()
    if role not in ROLES:
        return "role"
    if email_problem(match["email"]):
        return "email"
    return ContactAnswer(match["name"].strip(), match["email"].strip(), role)


def candidate_files(paths: list[Path]) -> list[Path]:
    """Files named, and the importable files inside folders named (sorted)."""
    files: list[Path] = []
    for path in paths:
        path = path.expanduser()
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            files.append(path)
    return files


def check_document(path: Path, taken: dict[str, Path]) -> ImportedDocument | tuple[str, str]:
    """A readable document, or (message key, detail) of why not: missing, type, empty, no text, broken, duplicate."""
    from ingest.document import LoadError
    from ingest.loaders import load_file

    if not path.is_file():
        return ("doc_missing", "")
    if path.suffix.lower() not in SUFFIXES:
        return ("doc_type", path.suffix or "—")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ("doc_unreadable", exc.strerror or type(exc).__name__)
    if not data.strip():
        return ("doc_empty", "")
    digest = hashlib.sha256(data).hexdigest()
    if digest in taken:
        return ("doc_duplicate", taken[digest].name)
    try:
        loaded = load_file(path, data)
    except LoadError as exc:
        reason = str(exc)
        if "scanned" in reason:
            return ("doc_scanned", "")
        if "no readable text" in reason or "empty" in reason:
            return ("doc_empty", "")
        return ("doc_unreadable", reason)
    except Exception as exc:  # a loader library failing on a broken file
        return ("doc_unreadable", type(exc).__name__)
    sections = [s for s in loaded.sections if not s.view]
    return ImportedDocument(path, digest, len(sections))
