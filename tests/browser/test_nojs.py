"""Without JavaScript every page shows its content and every navigation link works; search, which
needs scripts, is hidden rather than shown broken."""
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
    assert not page.locator(".md-search").is_visible(), "search needs JavaScript and should be hidden"
    assert not page.locator("label[for=__search]").first.is_visible()


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


@pytest.mark.parametrize("name, current", [
    ("home", "Home"), ("blog-listing", "Blog"), ("blog-page-2", "Blog"), ("blog-post", "Blog"),
    ("press-release", "News"), ("tag-page", "Tags"), ("archive-year", "Archive"), ("404", None),
])
def test_navigation_marks_the_current_section(tabs, name, current):
    page = tabs("nojs").open(PAGES[name])
    marked = page.locator(".nd-nav__link[aria-current]").all_inner_texts()
    assert marked == ([current] if current else [])
