"""Plain-text rendering of a post-check verdict for the terminal."""

from __future__ import annotations

from typing import Any

from bot.i18n import register

register(
    {
        "verdict_word.revise": {"de": "überarbeiten", "en": "revise"},
        "verdict_word.approval": {"de": "Freigabe nötig", "en": "needs approval"},
        "verdict_word.ok": {"de": "in Ordnung", "en": "fine"},
    }
)


def render_verdict(verdict: Any, *, approval_hint: str | None = None) -> str:
    """The verdict as the author reads it in a terminal; `approval_hint` replaces the CLI's next step."""
    from bot.i18n import t
    from bot.labels import category_label

    lang = verdict.language
    lines = [t(getattr(verdict, "headline_key", f"postcheck.verdict.{verdict.verdict}"), lang)]
    for notice in verdict.notices:
        lines.append(f"ℹ️  {notice}")
    for number, finding in enumerate(verdict.findings, start=1):
        label = t("postcheck.hint", lang) if finding.severity == "info" else t(f"verdict_word.{finding.severity}", lang)
        lines += [
            "",
            f"{number}. [{label}] {finding.rule} ({category_label(finding.category, lang)}), "
            f"{t('postcheck.finding', lang)} {finding.start}–{finding.end}: „{finding.excerpt.strip()}“",
            f"   {finding.message}",
        ]
        if finding.guideline is not None:
            g = finding.guideline
            lines.append(f"   {t('postcheck.guideline', lang)} ({g.document} › {g.section}):")
            if g.text:
                lines.append(f"   > {g.text}")
        lines.append(f"   {t('postcheck.fix', lang)}: {finding.fix}")
    if verdict.revision:
        lines += ["", f"{t('postcheck.revision', lang)}:", verdict.revision]
    if verdict.verdict == "approval":
        lines += ["", approval_hint if approval_hint is not None else t("postcheck.approval_hint", lang)]
    return "\n".join(lines)
