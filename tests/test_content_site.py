"""A site using every field of the content model builds with --strict; its pages and its feeds
show the same closing parts (Ends, notes, contact, attachments, related content, updates)."""

from __future__ import annotations

import re

import feedparser
import pytest

from sitekit import build, copy_site

SITE_URL = "https://content.example.org/"
RELEASE = "news/2025/03/consultation-opens/"
NOW = "2026-01-01T12:00"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_site("content", tmp_path_factory.mktemp("content"))
    result = build(project, now=NOW)
    assert result.returncode == 0, result.stderr
    return project / "site"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def section(html: str, name: str) -> str:
    match = re.search(rf'<section class="nd-{name}".*?</section>', html, re.S)
    assert match, f"no {name} section"
    return match.group(0)


@pytest.fixture(scope="module")
def page(site):
    return (site / RELEASE / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def item(site):
    feed = feedparser.parse((site / "news/atom.xml").read_bytes())
    assert feed.bozo == 0
    [entry] = feed.entries
    return entry


def test_the_page_shows_every_part_in_order(page):
    order = [
        'class="nd-ends"',
        'class="nd-notes"',
        'class="nd-contact"',
        'class="nd-attachments"',
        'class="nd-related"',
        'class="nd-changes"',
        'class="nd-more"',
        'class="nd-share"',
    ]
    positions = [page.index(mark) for mark in order]
    assert positions == sorted(positions)


def test_updates_are_listed_newest_first_in_uk_time(page):
    changes = text(section(page, "changes"))
    assert changes == (
        "Updates to this page 12 March 2025, 4pm Added the easy read version of the consultation document. "
        "11 March 2025 Corrected the closing date of the consultation."
    )
    assert (
        'Updated</dt><dd><time datetime="2025-03-12T16:00:00+00:00">12 March 2025</time> <a href="#nd-changes-heading">see all updates</a>'
        in page
    )


def test_a_press_release_shows_its_publication_time(page):
    assert '<time datetime="2025-03-10T09:30:00+00:00">10 March 2025, 9:30am</time>' in page


def test_attachments_show_kind_size_pages_and_the_accessible_format_offer(page, site):
    attachments = section(page, "attachments")
    assert text(attachments).startswith(
        "Attachments Consultation document (PDF, 591 bytes, 2 pages) Easy read version (Word, 754 bytes) Figures by school (CSV)"
    )
    assert 'href="mailto:formats@content.example.org"' in attachments
    assert (site / "posts/2025/files/consultation.pdf").is_file()


def test_related_content_and_more_on_this_topic(page):
    assert text(section(page, "related")) == (
        "Related content What the review of support told us About the service The consultation portal"
    )
    assert '<a href="../../../../about/">About the service</a>' in section(page, "related")
    # two shared tags first, then one; newest first among equals
    assert text(section(page, "more")) == "More on this topic An update on places What the review of support told us"


def test_share_links_are_plain_links_to_the_post(page):
    share = section(page, "share")
    assert "<script" not in share and 'target="_blank"' not in share
    assert text(share) == "Share this page Email LinkedIn Facebook X (formerly Twitter) WhatsApp"
    assert "https%3A%2F%2Fcontent.example.org%2Fnews%2F2025%2F03%2Fconsultation-opens%2F" in share


def test_the_contact_comes_from_the_authors_file(page):
    assert (
        text(section(page, "contact"))
        == "Media contact Fixture Press Desk Email: desk@content.example.org Telephone: 0300 000 1234"
    )


def test_the_feed_item_carries_what_the_page_shows_after_the_body(item, page):
    content = item.content[0].value
    assert "<!--" not in content
    for name in ("notes", "contact", "attachments", "related", "changes"):
        assert text(section(content, name)) == text(section(page, name)), name
    assert "Ends" in text(content) and "More on this topic" not in content and "Share this page" not in content
    assert f'href="{SITE_URL}posts/2025/files/consultation.pdf"' in content
    assert f'href="{SITE_URL}blog/2025/02/review-of-send-support/"' in content


def test_the_newest_change_is_the_items_updated_date_and_the_guid_stays(item):
    assert item.updated == "2025-03-12T16:00:00+00:00"
    assert item.published == "2025-03-10T09:30:00+00:00"
    assert item.id == SITE_URL + RELEASE


def test_rss_carries_the_change_notes_too(site):
    feed = feedparser.parse((site / "news/feed.xml").read_bytes())
    [entry] = feed.entries
    assert "Corrected the closing date of the consultation." in entry.content[0].value


def test_the_posts_image_leads_its_feed_item(site):
    feed = feedparser.parse((site / "blog/atom.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.title == "What the review of support told us"]
    lead = re.match(r"<p>(<img [^>]*>)</p>", entry.content[0].value).group(1)  # feedparser sorts the attributes
    assert 'alt="Parents and teachers talking at a review meeting"' in lead
    assert re.search(rf'src="{re.escape(SITE_URL)}posts/2025/images/review-feed\.[0-9a-f]{{20}}\.png"', lead), (
        lead
    )  # the feed's copy


def test_the_home_page_reads_naturally(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ">All blog posts</a>" in home and ">All press releases</a>" in home and "All of" not in home
