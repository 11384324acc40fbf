"""`lotse doctor [--lang de|en] [--json] [--no-model]`: what is missing or weak, each with its fix; exit 1 on errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from bot.doctor.findings import Finding
from bot.doctor.run import diagnose
from bot.i18n import t
from bot.settings import Settings
from bot.terminal.identity import is_local


@click.command("doctor")
@click.option(
    "--lang", type=click.Choice(["de", "en"]), default=None, help="Language (default: LOTSE_DEFAULT_LANGUAGE)."
)
@click.option("--json", "as_json", is_flag=True, help="Findings as JSON.")
@click.option("--no-model", is_flag=True, help="Skip the checks that need the embedding model (FAQ, post-check).")
@click.pass_context
def cli_command(ctx: click.Context, lang: str | None, as_json: bool, no_model: bool) -> None:
    """Check the company folder and the set-up: what is missing or weak, and how to fix it."""
    settings: Settings = ctx.obj
    language = lang or settings.default_language
    embedder = None if no_model else _embedder(settings)
    findings = diagnose(settings, embedder)
    errors = [f for f in findings if f.level == "error"]
    if as_json:
        payload = {"ok": not errors, "findings": [f.to_json(language) for f in findings]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print(settings, findings, language)
    ctx.exit(1 if errors else 0)


def _embedder(settings: Settings) -> Callable[[], Any]:
    def load() -> Any:
        from bot.embeddings import Embedder

        return Embedder.load(settings.embedding_model, device=settings.embedding_device)

    return load


def _print(settings: Settings, findings: list[Finding], language: str) -> None:
    click.echo(t("doctor.header", language, knowledge=settings.knowledge_dir, data=settings.data_dir))
    for finding in findings:
        label = t(f"doctor.{finding.level}", language)
        click.echo(f"\n{label}: {finding.problem(language)}")
        click.echo(f"  → {t('doctor.fix', language)}: {finding.fix(language)}")
    if is_local(settings) and not settings.teams_enabled:
        click.echo("\n" + t("doctor.local", language))
    errors = sum(1 for f in findings if f.level == "error")
    warnings = len(findings) - errors
    click.echo(
        "\n"
        + (
            t("doctor.all_good", language)
            if not findings
            else t("doctor.summary", language, errors=errors, warnings=warnings)
        )
    )
