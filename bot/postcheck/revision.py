"""Mechanical fixes: masking personal data, adding the disclosure line. Applied to the text the user sent."""

from __future__ import annotations

from bot.postcheck.verdict import Finding


def revise(original: str, findings: list[Finding]) -> str | None:
    """The draft with every mechanical fix applied, or None if no finding has one."""
    replacements = sorted(
        {(f.start, f.end, f.replacement) for f in findings if f.replacement is not None}, reverse=True
    )
    appends: list[str] = []
    for finding in findings:
        if finding.append and finding.append not in appends:
            appends.append(finding.append)
    if not replacements and not appends:
        return None
    parts: list[str] = []  # built back to front and joined once: slicing per fix was quadratic
    last_start = len(original)
    for start, end, replacement in replacements:
        if end > last_start:  # overlapping with one already applied
            continue
        parts += [original[end:last_start], replacement or ""]
        last_start = start
    parts.append(original[:last_start])
    text = "".join(reversed(parts)).rstrip()
    for line in appends:
        text = f"{text}\n\n{line}" if text else line
    return text
