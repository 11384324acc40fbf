"""`lotse report [--week 2026-W47] [--format md|html|csv|json] [--out FILE] [--post] [--lang de|en]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.settings import Settings


@click.command("report")
@click.option(
    "--week",
    "week_text",
    default=None,
    metavar="YYYY-Www",
    help="ISO week, e.g. 2026-W47 (default: the last complete week, Europe/Berlin).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "html", "csv", "json"]),
    default=None,
    help="Output format (default: text, the week at a glance, in a terminal; md otherwise).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (Markdown also writes the chart as FILE.png).",
)
@click.option("--post", is_flag=True, help="Post to the report channel in Slack (once per week and channel).")
@click.option("--lang", type=click.Choice(["de", "en"]), default=None, help="Report language (default: de).")
@click.pass_obj
def cli_command(
    settings: Settings | None, week_text: str | None, fmt: str | None, out: Path | None, post: bool, lang: str | None
) -> None:
    """The weekly report: questions, handoffs, response times, post checks, feedback, knowledge gaps."""
    from bot.app import Lotse
    from bot.report.build import build_report
    from bot.report.formats import render, write
    from bot.report.period import Week

    settings = settings if isinstance(settings, Settings) else Settings()
    try:
        week = Week.parse(week_text, settings.timezone) if week_text else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--week") from exc
    lotse = Lotse(settings)
    if post:
        _post(lotse, week, lang)
    if post and out is None:
        return
    report = build_report(lotse, week, lang)
    fmt = fmt or ("text" if out is None and sys.stdout.isatty() else "md")
    if out is not None:
        for path in write(report, fmt, out):
            click.echo(str(path), err=True)
    else:
        sys.stdout.write(render(report, fmt))


def _post(lotse, week, lang) -> None:
    from slack_sdk import WebClient

    from bot.report.slack_post import post_report

    settings = lotse.settings
    if not settings.slack_bot_token or not settings.report_channel:
        raise click.UsageError("--post needs SLACK_BOT_TOKEN and LOTSE_REPORT_CHANNEL")
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    if post_report(lotse, client, week, language=lang):
        click.echo("posted / gepostet", err=True)
    else:
        click.echo(
            "not posted: already posted for this week, or Slack failed (see log) / nicht gepostet: "
            "diese Woche schon gepostet oder Slack-Fehler (siehe Log)",
            err=True,
        )
