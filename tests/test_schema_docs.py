"""The field table in docs-dev/content.md is the schema's (core/reading/schema.py), row for row:
every field, in the schema's order, with when it is required."""

from __future__ import annotations

import re

from newsdesk.core.reading.schema import FIELDS
from sitekit import REPO

ROW = re.compile(r"^\| `([a-z_]+)` \| ([^|]+) \|")


def table_rows() -> list[tuple[str, str]]:
    text = (REPO / "docs-dev" / "content.md").read_text(encoding="utf-8")
    table = text[text.index("| field | required | what to write |") :].split("\n\n")[0]
    return [(match[1], match[2].strip()) for line in table.splitlines() if (match := ROW.match(line))]


def test_the_docs_field_table_is_the_schema():
    assert table_rows() == [(field.name, field.required_words()) for field in FIELDS]


def test_the_table_is_read_whole():
    """Not vacuous: the table has a row for each of the schema's fields."""
    assert len(table_rows()) == len(FIELDS) > 15
