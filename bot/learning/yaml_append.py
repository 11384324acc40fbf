"""Adding one string to a list in a company's YAML file as a text edit: every other byte stays as it was.

    append_string(text, ["sensitive", ("name", "press"), "examples_de"], "Die NW ruft an.", comment="case #3")
    append_item(text, ["rules", ("id", "customers.hints"), "examples", "trigger"], '{text: "…", case: "#12"}')

The path names mapping keys and, for a list of mappings, the item whose field has a value (`("name", "press")`).
Where the path ends early, the missing part is added (a key with a one-item list, or a new list item
`- name: press` holding it), in the file's own indentation. Comments, blank lines, quoting and order elsewhere
are untouched: the only change is the inserted lines (block style) or `, "…"` before a flow list's `]`.
pyyaml has no round-trip writer; its composer gives each node's position, which is all this needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Step = str | tuple[str, str]


class LayoutError(ValueError):
    """The file's layout does not allow a plain insertion here (a flow mapping, or not a list where one belongs)."""


def append_string(text: str, path: Sequence[Step], value: str, comment: str | None = None) -> str:
    """`text` with the string `value` added to the list at `path` (created where missing); YAML errors propagate."""
    return append_item(text, path, quoted(value), comment)


def append_item(text: str, path: Sequence[Step], value: str, comment: str | None = None) -> str:
    """`text` with `value`, one line of YAML (a quoted scalar or a flow mapping), added to the list at `path`."""
    if "\n" in value:
        raise LayoutError("an item must be one line")
    root = yaml.compose(text)
    if root is None:
        return _at_end(text, _render(list(path), value, comment))
    node, done = _walk(root, path)
    rest = list(path[done:])
    if not rest:
        return _into_list(text, node, value, comment)
    if isinstance(node, SequenceNode) and isinstance(rest[0], tuple):
        return _block_item(text, node, _render(rest, value, comment))
    if isinstance(node, MappingNode) and isinstance(rest[0], str):
        return _block_key(text, node, _render(rest, value, comment))
    raise LayoutError(f"cannot add below {'.'.join(map(str, path[:done])) or 'the top level'}")


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


# --- walking --------------------------------------------------------------------------------------
def _walk(root: Node, path: Sequence[Step]) -> tuple[Node, int]:
    """The deepest existing node on `path` and how many steps led there."""
    node = root
    for done, step in enumerate(path):
        child = _child(node, step)
        if child is None or _is_null(child):
            if child is not None:  # `key:` with nothing: a second key would hide the first
                raise LayoutError(f"{step!s} is empty; write a list there first")
            return node, done
        node = child
    return node, len(path)


def _child(node: Node, step: Step) -> Node | None:
    if isinstance(step, str) and isinstance(node, MappingNode):
        return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == step), None)
    if isinstance(step, tuple) and isinstance(node, SequenceNode):
        field, wanted = step
        for item in node.value:
            if isinstance(item, MappingNode) and _child(item, field) is not None:
                found = _child(item, field)
                if isinstance(found, ScalarNode) and found.value == wanted:
                    return item
        return None
    raise LayoutError(f"expected a {'mapping' if isinstance(step, str) else 'list'} at {step!s}")


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


# --- rendering the missing part --------------------------------------------------------------------
def _render(rest: list[Step], value: str, comment: str | None) -> list[str]:
    """Lines (indentation relative to the insertion point) holding `value` at the end of `rest`."""
    item = value + (f"  # {comment}" if comment else "")
    if not rest:
        return [f"- {item}"]
    step, after = rest[0], rest[1:]
    if isinstance(step, tuple):  # a new list item: "- name: press" with the rest inside it
        name = step[1] if re.fullmatch(r"[a-z][a-z0-9_.-]*", step[1]) else quoted(step[1])
        inner = [f"{step[0]}: {name}", *_render(after, value, comment)]
        return [f"- {inner[0]}", *(f"  {line}" for line in inner[1:])]
    return [f"{step}:", *(f"  {line}" for line in _render(after, value, comment))]


# --- inserting ------------------------------------------------------------------------------------
def _into_list(text: str, node: Node, value: str, comment: str | None) -> str:
    if not isinstance(node, SequenceNode):
        raise LayoutError("the place for examples is not a list")
    if node.flow_style or not node.value:
        close = text.rfind("]", 0, node.end_mark.index)
        before = text[:close].rstrip()
        joiner = "" if before.endswith("[") else ", "
        return text[: len(before)] + joiner + value + text[len(before) :]
    return _block_item(text, node, [f"- {value}" + (f"  # {comment}" if comment else "")])


def _block_item(text: str, sequence: SequenceNode, lines: list[str]) -> str:
    if sequence.flow_style:
        raise LayoutError("a flow-style list of mappings; write it as a block list")
    first = sequence.value[0]
    line = text.splitlines()[first.start_mark.line]
    dash = line[: first.start_mark.column].rstrip()
    if not dash.endswith("-"):
        raise LayoutError("unexpected list layout")
    return _insert_after(text, _last_line(sequence), " " * (len(dash) - 1), lines)


def _block_key(text: str, mapping: MappingNode, lines: list[str]) -> str:
    if mapping.flow_style:
        raise LayoutError("a flow-style mapping; write it in block style")
    if not mapping.value:
        raise LayoutError("an empty mapping")
    return _insert_after(text, _last_line(mapping), " " * mapping.value[0][0].start_mark.column, lines)


def _last_line(node: Node) -> int:
    """The line on which `node`'s last scalar (or flow collection) ends: block ends point past comments."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    mark = node.end_mark
    return mark.line - 1 if mark.column == 0 and mark.line > 0 else mark.line


def _insert_after(text: str, line: int, indent: str, lines: list[str]) -> str:
    kept = text.splitlines(keepends=True)
    if kept and not kept[-1].endswith("\n"):
        kept[-1] += "\n"
    added = "".join(f"{indent}{entry}\n" for entry in lines)
    return "".join(kept[: line + 1]) + added + "".join(kept[line + 1 :])


def _at_end(text: str, lines: list[str]) -> str:
    prefix = text if not text or text.endswith("\n") else text + "\n"
    return prefix + "".join(f"{entry}\n" for entry in lines)
