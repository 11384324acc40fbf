"""The report's reachability section over a simulated weekend: time to claim, escalations and who took them,
handoffs that arrived while their owner was away, and the single-person roles named as a risk (DE and EN)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.app import Lotse
from bot.clock import FixedClock
from bot.handoff.service import HandoffRequest
from bot.report.build import build_report
from bot.report.formats import render
from bot.report.period import Week
from bot.settings import Settings
from tests.conftest import CONTACT_IDS, KNOWLEDGE

WEEK = Week.parse("2026-W47")  # Mon 16.11. – Sun 22.11.2026


def request(source: str, category: str) -> HandoffRequest:
    return HandoffRequest(
        platform="slack",
        source_message_id=source,
        asker_id="UEMP",
        language="de",
        reason="sensitive",
        question="?",
        category=category,
    )


def test_the_weekend_shows_in_the_reachability_section(tmp_path: Path):
    clock = FixedClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))  # Friday 10:00
    settings = Settings(
        data_dir=tmp_path,
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{tmp_path / 'l.db'}",
        contact_ids=CONTACT_IDS,
    )
    lotse = Lotse(settings, clock=clock)
    handoffs = lotse.handoffs
    handoffs.set_routing({"data_leak": "data_protection", "insider": "legal"})
    handoffs.absences.set_away("ULEGAL1", until=date(2026, 11, 27))
    while_away = handoffs.open(request("a", "insider"))[0]  # legal away: Miriam Sommer stands in
    clock.advance(minutes=12)
    handoffs.claim("UDPO1", while_away.id)
    clock.set(datetime(2026, 11, 21, 22, 0, tzinfo=UTC))  # Saturday 23:00
    leak = handoffs.open(request("b", "data_leak"))[0]
    for minutes in (31, 121):  # 23:31 to the lead (the deputy, legal, is away); 01:32 everyone again (a repeat)
        clock.advance(minutes=minutes)
        handoffs.escalate_due(settings.escalation_minutes)
    handoffs.claim("UCOMMS1", leak.id)
    clock.set(WEEK.end + timedelta(hours=8))

    german = render(build_report(lotse, WEEK, "de", gaps=False), "md")
    assert "## Erreichbarkeit" in german
    assert "Insiderinformationen: 12.0 Min. (1 von 1 übernommen)" in german
    assert f"#{leak.id} Datenpanne: 2× eskaliert" in german and "übernommen von Katrin Vogt" in german
    assert "Während der Abwesenheit der zuständigen Person eingegangen: 1 (Rechtsabteilung: 1)" in german
    assert "Risiko: IT-Sicherheit (Lena Petersen) hat nur eine Person und keine Vertretung." in german
    english = render(build_report(lotse, WEEK, "en", gaps=False), "text")
    assert "Risk: IT Security (Lena Petersen) has a single person and no deputy." in english
    assert "escalated 2×" in english and "taken by Katrin Vogt" in english
