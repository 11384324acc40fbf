"""`lotse chat`: a terminal conversation with the same core (the embedded default of `make run`)."""

from __future__ import annotations

import getpass
import uuid

import click

from bot.app import Lotse
from bot.i18n import register, t
from bot.models import Asker, Conversation
from bot.render.text import render_reply

register({
    "chat_welcome": {
        "de": "Lotse – dein Ansprechpartner für Social Media bei {company}. Frag mich, was du posten darfst. "
              "„/check <Entwurf>“ prüft einen Beitrag, „/exit“ beendet.",
        "en": "Lotse – your social media contact person at {company}. Ask me what you may post. "
              "“/check <draft>” checks a post, “/exit” quits.",
    },
    "chat_bye": {"de": "Bis bald!", "en": "See you!"},
})


@click.command("chat")
@click.option("--as", "user", default=None, help="The chatting user id (default: the OS user).")
@click.pass_obj
def cli_command(settings, user: str | None) -> None:
    """Talk to Lotse in the terminal."""
    lotse = Lotse(settings)
    if not lotse.index.is_ready():
        raise click.ClickException("Kein Index vorhanden / no index: run `lotse ingest` first.")
    language = settings.default_language
    asker = Asker(user_id=user or f"cli:{getpass.getuser()}", platform="cli")
    thread = uuid.uuid4().hex
    history: list[str] = []
    click.echo(t("chat_welcome", language, company=_company_name(lotse)))
    while True:
        try:
            line = click.prompt("›", prompt_suffix=" ", default="", show_default=False)
        except (EOFError, click.Abort):
            break
        if line.strip() in ("/exit", "/quit", "exit", "quit"):
            break
        if line.startswith("/check"):
            _check(lotse, line[len("/check"):].strip())
            continue
        conversation = Conversation(platform="cli", channel_id="terminal", thread_id=thread,
                                    message_id=uuid.uuid4().hex, history=tuple(history[-3:]))
        reply = lotse.assistant.ask(line, asker, conversation)
        if reply.question:
            history.append(reply.question)
            language = reply.language
        click.echo(render_reply(reply) + "\n")
    click.echo(t("chat_bye", language))


def _company_name(lotse: Lotse) -> str:
    try:
        return lotse.company.short_name
    except Exception:  # no company.yaml: still chat
        return "deiner Firma"


def _check(lotse: Lotse, draft: str) -> None:
    from bot.render.verdict import render_verdict

    click.echo(render_verdict(lotse.postchecker.check(draft)) + "\n")
