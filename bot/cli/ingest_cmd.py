"""`lotse ingest [PATH ...]`: index the knowledge folder (or the given paths) incrementally."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.app import Lotse
from ingest.indexer import ingest


@click.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
def cli_command(settings, paths: tuple[Path, ...], as_json: bool) -> None:
    """Index documents (default: the knowledge folder). Unchanged files are not embedded again."""
    lotse = Lotse(settings)
    targets = list(paths) or [settings.knowledge_dir]
    report = ingest(targets, lotse.index, progress=not as_json and sys.stderr.isatty())
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        click.echo(
            f"{report.documents} Dokumente / documents, {report.chunks} Abschnitte / chunks "
            f"(neu/added {report.added}, geändert/updated {report.updated}, entfernt/removed {report.removed}, "
            f"unverändert/unchanged {report.unchanged}) in {report.seconds:.1f} s"
        )
        for error in report.errors:
            click.echo(f"  ! {error['path']}: {error['reason']}", err=True)
    if report.errors and not report.documents:
        sys.exit(1)
