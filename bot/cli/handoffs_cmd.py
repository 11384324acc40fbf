"""`lotse handoffs`: contact people list, claim, answer, resolve and reopen handed-off questions."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from bot.errors import LotseError
from bot.handoff.views import HandoffView
from bot.i18n import register, t
from bot.labels import category_label, language_label, reason_label, status_label
from bot.settings import Settings
from bot.terminal.identity import terminal_user

T = TypeVar("T")

register(
    {
        "cli.not_a_handoff_id": {
            "de": "„{value}“ ist keine Anfragenummer; gib die Nummer an, die `lotse handoffs list` zeigt (z. B. 12).",
            "en": "“{value}” is not a handoff number; give the number `lotse handoffs list` shows (e.g. 12).",
        },
    }
)


class HandoffId(click.ParamType):
    """A handoff number; anything else is refused in one sentence (an id beyond the database is not found)."""

    name = "ID"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip().lstrip("#")
        if text.isascii() and text.isdigit():
            return int(text)
        root = ctx.find_root().obj if ctx is not None else None
        language = root.default_language if isinstance(root, Settings) else "de"
        self.fail(t("cli.not_a_handoff_id", language, value=str(value)[:40]), param, ctx)


HANDOFF_ID = HandoffId()
ACTIVE = ("open", "claimed")


def default_actor(settings: Settings) -> str:
    """$LOTSE_CLI_USER, else the first communications contact id, else the terminal user."""
    from_env = os.environ.get("LOTSE_CLI_USER", "").strip()
    if from_env:
        return from_env
    ids = settings.contact_ids.get("communications") or []
    return ids[0] if ids else terminal_user(settings)


@click.group("handoffs")
@click.option(
    "--as",
    "actor",
    default=None,
    metavar="USER_ID",
    help="Act as this user id (default: $LOTSE_CLI_USER or the first communications contact).",
)
@click.pass_context
def handoffs(ctx: click.Context, actor: str | None) -> None:
    """Handed-off questions: list, show, claim, answer, resolve, reopen, take over as an example."""
    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    ctx.obj = {"settings": settings, "actor": actor or default_actor(settings)}


@handoffs.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also answered and resolved handoffs.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_cmd(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """Open and claimed handoffs (all with --all)."""
    rows = _run(
        ctx,
        lambda svc, actor: [
            (v, svc.deliveries.summary(v.id)) for v in svc.list_for(actor, None if show_all else ACTIVE)
        ],
    )
    views = [view for view, _ in rows]
    if as_json:
        click.echo(json.dumps([v.to_json() for v in views], ensure_ascii=False, indent=2))
        return
    if not views:
        click.echo("Keine Anfragen / No handoffs.")
        _explain_if_not_contact(ctx)
    language = ctx.obj["settings"].default_language
    for view, deliveries in rows:
        click.echo(_line(view, language) + delivery_flags(deliveries))


@handoffs.command("show")
@click.argument("handoff_id", type=HANDOFF_ID)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def show_cmd(ctx: click.Context, handoff_id: int, as_json: bool) -> None:
    """One handoff with question, context passages, draft and answer."""
    view, deliveries = _run(ctx, lambda svc, actor: (svc.get(actor, handoff_id), svc.deliveries.summary(handoff_id)))
    if as_json:
        data = view.to_json() | {"deliveries": [vars(d) for d in deliveries]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(_details(view, ctx.obj["settings"].default_language) + delivery_lines(deliveries))


@handoffs.command("claim")
@click.argument("handoff_id", type=HANDOFF_ID)
@click.pass_context
def claim_cmd(ctx: click.Context, handoff_id: int) -> None:
    """Take over a handoff."""
    view = _run(ctx, lambda svc, actor: svc.claim(actor, handoff_id))
    click.echo(f"Übernommen / Claimed: #{view.id} ({view.claimed_by})")


@handoffs.command("answer")
@click.argument("handoff_id", type=HANDOFF_ID)
@click.argument("text")
@click.option("--faq", is_flag=True, help="Suggest the answer for the FAQ.")
@click.pass_context
def answer_cmd(ctx: click.Context, handoff_id: int, text: str, faq: bool) -> None:
    """Answer a handoff; the employee gets the answer in the original thread."""
    from bot.learning.loop import wait_for_reindex

    def answer(svc: Any, actor: str) -> HandoffView:
        view = svc.answer(actor, handoff_id, text, add_to_faq=faq)
        wait_for_reindex(svc)  # the FAQ entry is searchable when the command returns
        return view

    view = _run(ctx, answer)
    click.echo(f"Beantwortet / Answered: #{view.id}")
    if view.notify_failed:
        click.echo(f"Warnung / Warning: Zustellung fehlgeschlagen / delivery failed: {view.notify_error}", err=True)


@handoffs.command("example")
@click.argument("handoff_id", type=HANDOFF_ID)
@click.pass_context
def example_cmd(ctx: click.Context, handoff_id: int) -> None:
    """Take an answered case over as an example of its taboo topic or post-check rule (shown, editable, saved)."""
    from bot.app import Lotse
    from bot.terminal.console import Console
    from bot.terminal.examples import review_example

    settings: Settings = ctx.obj["settings"]
    lotse = Lotse(settings)
    saved = review_example(lotse.case_examples, ctx.obj["actor"], handoff_id, Console(), settings.default_language)
    if saved is None:
        ctx.exit(1)


@handoffs.command("resolve")
@click.argument("handoff_id", type=HANDOFF_ID)
@click.pass_context
def resolve_cmd(ctx: click.Context, handoff_id: int) -> None:
    """Close a handoff."""
    view = _run(ctx, lambda svc, actor: svc.resolve(actor, handoff_id))
    click.echo(f"Erledigt / Resolved: #{view.id}")


@handoffs.command("reopen")
@click.argument("handoff_id", type=HANDOFF_ID)
@click.pass_context
def reopen_cmd(ctx: click.Context, handoff_id: int) -> None:
    """Reopen an answered or resolved handoff."""
    view = _run(ctx, lambda svc, actor: svc.reopen(actor, handoff_id))
    click.echo(f"Wieder geöffnet / Reopened: #{view.id}")


@handoffs.command("away")
@click.option("--until", "until", default=None, metavar="DATE", help="Last day away: 18.12. / 12/18 / 2026-12-18.")
@click.option("--hand-over", "hand_over", is_flag=True, help="Also pass the open handoffs you hold to your deputy.")
@click.pass_context
def away_cmd(ctx: click.Context, until: str | None, hand_over: bool) -> None:
    """Mark yourself away (no new handoffs until then; they go to your deputy)."""
    language = ctx.obj["settings"].default_language
    _absence(ctx, ("abwesend bis " + until) if until else "abwesend", language)
    if hand_over:
        _absence(ctx, "übergeben", language)


@handoffs.command("back")
@click.pass_context
def back_cmd(ctx: click.Context) -> None:
    """End your absence: new handoffs come to you again."""
    _absence(ctx, "zurück", ctx.obj["settings"].default_language)


def _absence(ctx: click.Context, command: str, language: str) -> None:
    from bot.app import Lotse

    said = Lotse(ctx.obj["settings"]).absence_desk.handle(ctx.obj["actor"], command, "cli", language)
    if said is None:
        click.echo("Nur Ansprechpersonen können sich abwesend melden. / Only contact people can be away.", err=True)
        ctx.exit(1)
    click.echo(said)


def _run(ctx: click.Context, action: Callable[[Any, str], T]) -> T:
    from bot.app import Lotse

    lotse = Lotse(ctx.obj["settings"])
    try:
        return action(lotse.handoffs, ctx.obj["actor"])
    except (
        LotseError
    ) as refused:  # the one place the CLI renders the core's refusals (German / English, like all its output)
        click.echo(refused.text(None), err=True)
        ctx.exit(1)
    except ValueError as exc:  # configuration (e.g. a broken knowledge file): its own sentence
        click.echo(str(exc), err=True)
        ctx.exit(1)
    raise AssertionError("unreachable")  # pragma: no cover


def _explain_if_not_contact(ctx: click.Context) -> None:
    from bot.app import Lotse
    from bot.terminal.inbox import not_contact_text

    settings, actor = ctx.obj["settings"], ctx.obj["actor"]
    lotse = Lotse(settings)
    if not lotse.contacts.is_contact(actor):
        click.echo(not_contact_text(lotse, actor, settings.default_language))


def _line(view: HandoffView, language: str) -> str:
    flags = (" ÜBERFÄLLIG/OVERDUE" if view.overdue else "") + (" !notify" if view.notify_failed else "")
    question = (view.question or "[gelöscht / purged]").replace("\n", " ")
    if len(question) > 70:
        question = question[:67] + "..."
    created = view.created_at.strftime("%Y-%m-%d %H:%M")
    topic = category_label(view.category, language) if view.category else reason_label(view.reason, language)
    return (
        f"#{view.id:<5} {status_label(view.status, language):<12} {created} {view.contact_name:<18} "
        f"{topic:<24} {view.asker_id:<12} {question}{flags}"
    )


def _details(view: HandoffView, language: str) -> str:
    from bot.handoff.waiting import told_contact_line

    lines = [
        f"Anfrage / Handoff #{view.id}  [{status_label(view.status, language)}]"
        f"{'  ÜBERFÄLLIG/OVERDUE' if view.overdue else ''}",
        f"Grund / Reason: {reason_label(view.reason, language)}   "
        f"Kategorie / Category: {category_label(view.category, language)}",
        f"Zuständig / Contact: {view.contact_name} ({view.contact_role})",
        f"Von / From: {view.asker_id} ({view.platform}, {language_label(view.language, language)})   "
        f"Erstellt / Created: {view.created_at.isoformat()}",
        "",
        "Frage / Question:",
        view.question or "[gelöscht / purged]",
    ]
    if view.draft:
        lines += ["", "Entwurf / Draft:", view.draft]
    for passage in view.context:
        lines += ["", f"Kontext / Context: {passage.document} § {passage.section} ({passage.score:.2f})", passage.text]
    if view.claimed_by:
        lines += ["", f"Übernommen / Claimed: {view.claimed_by} {_when(view.claimed_at)}"]
    if view.answer:
        lines += ["", f"Antwort / Answer ({view.answered_by} {_when(view.answered_at)}):", view.answer]
    if view.resolved_by:
        lines += ["", f"Erledigt / Resolved: {view.resolved_by} {_when(view.resolved_at)}"]
    if view.notify_failed:
        lines += ["", f"Benachrichtigung fehlgeschlagen / Notification failed: {view.notify_error}"]
    told = told_contact_line(view, language)
    if told:
        lines += ["", told]
    return "\n".join(lines)


_KIND = {"notify_contact": "Benachrichtigung / notification", "deliver_answer": "Antwort / answer"}
_STATE = {"pending": "ausstehend / pending", "delivered": "zugestellt / delivered", "failed": "fehlgeschlagen / failed"}


def delivery_flags(deliveries: list[Any]) -> str:
    """` !pending` / ` !failed` when a notification or answer has not (yet) reached its person."""
    states = {d.status for d in deliveries}
    return "".join(f" !{state}" for state in ("pending", "failed") if state in states)


def delivery_lines(deliveries: list[Any]) -> str:
    """The outbox of one handoff: what was sent to whom, delivered or not, after how many attempts."""
    if not deliveries:
        return ""
    lines = ["", "Zustellung / Delivery:"]
    for d in deliveries:
        error = f" – {d.error}" if d.error and d.status != "delivered" else ""
        lines.append(
            f"  {_KIND.get(d.kind, d.kind)} → {d.recipient}: {_STATE.get(d.status, d.status)} "
            f"({d.attempts} Versuch(e) / attempt(s)){error}"
        )
    return "\n".join(lines)


def _when(moment: Any) -> str:
    return moment.isoformat() if moment else ""


cli_command = handoffs
