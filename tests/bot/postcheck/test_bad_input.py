"""Empty, too long, emoji-only, link-only, mixed-language and Slack/Markdown drafts: clear answers, right spans."""

from __future__ import annotations

import pytest


def test_empty_draft(plain_checker):
    for draft in ("", "   \n\t", None):
        verdict = plain_checker.check(draft)
        assert verdict.status == "empty" and verdict.findings == [] and verdict.notices


def test_too_long_draft_is_refused_unread(plain_checker):
    draft = ("Schöner Tag in der Lehrwerkstatt. " * 1300) + "Unser Kunde Okano Precision ist zufrieden."
    assert len(draft) > 40_000
    verdict = plain_checker.check(draft)
    assert verdict.status == "too_long" and "40.000" in verdict.notices[0] and "nicht geprüft" in verdict.notices[0]
    assert verdict.verdict == "revise" and verdict.findings == [] and verdict.draft == ""  # never "ok", never stored
    english = plain_checker.check("x " * 25_000, "en")
    assert english.verdict == "revise" and "50,000" in english.notices[0] and "haven't checked" in english.notices[0]


def test_a_megabyte_draft_is_refused(plain_checker):
    verdict = plain_checker.check("<http:" * 175_000)
    assert verdict.status == "too_long" and verdict.verdict == "revise"


def test_a_draft_at_the_limit_is_checked_completely(plain_checker):
    draft = ("Schöner Tag in der Lehrwerkstatt. " * 1170)[:39_900] + " Unser Kunde Okano Precision ist zufrieden."
    assert len(draft) <= 40_000
    verdict = plain_checker.check(draft)
    assert verdict.status == "checked" and verdict.verdict == "approval"
    assert draft[verdict.findings[0].start : verdict.findings[0].end] == "Okano Precision"


def test_nul_bytes_and_lone_surrogates_never_reach_the_verdict(plain_checker):
    verdict = plain_checker.check("Heute kam eine Abmahnung\x00 vom Wettbewerber\udcff.")
    assert verdict.verdict == "approval" and "\x00" not in verdict.draft
    verdict.draft.encode("utf-8")  # storable in PostgreSQL and SQLite
    for finding in verdict.findings:
        assert verdict.draft[finding.start : finding.end] == finding.excerpt


@pytest.mark.parametrize("draft", ["🎉🔥💪", "https://nordwerk.de/presse", "👉 https://karriere.nordwerk.de 🚀"])
def test_only_emojis_or_links(plain_checker, draft):
    verdict = plain_checker.check(draft)
    assert verdict.status == "no_text" and verdict.verdict == "ok" and verdict.notices


def test_mixed_languages(plain_checker):
    verdict = plain_checker.check(
        "Great day at EMO Hannover with the whole crew! Unser Stand war den ganzen Tag voll, danke an alle Besucher."
    )
    assert verdict.mixed_language and verdict.language in ("de", "en") and verdict.verdict == "ok"


def test_slack_markup_spans_refer_to_the_sent_text(plain_checker):
    draft = "<@U0123ABC> schau mal <https://nordwerk.de/x|Projekt Falke> und <#C42|allgemein> Brandt Automotive"
    verdict = plain_checker.check(draft)
    excerpts = [f.excerpt for f in verdict.findings]
    assert "Projekt Falke" in excerpts and "Brandt Automotive" in excerpts
    for finding in verdict.findings:
        assert draft[finding.start : finding.end] == finding.excerpt


def test_markdown_and_decomposed_umlauts(plain_checker):
    draft = "*Rekordquartal* bei _Nordwerk_! Werk Gu\u0308tersloh II kommt"
    verdict = plain_checker.check(draft)
    for finding in verdict.findings:
        assert draft[finding.start : finding.end] == finding.excerpt
    assert {f.rule for f in verdict.findings} >= {"figures.trend", "strategy.confidential-projects"}


def test_control_characters_and_bytes(plain_checker):
    verdict = plain_checker.check("Hallo\x00 Welt\u200b, ein ganz normaler Beitrag.")
    assert verdict.verdict == "ok"
    assert plain_checker.check(b"Klage").verdict == "approval"


def test_json_shape(plain_checker):
    data = plain_checker.check("Die NORDMILL 800 ist genial, ich kann sie empfehlen! Mail: a.b@gmx.de").to_json()
    assert set(data) >= {"verdict", "findings", "revision", "language"}
    finding = data["findings"][0]
    assert set(finding) == {"rule", "category", "severity", "start", "end", "excerpt", "message", "guideline", "fix"}
    assert set(finding["guideline"]) == {"document", "section", "text"}
    assert data["revision"] and "a***@gmx.de" in data["revision"]


def test_message_in_the_authors_language(plain_checker):
    de = plain_checker.check("Heute kam eine Abmahnung vom Wettbewerber.")
    en = plain_checker.check("We received a cease and desist letter today.")
    assert de.language == "de" and "Rechtsstreit" in de.findings[0].message
    assert en.language == "en" and "legal dispute" in en.findings[0].message
    forced = plain_checker.check("Heute kam eine Abmahnung vom Wettbewerber.", "en")
    assert forced.language == "en" and "legal dispute" in forced.findings[0].message
    assert forced.findings[0].guideline.document == "social-media-guideline-en"
