"""Hostile titles, summaries, tags and author names through every output: each is shown as the
text the writer typed, and never becomes markup, a script or an event handler."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import yaml

from sitekit import AUTHORS, FROZEN_NOW, build, make_site

HOSTILE = [
    "</title><img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "Fish &amp; chips & \"quotes\" and 'apostrophes'",
    "Ends with ]]> and <b>bold</b>",
]
SITE = "https://schools.example.gov.uk/"


def quoted(text: str) -> str:
    return json.dumps(text)


def hostile_post(number: int, value: str) -> str:
    return (
        f"---\ntitle: {quoted(value + ' title')}\ndate: 2025-03-0{number + 1} 10:00\ntype: press-release\n"
        f"summary: {quoted(value + ' summary')}\ntags: [{quoted(value + ' tag')}]\nauthor: hostile{number}\n"
        "contact:\n  name: Press Office\n  email: press@example.gov.uk\n"
        f"related:\n  - title: {quoted(value + ' related')}\n    url: https://www.gov.uk/guidance\n"
        f"changes:\n  - date: 2025-03-20 09:00\n    note: {quoted(value + ' change')}\n"
        f"attachments:\n  - title: {quoted(value + ' document')}\n    url: https://www.gov.uk/report.pdf\n"
        "---\n\nThe body.\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("escaping") / "project"
    make_site(
        root,
        {f"2025/2025-03-0{n + 1}-hostile-{n}.md": hostile_post(n, value) for n, value in enumerate(HOSTILE)},
        options={"formats_email": "formats@example.gov.uk"},
    )
    authors = {
        **AUTHORS,
        **{f"hostile{n}": {"name": value + " name", "role": value + " role"} for n, value in enumerate(HOSTILE)},
    }
    (root / "authors.yml").write_text(yaml.safe_dump(authors, allow_unicode=True), encoding="utf-8")
    result = build(root, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    return root / "site"


class Page(HTMLParser):
    """What a browser would make of a page: its elements' attributes, its <title>, its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.images: list[str | None] = []
        self.title = ""
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self._in: list[str] = []
        self._type = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src"))
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        if tag in ("title", "script"):
            self._in.append(tag)
            self._type = dict(attrs).get("type", "") or ""
            if tag == "script":
                self.scripts.append((self._type, ""))

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] == "title":
            self.title += data
        elif self._in and self._in[-1] == "script":
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_gets_a_handler_an_image_or_a_script_from_a_writer(site):
    for path in pages(site):
        page = parse(path)
        assert page.handlers == [], path
        assert "x" not in page.images, path
        for kind, text in page.scripts:
            assert "alert(" not in text or kind == "application/ld+json", (path, text)


@pytest.mark.parametrize("number", range(len(HOSTILE)))
def test_the_post_page_shows_the_text_as_typed(site, number):
    value = HOSTILE[number]
    path = site / f"news/2025/03/hostile-{number}/index.html"
    page = parse(path)
    assert page.title.strip() == f"{value} title - Test schools site"
    ld = json.loads(next(text for kind, text in page.scripts if kind == "application/ld+json"))
    assert ld["headline"] == value + " title"
    assert ld["author"]["name"] == value + " name"
    text = path.read_text(encoding="utf-8")
    for part in ("summary", "name", "role", "related", "change", "document"):
        assert shown(text, f"{value} {part}"), part


def shown(text: str, value: str) -> bool:
    """Whether `value` is in the page as text: escaped where it holds markup, never raw."""
    return value in html.unescape(text) and ("<" not in value or value not in text)


@pytest.mark.parametrize("number", range(len(HOSTILE)))
def test_listings_tags_archive_and_home_show_the_text_as_typed(site, number):
    for page in ("news/index.html", "archive/2025/index.html", "index.html"):
        assert shown((site / page).read_text(encoding="utf-8"), HOSTILE[number] + " title"), page
    assert shown((site / "tags/index.html").read_text(encoding="utf-8"), HOSTILE[number] + " tag")


@pytest.mark.parametrize("feed", ["feed.xml", "atom.xml", "news/feed.xml", "news/atom.xml"])
def test_feed_readers_get_the_text_as_typed(site, feed):
    parsed = feedparser.parse((site / feed).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    by_title = {entry.title: entry for entry in parsed.entries}
    for value in HOSTILE:
        entry = by_title[value + " title"]
        summary = entry.summary_detail
        # feedparser hands text over as HTML when the feed says it is: unescaped, it is the text.
        shown = html.unescape(summary.value) if summary.type == "text/html" else summary.value
        assert shown == value + " summary"
        assert [tag.term for tag in entry.tags] == [value + " tag"]
        assert entry.author_detail.name == value + " name"


def test_tag_feeds_and_opml_are_well_formed_and_name_the_tag(site):
    for value in HOSTILE:
        from newsdesk.core.text.slugs import slugify

        parsed = feedparser.parse((site / f"tags/{slugify(value + ' tag')}/feed.xml").read_bytes())
        assert not parsed.bozo and parsed.feed.title.endswith(value + " tag")
    ET.parse(site / "feeds.opml")
