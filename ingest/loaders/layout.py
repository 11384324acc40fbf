"""Pure steps from the lines of printed pages to sections: running headers and footers and page numbers dropped,
hyphenated line ends joined, tables as Markdown rows, footnotes moved next to their marker, lines of a paragraph
joined, and numbered headings ("1.2 Vertrauliche Informationen") found in order.

Used by the PDF loader (lines in reading order from pypdf's layout mode) and, for numbered headings, by Word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>[A-ZÄÖÜ„\"][^\n]{1,90})$")
_CELL_GAP = re.compile(r"\s{3,}")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:(?:seite|page|s\.)\s*)?#+(?:\s*(?:von|of|/)\s*#+)?(?:\s*-)?$", re.I)
_HYPHEN_END = re.compile(r"[a-zäöüß]-$")
_KEEP_HYPHEN_BEFORE = {"und", "oder", "bzw", "bzw.", "sowie", "and", "or"}  # "Ein- und Ausgang"
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE = re.compile(rf"^(?:[{_SUPERSCRIPTS}]|\d{{1,2}}\)?)\s+\S")
_BULLETS = "-*•–●○▪■◦"
_ITEM = re.compile(rf"^(?:[{_BULLETS}]|\d{{1,2}}[.)]|[a-z][.)])\s+\S")
_BULLET_GAP = re.compile(rf"^([{_BULLETS}])\s+")
_GAP = re.compile(r" +")
JUSTIFIED_GAPS = 5  # a line with at least this many word gaps, half of them two spaces wide, is justified text
ZONE = 2  # lines at the top and at the bottom of a page where a running header or footer may stand
MAX_HEADING_WORDS = 12


@dataclass(frozen=True)
class Heading:
    number: tuple[int, ...]
    title: str

    @property
    def level(self) -> int:
        return len(self.number)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove the lines that repeat at the top or bottom of most pages (digits aside), and bare page numbers."""
    zones = [_zone(lines) for lines in pages]
    counts = Counter(
        shape for page, zone in zip(pages, zones, strict=True) for shape in {_shape(page[i]) for i in zone}
    )
    needed = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, n in counts.items() if n >= needed}
    kept = []
    for page, zone in zip(pages, zones, strict=True):
        drop = {i for i in zone if _shape(page[i]) in running or _PAGE_NUMBER.match(_shape(page[i]))}
        kept.append([line for i, line in enumerate(page) if i not in drop])
    return kept


def _zone(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:ZONE] + filled[-ZONE:]))


def place_footnotes(lines: list[str]) -> list[str]:
    """Footnotes at the foot of a page ("¹ Baupläne umfassen …") moved to the end of the paragraph that cites them."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    notes: list[int] = []
    for i in reversed(filled):
        if not _FOOTNOTE.match(lines[i].strip()) or _cells(lines[i]):
            break
        notes.insert(0, i)
    if not notes or len(notes) == len(filled):
        return lines
    body = [line for i, line in enumerate(lines) if i not in notes]
    for i in notes:
        note = lines[i].strip()
        at = _marker_line(body, note[0])
        if at is None:
            body.append(note)
            continue
        end = at + 1
        while end < len(body) and body[end].strip() and not NUMBERED.match(body[end].strip()):
            end += 1
        body[end:end] = ["", note]
    return body


def _marker_line(body: list[str], mark: str) -> int | None:
    pattern = re.compile(rf"[^\W\d]{re.escape(mark)}(?!\d)" if mark.isdigit() else re.escape(mark))
    return next((i for i, line in enumerate(body) if pattern.search(line)), None)


def join_hyphenated(lines: list[str]) -> list[str]:
    """ "Mitarbei-" + "ter der Firma" → "Mitarbeiter der Firma"; "Social-" + "Media" keeps its hyphen."""
    out: list[str] = []
    for line in lines:
        previous = out[-1].rstrip() if out else ""
        word = line.strip().split(" ", 1)[0] if line.strip() else ""
        if previous and _HYPHEN_END.search(previous) and word and not _cells(line):
            if word.casefold() in _KEEP_HYPHEN_BEFORE:
                out[-1] = f"{previous} {line.strip()}"
            elif word[0].islower():
                out[-1] = previous[:-1] + line.strip()
            else:
                out[-1] = previous + line.strip()
            continue
        out.append(line)
    return out


def _cells(line: str) -> list[str]:
    """The cells of a table row; [] for running text, a bullet item ("•   Text") or a justified line."""
    cells = [cell for cell in _CELL_GAP.split(line.strip()) if cell]
    if len(cells) < 2 or (len(cells[0]) == 1 and cells[0] in _BULLETS):
        return []
    gaps = [len(gap) for gap in _GAP.findall(line.strip())]
    justified = len(gaps) >= JUSTIFIED_GAPS and 2 * gaps.count(2) >= len(gaps)
    return [] if justified else cells


def heading_of(line: str, previous: Heading | None) -> Heading | None:
    """A numbered heading that follows `previous` in order (1 → 1.1 → 1.2 → 2 …); None for any other line."""
    match = NUMBERED.match(line.strip())
    if match is None or _cells(line):
        return None
    title = match["title"].strip()
    if len(title.split()) > MAX_HEADING_WORDS or title[-1] in ".,;:" or title.count(".") > 1:
        return None
    number = tuple(int(part) for part in match["num"].split("."))
    return Heading(number, title) if _follows(number, previous.number if previous else ()) else None


def _follows(number: tuple[int, ...], previous: tuple[int, ...]) -> bool:
    if not previous:
        return number[-1] in (0, 1) or len(number) == 1
    if number == (*previous, 1):
        return True
    return any(number == (*previous[:k], previous[k] + 1) for k in range(len(previous)))


def paragraphs(lines: list[str]) -> str:
    """Lines of running text joined into paragraphs; table rows as Markdown rows; list items kept as lines."""
    out: list[str] = []
    table: list[list[str]] = []
    for line in [*lines, ""]:
        cells = _cells(line)
        if cells:
            table.append(cells)
            continue
        if len(table) == 1:  # one "row" between paragraphs: a line whose last word was pushed to the margin
            _add_text(out, " ".join(table[0]))
        elif table:
            out += ["", *_markdown_table(table), ""]
        table = []
        _add_text(out, line)
    return "\n".join(out).strip()


def _add_text(out: list[str], line: str) -> None:
    text = _BULLET_GAP.sub(r"\1 ", " ".join(line.split()))  # justified spacing and bullet gaps closed
    if not text:
        if out and out[-1]:
            out.append("")
    elif out and out[-1] and not _ITEM.match(text) and not out[-1].startswith("|"):
        out[-1] = f"{out[-1]} {text}"
    else:
        out.append(text)


def _markdown_table(rows: list[list[str]]) -> list[str]:
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    return [lines[0], "|" + "---|" * width, *lines[1:]] if len(lines) > 1 else lines
