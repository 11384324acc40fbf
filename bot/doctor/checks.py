"""The doctor's checks. Each takes what it needs and returns findings; none changes anything.

Folder checks read the company folder only; set-up checks look at the index, the model, the database and the
Slack/Teams settings. The embedding model is loaded for the FAQ and post-check checks (and to prove it loads).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bot.contacts import CONTACTS_FILE, ContactDirectory
from bot.doctor.findings import Finding, error, warning
from bot.settings import Settings

EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[A-Za-z]{2,}$")
LONG_SECTION_CHUNKS = 3  # a section longer than this many chunks gets quoted piecemeal
# Two FAQ questions ask the same when their query vectors are this close (e5-small puts unrelated questions of one
# FAQ up to 0.96 apart), or close and sharing most content words (stems); their answers say the same when close
# or sharing most words. Measured on Nordwerk's FAQ: no pair reaches either bar.
SAME_QUESTION = 0.975
CLOSE_QUESTION = 0.95
SHARED_WORDS = 0.6
SAME_ANSWER = 0.97
LISTED = 10  # findings of one kind named; the rest is counted in the last one


@dataclass
class FolderDocument:
    path: Path
    kind: str
    sections: list[tuple[str, str]]  # (heading path, text) of citable sections


def check_contacts(settings: Settings, directory: ContactDirectory | None) -> list[Finding]:
    path = settings.knowledge_dir / CONTACTS_FILE
    if directory is None or not directory.roles():
        return [error("no_contacts", path=path)]
    findings: list[Finding] = []
    for role in directory.roles():
        contact = directory.get(role)
        if not EMAIL.match(contact.email):
            findings.append(warning("contact_email", name=contact.name, role=role, email=contact.email))
        if (settings.slack_enabled or settings.teams_enabled) and not contact.user_ids:
            findings.append(warning("contact_no_id", name=contact.name, role=role))
    return findings


def check_routing(routing: dict[str, str], directory: ContactDirectory | None) -> list[Finding]:
    """Every sensitive category's contact role must be held by a person."""
    if directory is None or not directory.roles():
        return []  # said once by check_contacts
    fallback = directory.get(None)
    return [
        error("sensitive_no_contact", category=category, role=role, fallback=f"{fallback.name} ({fallback.role})")
        for category, role in sorted(routing.items())
        if not directory.has_role(role)
    ]


def folder_documents(settings: Settings) -> tuple[list[FolderDocument], list[Finding]]:
    """Every file ingest would read, loaded; a file without text is a finding."""
    from ingest.document import LoadError
    from ingest.loaders import load_file
    from ingest.loaders.pdf import ScannedPdf
    from ingest.scan import scan

    files, _ = scan([settings.knowledge_dir])
    documents: list[FolderDocument] = []
    findings: list[Finding] = []
    for path in files:
        shown = _relative(path, settings.knowledge_dir)
        try:
            loaded = load_file(path)
        except ScannedPdf as exc:
            findings.append(error("scanned_pdf", path=shown, pages=exc.pages))
            continue
        except LoadError as exc:
            findings.append(error("no_text", path=shown, reason=str(exc)))
            continue
        except Exception as exc:  # a loader library failing on a hostile file
            findings.append(error("no_text", path=shown, reason=exc.__class__.__name__))
            continue
        sections = [(" › ".join(s.path), s.text) for s in loaded.sections if not s.view]
        documents.append(FolderDocument(path, loaded.kind, sections))
    if not any(d.kind not in ("faq", "questions") and d.sections for d in documents):
        findings.insert(0, error("no_documents", folder=settings.knowledge_dir))
    return documents, findings


def check_long_sections(settings: Settings, documents: list[FolderDocument]) -> list[Finding]:
    limit = LONG_SECTION_CHUNKS * settings.chunk_max_chars
    findings = [
        warning(
            "long_section",
            section=heading.split(" › ")[-1],
            path=_relative(d.path, settings.knowledge_dir),
            chars=len(text),
            limit=settings.chunk_max_chars * 2,
        )
        for d in documents
        if d.kind not in ("faq", "questions")
        for heading, text in d.sections
        if len(text) > limit
    ]
    return findings


def faq_entries(knowledge_dir: Path) -> tuple[list[dict[str, str]], list[Finding]]:
    from ingest.loaders.faq import yaml_kind

    entries: list[dict[str, str]] = []
    findings: list[Finding] = []
    for path in sorted(knowledge_dir.rglob("*.y*ml")):
        if yaml_kind(path) != "faq":
            continue
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            findings.append(error("bad_file", path=_relative(path, knowledge_dir), reason=str(exc).splitlines()[0]))
            continue
        language = str(raw.get("language") or "")
        for number, entry in enumerate(raw.get("entries") or [], 1):
            if isinstance(entry, dict) and entry.get("question") and entry.get("answer"):
                entries.append(
                    {
                        "id": str(entry.get("id") or f"{path.name}#{number}"),
                        "question": str(entry["question"]).strip(),
                        "answer": str(entry["answer"]).strip(),
                        "language": language,
                    }
                )
    return entries, findings


