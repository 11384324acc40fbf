"""Errors rendered at the edge: a setup problem is one sentence on stderr and exit code 1, never a traceback."""

from __future__ import annotations

import os
import re
from typing import Any

import click
from pydantic import ValidationError
from pydantic_settings.exceptions import SettingsError

from bot.places import SetupProblem
from bot.settings import Settings

HELP = ("-h", "--help")
HELP_ONLY = "lotse.help_only"


class LotseGroup(click.Group):
    """The `lotse` group: turns setup problems (folders, broken knowledge files, bad settings) into a sentence."""

    def invoke(self, ctx: click.Context) -> Any:
        rest = [*getattr(ctx, "_protected_args", []), *ctx.args]
        ctx.meta[HELP_ONLY] = any(arg in HELP for arg in rest)  # `lotse ask --help` needs no folders
        try:
            return super().invoke(ctx)
        except SetupProblem as problem:
            _fail(ctx, problem.text(_language(ctx)))
        except ValidationError as exc:
            error = exc.errors()[0]
            name = "LOTSE_" + str(error["loc"][0]).upper() if error.get("loc") else "?"
            _fail(ctx, SetupProblem("setting_invalid", name=name, detail=error.get("msg", "")).text(_language(ctx)))
        except SettingsError as exc:  # a value the environment could not even parse (JSON)
            field = re.search(r'field "(\w+)"', str(exc))
            name = "LOTSE_" + field.group(1).upper() if field else "?"
            _fail(
                ctx, SetupProblem("setting_invalid", name=name, detail=str(exc.__cause__ or exc)).text(_language(ctx))
            )
        except (ValueError, OSError) as exc:
            found = knowledge_problem(ctx, exc)
            if found is None:
                raise
            _fail(ctx, found.text(_language(ctx)))


def knowledge_problem(ctx: click.Context, exc: BaseException) -> SetupProblem | None:
    """A ValueError or OSError about a file in the knowledge folder, as a SetupProblem (else None)."""
    settings = ctx.obj if isinstance(ctx.obj, Settings) else None
    if settings is None:
        return None
    message = str(exc)
    folder = str(settings.knowledge_dir)
    if folder not in message and str(settings.knowledge_dir.resolve()) not in message:
        return None
    path, _, detail = message.partition(": ")
    return SetupProblem("knowledge_file_broken", path=path, detail=detail.splitlines()[0] if detail else message)


def _language(ctx: click.Context) -> str:
    settings = ctx.obj if isinstance(ctx.obj, Settings) else None
    if settings is not None:
        return settings.default_language
    value = os.environ.get("LOTSE_DEFAULT_LANGUAGE", "de")
    return value if value in ("de", "en") else "de"


def _fail(ctx: click.Context, sentence: str) -> None:
    click.echo(sentence, err=True)
    ctx.exit(1)
