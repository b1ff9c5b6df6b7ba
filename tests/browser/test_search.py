"""Search: a word from a post's first paragraph finds that post (posts are indexed by title, tags
and summary or first paragraph; see scripts/newsdesk/search.py)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browserkit import PAGES, ROOT

WORD = "borrow"  # only in posts/2026/2026-03-05-reading-corners.md, in its first paragraph
POST = PAGES["blog-post"]


def test_word_is_only_in_one_post():
    having = [path.name for path in (ROOT / "posts").rglob("*.md") if WORD in path.read_text(encoding="utf-8").lower()]
    assert having == ["2026-03-05-reading-corners.md"], f"pick another word for this test: '{WORD}' is in {having}"


@pytest.mark.parametrize("kind", ["light", "phone"])
def test_search_finds_the_post_by_a_word_in_its_first_paragraph(tabs, kind):
    tab = tabs(kind)
    page = tab.open(PAGES["home"])
    if kind == "phone":
        page.locator("label.md-header__button[for=__search]").click()
    field = page.locator(".md-search__input")
    field.press_sequentially(WORD, delay=30)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible")
    hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    assert any(POST in href for href in hrefs), hrefs
    # The index loads when search starts, so the count may first read "Initializing search".
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\s*1 matching"), timeout=15000)
    first.click()
    page.wait_for_url(f"**/{POST}**")
    assert page.locator(".nd-post h1").inner_text() == "What a reading corner can do"


def test_the_index_loads_only_when_someone_starts_to_search(tabs):
    tab = tabs("light")
    page = tab.open(POST)
    page.wait_for_timeout(500)
    assert not [url for url in tab.requests if "search_index.json" in url], "the index loaded with the page"
    with page.expect_request("**/search/search_index.json", timeout=5000):
        page.locator(".md-search__input").focus()
