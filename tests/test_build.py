"""Whole builds: a bad post stops the build with every problem listed and the last good site kept."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest

from sitekit import FROZEN_NOW, build, copy_site

BROKEN_DATE = "---\ntitle: Broken\ndate: 19/12/2024\ntype: blog\n---\n\nBody.\n"
BROKEN_TAGS = "---\ntitle: Also broken\ndate: 2024-12-19\ntype: blog\ntag: [SEND]\n---\n\nBody.\n"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_site("basic", tmp_path)


def set_option(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      per_page: 3\n", f"      per_page: 3\n      {line}\n"))


def test_bad_posts_fail_the_build_listing_every_problem_and_keep_the_last_site(project):
    assert build(project, now=FROZEN_NOW).returncode == 0
    before = (project / "site/index.html").read_bytes()
    (project / "posts/2024").mkdir()
    (project / "posts/2024/2024-12-19-broken.md").write_text(BROKEN_DATE)
    (project / "posts/2024/2024-12-20-also-broken.md").write_text(BROKEN_TAGS)
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1
    assert "newsdesk: 2 problems to fix before the site can be built:\n" in result.stderr
    assert (
        "posts/2024/2024-12-19-broken.md: 'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '19/12/2024'\n"
        in result.stderr
    )
    assert "posts/2024/2024-12-20-also-broken.md: 'tag': unknown field; did you mean 'tags'?\n" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site/index.html").read_bytes() == before
    assert (project / "site/blog/2025/01/winter-visit/index.html").is_file()


@pytest.mark.parametrize(
    "line, message",
    [
        ("per_page: 0", "Plugin 'newsdesk' option 'per_page': expected a whole number of 1 or more, got 0"),
        (
            "timezone: Mars/Olympus",
            "Plugin 'newsdesk' option 'timezone': unknown time zone 'Mars/Olympus'; use a name such as 'Europe/London'",
        ),
        ("allowed_tags: SEND", "Plugin 'newsdesk' option 'allowed_tags'"),
        ("types: {blog: {label: Blog, prefix: Blog Posts, title: Blog}}", "Plugin 'newsdesk' option 'types'"),
        ("colour: blue", "Plugin 'newsdesk' option 'colour': Unrecognised configuration name: colour"),
    ],
)
def test_bad_plugin_options_get_mkdocs_own_messages(project, line, message):
    set_option(project, line)
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1
    assert message in result.stderr


def test_unknown_default_author(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("default_author: head", "default_author: nobody"))
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1
    assert "mkdocs.yml: 'default_author': 'nobody' is not in authors.yml; use one of: head, office" in result.stderr


def test_missing_posts_folder(project):
    (project / "posts").rename(project / "elsewhere")
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1
    assert (
        "newsdesk: the posts folder 'posts' does not exist beside mkdocs.yml; create it or set 'posts_dir'"
        in result.stderr
    )


def test_a_docs_page_may_not_replace_a_generated_page(project):
    (project / "docs/blog").mkdir()
    (project / "docs/blog/index.md").write_text("# My own blog page\n")
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1
    assert (
        "docs/blog/index.md: file: would replace the listing /blog/, which the site makes itself (/blog/index.html); "
        "rename or remove docs/blog/index.md"
    ) in result.stderr


def test_a_scheduled_post_appears_once_its_time_has_come(project):
    path = "news/2026/12/scheduled-announcement/index.html"
    assert build(project, now="2026-12-05T08:59").returncode == 0
    assert not (project / "site" / path).exists()
    assert build(project, now="2026-12-05T09:00").returncode == 0
    assert (project / "site" / path).is_file()
    assert "Scheduled announcement" in (project / "site/news/index.html").read_text()


def test_the_same_posts_build_byte_identical_sites(project, tmp_path):
    assert build(project, tmp_path / "one", now=FROZEN_NOW).returncode == 0
    assert build(project, tmp_path / "two", now=FROZEN_NOW).returncode == 0
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert len(files) > 50
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", files, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_sitemap_dates_come_from_posts(project):
    assert build(project, now=FROZEN_NOW).returncode == 0
    sitemap = (project / "site/sitemap.xml").read_text()
    entry = re.search(
        r"<loc>https://fixture.example.org/blog/2026/05/spring-term-update/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap
    )
    assert entry and entry.group(1) == "2026-05-07"
