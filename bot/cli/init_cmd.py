"""`lotse init [FOLDER]`: set up a company's folder by answering a few questions (or with flags, unattended).

Asks for the company's name, the contact people, the working hours and the documents; writes a complete,
commented folder, ingests it, and ends with three sample answers from the company's own text and one handoff.
Bad input (an e-mail that is not one, an unreadable, scanned, empty or duplicate document) gets a sentence and
the question again; unattended, it is reported and the run stops with exit code 1, never with a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

import bot.onboarding.texts  # noqa: F401  (registers init.*)
from bot.i18n import t
from bot.onboarding.answers import (
    ROLES,
    ContactAnswer,
    ImportedDocument,
    SetupAnswers,
    candidate_files,
    check_document,
    email_problem,
    parse_contact,
    parse_hours,
)
from bot.places import DATA_NAME
from bot.settings import Settings

ROLE_LIST = ", ".join(ROLES)


class Stop(Exception):
    """Unattended input that cannot be used: the sentence is printed and the run ends with exit code 1."""


@click.command("init")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["de", "en"]), default=None, help="Language of the questions and of Lotse.")
@click.option("--company", default=None, help="Company name.")
@click.option(
    "--contact",
    "contacts",
    multiple=True,
    metavar='"NAME <EMAIL> ROLE"',
    help=f"A contact person (repeatable); ROLE one of {ROLE_LIST}.",
)
@click.option("--hours", default=None, metavar="START-END", help="Working hours of the contact people, e.g. 8-17.")
@click.option(
    "--document", "documents", multiple=True, type=click.Path(path_type=Path), help="A file or folder (repeatable)."
)
@click.option("--no-input", is_flag=True, help="Never ask: everything comes from the flags.")
@click.option("--no-samples", is_flag=True, help="Skip the sample questions at the end.")
@click.pass_obj
def cli_command(
    settings: Settings,
    folder: Path | None,
    lang: str | None,
    company: str | None,
    contacts: tuple[str, ...],
    hours: str | None,
    documents: tuple[Path, ...],
    no_input: bool,
    no_samples: bool,
) -> None:
    """Set up Lotse for your company: contact people, working hours, documents (German or English)."""
    interactive = not no_input and sys.stdin.isatty()
    language = lang or (_ask_language(settings) if interactive else settings.default_language)
    folder = (folder or Path("knowledge")).expanduser()
    if (folder / "company.yaml").exists():
        _stop(t("init.folder_not_empty", language, folder=folder.resolve()))
    try:
        answers = _collect(language, company, contacts, hours, documents, interactive)
    except Stop as stop:
        _stop(str(stop))
    _build(settings, folder, answers, not no_samples)


def _ask_language(settings: Settings) -> str:
    return str(click.prompt("Sprache / language", type=click.Choice(["de", "en"]), default=settings.default_language))


def _stop(sentence: str) -> None:
    click.echo(sentence, err=True)
    raise SystemExit(1)


# --- the questions -------------------------------------------------------------------------------------------
def _collect(
    language: str,
    company: str | None,
    contacts: tuple[str, ...],
    hours: str | None,
    documents: tuple[Path, ...],
    interactive: bool,
) -> SetupAnswers:
    if interactive:
        click.echo(t("init.welcome", language))
    name = (company or "").strip() or _need(interactive, language, "--company", t("init.ask_company", language))
    answers = SetupAnswers(company=name, language=language)
    answers.contacts = _contacts(language, contacts, interactive)
    answers.workday_start, answers.workday_end = _hours(language, hours, interactive)
    answers.documents = _documents(language, list(documents), interactive)
    return answers


def _need(interactive: bool, language: str, flag: str, question: str) -> str:
    if not interactive:
        raise Stop(t("init.missing_flag", language, flag=flag))
    while True:
        value = str(click.prompt(question)).strip()
        if value:
            return value


def _contacts(language: str, given: tuple[str, ...], interactive: bool) -> list[ContactAnswer]:
    found: list[ContactAnswer] = []
    for text in given:
        parsed = parse_contact(text)
        if isinstance(parsed, str):
            raise Stop(_contact_problem(language, parsed, text))
        found.append(parsed)
    if found:
        return found
    if not interactive:
        raise Stop(t("init.missing_flag", language, flag='--contact "NAME <EMAIL> ROLE"'))
    click.echo(t("init.contacts_intro", language, roles=ROLE_LIST))
    while True:
        found.append(_ask_contact(language, default_role="communications" if not found else None))
        if not click.confirm(t("init.ask_more_contacts", language), default=False):
            return found


def _ask_contact(language: str, default_role: str | None) -> ContactAnswer:
    name = _need(True, language, "", t("init.ask_contact_name", language))
    while True:
        email = str(click.prompt(t("init.ask_contact_email", language, name=name))).strip()
        if not email_problem(email):
            break
        click.echo(t("init.bad_email", language, value=email))
    while True:
        role = str(click.prompt(t("init.ask_contact_role", language, name=name), default=default_role)).strip().lower()
        if role in ROLES:
            return ContactAnswer(name, email, role)
        click.echo(t("init.bad_role", language, value=role, roles=ROLE_LIST))


def _contact_problem(language: str, problem: str, text: str) -> str:
    if problem == "email":
        return t("init.bad_email", language, value=text)
    if problem == "role":
        return t("init.bad_role", language, value=text, roles=ROLE_LIST)
    return t("init.bad_contact", language, value=text, roles=ROLE_LIST)


def _hours(language: str, given: str | None, interactive: bool) -> tuple[int, int]:
    if given is not None:
        parsed = parse_hours(given)
        if parsed is None:
            raise Stop(t("init.bad_hours", language, value=given))
        return parsed
    if not interactive:
        return (8, 17)
    while True:
        text = str(click.prompt(t("init.ask_hours", language), default="8-17"))
        parsed = parse_hours(text)
        if parsed is not None:
            return parsed
        click.echo(t("init.bad_hours", language, value=text))


def _documents(language: str, given: list[Path], interactive: bool) -> list[ImportedDocument]:
    taken: dict[str, Path] = {}
    imported: list[ImportedDocument] = []
    _import(language, given, taken, imported)
    while interactive:
        text = str(click.prompt(t("init.ask_documents", language), default="", show_default=False)).strip()
        if not text:
            if imported:
                break
            click.echo(t("init.no_documents", language))
            continue
        _import(language, [Path(text.strip("'\""))], taken, imported)
    if not imported:
        raise Stop(t("init.no_documents", language))
    return imported


def _import(language: str, paths: list[Path], taken: dict[str, Path], imported: list[ImportedDocument]) -> None:
    for path in candidate_files(paths):
        checked = check_document(path, taken)
        if isinstance(checked, ImportedDocument):
            taken[checked.digest] = path
            imported.append(checked)
            click.echo(t("init.doc_ok", language, name=path.name, sections=checked.sections))
        else:
            key, detail = checked
            click.echo(t(f"init.{key}", language, name=path.name, detail=detail))


# --- writing, ingesting, showing ----------------------------------------------------------------------------
def _build(settings: Settings, folder: Path, answers: SetupAnswers, samples: bool) -> None:
    from bot.app import Lotse
    from bot.onboarding.samples import sample_replies
    from bot.onboarding.writer import write_env, write_folder
    from bot.render.text import render_reply
    from ingest.indexer import ingest

    language = answers.language
    for contact in write_folder(folder, answers):
        other = next(c.name for c in answers.contacts if c.key == contact.key)
        click.echo(t("init.same_role", language, name=contact.name, other=other))
    env_file = folder / "lotse.env"
    write_env(env_file, folder, answers)
    click.echo(t("init.written", language, folder=folder.resolve()))
    data = settings.data_dir if "data_dir" in settings.model_fields_set else folder.resolve().parent / DATA_NAME
    local = settings.model_copy(
        update={
            "knowledge_dir": folder,
            "data_dir": data,
            "default_language": language,
            "workday_start": answers.workday_start,
            "workday_end": answers.workday_end,
        }
    )
    lotse = Lotse(local)
    click.echo(t("init.ingesting", language))
    report = ingest([folder], lotse.index)
    click.echo(t("init.ingested", language, chunks=report.chunks, seconds=report.seconds))
    if samples:
        click.echo("\n" + t("init.samples", language))
        for question, reply in sample_replies(lotse, folder / "documents", language):
            click.echo(f"\n› {question}\n{render_reply(reply)}")
    named = "" if folder.resolve() == (Path.cwd() / "knowledge").resolve() else f" --knowledge-dir {folder}"
    click.echo("\n" + t("init.done", language, dir=named, env=env_file))
