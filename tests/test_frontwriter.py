"""One front-matter style for `newsdesk new`, `newsdesk import` and the browser editor (#22): the
Python writer (core/text/frontwriter.py) and the editor's (admin/frontmatter.js) write the same bytes,
and a field an edit leaves alone keeps its exact lines."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from newsdesk.commands import cli
from newsdesk.commands.importer import main as import_main
from newsdesk.commands.postfile import fields, front_matter
from newsdesk.core.publishing.editor import FORMAT
from newsdesk.core.reading.schema import FIELD_ORDER
from newsdesk.core.text.frontmatter import split
from newsdesk.core.text.frontwriter import clean
from sitekit import BLOG, FIXTURES, build, make_site

SCRIPT = Path(__file__).resolve().parents[1] / "scripts/newsdesk/mkdocs/admin/frontmatter.js"
ORDER = {key: list(value) for key, value in FIELD_ORDER.items()}


def js(*calls: tuple) -> list:
    """Each (function, *arguments) called in admin/frontmatter.js under node, in one run."""
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup-system.sh installs it)"
    code = (
        f"const m = require({json.dumps(str(SCRIPT))});"
        "const calls = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(calls.map(([name, ...args]) => m[name](...args))));"
    )
    done = subprocess.run([node, "-e", code], input=json.dumps(calls), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


TRICKY = [
    "Plain words, with a comma",
    "Colon: then a space",
    "ends with a colon:",
    "a # inside",
    "#hash first",
    "it's a quote",
    "'quoted' at the start",
    '"double" at the start',
    "- a dash first",
    "[brackets]",
    "{braces}",
    "*star",
    "&amp",
    "!bang",
    "%percent",
    "@at",
    "`tick",
    "|pipe",
    ">angle",
    "?question",
    " leading space",
    "trailing space ",
    "tab\tinside",
    "2024",
    "10:30",
    "1e3",
    "0x1F",
    ".5",
    "-7",
    "+.inf",
    ".NaN",
    "yes",
    "No",
    "ON",
    "null",
    "~",
    "true",
    "y",
    "2025-03-04",
    "2025-03-04 10:00",
    "10 Downing Street",
    "Куточки читання",
    "Emoji 🎉 fine",
    "control\x01char",
    "line\u2028separator",
    "back\\slash",
    "x" * 300,
]
MULTILINE = ["one\ntwo", "one\ntwo\n", "one\n\ntwo\n\n", " indented\nsecond", "\nstarts empty", "tab\n\tsecond"]


FULL = {
    "title": "A post with every kind of field",
    "date": "2026-12-10 00:01",
    "type": "press-release",
    "summary": "Routes change on Monday: check the list. " * 8,
    "tags": ["SEND", "Early years", "A, B", "C[1]", "yes", "2024"],
    "author": "press-office",
    "draft": False,
    "slug": "",
    "aliases": [],
    "image_alt": None,
    "contact": {"phone": "0300 555 0100", "name": "Education Press Office", "role": ""},
    "notes_to_editors": "1. Background.\n2. More background, a long line that is never wrapped " * 3 + "\n",
    "changes": [{"note": "Corrected: the date", "date": "2026-12-11 09:00"}],
    "attachments": [{"title": "Report", "file": "files/report.pdf"}],
    "related": ["../2025/2025-01-15-new.md", {"url": "https://example.gov.uk", "title": "Schools"}],
    "unknown_field": 3,
}


def _records() -> list[dict]:
    return [FULL] + [{"title": text, "summary": text, "tags": [text]} for text in TRICKY + MULTILINE]


@pytest.fixture(scope="module")
def written():
    """Each record, written by Python and by the editor's script."""
    records = _records()
    python = [front_matter(record) for record in records]
    script = js(*(("frontMatter", record, ORDER) for record in records))
    return records, python, script


def test_python_and_the_editor_write_the_same_bytes(written):
    records, python, script = written
    for record, mine, theirs in zip(records, python, script):
        assert theirs == mine, record


def test_what_is_written_reads_back_as_the_data_by_both_readers(written):
    records, python, _ = written
    read_by_js = js(*(("fromFile", text + "\nBody.\n") for text in python))
    for record, text, read in zip(records, python, read_by_js):
        expected = clean(record)
        assert split(text).meta == expected, text
        read.pop("_newsdesk_front_matter")  # what the editor keeps to write unchanged fields again
        assert read == {**expected, "body": "Body.\n"}, text


def test_the_canonical_style(written):
    _, python, _ = written
    assert python[0].splitlines()[:8] == [
        "---",
        "title: A post with every kind of field",
        "date: 2026-12-10 00:01",
        "type: press-release",
        "summary: '" + "Routes change on Monday: check the list. " * 8 + "'",  # a trailing space: quoted
        "tags: [SEND, Early years, 'A, B', 'C[1]', 'yes', '2024']",
        "author: press-office",
        "draft: false",
    ]
    assert "contact:\n  name: Education Press Office\n  phone: 0300 555 0100\n" in python[0]
    assert "changes:\n  - date: 2026-12-11 09:00\n    note: 'Corrected: the date'\n" in python[0]
    assert "related:\n  - ../2025/2025-01-15-new.md\n  - title: Schools\n    url: https://example.gov.uk\n" in python[0]
    assert "notes_to_editors: |\n  1. Background.\n" in python[0]
    assert "slug" not in python[0] and "aliases" not in python[0] and "image_alt" not in python[0]


