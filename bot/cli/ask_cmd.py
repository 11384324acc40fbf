"""`lotse ask "…" [--json]` and `lotse ask --batch FILE --json` (one question per line, model loaded once)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

import bot.terminal.texts  # noqa: F401  (registers term.local_cli)
from bot.app import Lotse
from bot.i18n import t
from bot.models import Asker, Conversation, Reply
from bot.places import SetupProblem
from bot.render.text import render_reply
from bot.settings import Settings
from bot.terminal.identity import is_local, terminal_user


def _emit(reply: Reply, as_json: bool, told: set[str]) -> None:
    if as_json:
        click.echo(json.dumps(reply.to_json(), ensure_ascii=False))
        return
    click.echo(render_reply(reply))
    if reply.handoff is not None and "local" not in told and is_local(_settings()):
        told.add("local")  # once per run: where the handoff waits without Slack or Teams
        click.echo("\n" + t("term.local_cli", reply.language, id=reply.handoff.id))


def _settings() -> Settings:
    return click.get_current_context().find_object(Settings) or Settings()


@click.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--batch", type=click.File("r", encoding="utf-8", errors="replace"),
              help="A file with one question per line ('-' for standard input).")
@click.option("--as", "user", default=None, help="The asking user id (default: $LOTSE_CLI_USER, else cli:<OS user>).")
@click.option("--no-record", is_flag=True, help="Do not store the exchange or open handoffs.")
@click.pass_obj
def cli_command(settings, question: str | None, as_json: bool, batch, user: str | None, no_record: bool) -> None:
    """Ask Lotse a question, as an employee would."""
    lotse = Lotse(settings)
    if not lotse.index.is_ready():
        raise SetupProblem("no_index", path=settings.data_dir.resolve())
    asker = Asker(user_id=user or terminal_user(settings), platform="cli")
    told: set[str] = set()
    if batch is None:
        if question is None:
            raise click.UsageError("Frage fehlt / missing question (or use --batch FILE).")
        _emit(lotse.assistant.ask(question, asker, record=not no_record), as_json, told)
        return
    for number, line in enumerate(batch, 1):
        line = line.rstrip("\n")
        conversation = Conversation(platform="cli", message_id=None)
        reply = lotse.assistant.ask(line, asker, conversation, record=not no_record)
        _emit(reply, as_json, told)
        sys.stdout.flush()
