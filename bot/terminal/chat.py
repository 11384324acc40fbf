"""`lotse chat`: one terminal conversation over the core: questions, post checks, the local inbox, the report."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

import bot.terminal.texts  # noqa: F401  (registers the term.* texts)
from bot.errors import LotseError
from bot.handoff.answer_box import AnswerBox
from bot.handoff.views import HandoffView
from bot.i18n import t
from bot.models import Asker, Conversation, Reply
from bot.render.text import render_reply
from bot.terminal.console import Console
from bot.terminal.identity import is_local, works_inbox_alone
from bot.terminal.inbox import InboxDesk

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

EXIT = ("/ende", "/exit", "/quit", "exit", "quit")
HISTORY = 3


class TerminalChat:
    def __init__(self, lotse: Lotse, user_id: str, console: Console | None = None) -> None:
        self.lotse = lotse
        self.asker = Asker(user_id=user_id, platform="cli")
        self.console = console or Console()
        self.language = lotse.settings.default_language
        self.thread = uuid.uuid4().hex
        self.history: list[str] = []
        self.last_reply: Reply | None = None
        self.answers = AnswerBox(lotse.store, lotse.handoffs, lotse.clock)
        self.commands: dict[str, Callable[[str], None]] = {
            "/hilfe": self.help,
            "/help": self.help,
            "/check": self.check,
            "/prüfen": self.check,
            "/pruefen": self.check,
            "/anfragen": self.inbox,
            "/inbox": self.inbox,
            "/mensch": self.human,
            "/human": self.human,
            "/bericht": self.report,
            "/report": self.report,
            "/training": self.training,
            "/übung": self.training,
        }

    # --- the loop --------------------------------------------------------------------------------------
    def run(self) -> None:
        self.console.say(t("term.welcome", self.language, company=self._company()))
        notice = self.local_notice()
        if notice:
            self.console.say(notice)
        self.console.say("")
        self.show_new_answers()
        while True:
            line = self.console.ask()
            if line is None or line.strip().lower() in EXIT:
                break
            self.handle(line.strip())
            self.show_new_answers()
        self.console.say(t("term.bye", self.language))

    def handle(self, line: str) -> None:
        """One line: a command or a question. A refusal of the core is said here, in the chat's language."""
        try:
            if line.startswith("/"):
                name, _, argument = line.partition(" ")
                command = self.commands.get(name.lower())
                if command is None:
                    self.console.say(t("term.unknown_command", self.language, command=name) + "\n")
                    return
                command(argument.strip())
                return
            self.ask(line)
        except LotseError as refused:
            self.console.say(refused.text(self.language) + "\n")

    # --- the employee side -----------------------------------------------------------------------------
    def ask(self, question: str) -> None:
        conversation = Conversation(
            platform="cli",
            channel_id="terminal",
            thread_id=self.thread,
            message_id=uuid.uuid4().hex,
            history=tuple(self.history[-HISTORY:]),
        )
        reply = self.lotse.assistant.ask(question, self.asker, conversation)
        if reply.question:
            self.history.append(reply.question)
            self.language = reply.language
            self.last_reply = reply
        self.console.say(render_reply(reply, in_chat=True) + "\n")
        if reply.handoff is not None and reply.handoff.created:
            self._announce(reply.handoff.id)

    def check(self, draft: str) -> None:
        from bot.postcheck.approval import record_check, request_approval
        from bot.render.verdict import render_verdict

        if not draft:
            self.console.say(t("term.check_empty", self.language) + "\n")
            return
        verdict = self.lotse.postchecker.check(draft)
        self.language = verdict.language
        self.console.say(render_verdict(verdict, approval_hint=t("term.approval_hint", verdict.language)))
        handoff = None
        if verdict.verdict == "approval":
            if self.console.confirm(
                t("term.approval_prompt", verdict.language) + " ›", t("term.yes", verdict.language)
            ):
                handoff = request_approval(self.lotse, verdict, self.asker.user_id, "cli", uuid.uuid4().hex)
                self.console.say(
                    t("handoff_post_approval", verdict.language, contact=handoff.contact_name) + f" (#{handoff.id})"
                )
            else:
                self.console.say(t("term.approval_kept", verdict.language))
        record_check(self.lotse, verdict, self.asker.user_id, "cli", getattr(handoff, "id", None))
        self.console.say("")
        if handoff is not None:
            self._announce(handoff.id)

    def human(self, _argument: str) -> None:
        reply = self.last_reply
        if reply is None:
            self.console.say(t("term.nothing_to_pass_on", self.language) + "\n")
            return
        conversation = Conversation(platform="cli", channel_id="terminal", thread_id=self.thread)
        opened = self.lotse.handoff_requests.person_for_reply(reply, self.asker, conversation)
        self.console.say(opened.text() + "\n")
        if opened.created:
            self._announce(opened.view.id)

    def show_new_answers(self) -> None:
        for view in self.answers.unseen(self.asker.user_id):
            self.console.say(self._answer_text(view) + "\n")
            self.answers.mark_shown(view)

    # --- the contact person's side ---------------------------------------------------------------------
    def inbox(self, argument: str) -> None:
        InboxDesk(self.lotse, self.asker.user_id, self.console).run(argument, self.language)
        self.console.say("")

    def report(self, _argument: str) -> None:
        from bot.report.build import build_report
        from bot.report.period import Week
        from bot.report.render_text import render_text

        week = Week.containing(self.lotse.clock.now(), self.lotse.settings.timezone)
        self.console.say(render_text(build_report(self.lotse, week, self.language)))

    def training(self, argument: str) -> None:
        """`/training` (status), `/training an|aus` (opt in / out), `/training jetzt` (an exercise now, answered here)."""
        from bot.practice.render import outcome_text, scenario_text
        from bot.practice.service import Person, parse_choice

        practice = self.lotse.practice
        user = self.asker.user_id
        word = argument.strip().lower()
        if word in ("an", "on", "ein", "start"):
            self.console.say(practice.opt_in("cli", user, self.language) + "\n")
            return
        if word in ("aus", "off", "stop", "nicht mehr", "no more"):
            self.console.say(practice.opt_out("cli", user, self.language) + "\n")
            return
        if word not in ("jetzt", "now"):
            key = "practice.status_in" if practice.takes_part("cli", user) else "practice.status_out"
            self.console.say(t(key, self.language) + "\n")
            return
        assignment = practice.now(Person("cli", user, self.language))
        if assignment is None:
            self.console.say(t("practice.none_left", self.language) + "\n")
            return
        scenario = assignment.scenario
        self.console.say(scenario_text(scenario))
        while True:
            line = self.console.ask(t("practice.your_choice", scenario.language))
            if line is None or not line.strip():
                self.console.say("")
                return
            choice = parse_choice(line)
            if choice is not None:
                break
            self.console.say(t("practice.bad_choice", scenario.language))
        self.console.say(outcome_text(practice.answer(assignment.id, user, choice)) + "\n")

    def help(self, _argument: str) -> None:
        self.console.say(t("term.help", self.language) + "\n")

    # --- what the user must know -----------------------------------------------------------------------
    def local_notice(self) -> str | None:
        """Once, at the start: without Slack or Teams, where handed-off questions go and who answers them."""
        settings = self.lotse.settings
        if not is_local(settings):
            return None
        if works_inbox_alone(settings):
            return t("term.local_self", self.language)
        if self.lotse.contacts.is_contact(self.asker.user_id):
            return t("term.local_contact", self.language)
        contact = next(iter(sorted(self.lotse.contacts.all_user_ids())), "ID")
        return t("term.local_others", self.language, contact=contact)

    def _announce(self, handoff_id: int) -> None:
        if is_local(self.lotse.settings) and self.lotse.contacts.is_contact(self.asker.user_id):
            self.console.say(t("term.new_in_inbox", self.language, id=handoff_id) + "\n")

    def _answer_text(self, view: HandoffView) -> str:
        key = "term.answer_arrived_draft" if view.reason == "post_approval" else "term.answer_arrived"
        quoted = view.draft if view.reason == "post_approval" and view.draft else view.question or ""
        quoted = " ".join(quoted.split())
        if len(quoted) > 80:
            quoted = quoted[:79] + "…"
        return t(key, view.language, contact=self._answerer(view), question=quoted, answer=view.answer or "")

    def _answerer(self, view: HandoffView) -> str:
        contacts = self.lotse.contacts
        roles = contacts.roles_of(view.answered_by or "")
        if view.contact_role in roles or not roles:
            return view.contact_name
        return contacts.get(roles[0]).name

    def _company(self) -> str:
        try:
            return self.lotse.company.short_name
        except Exception:  # noqa: BLE001 - a broken company.yaml must not stop the chat
            return "deiner Firma" if self.language == "de" else "your company"
