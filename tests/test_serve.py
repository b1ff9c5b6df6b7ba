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
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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


def served_index(base: str, seconds: float = 60) -> dict[str, str]:
    """The pages in the search index that the preview serves (built in the background): URL -> text."""
    import gzip
    import json

    from newsdesk.mkdocs.pagefindorder import SIGNATURE, decode

    def get(path: str) -> bytes:
        with urllib.request.urlopen(base + "pagefind/" + path, timeout=5) as response:
            return response.read()

    entry = json.loads(wait_for(base + "pagefind/pagefind-entry.json", '"version"', seconds))
    meta, _ = decode(gzip.decompress(get(f"pagefind.{entry['languages']['en']['hash']}.pf_meta")), len(SIGNATURE))
    pages = [json.loads(gzip.decompress(get(f"fragment/{page}.pf_fragment"))[len(SIGNATURE) :]) for page, _ in meta[1]]
    return {page["url"]: page["content"] for page in pages}


def test_search_works_in_the_preview_without_drafts(server):
    project, base = server
    wait_for(base + "blog/2026/10/unfinished-thoughts/", "Unfinished thoughts")  # previewed...
    urls = sorted(served_index(base))
    assert "/blog/2025/01/winter-visit/" in urls
    assert not [
        url for url in urls if "unfinished-thoughts" in url or "scheduled-announcement" in url
    ]  # ...never searchable
    assert "Search needs JavaScript" in wait_for(base + "search/", "Search")


def test_the_preview_updates_the_search_index_after_an_edit(server):
    project, base = server
    served_index(base)
    post = project / "posts/2025/2025-01-15-winter-visit.md"
    post.write_text(post.read_text() + "\nThe caretaker found a zebracrossing sign.\n")
    deadline = time.monotonic() + 60
    while "zebracrossing" not in served_index(base).get("/blog/2025/01/winter-visit/", ""):
        assert time.monotonic() < deadline, "the preview's search index never showed the edit"
        time.sleep(0.5)


def test_serve_compiles_each_template_once_and_again_only_when_its_source_changes(tmp_path):
    from jinja2 import Environment, FileSystemLoader

    from newsdesk.mkdocs.speed.templatecache import TemplateCache

    cache, compiled = TemplateCache(), []
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")

    def rebuild_environment() -> Environment:  # as MkDocs makes a new one for every build
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
        compile_ = env.compile
        env.compile = lambda *args, **kwargs: (
            compiled.append(args[1] if len(args) > 1 else "") or compile_(*args, **kwargs)
        )
        return env

    assert rebuild_environment().get_template("page.html").render(name="Ada") == "Hello Ada"
    assert rebuild_environment().get_template("page.html").render(name="Grace") == "Hello Grace"
    assert len(compiled) == 1
    (tmp_path / "page.html").write_text("Welcome {{ name }}", encoding="utf-8")
    assert rebuild_environment().get_template("page.html").render(name="Ada") == "Welcome Ada"
    assert len(compiled) == 2
    assert not list(tmp_path.glob("*.cache")) and sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
