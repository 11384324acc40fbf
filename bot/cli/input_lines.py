"""Reading a batch file (`ask --batch`, `check --batch`) line by line, so one bad line costs only that line.

The file is read as bytes and split on `\\n` only: a `\\r` inside a line does not split it (text mode's universal
newlines did), a trailing `\\r\\n` is one line end. Each line is decoded on its own; a line that is not valid UTF-8
is reported with its number instead of losing the whole file. NUL bytes and lone surrogates never get through
(bot.text_input.scrub).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from bot.i18n import register, t
from bot.places import SetupProblem
from bot.text_input import scrub

register(
    {
        "setup.input_file_unreadable": {
            "de": "Die Datei {path} kann ich nicht lesen ({detail}).",
            "en": "I cannot read the file {path} ({detail}).",
        },
        "cli.line_not_utf8": {
            "de": "Zeile {line} ist kein gültiges UTF-8 und wurde übersprungen.",
            "en": "Line {line} is not valid UTF-8 and was skipped.",
        },
    }
)


@dataclass(frozen=True)
class Line:
    number: int
    text: str | None  # None: the line could not be decoded (see `error`)
    error: str | None = None


def open_input(path: str) -> BinaryIO:
    """The batch file as bytes ('-' = standard input); a missing or unreadable file is a SetupProblem."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise SetupProblem("input_file_unreadable", path=path, detail=exc.strerror or type(exc).__name__) from None


def read_lines(stream: BinaryIO, language: str) -> Iterator[Line]:
    for number, raw in enumerate(stream, start=1):
        raw = raw.removesuffix(b"\n").removesuffix(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield Line(number, None, t("cli.line_not_utf8", language, line=number))
            continue
        yield Line(number, scrub(text).replace("\n", " "))
