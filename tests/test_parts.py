"""The parts a post's page and its feed items share, and dates written back as writers type them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.model import Contact
from newsdesk.core.pages.parts import Link, closing_html, contact_html, relative, share_links
from newsdesk.core.text.dates import parse_date, written_date

LONDON = ZoneInfo("Europe/London")


def test_contact_lines_on_the_page_link_the_number():
    contact = Contact("Press Desk", "Media", "press@example.org", "0300 000 0000")
    assert contact_html(contact) == (
        "<p>Press Desk, Media</p>\n"
        '<p>Email: <a href="mailto:press@example.org">press@example.org</a></p>\n'
        '<p>Telephone: <a href="tel:03000000000">0300 000 0000</a></p>'
    )


def test_the_feed_block_has_the_same_words_without_the_tel_link():
    contact = Contact("Press Desk", phone="0300 000 0000")
    assert contact_html(contact, phone_link=False) == "<p>Press Desk</p>\n<p>Telephone: 0300 000 0000</p>"


def test_contact_strings_are_escaped():
    contact = Contact('<b>"Desk"</b>', "A & B", 'x"@example.org', "<script>")
    html = contact_html(contact)
    assert "<b>" not in html and "<script>" not in html and 'x"@' not in html
    assert "&lt;b&gt;&#34;Desk&#34;&lt;/b&gt;, A &amp; B" in html  # markupsafe writes " as &#34;


@pytest.mark.parametrize(
    "text, with_time",
    [
        ("2024-12-19", None),
        ("2024-12-19 09:30", None),
        ("2025-06-01 23:59", None),
        ("2024-12-19 00:00", True),
    ],
)
def test_written_date_is_the_inverse_of_parse_date(text, with_time):
    moment, _ = parse_date(text, LONDON)
    assert written_date(moment, with_time) == text


def test_written_date_can_leave_the_time_out():
    moment, _ = parse_date("2024-12-19 09:30", LONDON)
    assert written_date(moment, with_time=False) == "2024-12-19"


@pytest.mark.parametrize(
    "target, page, expected",
    [
        ("blog/2025/01/x/", "news/2025/03/y/", "../../../../blog/2025/01/x/"),
        ("posts/2025/files/a.pdf", "news/2025/03/y/", "../../../../posts/2025/files/a.pdf"),
        ("about/", "news/2025/03/y/", "../../../../about/"),
        ("", "news/2025/03/y/", "../../../../"),
        ("news/2025/03/y/", "news/2025/03/y/", "./"),
    ],
)
def test_relative_addresses_from_a_post_page(target, page, expected):
    assert relative(target, page) == expected


def test_share_links_quote_the_title_and_address():
    links = share_links('Fees & "fines" </a>', "https://schools.example.gov.uk/news/2025/03/y/")
    assert [link.title for link in links] == ["Email", "LinkedIn", "Facebook", "X (formerly Twitter)", "WhatsApp"]
    for link in links:
        assert '"' not in link.href and "<" not in link.href and " " not in link.href
    assert links[0].href == (
        "mailto:?subject=Fees%20%26%20%22fines%22%20%3C%2Fa%3E"
        "&body=https%3A%2F%2Fschools.example.gov.uk%2Fnews%2F2025%2F03%2Fy%2F"
    )


def test_closing_parts_escape_what_writers_type():
    from newsdesk.core.model import DEFAULT_TYPES, Author, Change, Post, PostType

    release = PostType("press-release", **DEFAULT_TYPES["press-release"])
    moment, _ = parse_date("2025-03-12 16:00", LONDON)
    post = Post(
        source="posts/x.md",
        rel="x.md",
        path=None,
        title="T",
        date=moment,
        type=release,
        slug="x",
        author=Author("a", "A"),
        body="",
        changes=(Change(moment, "<script>alert(1)</script>"),),
    )
    html = closing_html(post, related=[Link("<img src=x onerror=alert(1)>", "https://example.org/?a=1&b=2")])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and 'href="https://example.org/?a=1&amp;b=2"' in html
    assert html.startswith('<p class="nd-ends">Ends</p>')
    assert '<time datetime="2025-03-12T16:00:00+00:00">12 March 2025, 4pm</time>' in html


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-03-12 09:00", "9am"),
        ("2025-03-12 16:30", "4:30pm"),
        ("2025-03-12 12:00", "midday"),
        ("2025-03-12 00:01", "12:01am"),
    ],
)
def test_times_are_written_the_gov_uk_way(text, expected):
    from newsdesk.core.text.dates import human_time

    assert human_time(parse_date(text, LONDON)[0]) == expected
