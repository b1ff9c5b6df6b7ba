"""The one way newsdesk writes front matter: `newsdesk new`, `newsdesk import` and the browser editor
(admin/frontmatter.js, a line-for-line port kept byte-identical by tests/test_frontwriter.py).

The style, so that a review diff shows only what changed:
- fields in the schema's order (unknown ones after, as given); a group's parts in theirs;
- text unquoted unless a YAML reader could take it for something else, then in single quotes
  (double quotes only for control characters); never wrapped, however long;
- text of several lines as a '|' block; lists of single values on one line, `tags: [A, B]`;
  lists of groups (changes, attachments) as indented '- ' entries; groups indented by two spaces;
- dates as the writer typed them, `2024-12-19` or `2024-12-19 09:30`, unquoted (our readers keep
  them as text); empty values left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime

Order = Mapping[str, Sequence[str]]  # "" -> the top-level fields in order; a field's name -> its parts

# Kept in step with admin/frontmatter.js: the same patterns, character for character.
NEEDS_DOUBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]")
NUMBER = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?0[bBoOxX][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
TAB_INDENT = re.compile(r"(?:^|\n)[ \t]*\t")  # a line indented with a tab, which the site's reader refuses
WORDS = frozenset(["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<"])
INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
FLOW_INDICATORS = ",[]{}"


def front_matter(meta: Mapping[str, object], order: Order) -> str:
    """The front matter block, from '---' to '---', of the fields that have a value."""
    return f"---\n{fields(meta, order)}---\n"


def fields(meta: Mapping[str, object], order: Order, indent: int = 0) -> str:
    """'key: value' lines of the fields that have a value, in the order's sequence."""
    kept = {key: kept for key, value in meta.items() if (kept := clean(value)) is not None}
    return "".join(field(key, kept[key], order, indent) for key in ordered(kept, order.get("", ())))


def field(key: str, value: object, order: Order, indent: int = 0) -> str:
    """One field as written, even an empty one ('tags: []'), ending with a line break."""
    return " " * indent + scalar(key, flow=True) + ":" + _value(value, order, key, indent)


def ordered(keys: Mapping[str, object] | Sequence[str], order: Sequence[str]) -> list[str]:
    """The keys in `order` first, in its sequence, then the others as given."""
    return [key for key in order if key in keys] + [key for key in keys if key not in order]


def clean(value: object) -> object:
    """The value without its empty parts; None when nothing is left (the field is left out)."""
    if isinstance(value, Mapping):
        kept = {key: cleaned for key, part in value.items() if (cleaned := clean(part)) is not None}
        return kept or None
    if isinstance(value, list | tuple):
        items = [item for item in map(clean, value) if item is not None]
        return items or None
    return None if value is None or value == "" else value


def scalar(text: str, *, flow: bool = False) -> str:
    """Text on one line: bare if YAML reads it back as this text, else quoted."""
    if _plain(text, flow):
        return text
    if NEEDS_DOUBLE.search(text) or "\n" in text:
        return '"' + "".join(_escape(char) for char in text) + '"'
    return "'" + text.replace("'", "''") + "'"


def _plain(text: str, flow: bool) -> bool:
    return not (
        text.lower() in WORDS
        or NUMBER.fullmatch(text)
        or text[0] in INDICATORS
        or text[0] in " \t"
        or text[-1] in " \t:"
        or "\t" in text
        or "\n" in text
        or ": " in text
        or " #" in text
        or NEEDS_DOUBLE.search(text)
        or (flow and any(char in FLOW_INDICATORS for char in text))
    )


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\u{ord(char):04x}" if NEEDS_DOUBLE.match(char) else char


def _literal(text: str) -> bool:
    """Several lines that a '|' block holds exactly."""
    return "\n" in text and not NEEDS_DOUBLE.search(text) and not TAB_INDENT.search(text) and text[0] not in " \t\n"


def _one(value: object, flow: bool) -> str:
    """A single value on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(str(k), flow=True)}: {_one(v, True)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_one(item, True) for item in value) + "]"
    return scalar(str(value), flow=flow)


def _value(value: object, order: Order, key: str, indent: int) -> str:
    """What follows 'key:', from the space or line break after the colon to the last line break."""
    if isinstance(value, str) and _literal(value):
        chomp = "-" if not value.endswith("\n") else "+" if value.endswith("\n\n") else ""
        lines = (value if value.endswith("\n") else value + "\n")[:-1].split("\n")
        pad = " " * (indent + 2)
        return f" |{chomp}\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in lines)
    if isinstance(value, Mapping) and value:
        parts = order.get(key, ())
        return "\n" + "".join(field(k, value[k], order, indent + 2) for k in ordered(value, parts))
    if isinstance(value, list | tuple) and any(isinstance(item, Mapping | list | tuple) for item in value):
        return "\n" + "".join(_item(item, order, key, indent + 2) for item in value)
    return " " + _one(value, flow=False) + "\n"


def _item(item: object, order: Order, key: str, indent: int) -> str:
    """One '- ' entry of a list of groups, its first part on the dash's line."""
    if isinstance(item, Mapping) and item:
        lines = "".join(field(k, item[k], order, indent + 2) for k in ordered(item, order.get(key, ())))
        return " " * indent + "- " + lines[indent + 2 :]
    return " " * indent + "-" + _value(item, order, key, indent)
