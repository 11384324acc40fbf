"""`lotse run`: what `make run` starts: bring the index up to date, then Slack if configured, else the terminal."""

from __future__ import annotations

import click

from bot.app import Lotse
from ingest.indexer import ingest


@click.command("run")
@click.pass_context
def cli_command(ctx: click.Context) -> None:
    """Update the index (only what changed) and start Lotse: Slack and/or Teams when configured, else the terminal chat."""
    settings = ctx.obj
    lotse = Lotse(settings)
    report = ingest([settings.knowledge_dir], lotse.index, progress=True)
    click.echo(
        f"Index: {report.documents} Dokumente/documents, {report.chunks} Abschnitte/chunks"
        f"{' (aktualisiert/updated)' if report.embedded_chunks else ''}.",
        err=True,
    )
    for error in report.errors:
        click.echo(f"  ! {error['path']}: {error['reason']}", err=True)
    if settings.slack_enabled or settings.teams_enabled:
        from bot.cli.serve_cmd import cli_command as serve

        ctx.invoke(serve)
        return
    from bot.cli.chat_cmd import cli_command as chat

    ctx.invoke(chat)