CANONICAL = front_matter(FULL) + "\nThe body.\n\n- a list\n"
BY_HAND = """---
# A note the editor keeps.
title: "Breakfast clubs"
date: 2025-04-02 08:15
type: press-release
summary: >-
  Twelve more primary schools open breakfast clubs,
  so every pupil starts the day with a meal.
notes_to_editors: |
  1. Clubs open at 8am.
tags:
  - Attendance
  - 'Free school meals'
contact: {name: Press Office, email: press@example.gov.uk}

# image: images/x.jpg  # a note at the end
---
The body, with no blank line above it.
"""


@pytest.mark.parametrize("text", [CANONICAL, BY_HAND], ids=["canonical", "by-hand"])
def test_a_file_read_and_saved_unchanged_keeps_every_byte(text):
    assert js(("toFile", js(("fromFile", text))[0], ORDER)) == [text]


def _edited(text: str, change: dict) -> str:
    data = js(("fromFile", text))[0]
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return js(("toFile", data, ORDER))[0]


def _diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


@pytest.mark.parametrize("text", [CANONICAL, BY_HAND], ids=["canonical", "by-hand"])
def test_editing_one_field_changes_only_its_lines(text):
    before = split(text).meta
    assert _diff(text, _edited(text, {"title": "New title"})) == [
        f"- title: {_line(text, 'title')}",
        "+ title: New title",
    ]
    after = _edited(text, {"tags": [*before["tags"], "SEND"]})
    assert [line for line in _diff(text, after) if line[0] == "+"] == [
        "+ " + fields({"tags": [*before["tags"], "SEND"]}).strip()
    ]
    assert all("tags" in line or line.startswith("-   - ") for line in _diff(text, after) if line[0] == "-")
    # A field taken away loses its lines; one added goes after the fields the schema puts before it.
    assert _diff(text, _edited(text, {"type": None})) == [f"- type: {before['type']}"]
    added = _edited(text, {"updated": "2026-12-12"})
    assert _diff(text, added) == ["+ updated: 2026-12-12"]
    lines = added.split("---\n")[1].splitlines()
    above = [line for line in lines[: lines.index("updated: 2026-12-12")] if not line.startswith((" ", "#"))]
    assert above[-1].split(":")[0] == ("author" if "author" in before else "tags")


def _line(text: str, key: str) -> str:
    return next(
        line.split(": ", 1)[1] if ": " in line else "" for line in text.splitlines() if line.startswith(key + ":")
    )


def test_a_new_post_from_the_editor_is_written_canonically():
    assert js(("toFile", {**FULL, "body": "Text."}, ORDER)) == [front_matter(FULL) + "\nText.\n"]


@pytest.fixture
def site(tmp_path, monkeypatch):
    make_site(tmp_path, {"2025/2025-03-04-walking-buses.md": BLOG})
    shutil.copytree(FIXTURES / "import", tmp_path / "old")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSDESK_NOW", "2026-02-10T09:00")
    return tmp_path


def test_newsdesk_new_and_the_importer_write_files_that_read_and_write_back_to_themselves(site, capsys):
    assert cli.main(["new", "Libraries open late", "--type", "press-release", "--tags", "Libraries, SEND"]) == 0
    assert import_main(["old/press-release.txt", "--date", "2015-03-03"]) == 0
    made = sorted((site / "posts").rglob("*.md"))[1:]  # the first is the walking buses post
    assert len(made) == 2
    for path in made:
        text = path.read_text(encoding="utf-8")
        assert js(("toFile", js(("fromFile", text))[0], ORDER)) == [text], path  # the editor keeps it all
        meta = split(text).meta
        written = [line for line in text.split("---\n")[1].splitlines() if not line.startswith("#")]
        if "# Each field is explained" in text:  # newsdesk new: one field a line, each with its note
            assert [line.split("  # ")[0] for line in written] == fields(meta).splitlines()
        else:  # the importer: the canonical style, with the mark of where the post came from
            assert "\n".join(written) + "\n" == front_matter(meta)[4:-4]


def test_the_editor_saves_posts_with_this_format(tmp_path):
    root = tmp_path / "project"
    scripts = Path(__file__).resolve().parents[1] / "node_modules" / "decap-cms" / "dist"
    editor = {"enabled": True, "repo": "city/newsdesk", "auth_url": "https://auth.example", "script_dir": str(scripts)}
    make_site(root, {"2025/2025-03-04-walking-buses.md": BLOG}, options={"editor": editor})
    assert build(root, root / "site").returncode == 0
    admin = root / "site" / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    scripts = [
        'src="decap-cms.js"',
        'src="js-yaml.js"',
        'src="frontwriter.js"',
        'src="frontmatter.js"',
        'src="preview.js"',
    ]
    assert sorted(scripts, key=page.index) == scripts  # each after what it needs
    for name in ("frontwriter.js", "frontmatter.js"):
        assert (admin / name).read_bytes() == (SCRIPT.parent / name).read_bytes()
    assert (admin / "js-yaml.js").is_file() and (admin / "js-yaml.LICENSE.txt").is_file()
    config = (admin / "config.yml").read_text(encoding="utf-8")
    assert config.count(f"format: {FORMAT}") == 2 and "format: frontmatter" not in config


def test_lines_that_cannot_be_told_apart_field_by_field_are_written_in_the_style_instead():
    shared = "---\ntitle: &same Breakfast clubs\nsummary: *same\ntype: blog\n---\n\nText.\n"
    after = _edited(shared, {"title": "Breakfast clubs for all"})
    assert after == "---\ntitle: Breakfast clubs for all\ntype: blog\nsummary: Breakfast clubs\n---\n\nText.\n"
