"""A preview that never hangs: with a broken post, docs page or authors.yml, `mkdocs serve` (as
`make serve` runs it) answers every page within 2 s, with a banner listing the lines `newsdesk
check` prints; the banner goes when they are fixed. `mkdocs build` still stops on them."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from sitekit import FROZEN_NOW, build, copy_site
from test_serve import fetch, free_port, served_index, wait_for

POST = "posts/2025/2025-01-15-winter-visit.md"
BANNER = re.compile(r'<section class="nd-problems".*?</section>', re.DOTALL)
HOSTILE = '"<img src=x onerror=alert(1)>"'


def timed_get(url: str) -> tuple[int, str, float]:
    """Status, body and seconds taken; a page that takes longer than 2 s counts as not answering."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            status, body = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode("utf-8")
    return status, body, time.monotonic() - start


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def every_page(base: str) -> dict[str, str]:
    """Every page the preview links to from its home page, by URL, each answered within 2 s."""
    found, queue = {}, [base]
    while queue:
        url = queue.pop()
        if url in found:
            continue
        status, body, seconds = timed_get(url)
        assert seconds < 2, f"{url} took {seconds:.1f} s"
        assert status == 200, f"{url}: {status}"
        found[url] = body
        parser = _Links()
        parser.feed(body)
        for href in parser.hrefs:
            target = urljoin(url, href).split("#")[0]
            if target.startswith(base) and target.endswith("/") and "/assets/" not in target:
                queue.append(target)
    assert len(found) > 10, sorted(found)
    return found


def banner_lines(page: str) -> list[str] | None:
    """The banner's problem lines as a writer reads them, or None without a banner."""
    found = BANNER.search(page)
    if not found:
        return None
    return [html.unescape(line) for line in re.findall(r"<li><code>(.*?)</code></li>", found.group(0))]


def search_index(base: str) -> dict[str, str]:
    """The preview's search index, or nothing while it is being written again."""
    try:
        return served_index(base)
    except urllib.error.HTTPError:
        return {}


def check_lines(project, capsys, monkeypatch) -> list[str]:
    """What `newsdesk check` prints, one line per problem."""
    from newsdesk.commands import check

    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    capsys.readouterr()
    assert check.main(["--config-file", str(project / "mkdocs.yml")]) == 1
    printed = capsys.readouterr().out.splitlines()
    count = re.fullmatch(r"newsdesk: (\d+) problems? to fix before the site can be built:", printed[0])
    assert count, printed
    return printed[1 : 1 + int(count.group(1))]  # the warnings follow


