"""admin/preview.js draws a post as the page does: its dates and times are core/text/dates.py's words,
a future date is 'Scheduled' by the site's clock, and an attachment is told by its kind."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.reading.attachments import KINDS
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
