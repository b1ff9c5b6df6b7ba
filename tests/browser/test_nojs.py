"""Without JavaScript every page shows its content and every navigation link works; the header's
search box leads to the search page, which says that search needs JavaScript and where else to look."""

from __future__ import annotations

import pytest

from browserkit import PAGES


@pytest.mark.parametrize("name", PAGES)
def test_content_and_navigation_without_javascript(tabs, name):
    tab = tabs("nojs")
    page = tab.open(PAGES[name])
    assert page.locator("#main-content h1").first.is_visible()
    for selector in (".nd-nav__link", ".nd-footer a", ".nd-logo"):
        links = page.locator(selector)
        assert links.count() > 0, selector
        for index in range(links.count()):
            link = links.nth(index)
            assert link.is_visible() and link.get_attribute("href"), f"{selector} {index} is not a usable link"
    if name != "search":
        assert page.locator("#nd-header-q").is_visible(), "the header's search box is a plain form"


def test_search_page_says_it_needs_javascript(tabs):
    page = tabs("nojs").open(PAGES["home"])
    page.locator("#nd-header-q").fill("fines")
    page.locator(".nd-header__search-button").click()
    page.wait_for_url("**/search/?q=fines")
    fallback = page.locator("[data-nd-search-nojs]")
    assert fallback.is_visible()
    assert "Search needs JavaScript" in fallback.inner_text()
    hrefs = fallback.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert hrefs == ["/tags/", "/archive/"]
    assert not page.locator("[data-nd-search]").is_visible(), "the search form cannot work without JavaScript"


def test_navigation_links_lead_somewhere_without_javascript(tabs):
    tab = tabs("nojs")
    page = tab.open(PAGES["home"])
    page.locator(".nd-nav__link", has_text="Blog").click()
    assert page.url.endswith("/blog/")
    assert page.locator("h1").first.inner_text() == "Blog"
    page.locator("a[rel=next]", has_text="Older posts").click()
    assert page.url.endswith("/blog/page/2/")
    page.locator(".nd-card__title a").first.click()
    assert "/blog/20" in page.url
    assert page.locator(".nd-post h1").is_visible()
    page.locator(".nd-tags a").first.click()
    assert "/tags/" in page.url


@pytest.mark.parametrize(
    "name, current",
    [
        ("home", "Home"),
        ("blog-listing", "Blog"),
        ("blog-page-2", "Blog"),
        ("blog-post", "Blog"),
        ("press-release", "News"),
        ("tag-page", "Tags"),
        ("archive-year", "Archive"),
        ("404", None),
    ],
)
def test_navigation_marks_the_current_section(tabs, name, current):
    page = tabs("nojs").open(PAGES[name])
    marked = page.locator(".nd-nav__link[aria-current]").all_inner_texts()
    assert marked == ([current] if current else [])
