"""Splitting a post into front matter and body, and reading the YAML strictly.

The loader keeps dates as strings (we parse them ourselves, so '2024-02-30' is a date error, not a
YAML crash) and only 'true'/'false' are booleans (so 'draft: yes' is reported, not guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A field given twice: YAML would silently keep the second value."""

    def __init__(self, key: object, first: yaml.Mark, second: yaml.Mark) -> None:
        super().__init__(problem=f"'{key}' is given twice", problem_mark=second, context_mark=first)
        self.key, self.first, self.second = key, first, second


class _NoDuplicates(yaml.constructor.SafeConstructor):
    """A mapping may name each key once; the error names both lines."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark)
                except TypeError:
                    continue  # an unhashable key: the constructor reports it
                if first is not key_node.start_mark:
                    raise DuplicateKeyError(key, first, key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


class StrictLoader(_NoDuplicates, yaml.SafeLoader):
    """SafeLoader without YAML 1.1 timestamps and yes/no/on/off booleans, and without duplicate
    keys. Pure Python: its error messages say where a problem starts (an unclosed quote's line)."""


StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

FastStrictLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = StrictLoader
if getattr(yaml, "__with_libyaml__", False):

    class _FastStrictLoader(_NoDuplicates, yaml.CSafeLoader):
        """StrictLoader's rules on libyaml's parser: about ten times faster, which `newsdesk check`
        needs for a thousand posts. Its error messages differ, so errors are re-read with StrictLoader."""

    _FastStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
    FastStrictLoader = _FastStrictLoader


def load_yaml(source: str) -> object:
    """YAML read by StrictLoader's rules; a syntax error raises StrictLoader's MarkedYAMLError."""
    try:
        return yaml.load(source, Loader=FastStrictLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return yaml.load(source, Loader=StrictLoader)  # noqa: S506 - raises the familiar message


def normalise(text: str) -> str:
    """Text as a writer's editor may save it, with Unix line ends and no byte order mark."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    """A file a writer saved (a post, a docs page, authors.yml), normalised. Raises
    UnicodeDecodeError when it is not UTF-8, for the caller to say so about that file."""
    return normalise(path.read_bytes().decode("utf-8"))


def tab_problem(lines: list[str], first_line: int) -> str | None:
    """YAML cannot indent with tabs; say so, and show the line, before the parser says it obscurely."""
    for number, line in enumerate(lines, start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return f"line {number} is indented with a tab ({line.strip()!r}); indent with spaces instead, two for each level"
    return None


def yaml_problem(error: yaml.MarkedYAMLError, first_line: int, lines: list[str]) -> str:
    """A YAML error for a writer: the line where the problem starts, that line, and the usual fix.

    `first_line` is the file's line number of the YAML's first line.
    """
    if isinstance(error, DuplicateKeyError):
        return (
            f"'{error.key}' is given twice, on lines {error.first.line + first_line} and {error.second.line + first_line}; "
            "keep one of them (YAML would silently use the second)"
        )
    mark = error.problem_mark
    # An unclosed quote or bracket is found where the text ends: point at where it opens instead.
    if (
        error.context_mark is not None
        and error.context
        and error.context.startswith(("while scanning a quoted", "while parsing a flow"))
    ):
        mark = error.context_mark
    if mark is None:
        return f"YAML syntax error ({error.problem}); check the quotes, colons and indentation"
    number = min(mark.line, max(len(lines) - 1, 0))
    shown = lines[number].strip() if lines else ""
    where = f"line {number + first_line} ({shown!r})"
    if mark is error.context_mark and "quoted" in (error.context or ""):
        return f"{where} opens a quote that is never closed; end the value with the same quote, or remove the quote"
    if mark is error.context_mark:
        return f"{where} opens a list with '[' that is never closed; end it with ']' on the same line"
    return (
        f"YAML syntax error on {where}: {error.problem}; if a value contains ': ' or starts with a quote "
        "or '[', put the whole value in double quotes"
    )


_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


class FrontMatterError(ValueError):
    """A problem with the front matter as a whole; `field` is always 'front matter'."""


@dataclass(frozen=True)
class Split:
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line number of the body's first line in the file


def split(text: str) -> Split:
    """Return the front matter mapping and the body, or raise FrontMatterError with the fix."""
    lines = normalise(text).splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(
            "missing; start the file with a '---' line, then fields such as 'title:', 'date:' and "
            "'type:', then another '---' line"
        )
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise FrontMatterError("not closed; add a '---' line after the last field")
    source = "".join(lines[1:end])
    if tab := tab_problem(lines[1:end], 2):
        raise FrontMatterError(tab)
    try:
        meta = load_yaml(source)
    except yaml.MarkedYAMLError as error:
        raise FrontMatterError(yaml_problem(error, 2, lines[1:end])) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(
            f"expected 'field: value' lines, got {describe(meta)}; write one 'field: value' per line"
        )
    return Split(meta=meta, body="".join(lines[end + 1 :]), body_line=end + 2)


def describe(value: object) -> str:
    """How a writer would name a YAML value's kind: 'a list', 'a number', 'the text 'x''."""
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "nothing"
    return f"'{value}'"
