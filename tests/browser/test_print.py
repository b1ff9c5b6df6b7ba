"""Printing a post gives the article alone, with its address: no header, navigation, search or footer."""

from __future__ import annotations

import pytest

from browserkit import PAGES

SITE_URL = "https://schools.example.gov.uk/"


@pytest.mark.parametrize("name", ["blog-post", "press-release"])
def test_post_prints_as_an_article_with_its_url(tabs, name):
    page = tabs("light").open(PAGES[name])
    assert not page.locator(".nd-print-url").is_visible()
    page.emulate_media(media="print")
    try:
        for chrome in (".md-header", ".nd-nav", ".nd-header__search", ".nd-footer", ".nd-neighbours", ".nd-skip"):
            assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
        assert page.locator(".nd-post h1").is_visible()
        url = page.locator(".nd-print-url")
        assert url.is_visible()
        assert SITE_URL + PAGES[name] in url.inner_text()
        assert page.pdf()[:4] == b"%PDF"
    finally:
        page.emulate_media(media="screen")
