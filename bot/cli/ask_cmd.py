"""`lotse ask "…" [--json]` and `lotse ask --batch FILE --json` (one question per line, model loaded once)."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

from bot.app import Lotse
from bot.models import Asker, Conversation, Reply
from bot.render.text import render_reply


def _asker(user: str | None) -> Asker:
    return Asker(user_id=user or f"cli:{getpass.getuser()}", platform="cli")


def _emit(reply: Reply, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(reply.to_json(), ensure_ascii=False))
    else:
        click.echo(render_reply(reply))


@click.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--batch", type=click.File("r", encoding="utf-8", errors="replace"),
              help="A file with one question per line ('-' for standard input).")
@click.option("--as", "user", default=None, help="The asking user id (default: the OS user).")
@click.option("--no-record", is_flag=True, help="Do not store the exchange or open handoffs.")
@click.pass_obj
def cli_command(settings, question: str | None, as_json: bool, batch, user: str | None, no_record: bool) -> None:
    """Ask Lotse a question, as an employee would."""
    lotse = Lotse(settings)
    if not lotse.index.is_ready():
        raise click.ClickException("Kein Index vorhanden / no index: run `lotse ingest` first.")
    asker = _asker(user)
    if batch is None:
        if question is None:
            raise click.UsageError("Frage fehlt / missing question (or use --batch FILE).")
        _emit(lotse.assistant.ask(question, asker, record=not no_record), as_json)
        return
    for number, line in enumerate(batch, 1):
        line = line.rstrip("\n")
        conversation = Conversation(platform="cli", message_id=None)
        reply = lotse.assistant.ask(line, asker, conversation, record=not no_record)
        _emit(reply, as_json)
        sys.stdout.flush()
