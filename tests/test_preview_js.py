"""admin/preview.js draws a post as the page does: its dates and times are core/text/dates.py's words,
a future date is 'Scheduled' by the site's clock, with its exact time, and an attachment is told by its
kind and size, as core/pages/parts.py tells it, saying what only the build can know."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.model import Attachment
from newsdesk.core.pages.parts import attachment_facts
from newsdesk.core.reading.attachments import KINDS, human_size
from newsdesk.core.text.dates import human_datetime

SCRIPT = Path(__file__).resolve().parents[1] / "scripts/newsdesk/mkdocs/admin/preview.js"


def run(expression: str):
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup-system.sh installs it)"
    code = f"const m = require({json.dumps(str(SCRIPT))}); console.log(JSON.stringify({expression}))"
    return json.loads(subprocess.run([node, "-e", code], capture_output=True, text=True, check=True).stdout)


def test_times_are_the_pages_words():
    written = [
        "2026-12-10 00:01",
        "2026-12-10 00:00",
        "2026-12-10 12:00",
        "2026-12-10 16:30",
        "2026-07-01 10:00",
        "2026-07-01",
    ]
    expected = [human_datetime(datetime.fromisoformat(text)) for text in written]
    assert run(f"{json.dumps(written)}.map(m.humanDateTime)") == expected


@pytest.mark.parametrize(
    "written, now, scheduled",
    [
        ("2026-12-10 00:01", "2026-12-10T00:00:00Z", True),  # winter: London is UTC
        ("2026-12-10 00:01", "2026-12-10T00:02:00Z", False),
        ("2026-07-01 00:30", "2026-06-30T23:20:00Z", True),  # summer: 23:20 UTC is 00:20 BST
        ("2026-07-01 00:30", "2026-06-30T23:40:00Z", False),
        ("2026-07-02", "2026-07-01T12:00:00Z", True),
    ],
)
def test_a_future_date_is_scheduled_by_the_sites_clock(written, now, scheduled):
    assert run(f"m.scheduled({json.dumps(written)}, 'Europe/London', new Date({json.dumps(now)}))") is scheduled
    moment = datetime.fromisoformat(written).replace(tzinfo=ZoneInfo("Europe/London"))
    assert (moment > datetime.fromisoformat(now.replace("Z", "+00:00"))) is scheduled


def test_attachment_kinds_are_the_sites():
    names = [f"files/a{suffix.upper()}" for suffix in KINDS] + ["files/notes.txt"]
    assert run(f"{json.dumps(names)}.map(m.kind)") == list(KINDS.values()) + [""]


def test_sizes_are_the_pages_words():
    # Halves round to even, as Python's round() does: 2,560 bytes is '2 KB', 1.25 MB is '1.2 MB'.
    sizes = [0, 1023, 1024, 2560, 3584, 250_000, 1024 * 1024 - 1, 1024 * 1024, 1_310_720, 1_572_864, 5_000_000]
    assert run(f"{json.dumps(sizes)}.map(m.humanSize)") == [human_size(size) for size in sizes]


@pytest.mark.parametrize(
    "kind, size, is_file, pages",
    [("PDF", 250_000, True, None), ("Word", 12_345, True, None), ("PDF", None, False, None), ("CSV", 900, True, None)],
)
def test_an_attachments_known_facts_are_the_pages(kind, size, is_file, pages):
    """What the preview knows it shows as the page does; a PDF's pages only the build can count."""
    attachment = Attachment("Report", kind, file="posts/files/a" if is_file else None, size=size if is_file else None)
    expected = attachment_facts(attachment) + (
        "; page count shown when the site is built" if kind == "PDF" and is_file else ""
    )
    assert run(f"m.attachmentFacts({json.dumps(kind)}, {json.dumps(size)}, {json.dumps(is_file)})") == expected


def test_an_attachment_whose_size_the_preview_cannot_know_says_so():
    assert run("m.attachmentFacts('PDF', null, true)") == "PDF; size and page count shown when the site is built"
    assert run("m.attachmentFacts('Word', null, true)") == "Word; size shown when the site is built"
    assert run("m.attachmentFacts('', null, true)") == "size shown when the site is built"


@pytest.mark.parametrize(
    "written, shown",
    [
        ("2026-12-10 00:01", "10 December 2026 at 00:01"),
        ("2026-12-10", "10 December 2026 at 00:00"),
        ("2026-07-01T16:30", "1 July 2026 at 16:30"),
    ],
)
def test_a_scheduled_post_gives_its_exact_time(written, shown):
    assert run(f"m.exactTime({json.dumps(written)})") == shown
