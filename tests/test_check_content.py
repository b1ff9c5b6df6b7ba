"""The content fast path (scripts/check_content.py, `make check-content`): what it finds, and where
it puts each problem (on the post's file, as a GitHub annotation in CI)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import BLOG, PRESS, QUIET, REPO, copy_sample, linux_only, write

pytestmark = linux_only("the fast path runs axe in Debian's chromium, as CI's Ubuntu job does")

sys.path.insert(0, str(REPO / "scripts"))

import check_content  # noqa: E402
import site_checks  # noqa: E402

AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize(
    ("rel", "address"),
    [("docs/index.md", ""), ("docs/about.md", "about/"), ("docs/a/index.md", "a/"), ("docs/a/b.md", "a/b/")],
)
def test_docs_address(rel: str, address: str) -> None:
    assert site_checks.docs_address(rel) == address


def test_changed_pages_are_checked_with_the_home_page() -> None:
    owners = {"blog/2025/03/walking/": "posts/2025/walking.md", "about/": "docs/about.md", "": "docs/index.md"}
    assert check_content.pages_to_check(["posts/2025/walking.md", "posts/2025/walking.jpg", "mkdocs.yml"], owners) == [
        "",
        "blog/2025/03/walking/",
    ]
    assert check_content.pages_to_check(None, owners) == [""]


def test_build_warnings_are_put_on_the_file_they_name() -> None:
    stderr = (
        "INFO    -  Cleaning site directory\n"
        "WARNING -  posts/2025/walking.md: 'tags': 'SEND' and 'send' are one tag\n"
        "ERROR   -  mkdocs.yml: bad option\n"
    )
    found = check_content.build_findings(stderr, "build")
    assert [(f.source, f.message) for f in found] == [
        ("posts/2025/walking.md", "build: posts/2025/walking.md: 'tags': 'SEND' and 'send' are one tag"),
        ("mkdocs.yml", "build: mkdocs.yml: bad option"),
    ]


def test_github_format_escapes_the_message_and_the_file() -> None:
    finding = site_checks.Finding("blog/x/", "posts/a,b.md", "100% broken\nreally")
    assert (
        check_content.show(finding, "github")
        == "::error file=posts/a%2Cb.md,title=check-content::100%25 broken%0Areally"
    )
    assert (
        check_content.show(site_checks.Finding("feed.xml", "", "bad"), "github") == "::error title=check-content::bad"
    )
    assert check_content.show(finding, "text") == "posts/a,b.md: 100% broken\nreally"


def test_feeds_that_do_not_parse_or_link_to_missing_pages_are_found(tmp_path: Path) -> None:
    url = "https://schools.example.gov.uk/"
    write(tmp_path / "blog/x/index.html", "<p>x</p>")
    write(
        tmp_path / "feed.xml",
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
        <link>{url}</link><item><title>X</title><link>{url}blog/x/</link></item>
        <item><title>Y</title><link>{url}blog/y/</link></item></channel></rss>""",
    )
    write(tmp_path / "blog/feed.xml", "<rss><channel>")
    found = [f.message for f in site_checks.feed_problems(tmp_path, url)]
    assert len(found) == 2
    assert found[0].startswith("the feed blog/feed.xml is not valid XML")
    assert found[1] == f"the feed feed.xml links to {url}blog/y/, which was not built"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The sample site's configuration, theme and docs with two posts of the test's own, committed in
    a git repository; then a third post is added with an HTML link to nowhere and an empty link."""
    root = copy_sample(tmp_path_factory.mktemp("content"))
    shutil.rmtree(root / "posts")
    write(root / "posts/2025/2025-03-04-walking-buses.md", BLOG)
    write(root / "posts/2025/2025-05-12-labs.md", PRESS)

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    (root / ".gitignore").write_text(".cache/\nnode_modules\n")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    write(
        root / "posts/2025/2025-06-20-summer-fair.md",
        BLOG.replace("Walking buses in the north of the city", "Summer fair").replace("2025-03-04", "2025-06-20")
        + '\nSee <a href="../../nowhere/">the plan</a> and <a href="https://example.org/"></a>.\n',
    )
    return root


def test_the_fast_path_finds_a_broken_link_and_an_axe_problem_on_the_changed_post(project, tmp_path) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `npm ci --ignore-scripts` (make test does)")
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts/check_content.py"),
            "--base",
            "HEAD",
            "--format",
            "github",
            "--axe",
            str(AXE_JS),
            "--preview",
            str(tmp_path / "preview"),
        ],
        cwd=project,
        env={**__import__("os").environ, **QUIET},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    on_post = "::error file=posts/2025/2025-06-20-summer-fair.md,title=check-content::"
    assert any(line.startswith(on_post) and "links to '../../nowhere/'" in line for line in errors), errors
    assert any(line.startswith(on_post) and "[link-name]" in line for line in errors), errors
    assert all(line.startswith(on_post) for line in errors), errors  # the old posts are fine
    assert "axe on 2 page(s): /, /blog/2025/06/summer-fair/" in result.stdout
    # The preview CI uploads is kept, with the new post in it.
    record = json.loads((tmp_path / "preview/published.json").read_text())
    assert "/blog/2025/06/summer-fair/" in record["addresses"]
