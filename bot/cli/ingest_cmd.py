"""`lotse ingest [PATH ...]`: index the knowledge folder (or the given paths) incrementally, and say what changed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.app import Lotse
from bot.learning.watch import announce
from ingest.changes import SectionChanges, compare, dangling_pointers, snapshot
from ingest.indexer import ingest

LISTED = 12  # section titles named per kind of change; more are counted


@click.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts and changed sections as JSON.")
@click.pass_obj
def cli_command(settings, paths: tuple[Path, ...], as_json: bool) -> None:
    """Index documents (default: the knowledge folder). Unchanged files are not embedded again."""
    lotse = Lotse(settings)
    targets = list(paths) or [settings.knowledge_dir]
    before = snapshot(lotse.index)
    report = ingest(targets, lotse.index, progress=not as_json and sys.stderr.isatty())
    after = snapshot(lotse.index)
    changes = compare(before, after) if report.added or report.updated or report.removed else None
    if changes is not None:
        changes.dangling = dangling_pointers(lotse.index, settings.knowledge_dir, before)
        announce(lotse, changes, before, after, send=False)  # a running `lotse serve` sends the note
    if as_json:
        click.echo(
            json.dumps(report.to_json() | {"sections": changes.to_json() if changes else None}, ensure_ascii=False)
        )
    else:
        click.echo(
            f"{report.documents} Dokumente / documents, {report.chunks} Abschnitte / chunks "
            f"(neu/added {report.added}, geändert/updated {report.updated}, entfernt/removed {report.removed}, "
            f"unverändert/unchanged {report.unchanged}) in {report.seconds:.1f} s"
        )
        if changes is not None:
            _tell(changes, first_build=not before)
        for error in report.errors:
            if changes is not None and error["reason"].startswith("section "):
                continue  # a question view left pointing at a removed section: named under "dangling" above
            click.echo(f"  ! {error['path']}: {_reason(error['reason'])}", err=True)
    if report.errors and not report.documents:
        sys.exit(1)


def _reason(reason: str) -> str:
    if reason.startswith("scanned PDF"):
        return (
            "eingescanntes PDF ohne Text – bitte mit Texterkennung (OCR) speichern oder die Word-Fassung nehmen / "
            "a scanned PDF without text – please save it with text recognition (OCR) or use the Word version"
        )
    return reason


def _tell(changes: SectionChanges, first_build: bool) -> None:
    groups = (
        ("Neue Abschnitte / sections added", changes.added),
        ("Geänderte Abschnitte / sections changed", changes.changed),
        ("Entfernte Abschnitte / sections removed", changes.removed),
    )
    if first_build:
        click.echo(f"Erster Aufbau / first build: {len(changes.added)} Abschnitte / sections indexed.")
    else:
        for label, sections in groups:
            if not sections:
                continue
            click.echo(f"{label} ({len(sections)}):")
            for section in sections[:LISTED]:
                click.echo(f"  - {section.path}")
            if len(sections) > LISTED:
                click.echo(f"  … +{len(sections) - LISTED}")
        if not any(sections for _, sections in groups):
            click.echo("Kein Abschnitt inhaltlich geändert / no section's content changed.")
    if changes.dangling:
        click.echo(
            "Zeigen jetzt ins Leere – bitte Überschrift in FAQ/Fragen-Datei anpassen / "
            "now point at a section that is gone – please update the FAQ or question file:"
        )
        for pointer in changes.dangling:
            click.echo(f"  ! {pointer}")
