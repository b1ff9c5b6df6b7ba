"""`mkdocs serve --dirty`, the fast preview: an edit rebuilds only the pages and feeds that show the
edited post, and those are right; a change outside posts/ rebuilds everything. Strict mode stays on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from sitekit import FROZEN_NOW, copy_site
from test_serve import fetch, free_port, served_index, wait_for

REBUILT = re.compile(r"rebuilding (\d+) of (\d+) generated pages")


def log_lines(log) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def wait_for_log(log, pattern: re.Pattern, count: int, seconds: float = 60) -> list:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = pattern.findall(log_lines(log))
        if len(found) >= count:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{pattern.pattern!r} did not appear {count} times:\n{log_lines(log)[-2000:]}")


@pytest.fixture(scope="module")
def dirty_server(tmp_path_factory):
    project = copy_site("basic", tmp_path_factory.mktemp("dirty"))
    config = project / "mkdocs.yml"
    config.write_text("strict: true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    port = free_port()
    log = project.parent / "serve.log"
    env = {**os.environ, "NEWSDESK_NOW": FROZEN_NOW, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(f"http://127.0.0.1:{port}/", "Fixture newsroom")
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_strict_mode_and_dirty_work_together(dirty_server):
    project, _, log = dirty_server
    text = log_lines(log)
    assert "Aborted" not in text and "A 'dirty' build" not in text
    assert (project / ".cache/newsdesk/render.jsonl").is_file(), "the first build fills the render cache"


def test_a_title_edit_updates_every_page_and_feed_that_shows_it(dirty_server):
    project, base, log = dirty_server
    before = len(REBUILT.findall(log_lines(log)))
    post = project / "posts/2025/2025-01-15-winter-visit.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("title: A winter visit", "title: A snowy winter visit"),
        encoding="utf-8",
    )
    wait_for(base + "blog/2025/01/winter-visit/", "<h1>A snowy winter visit</h1>", seconds=30)
    changed, total = map(int, wait_for_log(log, REBUILT, before + 1)[-1])
    assert 0 < changed < total / 2, "only the pages that show the post are rebuilt"
    for url in ("blog/page/2/", "tags/send/", "tags/visits/", "archive/2025/", "blog/2025/06/summer-fair/"):
        assert "A snowy winter visit" in fetch(base + url), url  # listings, and the newer post's 'older' link
    for feed in ("feed.xml", "blog/feed.xml", "tags/send/feed.xml"):
        assert "A snowy winter visit" in fetch(base + feed), feed
    assert "A winter visit" not in fetch(base + "blog/2025/06/summer-fair/")
    deadline = time.monotonic() + 60  # search is indexed in the background, after the pages
    while "A snowy winter visit" not in served_index(base).get("/blog/2025/01/winter-visit/", ""):
        assert time.monotonic() < deadline, "the search index never showed the new title"
        time.sleep(0.5)
    assert "/about/" in served_index(base), "docs pages stay searchable"
    card = re.search(
        r'<meta property="og:image" content="[^"]*/(assets/cards/[^"]+)"', fetch(base + "blog/2025/01/winter-visit/")
    ).group(1)
    assert (project / ".cache/newsdesk/cards" / card.rsplit("/", 1)[-1]).is_file(), (
        "the new title's share card was made"
    )
    with urllib.request.urlopen(base + card) as response:
        assert response.headers["Content-Type"] == "image/png"


def test_a_body_edit_updates_the_excerpt_on_listings(dirty_server):
    project, base, _ = dirty_server
    post = project / "posts/2025/2025-09-01-new-school-year.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("Before the marker", "Ahead of the marker"), encoding="utf-8"
    )
    wait_for(base + "tags/visits/", "Ahead of the marker", seconds=30)
    assert "Ahead of the marker" in fetch(base + "blog/2025/09/back-to-school/")


def test_a_change_outside_the_posts_rebuilds_everything(dirty_server):
    project, base, log = dirty_server
    about = project / "docs/about.md"
    about.write_text(
        about.read_text(encoding="utf-8").replace("# About the fixture", "# About this fixture"), encoding="utf-8"
    )
    wait_for(base + "about/", "About this fixture", seconds=30)
    wait_for_log(log, re.compile("a change outside the posts: rebuilding every page"), 1)
