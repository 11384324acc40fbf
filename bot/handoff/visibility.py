"""Need-to-know: who may see and act on which handoff. The one place this rule lives.

- The asker sees their own handoffs (and may resolve or reopen them).
- A contact person sees and acts on the handoffs of their own roles: those routed to a role they hold, plus
  those of a role nobody holds, when they hold the fallback role (those are the ones they are notified of,
  `ContactDirectory.user_ids_for`).
- A lead (`lead: true` on a contact in contacts.yaml) sees and acts on all handoffs.
- Whoever a handoff was put in front of (its `holders`: a deputy standing in, a person it was escalated to) sees
  and acts on it too (bot/handoff/reach.py).
Reports count over all handoffs and never show one, so they are not affected.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, or_

from bot.contacts import ContactDirectory
from bot.store.models import Handoff


class Visibility:
    def __init__(self, contacts: ContactDirectory) -> None:
        self._contacts = contacts

    def is_lead(self, actor_id: str) -> bool:
        return self._contacts.is_lead(actor_id)

    def handles(self, actor_id: str, role: str | None) -> bool:
        """May this contact person see and act on a handoff routed to `role`?"""
        return self.is_lead(actor_id) or actor_id in self._contacts.user_ids_for(role)

    def may_see(self, actor_id: str, asker_id: str | None, role: str | None, holders: Iterable[str] = ()) -> bool:
        """The asker (when askers may act, `asker_id` given), a contact person handling `role`, or a holder."""
        return (
            (asker_id is not None and asker_id == actor_id)
            or self.handles(actor_id, role)
            or (actor_id in holders and self._contacts.is_contact(actor_id))
        )

    def roles_handled(self, actor_id: str, roles: Iterable[str]) -> list[str]:
        return [role for role in roles if actor_id in self._contacts.user_ids_for(role)]

    def restrict(self, query: Select, actor_id: str) -> Select:
        """The query narrowed to the handoffs the actor may see."""
        if self.is_lead(actor_id):
            return query
        roles = self.roles_handled(actor_id, self._contacts.roles())
        fallback = self._contacts.fallback_role
        if actor_id in self._contacts.user_ids_for(fallback) and fallback not in roles:
            roles.append(fallback)
        held = Handoff.holders.contains(f"|{actor_id}|", autoescape=True)
        if not roles:
            mine = Handoff.asker_id == actor_id
            return query.where(or_(mine, held) if self._contacts.is_contact(actor_id) else mine)
        return query.where(or_(Handoff.asker_id == actor_id, Handoff.contact_role.in_(roles), held))
