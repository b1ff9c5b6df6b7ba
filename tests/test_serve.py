"""`mkdocs serve`: drafts and scheduled posts are previewed, marked, and editing a post reloads it."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from sitekit import FROZEN_NOW, copy_site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body and text in body:
            return body
        time.sleep(0.25)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


@pytest.fixture
def server(tmp_path):
    project = copy_site("basic", tmp_path)
    port = free_port()
    env = {**os.environ, "NEWSDESK_NOW": FROZEN_NOW, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "Fixture newsroom")
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_previews_drafts_and_scheduled_posts_marked(server):
    _, base = server
    draft = wait_for(base + "blog/2026/10/unfinished-thoughts/", "Unfinished thoughts")
    assert '<strong class="nd-status nd-status--draft">Draft</strong>' in draft
    scheduled = wait_for(base + "news/2026/12/scheduled-announcement/", "Scheduled announcement")
    assert '<strong class="nd-status nd-status--scheduled">Scheduled</strong>' in scheduled
    listing = wait_for(base + "blog/", "Unfinished thoughts")
    assert "nd-status--draft" in listing
    assert "not for the site yet" in wait_for(base + "posts/2026/files/draft-agenda.txt", "Agenda")  # a draft's file


def test_editing_a_post_reloads_it(server):
    project, base = server
    post = project / "posts/2025/2025-01-15-winter-visit.md"
    post.write_text(post.read_text().replace("title: A winter visit", "title: A frosty winter visit"))
    wait_for(base + "blog/2025/01/winter-visit/", "A frosty winter visit", seconds=30)
    wait_for(base + "blog/page/2/", "A frosty winter visit", seconds=10)
