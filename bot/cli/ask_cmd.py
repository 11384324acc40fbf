"""`lotse ask "…" [--json]` and `lotse ask --batch FILE --json` (one question per line, model loaded once)."""

from __future__ import annotations

import json
import sys

import click

import bot.terminal.texts  # noqa: F401  (registers term.local_cli)
from bot.app import Lotse
from bot.cli.input_lines import open_input, read_lines
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
@click.option(
    "--batch",
    metavar="FILE",
    default=None,
    help="A file with one question per line ('-' for standard input); one answer per line.",
)
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
    with open_input(batch) as stream:
        for line in read_lines(stream, settings.default_language):
            if line.text is None:  # one bad line costs that line, reported with its number
                _emit_error(line.number, line.error or "", as_json)
                continue
            conversation = Conversation(platform="cli", message_id=None)
            reply = lotse.assistant.ask(line.text, asker, conversation, record=not no_record)
            _emit(reply, as_json, told)
            sys.stdout.flush()


def _emit_error(number: int, error: str, as_json: bool) -> None:
    click.echo(json.dumps({"line": number, "error": error}, ensure_ascii=False) if as_json else error)
