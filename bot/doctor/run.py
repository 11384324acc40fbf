"""Run every doctor check over a settings' company folder and set-up; the findings, errors first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.contacts import CONTACTS_FILE, ContactDirectory
from bot.doctor import checks
from bot.doctor.findings import Finding, error
from bot.settings import Settings


def diagnose(settings: Settings, embedder: Callable[[], Any] | None = None) -> list[Finding]:
    """All findings; `embedder` (a factory) is needed for the FAQ and post-check checks, None skips them."""
    findings: list[Finding] = []
    directory = _contacts(settings, findings)
    findings += checks.check_contacts(settings, directory)
    findings += checks.check_routing(_routing(settings, findings), directory)
    documents, problems = checks.folder_documents(settings)
    findings += problems
    findings += checks.check_long_sections(settings, documents)
    findings += checks.check_index(settings)
    findings += checks.check_database(settings)
    findings += checks.check_platforms(settings)
    model = _model(settings, embedder, findings)
    if model is not None:
        entries, faq_problems = checks.faq_entries(settings.knowledge_dir)
        findings += faq_problems + checks.check_faq(entries, model)
        findings += checks.check_rules(settings, model)
        if not any(f.key.startswith("index_") or f.key == "no_index" for f in findings):
            from bot.doctor.dead import check_dead_sections

            findings += check_dead_sections(settings, model)
    ordered = [f for f in findings if f.level == "error"] + [f for f in findings if f.level == "warning"]
    return checks.limited(ordered)


def _contacts(settings: Settings, findings: list[Finding]) -> ContactDirectory | None:
    try:
        return ContactDirectory.load(settings.knowledge_dir, settings.contact_ids)
    except ValueError as exc:
        findings.append(error("bad_file", path=settings.knowledge_dir / CONTACTS_FILE, reason=str(exc)))
        return None


def _routing(settings: Settings, findings: list[Finding]) -> dict[str, str]:
    from bot.triage.config import FILE_NAME, TriageConfigError, load_config_or_default

    try:
        config, _ = load_config_or_default(settings.knowledge_dir / FILE_NAME)
    except TriageConfigError as exc:
        findings.append(error("bad_file", path=settings.knowledge_dir / FILE_NAME, reason=str(exc)))
        return {}
    return config.routing()


def _model(settings: Settings, embedder: Callable[[], Any] | None, findings: list[Finding]) -> Any:
    if embedder is None:
        return None
    try:
        return embedder()
    except Exception as exc:  # a configured model that is not on this machine
        from bot.embeddings import PACKAGED_MODEL

        model = settings.embedding_model or PACKAGED_MODEL
        findings.append(error("model_missing", model=model, reason=str(exc).splitlines()[0][:200]))
        return None
