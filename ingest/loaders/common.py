"""Helpers shared by the loaders: decoding, front matter, language, HTML-to-text."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

from bot.language import detect_language
from ingest.document import LoadError

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """Bytes to text: UTF-8 first, then charset detection; binary data is refused."""
    if b"\x00" in data[:8192]:
        raise LoadError("binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise LoadError("unknown text encoding") from None
        text = str(best)
    if len(_CONTROL.findall(text[:20000])) > 50:
        raise LoadError("binary data, not text")
    return clean_text(text)


def clean_text(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text


def split_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise LoadError(f"front matter is not valid YAML: {exc.__class__.__name__}") from exc
    if not isinstance(meta, dict):
        raise LoadError("front matter is not a mapping")
    return meta, text[match.end() :]


def language_of(path: Path, meta: dict, sample: str) -> str:
    declared = str(meta.get("language", "")).lower()[:2]
    if declared in ("de", "en"):
        return declared
    for part in path.name.lower().split(".")[1:-1]:
        if part in ("de", "en"):
            return part
    return detect_language(sample, default="de")


def doc_id_of(path: Path, meta: dict) -> str:
    return str(meta.get("id") or path.name.split(".")[0])


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment (scripts and styles dropped)."""
    if "<" not in fragment:
        return fragment
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text(" ")


def squeeze(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
