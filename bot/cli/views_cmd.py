"""`lotse views`: what Lotse learned from askers' "Ja, danke" (counts only), and a contact person's approval."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from bot.cli.handoffs_cmd import HANDOFF_ID, default_actor
from bot.errors import LotseError
from bot.report.learned import line
from bot.settings import Settings


@click.group("views")
@click.option("--as", "actor", default=None, metavar="USER_ID", help="Act as this user id (approve).")
@click.pass_context
def views(ctx: click.Context, actor: str | None) -> None:
    """Question views learned from askers: list candidates, approve one."""
    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    ctx.obj = {"settings": settings, "actor": actor or default_actor(settings)}


@views.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """Candidates and promoted passages: who-less counts of yes, no and questions."""
    from bot.app import Lotse

    settings: Settings = ctx.obj["settings"]
    summaries = Lotse(settings).view_learning.summaries()
    if as_json:
        click.echo(json.dumps([asdict(s) for s in summaries], ensure_ascii=False, indent=2, default=str))
        return
    if not summaries:
        click.echo("Nichts gelernt / Nothing learned yet.")
    for summary in summaries:
        click.echo(f"[{summary.status}] " + line(summary, settings.default_language))


@views.command("approve")
@click.argument("candidate_id", type=HANDOFF_ID)
@click.pass_context
def approve_cmd(ctx: click.Context, candidate_id: int) -> None:
    """A contact person vouches for a candidate: its confirmed questions become views now."""
    from bot.app import Lotse
    from bot.learning.loop import wait_for_reindex

    settings: Settings = ctx.obj["settings"]
    lotse = Lotse(settings)
    try:
        written = lotse.view_learning.approve(ctx.obj["actor"], candidate_id)
    except LotseError as refused:
        raise click.ClickException(refused.text(settings.default_language)) from refused
    click.echo(f"#{candidate_id}: {written} Frage(n) als Suchweg gespeichert / question(s) saved as views.")
    if written:
        wait_for_reindex(lotse.handoffs, 600)


cli_command = views
