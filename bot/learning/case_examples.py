"""Taboo topics that grow from real cases: "Als Beispiel übernehmen" on an answered handoff or a decided approval.

    proposal = examples.propose(contact, handoff_id)     # anonymised, shortened text; targets, the best first
    saved = examples.save(contact, handoff_id, proposal.targets[0].key, text_the_contact_checked)
    say(saved.message(language))

A sensitive question (its triage category) becomes an example of that taboo topic in knowledge/triage.yaml; a draft
sent for approval becomes a must-trigger example of the company's post-check rule that flagged it, in
knowledge/postcheck/<file>.yaml, so `lotse rules test` runs it from then on. The contact person sees the proposed
text and the target and may edit the text before anything is saved (adapters: a Slack modal, a Teams card, a
terminal prompt). Only contact people who may answer the handoff may do it. Saving refuses what would break the
files' promise: personal data left in the text, a text the rule does not trigger on, a target that does not fit the
case, the same example twice. Who saved which example when is an audit event on the handoff (`example_added`: the
target and the file, never the text); the logs carry ids only. `on_saved` lets the composition root reload triage
and rules, so the running Lotse uses the example from the next message on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.handoff.errors import PermissionDenied
from bot.i18n import t
from bot.labels import category_label
from bot.learning.anonymise import anonymise, shorten
from bot.learning.example_files import ExampleTarget, ExampleWriter, rule_target, triage_target
from bot.learning.example_texts import ExampleRefused

if TYPE_CHECKING:  # pragma: no cover
    from bot.clock import Clock
    from bot.contacts import ContactDirectory
    from bot.handoff.service import HandoffService
    from bot.handoff.views import HandoffView
    from bot.postcheck.checker import PostChecker
    from bot.store.db import Store

log = logging.getLogger(__name__)
OFFERED = ("answered", "resolved")
MAX_TEXT = 400  # what a contact person may save; the proposal is shorter (bot/learning/anonymise.py)
ADDED = "example_added"


def example_offer_key(view: HandoffView) -> str | None:
    """Why `view` offers no "Als Beispiel übernehmen" (an i18n key), or None when it does (cards ask this)."""
    if view.status not in OFFERED or not view.answered_at:  # answered (then maybe resolved), not just closed
        return "example.refused.status"
    if view.text_purged:
        return "example.refused.purged"
    if view.reason == "post_approval":
        return None if view.draft else "example.refused.purged"
    return None if view.category and view.question else "example.refused.no_topic"


@dataclass(frozen=True)
class ExampleProposal:
    handoff_id: int
    language: str  # the case's
    text: str  # anonymised and shortened
    targets: tuple[ExampleTarget, ...]  # the best first

    def target(self, key: str | None) -> ExampleTarget:
        return next((x for x in self.targets if x.key == key), self.targets[0])


@dataclass(frozen=True)
class SavedExample:
    handoff_id: int
    target: ExampleTarget
    text: str

    def message(self, language: str) -> str:
        text = self.text if len(self.text) <= 120 else self.text[:119] + "…"
        file = self.target.path.name
        if self.target.kind == "triage":
            label = category_label(self.target.name, language)
            return t("example.saved_triage", language, text=text, label=label, file=file)
        return t("example.saved_rule", language, text=text, rule=self.target.name, file=file)


class CaseExamples:
    def __init__(
        self,
        handoffs: HandoffService,
        contacts: ContactDirectory,
        writer: ExampleWriter,
        checker: Callable[[], PostChecker],
        store: Store,
        clock: Clock,
        *,
        timezone: str = "Europe/Berlin",
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        self._handoffs = handoffs
        self._contacts = contacts
        self._writer = writer
        self._checker = checker
        self._store = store
        self._clock = clock
        self._zone = ZoneInfo(timezone)
        self.on_saved = on_saved

    @property
    def knowledge_dir(self) -> Path:
        return self._writer.knowledge_dir

    # --- proposing ---------------------------------------------------------------------------------
    def propose(self, actor_id: str, handoff_id: int) -> ExampleProposal:
        """The anonymised, shortened case and where it would go; refuses what cannot become an example."""
        view = self._case(actor_id, handoff_id)
        if view.reason == "post_approval":
            return self._from_draft(view)
        target = triage_target(self.knowledge_dir, view.category or "")
        text = shorten(anonymise(view.question or "", view.language, self._names()))
        return ExampleProposal(view.id, view.language, text, (target,))

    def _from_draft(self, view: HandoffView) -> ExampleProposal:
        checker = self._checker()
        fired = self._fired(checker, view)
        anonymous = anonymise(view.draft or "", view.language, self._names())
        for target, excerpt in fired:
            text = shorten(anonymous, keep=excerpt)
            usable = [x for x, _ in fired if _triggers(checker, x.name, text)]
            if target in usable:
                return ExampleProposal(view.id, view.language, text, (target, *(x for x in usable if x != target)))
        # anonymising took what the rules are about (e.g. a phone number): the contact sees it, saving says why
        text = shorten(anonymous, keep=fired[0][1])
        return ExampleProposal(view.id, view.language, text, tuple(x for x, _ in fired))

    def _fired(self, checker: PostChecker, view: HandoffView) -> list[tuple[ExampleTarget, str]]:
        """The company's rules that asked for approval of the draft, with what they found, in finding order."""
        verdict = checker.check(view.draft or "", view.language)
        found: dict[str, tuple[ExampleTarget, str]] = {}
        for finding in verdict.findings:
            if finding.severity != "approval" or finding.rule in found:
                continue
            try:
                found[finding.rule] = (rule_target(checker, self.knowledge_dir, finding.rule), finding.excerpt.strip())
            except ExampleRefused:
                continue  # Lotse's shipped rules and guideline sentences are not the company's files
        if not found:
            raise ExampleRefused("no_company_rule", id=view.id)
        return list(found.values())

    # --- saving ------------------------------------------------------------------------------------
    def save(self, actor_id: str, handoff_id: int, target_key: str | None, text: str | None) -> SavedExample:
        """Write the checked text as an example of the target; refuses (ExampleRefused) and writes nothing else."""
        view = self._case(actor_id, handoff_id)
        text = " ".join((text or "").split())
        if not text:
            raise ExampleRefused("empty")
        if len(text) > MAX_TEXT:
            raise ExampleRefused("too_long", limit=MAX_TEXT)
        if anonymise(text, view.language, self._names()) != text:
            raise ExampleRefused("personal_data")
        target = self._target(view, target_key)
        if target.kind == "rule" and not _triggers(self._checker(), target.name, text):
            raise ExampleRefused("not_triggering", rule=target.name)
        if not self._writer.add(target, text, view.language, note=self._note(view)):
            raise ExampleRefused("duplicate", target=f"{target.name} ({target.path.name})")
        self._record(view.id, actor_id, target, view.language, len(text))
        log.info("handoff %s: example saved (%s in %s)", view.id, target.key, target.path.name)
        if self.on_saved is not None:
            self.on_saved()
        return SavedExample(view.id, target, text)

    def _target(self, view: HandoffView, key: str | None) -> ExampleTarget:
        if view.reason != "post_approval":
            target = triage_target(self.knowledge_dir, view.category or "")
            if key in (None, "", target.key):
                return target
            raise ExampleRefused("unknown_target", id=view.id)
        fired = [x for x, _ in self._fired(self._checker(), view)]
        chosen = next((x for x in fired if x.key == key), fired[0] if not key else None)
        if chosen is None:
            raise ExampleRefused("unknown_target", id=view.id)
        return chosen

    # --- helpers -----------------------------------------------------------------------------------
    def _case(self, actor_id: str, handoff_id: int) -> HandoffView:
        if not self._contacts.is_contact(actor_id):
            raise PermissionDenied("handoff.error.contacts_only")
        view = self._handoffs.get_as_contact(actor_id, handoff_id)  # the same rule as answering it
        key = example_offer_key(view)
        if key is not None:
            raise ExampleRefused(key.removeprefix("example.refused."), id=view.id)
        return view

    def _names(self) -> list[str]:
        contacts = self._contacts
        names = []
        for role in contacts.roles():
            contact = contacts.get(role)
            names += [contact.name, *(person.name for person in contact.people)]
        return names

    def _note(self, view: HandoffView) -> str:
        day = self._clock.now().astimezone(self._zone).date().isoformat()
        return f"Fall/case #{view.id}, {day}"

    def _record(self, handoff_id: int, actor_id: str, target: ExampleTarget, language: str, chars: int) -> None:
        from bot.store.models import HandoffEvent

        detail = {"target": target.key, "file": target.path.name, "language": language, "chars": chars}
        with self._store.session() as session:
            session.add(
                HandoffEvent(
                    handoff_id=handoff_id,
                    at=self._clock.now(),
                    actor=actor_id,
                    action=ADDED,
                    detail=detail | {"extends": target.extends},
                )
            )


def _triggers(checker: PostChecker, rule_id: str, text: str) -> bool:
    """Would `lotse rules test` find this rule in `text`? (The same call: language detected, this rule only.)"""
    return any(f.rule == rule_id for f in checker.check(text, None, only=[rule_id]).findings)
