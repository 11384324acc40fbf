"""The report's reachability section: was someone there? Time to claim per category, escalations and who finally
took them, handoffs that arrived while their owner was away, and roles with one person and no deputy (a risk).

    section = reachability_section(lotse, week)      # -> Reachability (figures, no question texts)
    lines = markdown_lines(section, "de")            # "## Erreichbarkeit" … for render_md
    lines = text_lines(section, "en")                # for the terminal
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from bot.i18n import register, t
from bot.labels import category_label
from bot.report.period import Week
from bot.store.models import Handoff, HandoffEvent

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

register(
    {
        "report_reach": {"de": "Erreichbarkeit", "en": "Reachability"},
        "report_reach_claim": {
            "de": "Zeit bis zur Übernahme (Median) je Kategorie:",
            "en": "Time to claim (median) per category:",
        },
        "report_reach_claim_line": {
            "de": "{category}: {minutes} Min. ({claimed} von {total} übernommen)",
            "en": "{category}: {minutes} min ({claimed} of {total} claimed)",
        },
        "report_reach_unclaimed_line": {
            "de": "{category}: noch nicht übernommen ({total})",
            "en": "{category}: not claimed yet ({total})",
        },
        "report_reach_escalations": {"de": "Eskalationen:", "en": "Escalations:"},
        "report_reach_escalation_line": {
            "de": "#{id} {category}: {count}× eskaliert (zuletzt an {last}); übernommen von {taker}",
            "en": "#{id} {category}: escalated {count}× (last to {last}); taken by {taker}",
        },
        "report_reach_nobody_yet": {"de": "noch niemandem", "en": "nobody yet"},
        "report_reach_absent": {
            "de": "Während der Abwesenheit der zuständigen Person eingegangen: {count} ({roles})",
            "en": "Arrived while their owner was away: {count} ({roles})",
        },
        "report_reach_risk": {
            "de": "Risiko: {role} ({name}) hat nur eine Person und keine Vertretung.",
            "en": "Risk: {role} ({name}) has a single person and no deputy.",
        },
        "report_reach_quiet": {
            "de": "Keine Anfragen, Eskalationen oder Abwesenheiten in dieser Woche.",
            "en": "No handoffs, escalations or absences this week.",
        },
    }
)


@dataclass(frozen=True)
class Escalation:
    handoff_id: int
    category: str | None
    count: int
    last_stage_people: str
    taken_by: str | None


@dataclass
class Reachability:
    claim_minutes: dict[str, tuple[float | None, int, int]] = field(default_factory=dict)  # median, claimed, total
    escalations: list[Escalation] = field(default_factory=list)
    while_away: dict[str, int] = field(default_factory=dict)  # role → count
    risks: list[tuple[str, str]] = field(default_factory=list)  # (role label, person)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_minutes": {
                k: {"median": m, "claimed": c, "total": n} for k, (m, c, n) in self.claim_minutes.items()
            },
            "escalations": [vars(e) for e in self.escalations],
            "while_away": self.while_away,
            "risks": [{"role": role, "person": person} for role, person in self.risks],
        }


def reachability_section(lotse: Lotse, week: Week, language: str = "de") -> Reachability:
    contacts = lotse.contacts
    section = Reachability()
    query = select(Handoff).where(Handoff.created_at >= week.start, Handoff.created_at < week.end)
    with lotse.store.session() as session:
        rows = list(session.scalars(query.order_by(Handoff.id)))
        ids = [row.id for row in rows]
        events = list(
            session.scalars(
                select(HandoffEvent)
                .where(HandoffEvent.handoff_id.in_(ids), HandoffEvent.action == "escalated")
                .order_by(HandoffEvent.id)
            )
        )
    waits: dict[str, list[float]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        key = row.category or row.reason
        totals[key] += 1
        if row.claimed_at is not None:
            waits[key].append((row.claimed_at - row.created_at).total_seconds() / 60)
        if (row.reach or {}).get("absent"):
            label = contacts.get(row.contact_role).role_label(language)
            section.while_away[label] = section.while_away.get(label, 0) + 1
    section.claim_minutes = {
        key: (round(median(waits[key]), 1) if waits[key] else None, len(waits[key]), total)
        for key, total in totals.items()
    }
    by_handoff: dict[int, list[HandoffEvent]] = defaultdict(list)
    for event in events:
        by_handoff[event.handoff_id].append(event)
    rows_by_id = {row.id: row for row in rows}
    for handoff_id, escalated in by_handoff.items():
        row = rows_by_id[handoff_id]
        last = contacts.names_of((escalated[-1].detail or {}).get("to") or [])
        taker = contacts.name_of(row.claimed_by) if row.claimed_by else None
        section.escalations.append(Escalation(handoff_id, row.category, len(escalated), last, taker))
    for role in lotse.handoffs.reach.single_person_roles():
        contact = contacts.get(role)
        section.risks.append((contact.role_label(language), contact.name))
    return section


def markdown_lines(section: Reachability | None, language: str) -> list[str]:
    if section is None:
        return []
    return ["", f"## {t('report_reach', language)}", "", *_lines(section, language, "- ")]


def text_lines(section: Reachability | None, language: str) -> list[str]:
    if section is None:
        return []
    return [t("report_reach", language), *_lines(section, language, "  "), ""]


def _lines(section: Reachability, language: str, bullet: str) -> list[str]:
    out: list[str] = []
    if section.claim_minutes:
        out.append(t("report_reach_claim", language))
        for key, (minutes, claimed, total) in sorted(section.claim_minutes.items()):
            category = category_label(key, language)
            if minutes is None:
                out.append(bullet + t("report_reach_unclaimed_line", language, category=category, total=total))
            else:
                line = t(
                    "report_reach_claim_line",
                    language,
                    category=category,
                    minutes=minutes,
                    claimed=claimed,
                    total=total,
                )
                out.append(bullet + line)
    if section.escalations:
        out.append(t("report_reach_escalations", language))
        for e in section.escalations:
            taker = e.taken_by or t("report_reach_nobody_yet", language)
            category = category_label(e.category, language)
            line = t(
                "report_reach_escalation_line",
                language,
                id=e.handoff_id,
                category=category,
                count=e.count,
                last=e.last_stage_people,
                taker=taker,
            )
            out.append(bullet + line)
    if section.while_away:
        roles = ", ".join(f"{role}: {count}" for role, count in section.while_away.items())
        out.append(t("report_reach_absent", language, count=sum(section.while_away.values()), roles=roles))
    out += [bullet + t("report_reach_risk", language, role=role, name=name) for role, name in section.risks]
    if not out:
        out.append(t("report_reach_quiet", language))
    return out
