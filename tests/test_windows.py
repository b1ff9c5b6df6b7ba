"""Windows writers: paths typed with '\\' get one answer everywhere, posts saved with Windows line
endings read as any other, and the tests that need Linux-only tools say so instead of failing on
CI's Windows job (.github/workflows/ci.yml, `windows`)."""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newsdesk.commands import check
from newsdesk.core.publishing.outputs import unsafe_path
from newsdesk.core.reading.filenames import name_on_disk
from newsdesk.core.reading.links import local_links, slash_fix
from newsdesk.core.text.frontmatter import read_text
from newsdesk.mkdocs import pictures
from sitekit import BLOG, REPO, make_site, tiny_png

POST = "2025/2025-03-04-walking-buses.md"
TEXT_LINE = "Three primary schools started walking buses this term, and late arrivals have halved."


@pytest.mark.parametrize(
    ("path", "fix"),
    [
        ("images/photo.jpg", None),
        ("../2025/2025-10-14-every-day-counts.md", None),
        ("images\\photo.jpg", "use / instead of \\: write images/photo.jpg"),
        ("files\\report.pdf", "use / instead of \\: write files/report.pdf"),
        ("..\\2025\\a.md#part", "use / instead of \\: write ../2025/a.md#part"),
        ("/old\\page/", "use / instead of \\: write /old/page/"),
    ],
)
def test_slash_fix(path, fix):
    assert slash_fix(path) == fix


@pytest.mark.parametrize(
    ("written", "on_disk"),
    [
        ("2025/images/hall.png", None),
        ("2025/images/Hall.PNG", "2025/images/hall.png"),
        ("2025/Images/hall.png", "2025/images/hall.png"),
        ("2025/images/none.png", None),
        ("2025/images", None),  # a folder is no file
    ],
)
def test_name_on_disk(tmp_path, written, on_disk):
    (tmp_path / "2025" / "images").mkdir(parents=True)
    (tmp_path / "2025" / "images" / "hall.png").write_bytes(b"")
    assert name_on_disk(tmp_path, written) == on_disk


def test_aliases_give_the_same_fix_as_pictures_and_documents():
    """One place for the words: the alias check says what slash_fix says."""
    alias = "/old\\page/"
    assert unsafe_path(alias) == f"it contains a backslash; {slash_fix(alias)}"


@pytest.fixture
def site(tmp_path, monkeypatch):
    make_site(tmp_path, {"2025/images/bus.png": tiny_png()})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSDESK_NOW", "2026-02-10T09:00")
    return tmp_path


def checked(site: Path, text: str | bytes, capsys) -> tuple[int, list[str]]:
    path = site / "posts" / POST
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code = check.main([])
    return code, capsys.readouterr().out.splitlines()


def test_writing_md_s_example_of_a_backslashed_picture_is_what_check_says(site, capsys):
    writing = (REPO / "WRITING.md").read_text(encoding="utf-8")
    example = re.search(
        r"for example `(image 'images\\walking-bus\.jpg' on line 9: [^`]*)`", writing.replace("\n", " ")
    )
    assert example, "WRITING.md quotes the message for a picture written with '\\'"
    body = BLOG.replace(TEXT_LINE, "![Children walking to school](images\\walking-bus.jpg)")
    code, lines = checked(site, body, capsys)
    assert code == 1
    assert f"posts/{POST}: body: {example.group(1)}" in lines


def test_a_backslashed_picture_field_names_the_file_the_field_and_the_fix(site, capsys):
    front = BLOG.replace("tags:", "image: images\\bus.png\nimage_alt: A walking bus\ntags:")
    code, lines = checked(site, front, capsys)
    assert code == 1
    assert f"posts/{POST}: 'image': 'images\\bus.png': use / instead of \\: write images/bus.png" in lines


def test_a_post_saved_with_windows_line_endings_reads_as_the_same_post(site, capsys):
    """Notepad's CRLF: the same text, and problems on the same line numbers as with LF."""
    broken = BLOG.replace(TEXT_LINE, TEXT_LINE + "\n\nSee [last year](2024-06-01-gone.md).")
    lf = checked(site, broken, capsys)
    crlf = checked(site, broken.replace("\n", "\r\n").encode("utf-8"), capsys)
    assert lf == crlf
    assert lf[0] == 1 and any("on line 11 points to posts/2025/2024-06-01-gone.md" in line for line in lf[1])
    assert read_text(site / "posts" / POST) == broken
    assert [link.line for link in local_links(read_text(site / "posts" / POST))] == [11]


def test_pictures_are_made_in_one_process_where_python_cannot_fork(tmp_path, monkeypatch):
    """Windows has no fork: a build with many pictures and workers must not ask for it."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: pytest.fail(f"asked for {method}"))
    sources = {}
    for number in range(3):
        path = tmp_path / "posts" / "2025" / "images" / f"picture-{number}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tiny_png(size=(40 + number, 30)))
        sources[f"posts/2025/images/{path.name}"] = path
    work = pictures.Pictures()
    work.start(tmp_path / "cache", tmp_path / "posts")
    assert work.make_pictures(sources, workers=4, serving=False) == []
    assert set(work.pictures) == set(sources)


def test_check_never_stops_on_a_character_the_windows_code_page_lacks(site):
    """Windows writes to a pipe (pre-commit, a log) in cp1252, which has no Urdu: the line comes
    out with escapes, and the command still says what is wrong, instead of a traceback."""
    (site / "posts" / POST).write_text(BLOG.replace("date: 2025-03-04", "date: '۱۲ مارچ'"), encoding="utf-8")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "newsdesk"), "check"],
        cwd=site,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        capture_output=True,
        check=False,
    )
    out = result.stdout.decode("cp1252")
    assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
    assert f"posts/{POST}: 'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '\\u06f1\\u06f2" in out


# What marks a test that needs a tool only Linux has: make, bash, a shell script, Debian's chromium.
LINUX_TOOLS = re.compile(r"""\[\s*"(?:make|bash)"|#!/bin/sh|"chromium"|/usr/bin/chromium|os\.fork\(""")


def test_tests_that_need_linux_only_tools_skip_on_windows_with_a_reason():
    """CI's Windows job runs every test but the browser tests: one that calls make or bash must
    skip there (sitekit.linux_only), not fail for want of the tool."""
    unmarked = [
        path.name
        for path in sorted(Path(__file__).parent.glob("test_*.py"))
        if path.name != Path(__file__).name
        and LINUX_TOOLS.search(text := path.read_text(encoding="utf-8"))
        and "linux_only(" not in text
    ]
    assert unmarked == []


def test_writing_md_says_the_commit_hook_is_for_macs_and_linux_while_it_calls_venv_bin():
    """The day the hook runs on Windows too, WRITING.md's workaround must go."""
    [hook] = [
        hook
        for repo in yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
        for hook in repo["hooks"]
        if hook["id"] == "newsdesk-check"
    ]
    assert hook["entry"] == ".venv/bin/newsdesk check"
    writing = " ".join((REPO / "WRITING.md").read_text(encoding="utf-8").split())
    assert "(On Windows the hook cannot start: it calls `.venv/bin/newsdesk`" in writing
