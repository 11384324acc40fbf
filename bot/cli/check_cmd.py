"""`lotse check`: the post check for a draft, a file of drafts (--batch), optionally asking for approval."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from bot.render.verdict import render_verdict as render
from bot.settings import Settings


def _lotse(ctx: click.Context) -> Any:
    from bot.app import Lotse

    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    return Lotse(settings)


def _checker(lotse: Any) -> Any:
    """The post checker (built lazily by the composition root: the model loads only for semantic rules)."""
    return lotse.postchecker


def _default_author(settings: Settings) -> str:
    from bot.terminal.identity import terminal_user

    return terminal_user(settings)


def _batch(checker: Any, path: str, language: str | None, default_language: str) -> None:
    from bot.cli.input_lines import open_input, read_lines

    with open_input(path) as stream:
        for line in read_lines(stream, language or default_language):
            if line.text is None:  # one bad line costs that line, reported with its number
                click.echo(json.dumps({"line": line.number, "error": line.error, "verdict": None}, ensure_ascii=False))
                continue
            if not line.text.strip():
                continue
            try:
                row = json.loads(line.text, strict=False)  # strict=False: control characters inside strings
                post = row["post"] if isinstance(row, dict) else None
                if not isinstance(post, str):
                    raise ValueError("each line needs a string field `post`")
            except (ValueError, KeyError, TypeError) as exc:
                click.echo(json.dumps({"line": line.number, "error": f"invalid input line: {exc}", "verdict": None}))
                continue
            lang = row.get("language") if row.get("language") in ("de", "en") else language
            click.echo(json.dumps(checker.check(post, lang).to_json(), ensure_ascii=False))


@click.command("check")
@click.argument("draft", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--lang",
    "language",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Language of the messages (default: the draft's language).",
)
@click.option(
    "--batch",
    "batch",
    metavar="FILE",
    default=None,
    help="JSON lines with a `post` field (- for stdin); one verdict per line out.",
)
@click.option(
    "--request-approval",
    "request",
    is_flag=True,
    help="If the verdict is `approval`, send the draft to the communications team.",
)
@click.option("--as", "author", default=None, metavar="USER_ID", help="Author id (default: $LOTSE_CLI_USER).")
@click.pass_context
def check(
    ctx: click.Context,
    draft: str | None,
    as_json: bool,
    language: str | None,
    batch: str | None,
    request: bool,
    author: str | None,
) -> None:
    """Check a draft post before publishing: verdict ok / revise / approval, findings, fixes.

    DRAFT is the text (use - to read it from stdin).
    """
    lotse = _lotse(ctx)
    checker = _checker(lotse)
    if batch:
        if draft:
            raise click.UsageError("give either a DRAFT or --batch FILE, not both")
        _batch(checker, batch, language, lotse.settings.default_language)
        return
    if draft is None:
        raise click.UsageError('missing DRAFT, e.g. lotse check "Mein Beitrag …" (or - for stdin)')
    if draft == "-":
        draft = sys.stdin.buffer.read().decode("utf-8", "replace")
    from bot.postcheck.approval import record_check, request_approval

    verdict = checker.check(draft, language)
    author_id = author or _default_author(lotse.settings)
    handoff = None
    handoff_error = None
    if request and verdict.verdict == "approval":
        try:
            handoff = request_approval(lotse, verdict, author_id, "cli", None)
        except Exception as exc:  # noqa: BLE001 - the check result is still shown
            handoff_error = str(exc)
    record_check(lotse, verdict, author_id, "cli", getattr(handoff, "id", None))
    if as_json:
        data = verdict.to_json()
        if request:
            data["handoff"] = {"id": handoff.id, "status": handoff.status} if handoff is not None else None
            if handoff_error:
                data["handoff_error"] = handoff_error
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(render(verdict))
    if request:
        from bot.i18n import t

        if handoff is not None:
            contact = getattr(handoff, "contact_name", None) or "communications"
            click.echo("\n" + t("handoff_post_approval", verdict.language, contact=contact) + f" (#{handoff.id})")
        elif handoff_error:
            click.echo(f"\n{handoff_error}", err=True)
        else:
            click.echo("\n" + t("postcheck.not_approval", verdict.language, verdict=verdict.verdict))


cli_command = check
__all__ = ["cli_command", "render", "Path"]
