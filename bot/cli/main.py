"""Entry point of the `lotse` command. Each command lives in its own module exposing `cli_command`."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from bot.cli.errors import HELP, HELP_ONLY, LotseGroup
from bot.logging_setup import configure_logging
from bot.places import DATA_NAME, check_data_dir, check_knowledge_dir, find_knowledge_dir
from bot.settings import Settings
from bot.terminal.identity import with_local_contacts

COMMAND_MODULES = (
    "bot.cli.init_cmd",
    "bot.cli.ingest_cmd",
    "bot.cli.ask_cmd",
    "bot.cli.chat_cmd",
    "bot.cli.check_cmd",
    "bot.cli.rules_cmd",
    "bot.cli.doctor_cmd",
    "bot.cli.handoffs_cmd",
    "bot.cli.report_cmd",
    "bot.cli.serve_cmd",
    "bot.cli.run_cmd",
    "bot.cli.eval_cmd",
    "bot.cli.teams_cmd",
    "bot.cli.views_cmd",
)


INIT = "init"
FOLDER_ENV = "lotse.env"  # written by `lotse init` into the knowledge folder


@click.group(cls=LotseGroup, context_settings={"help_option_names": list(HELP)})
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Index, database and log file (default: $LOTSE_DATA_DIR, else data/ beside the knowledge folder).",
)
@click.option(
    "--knowledge-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="The company's knowledge folder (default: $LOTSE_KNOWLEDGE_DIR, else ./knowledge or the "
    "nearest knowledge/ above).",
)
@click.option("-v", "--verbose", is_flag=True, help="Also show the log on standard error.")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, knowledge_dir: Path | None, verbose: bool) -> None:
    """Lotse, the social media contact person: answers from the company's own guideline."""
    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if knowledge_dir is not None:
        overrides["knowledge_dir"] = knowledge_dir
    settings = Settings(**overrides)  # type: ignore[arg-type]
    if ctx.invoked_subcommand == INIT:  # creates the folders the other commands look for
        settings = settings.model_copy(update={"data_dir": settings.data_dir.expanduser()})
    elif not ctx.meta.get(HELP_ONLY):
        settings = _with_folder_env(_places(settings), overrides)
        configure_logging(settings, verbose=verbose)
        settings = with_local_contacts(settings)
    ctx.obj = settings


def _places(settings: Settings) -> Settings:
    """The knowledge folder (named or found) and the data folder (named, or beside the knowledge folder)."""
    named = settings.model_fields_set
    if "knowledge_dir" in named:
        knowledge = check_knowledge_dir(settings.knowledge_dir)
    else:
        knowledge = check_knowledge_dir(find_knowledge_dir())
    data = settings.data_dir if "data_dir" in named else knowledge.resolve().parent / DATA_NAME
    return settings.model_copy(update={"knowledge_dir": knowledge, "data_dir": check_data_dir(data)})


def _with_folder_env(settings: Settings, overrides: dict[str, object]) -> Settings:
    """The settings `lotse init` wrote into the knowledge folder (lotse.env: language, working hours), below the
    environment and ./.env; the folders stay the ones already found."""
    written = settings.knowledge_dir / FOLDER_ENV
    if not written.is_file():
        return settings
    read = Settings(_env_file=(written, ".env"), **overrides)  # type: ignore[arg-type]
    return read.model_copy(update={"knowledge_dir": settings.knowledge_dir, "data_dir": settings.data_dir})


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that command is not built yet
                continue
            raise
        cli.add_command(module.cli_command)


_register()


def main() -> None:
    cli(prog_name="lotse")


if __name__ == "__main__":
    main()
