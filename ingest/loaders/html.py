"""HTML: visible text, sections at h1–h4 (rewritten as Markdown headings and split like Markdown)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ingest.document import LoadedDocument, LoadError
from ingest.loaders.common import decode_text, language_of
from ingest.loaders.markdown import markdown_sections

_LEVELS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####"}


def html_as_markdown(html: str) -> tuple[str, str | None, str | None]:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "footer"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    lang = soup.html.get("lang") if soup.html else None
    lang = " ".join(lang) if isinstance(lang, list) else lang  # a multi-valued attribute comes as a list
    lines: list[str] = []
    for element in soup.find_all(list(_LEVELS) + ["p", "li", "td", "pre", "blockquote"]):
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        if element.name in _LEVELS:
            lines.append(f"\n{_LEVELS[element.name]} {text}\n")
        elif not element.find_parent(["li", "td", "blockquote"]) or element.name in ("li", "td"):
            lines.append(("- " if element.name == "li" else "") + text)
    return "\n".join(lines), title, (str(lang) if lang else None)


def load_html(path: Path, data: bytes) -> LoadedDocument:
    body, title, lang = html_as_markdown(decode_text(data))
    if not body.strip():
        raise LoadError("no readable text in HTML file")
    h1 = next((line.strip()[2:] for line in body.splitlines() if line.strip().startswith("# ")), None)
    title = title or h1 or path.stem
    sections = markdown_sections(body, h1 or title)
    meta = {"language": lang} if lang else {}
    return LoadedDocument(
        doc_id=path.name.split(".")[0],
        title=title,
        language=language_of(path, meta, body[:3000]),
        kind="document",
        source_path=str(path),
        sections=[type(s)((title, *s.path[1:]), s.text, s.anchor) for s in sections],
    )