def check_faq(entries: list[dict[str, str]], embedder: Any) -> list[Finding]:
    """Near-duplicate questions (same language): the same answer is a duplicate, a different one a contradiction."""
    if len(entries) < 2:
        return []
    questions = embedder.embed_queries([e["question"] for e in entries])
    answers = embedder.embed_passages([e["answer"] for e in entries])
    same = np.asarray(questions) @ np.asarray(questions).T
    agree = np.asarray(answers) @ np.asarray(answers).T
    asked = [_words(e["question"], e["language"]) for e in entries]
    said = [_words(e["answer"], e["language"]) for e in entries]
    findings: list[Finding] = []
    for i in range(len(entries)):
        for j in range(i + 1, len(entries)):
            if entries[i]["language"] != entries[j]["language"]:
                continue
            if same[i, j] < SAME_QUESTION and (
                same[i, j] < CLOSE_QUESTION or _shared(asked[i], asked[j]) < SHARED_WORDS
            ):
                continue
            values = {"first": entries[i]["id"], "second": entries[j]["id"], "question": entries[i]["question"]}
            if agree[i, j] >= SAME_ANSWER or _shared(said[i], said[j]) >= SHARED_WORDS:
                findings.append(warning("faq_duplicate", **values))
            else:
                findings.append(error("faq_contradiction", **values))
    return findings


def _words(text: str, language: str) -> set[str]:
    from bot.triage.matching import stems

    return set(stems(text, language if language in ("de", "en") else "de"))


def _shared(first: set[str], second: set[str]) -> float:
    return len(first & second) / max(1, len(first | second))


def check_rules(settings: Settings, embedder: Any) -> list[Finding]:
    """The same run as `lotse rules test`."""
    from bot.postcheck.checker import PostChecker
    from bot.postcheck.examples import run_rule_examples

    if not (settings.knowledge_dir / "postcheck").is_dir():
        return [warning("no_rules", folder=settings.knowledge_dir)]
    checker = PostChecker.load(settings.knowledge_dir, embedder=embedder, index=None)
    report = run_rule_examples(checker)
    findings = [error("rule_invalid", detail=str(e), folder=settings.knowledge_dir) for e in report.errors]
    for failure in report.failures:
        findings.append(
            error("rule_example", rule=failure.rule, kind=failure.kind, text=failure.text[:120], path=failure.path)
        )
    return findings


def check_index(settings: Settings) -> list[Finding]:
    from bot.embeddings import PACKAGED_MODEL
    from ingest.changes import stale_files
    from ingest.index_store import IndexStore

    index = IndexStore(settings, lambda: None)  # type: ignore[arg-type,return-value]  # no model: the manifest only
    manifest = index.manifest()
    if not manifest.get("collection"):
        return [error("no_index", path=settings.index_dir)]
    configured = settings.embedding_model or PACKAGED_MODEL
    if manifest.get("embedding_model") != configured:
        return [error("index_model", built=manifest.get("embedding_model"), configured=configured)]
    stale = stale_files(index, settings.knowledge_dir)
    if stale:
        return [warning("index_stale", count=len(stale), example=_relative(Path(stale[0]), settings.knowledge_dir))]
    return []


def check_database(settings: Settings) -> list[Finding]:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    from bot.store.db import MIGRATIONS_DIR

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    url = settings.resolved_database_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return []  # created with the newest schema at the first start
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        engine.dispose()
    except Exception as exc:
        return [error("database", reason=str(exc).splitlines()[0][:200])]
    if current != head:
        return [warning("migrations", current=current or "—", head=head)]
    return []


def check_platforms(settings: Settings) -> list[Finding]:
    findings: list[Finding] = []
    slack = {
        "SLACK_BOT_TOKEN": settings.slack_bot_token,
        "SLACK_APP_TOKEN / SLACK_SIGNING_SECRET": settings.slack_app_token or settings.slack_signing_secret,
    }
    if any(slack.values()) and not all(slack.values()):
        findings.append(error("slack_incomplete", missing=", ".join(k for k, v in slack.items() if not v)))
    teams = {"TEAMS_CLIENT_ID": settings.teams_client_id, "TEAMS_CLIENT_SECRET": settings.teams_client_secret}
    if (any(teams.values()) or settings.teams_tenant_id) and not all(teams.values()):
        findings.append(error("teams_incomplete", missing=", ".join(k for k, v in teams.items() if not v)))
    return findings


def limited(findings: list[Finding]) -> list[Finding]:
    """At most LISTED findings of one kind (a folder of 300 scans needs one sentence, not 300)."""
    seen: dict[str, int] = {}
    kept = []
    for finding in findings:
        seen[finding.key] = seen.get(finding.key, 0) + 1
        if seen[finding.key] <= LISTED:
            kept.append(finding)
    return kept


def _relative(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)
