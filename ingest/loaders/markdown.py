"""Markdown (with front matter and HTML inside) to sections, split at headings."""

from __future__ import annotations

from pathlib import Path

from langchain_text_splitters import MarkdownHeaderTextSplitter

from ingest.document import LoadedDocument, Section
from ingest.loaders.common import decode_text, doc_id_of, html_to_text, language_of, split_front_matter, squeeze

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]


def markdown_sections(body: str, title: str) -> list[Section]:
    splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    sections: list[Section] = []
    for piece in splitter.split_text(body):
        headings = [piece.metadata[key] for _, key in _HEADERS if key in piece.metadata]
        if headings and headings[0] == title:
            headings = headings[1:]
        path = (title, *headings)
        text = squeeze(html_to_text(piece.page_content))
        sections.append(Section(path=path, text=text, anchor=headings[-1] if headings else title))
    return sections


def first_heading(body: str) -> str | None:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def load_markdown(path: Path, data: bytes) -> LoadedDocument:
    meta, body = split_front_matter(decode_text(data))
    title = str(meta.get("title") or first_heading(body) or path.stem)
    heading = first_heading(body)
    sections = markdown_sections(body, heading or title)
    sections = [Section((title, *s.path[1:]), s.text, s.anchor) for s in sections]
    return LoadedDocument(
        doc_id=doc_id_of(path, meta),
        title=title,
        language=language_of(path, meta, body[:3000]),
        kind=str(meta.get("kind", "document")),
        source_path=str(path),
        sections=sections,
    )
