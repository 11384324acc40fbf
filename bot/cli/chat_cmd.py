"""`lotse chat`: a terminal conversation with the same core (the embedded default of `make run`)."""

from __future__ import annotations

import click

from bot.app import Lotse
from bot.places import SetupProblem
from bot.settings import Settings
from bot.terminal.chat import TerminalChat
from bot.terminal.identity import terminal_user


@click.command("chat")
@click.option(
    "--as",
    "user",
    default=None,
    metavar="USER_ID",
    help="Chat as this user id (default: $LOTSE_CLI_USER, else cli:<OS user>).",
)
@click.pass_obj
def cli_command(settings: Settings, user: str | None) -> None:
    """Talk to Lotse in the terminal; /hilfe (/help) lists what else the chat can do."""
    lotse = Lotse(settings)
    if not lotse.index.is_ready():
        raise SetupProblem("no_index", path=settings.data_dir.resolve())
    TerminalChat(lotse, user or terminal_user(settings)).run()
