"""The parts a post's page and its feed items share, and dates written back as writers type them."""
from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.dates import parse_date, written_date
from newsdesk.core.model import Contact
from newsdesk.core.parts import Link, closing_html, contact_html, relative, share_links

LONDON = ZoneInfo("Europe/London")


def test_contact_lines_on_the_page_link_the_number():
    contact = Contact("Press Desk", "Media", "press@example.org", "0300 000 0000")
    assert contact_html(contact) == (
        "<p>Press Desk, Media</p>\n"
        '<p>Email: <a href="mailto:press@example.org">press@example.org</a></p>\n'
        '<p>Telephone: <a href="tel:03000000000">0300 000 0000</a></p>')


def test_the_feed_block_has_the_same_words_without_the_tel_link():
    contact = Contact("Press Desk", phone="0300 000 0000")
    assert contact_html(contact, phone_link=False) == "<p>Press Desk</p>\n<p>Telephone: 0300 000 0000</p>"


def test_contact_strings_are_escaped():
    contact = Contact('<b>"Desk"</b>', "A & B", 'x"@example.org', "<script>")
    html = contact_html(contact)
    assert "<b>" not in html and "<script>" not in html and 'x"@' not in html
    assert "&lt;b&gt;&quot;Desk&quot;&lt;/b&gt;, A &amp; B" in html


@pytest.mark.parametrize("text, with_time", [
    ("2024-12-19", None), ("2024-12-19 09:30", None), ("2025-06-01 23:59", None), ("2024-12-19 00:00", True),
])
def test_written_date_is_the_inverse_of_parse_date(text, with_time):
    moment, _ = parse_date(text, LONDON)
    assert written_date(moment, with_time) == text


def test_written_date_can_leave_the_time_out():
    moment, _ = parse_date("2024-12-19 09:30", LONDON)
    assert written_date(moment, with_time=False) == "2024-12-19"