def serve(project, port: int, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NEWSDESK_NOW": FROZEN_NOW, "NO_MKDOCS_2_WARNING": "1"}
    log = open(project.parent / "serve.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *args, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


@pytest.fixture
def strict_site(tmp_path):
    project = copy_site("basic", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text("strict: true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    return project


@pytest.fixture
def running(strict_site):
    """The preview as `make serve` runs it (--dirty), with strict: true as the repository has it."""
    port = free_port()
    process = serve(strict_site, port, "--dirty")
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, "Fixture newsroom")
        yield strict_site, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_broken_post_keeps_every_page_answering_with_the_problems_shown(running, capsys, monkeypatch):
    project, base = running
    post = project / POST
    good = post.read_text(encoding="utf-8")
    post.write_text(
        good.replace("date: 2025-01-15 09:00", "date: 15/01/2025").replace("type: blog", f"type: {HOSTILE}"),
        encoding="utf-8",
    )
    expected = check_lines(project, capsys, monkeypatch)
    assert any("'date'" in line for line in expected) and any("onerror" in line for line in expected)
    wait_for(base, "nd-problems", seconds=30)
    pages = every_page(base)
    for url, page in pages.items():
        assert banner_lines(page) == expected, url
        assert "<img src=x" not in page, url  # the hostile value is shown as text, never as markup
    assert "<h1>A winter visit</h1>" in pages[base + "blog/2025/01/winter-visit/"], "its last good version"
    banner = BANNER.search(pages[base]).group(0)
    assert 'role="alert"' in banner and "<h2" in banner and 'data-pagefind-ignore="all"' in banner
    status, page, seconds = timed_get(base + "no-such-page/")
    assert status == 404 and seconds < 2 and banner_lines(page) == expected
    terminal = (project.parent / "serve.log").read_text(encoding="utf-8")
    assert all(line in terminal for line in expected), "the terminal lists them too"

    fair = project / "posts/2025/2025-06-20-summer-fair.md"  # a valid edit, to know when search has caught up
    fair.write_text(fair.read_text(encoding="utf-8") + "\nThe tombola sold out by noon.\n", encoding="utf-8")
    deadline = time.monotonic() + 60
    while "tombola" not in (index := search_index(base)).get("/blog/2025/06/summer-fair/", ""):
        assert time.monotonic() < deadline, "the search index never showed the edit"
        time.sleep(0.5)
    assert not [url for url, text in index.items() if "to fix" in text or "newsdesk check" in text], "not searchable"
    assert banner_lines(fetch(base + "blog/2025/06/summer-fair/")) == expected

    post.write_text(good, encoding="utf-8")
    deadline = time.monotonic() + 30
    while "nd-problems" in (fetch(base) or "nd-problems"):  # a rebuild holds requests until it is done
        assert time.monotonic() < deadline, "the banner stayed after the post was fixed"
        time.sleep(0.25)
    pages = every_page(base)
    assert not [url for url, page in pages.items() if "nd-problems" in page]


def test_a_broken_authors_file_or_docs_page_keeps_the_last_good_pages(running, capsys, monkeypatch):
    project, base = running
    authors, about = project / "authors.yml", project / "docs/about.md"
    good, good_about = authors.read_text(encoding="utf-8"), about.read_text(encoding="utf-8")
    authors.write_text("head: [Pat Fixture\n", encoding="utf-8")
    about.write_text("---\ntemplate: missing.html\n---\n# About something else\n\n## Who we are\n", encoding="utf-8")
    expected = check_lines(project, capsys, monkeypatch)
    assert [line.split(":")[0] for line in expected] == ["authors.yml", "docs/about.md"], expected
    wait_for(base, "nd-problems", seconds=30)
    pages = every_page(base)
    assert all(banner_lines(page) == expected for page in pages.values())
    assert "Pat Fixture" in pages[base + "blog/2025/01/winter-visit/"]
    assert "About the fixture" in pages[base + "about/"] and "something else" not in pages[base + "about/"]
    authors.write_text(good, encoding="utf-8")
    about.write_text(good_about, encoding="utf-8")
    deadline = time.monotonic() + 30
    while "nd-problems" in (fetch(base) or "nd-problems"):
        assert time.monotonic() < deadline, "the banner stayed after authors.yml was fixed"
        time.sleep(0.25)


def test_a_picture_that_cannot_be_read_keeps_every_page_answering(running, capsys, monkeypatch):
    project, base = running
    picture = project / "posts/2026/images/books.png"  # the 'image' of posts/2026/2026-02-10-reading-week.md
    good = picture.read_bytes()
    picture.write_bytes(b"not a picture at all" * 20)
    expected = check_lines(project, capsys, monkeypatch)
    assert [line.split(": ")[:2] for line in expected] == [["posts/2026/2026-02-10-reading-week.md", "'image'"]]
    wait_for(base, "nd-problems", seconds=30)
    pages = every_page(base)
    assert all(banner_lines(page) == expected for page in pages.values())
    assert "<h1>Reading week</h1>" in pages[base + "blog/2026/02/reading-week/"]
    picture.write_bytes(good)
    deadline = time.monotonic() + 30
    while "nd-problems" in (fetch(base) or "nd-problems"):
        assert time.monotonic() < deadline, "the banner stayed after the picture was fixed"
        time.sleep(0.25)


def test_a_first_build_leaves_out_what_cannot_be_built(strict_site, capsys, monkeypatch):
    project = strict_site
    post = project / POST
    post.write_text(post.read_text(encoding="utf-8").replace("date: 2025-01-15 09:00", "date: soon"), encoding="utf-8")
    about = project / "docs/about.md"
    about.write_text("---\ntemplate: missing.html\n---\n" + about.read_text(encoding="utf-8"), encoding="utf-8")
    expected = check_lines(project, capsys, monkeypatch)
    assert [line.split(":")[0] for line in expected] == ["docs/about.md", POST]

    built = build(project, project.parent / "site", now=FROZEN_NOW)  # a build still stops, with check's lines
    assert built.returncode != 0
    assert "2 problems to fix before the site can be built:\n" + "\n".join(expected) in built.stderr

    port = free_port()
    process = serve(project, port)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, "Fixture newsroom")
        pages = every_page(base)
        assert all(banner_lines(page) == expected for page in pages.values())
        assert "This page has a problem to fix" in pages[base + "about/"]
        status, page, _ = timed_get(base + "blog/2025/01/winter-visit/")
        assert status == 404 and banner_lines(page) == expected  # never built: left out
        assert not [url for url in pages if urlsplit(url).path == "/blog/2025/01/winter-visit/"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_banner_escapes_every_line_and_sits_first_in_the_body():
    from newsdesk.core.model import Problem
    from newsdesk.mkdocs.problembanner import ProblemBanner

    banner = ProblemBanner()
    problem = Problem("posts/<b>x</b>.md", "title", "got '</code><script>alert(1)</script>'")
    assert banner.start([problem], None, "docs")
    page = banner.inject("<html><head><title>t</title></head><body class='x'><p>page</p></body></html>")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert page.index("<style>") < page.index("</head>") < page.index('<section class="nd-problems"')
    assert page.index("<body class='x'>") < page.index('<section class="nd-problems"') < page.index("<p>page</p>")
    assert banner_lines(page) == [str(problem)]
    assert not banner.start([], None, "docs") and banner.inject("<body></body>") == "<body></body>"
