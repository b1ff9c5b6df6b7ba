"""Splitting a post into front matter and body, and reading the YAML strictly.

The loader keeps dates as strings (we parse them ourselves, so '2024-02-30' is a date error, not a
YAML crash) and only 'true'/'false' are booleans (so 'draft: yes' is reported, not guessed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser is ~5x faster
    """SafeLoader without YAML 1.1 timestamps and yes/no/on/off booleans."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

if getattr(yaml, "__with_libyaml__", False):
    class FastStrictLoader(yaml.CSafeLoader):
        """StrictLoader's rules on libyaml's parser: about ten times faster, which `newsdesk check`
        needs for a thousand posts. Its error messages differ, so errors are re-read with StrictLoader."""

    FastStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML built without libyaml
    FastStrictLoader = StrictLoader


def load_yaml(source: str) -> object:
    """YAML read by StrictLoader's rules; a syntax error raises StrictLoader's MarkedYAMLError."""
    try:
        return yaml.load(source, Loader=FastStrictLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return yaml.load(source, Loader=StrictLoader)  # noqa: S506 - raises the familiar message

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


class FrontMatterError(ValueError):
    """A problem with the front matter as a whole; `field` is always 'front matter'."""


@dataclass(frozen=True)
class Split:
    meta: dict
    body: str
    body_line: int  # 1-based line number of the body's first line in the file


def split(text: str) -> Split:
    """Return the front matter mapping and the body, or raise FrontMatterError with the fix."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(
            "missing; start the file with a '---' line, then fields such as 'title:', 'date:' and "
            "'type:', then another '---' line"
        )
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise FrontMatterError("not closed; add a '---' line after the last field")
    source = "".join(lines[1:end])
    try:
        meta = load_yaml(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f" on line {mark.line + 2}" if mark else ""
        raise FrontMatterError(
            f"YAML syntax error{line} ({error.problem}); if a value contains ': ' or starts with a "
            "quote or '[', put the whole value in double quotes"
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(
            f"expected 'field: value' lines, got {describe(meta)}; write one 'field: value' per line"
        )
    return Split(meta=meta, body="".join(lines[end + 1:]), body_line=end + 2)


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
