"""`newsdesk check --format github`: each problem as a GitHub Actions annotation on its file and line,
so a pull request shows it beside the line to fix ('::error file=posts/x.md,line=3::...')."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.model import Problem

_ON_LINE = re.compile(r"\b(?:on )?line (\d+)\b")


def escape_data(text: str) -> str:
    """A workflow command's message: '%', CR and LF are encoded, as the runner decodes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property (file=..., title=...): ':' and ',' are encoded too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def field_line(text: str, field: str) -> int | None:
    """The line of `field:` in a file's front matter ('contact.email' looks under 'contact:')."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    start = 0
    for part in field.split("."):
        pattern = re.compile(rf"^\s*{re.escape(part)}\s*:")
        for number in range(start, len(lines)):
            if number and lines[number].strip() == "---":
                return start or None
            if pattern.match(lines[number]):
                start = number + 1  # 1-based line of this part; the next part is searched after it
                break
        else:
            return start or None
    return start or None


def line_of(problem: Problem, root: Path) -> int:
    """Where to put the annotation: the line the message names, else the field's line, else 1."""
    if match := _ON_LINE.search(problem.message):
        return int(match.group(1))
    path = root / problem.source
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    return field_line(text, problem.field) or 1


def annotation(problem: Problem, root: Path) -> str:
    warning = problem.message.startswith("warning: ")
    level, message = ("warning", problem.message[len("warning: ") :]) if warning else ("error", problem.message)
    label = problem.field if problem.field in ("file", "front matter", "body") else f"'{problem.field}'"
    return (
        f"::{level} file={escape_property(problem.source)},line={line_of(problem, root)},"
        f"title={escape_property('newsdesk check')}::{escape_data(f'{label}: {message}')}"
    )
