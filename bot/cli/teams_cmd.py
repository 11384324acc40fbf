"""`lotse teams package [--out FILE]`: the Teams app package (manifest and icons) for an admin to upload."""

from __future__ import annotations

from pathlib import Path

import click

from bot.settings import Settings


@click.group("teams")
def cli_command() -> None:
    """Microsoft Teams: the app package (see docs/teams.md)."""


@cli_command.command("package")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("lotse-teams.zip"),
    show_default=True,
    help="Where to write the zip.",
)
@click.option("--app-id", default=None, help="The bot's Microsoft App ID (default: TEAMS_CLIENT_ID).")
@click.option(
    "--website",
    default="https://www.example.com",
    show_default=True,
    help="The company's website (Teams shows it as the developer's).",
)
@click.option("--privacy-url", default=None, help="Privacy statement (default: WEBSITE/datenschutz).")
@click.option("--terms-url", default=None, help="Terms of use (default: WEBSITE/nutzungsbedingungen).")
@click.pass_obj
def package(
    settings: Settings | None,
    out: Path,
    app_id: str | None,
    website: str,
    privacy_url: str | None,
    terms_url: str | None,
) -> None:
    """Write manifest.json, en-us.json and the 192×192 / 32×32 icons into a zip for Teams' admin center."""
    from bot.knowledge import CompanyKnowledge
    from bot.teams.package import PackageInfo, write_package

    settings = settings or Settings()
    app_id = app_id or settings.teams_client_id
    if not app_id:
        raise click.ClickException("Keine App-ID / no app id: TEAMS_CLIENT_ID setzen oder/or --app-id angeben.")
    company = CompanyKnowledge.load(settings.knowledge_dir).name
    website = website.rstrip("/")
    info = PackageInfo(
        app_id=app_id,
        company=company,
        website=website,
        privacy_url=privacy_url or f"{website}/datenschutz",
        terms_url=terms_url or f"{website}/nutzungsbedingungen",
    )
    path = write_package(out, info)
    click.echo(f"Teams-App-Paket / Teams app package: {path} (docs/teams.md: hochladen / upload).")
