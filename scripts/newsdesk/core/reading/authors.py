"""The authors file, authors.yml: who signs posts, with their role and press contact."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..model import Author, Problem
from ..text.frontmatter import describe, load_yaml, read_text, tab_problem, yaml_problem
from .fields import FieldReader
from .sources import display


def load_authors(path: Path, root: Path) -> tuple[dict[str, Author], list[Problem]]:
    """The authors file: 'key: {name: ..., role: ...}' for each person who signs posts.

    A missing or unreadable file is one problem about that file, never one per post.
    """
    source = display(path, root)
    example = (
        "one entry per author, such as 'director:' with 'name: Sam Example' and 'role: Director' indented under it"
    )
    if not path.is_file():
        return {}, [Problem(source, "file", f"missing; create it beside mkdocs.yml with {example}")]
    try:
        text = read_text(path)
    except UnicodeDecodeError:
        return {}, [Problem(source, "file", "not UTF-8 text; save the file again with the encoding 'UTF-8'")]
    lines = text.splitlines()
    if tab := tab_problem(lines, 1):
        return {}, [Problem(source, "file", tab)]
    try:
        data = load_yaml(text) or {}
    except yaml.MarkedYAMLError as error:
        return {}, [Problem(source, "file", yaml_problem(error, 1, lines))]
    if not isinstance(data, dict):
        return {}, [Problem(source, "file", f"expected {example}, got {describe(data)}")]
    authors, problems = {}, []
    for key, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(Problem(source, str(key), "needs a 'name:' line, such as 'name: Sam Example'"))
            continue
        found: list[Problem] = []
        contact = FieldReader(source, entry, None, found).contact(None)  # type: ignore[arg-type]  # the same rules as a post's; contact() reads no settings
        problems += [Problem(source, f"{key}.{problem.field}", problem.message) for problem in found]
        for extra in set(entry) - {"name", "role", "contact"}:
            problems.append(
                Problem(source, f"{key}.{extra}", "unknown field; an author has 'name', 'role' and 'contact'")
            )
        authors[str(key)] = Author(str(key), entry["name"].strip(), str(entry.get("role") or "").strip(), contact)
    return authors, problems
