"""Plain-text rendering of a post-check verdict for the terminal."""

from __future__ import annotations

from typing import Any


def render_verdict(verdict: Any) -> str:
    """The verdict as the author reads it in a terminal."""
    from bot.i18n import t

    lang = verdict.language
    lines = [t(f"postcheck.verdict.{verdict.verdict}", lang)]
    for notice in verdict.notices:
        lines.append(f"ℹ️  {notice}")
    for number, finding in enumerate(verdict.findings, start=1):
        label = t("postcheck.hint", lang) if finding.severity == "info" else finding.severity
        lines += ["", f"{number}. [{label}] {finding.rule} ({finding.category}), "
                      f"{t('postcheck.finding', lang)} {finding.start}–{finding.end}: „{finding.excerpt.strip()}“",
                  f"   {finding.message}"]
        if finding.guideline is not None:
            g = finding.guideline
            lines.append(f"   {t('postcheck.guideline', lang)} ({g.document} › {g.section}):")
            if g.text:
                lines.append(f"   > {g.text}")
        lines.append(f"   {t('postcheck.fix', lang)}: {finding.fix}")
    if verdict.revision:
        lines += ["", f"{t('postcheck.revision', lang)}:", verdict.revision]
    if verdict.verdict == "approval":
        lines += ["", t("postcheck.approval_hint", lang)]
    return "\n".join(lines)
