"""Entry point of the `lotse` command. Each command lives in its own module exposing `cli_command`."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

import click

from bot.logging_setup import configure_logging
from bot.settings import Settings

COMMAND_MODULES = (
    "bot.cli.ingest_cmd",
    "bot.cli.ask_cmd",
    "bot.cli.chat_cmd",
    "bot.cli.check_cmd",
    "bot.cli.rules_cmd",
    "bot.cli.handoffs_cmd",
    "bot.cli.report_cmd",
    "bot.cli.serve_cmd",
    "bot.cli.run_cmd",
    "bot.cli.eval_cmd",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(path_type=Path), default=None,
              help="Where the index and the database live (default: $LOTSE_DATA_DIR or ./data).")
@click.option("--knowledge-dir", type=click.Path(path_type=Path), default=None,
              help="The company's knowledge folder (default: $LOTSE_KNOWLEDGE_DIR or ./knowledge).")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, knowledge_dir: Path | None) -> None:
    """Lotse, the social media contact person: answers from the company's own guideline."""
    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if knowledge_dir is not None:
        overrides["knowledge_dir"] = knowledge_dir
    settings = Settings(**overrides)  # type: ignore[arg-type]
    configure_logging(settings)
    ctx.obj = settings


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
    logging.captureWarnings(True)
    cli(prog_name="lotse")


if __name__ == "__main__":
    main()
