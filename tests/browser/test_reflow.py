"""Reflow: at 360 px wide and at 200% zoom no page scrolls sideways or cuts content off, and the
page stays usable (navigation, heading and content on screen, nothing covering them)."""

from __future__ import annotations

import pytest

from browserkit import PAGES

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.position === 'fixed') continue;
        if (el.closest('.nd-skip, .nd-visually-hidden, .md-dialog')) continue;
        if (box.right > width + 1 || box.left < -1) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
    }
    return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("device", ["phone", "zoom200"])
@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll(tabs, name, device):
    page = tabs(device).open(PAGES[name])
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["width"], f"page is {result['scroll']}px wide in a {result['width']}px viewport"
    assert not result["wide"], f"content past the edge: {result['wide']}"


@pytest.mark.parametrize("name", ["home", "blog-post", "press-release", "blog-listing", "tag-index"])
def test_usable_at_200_percent_zoom(tabs, name):
    page = tabs("zoom200").open(PAGES[name])
    heading = page.locator("#main-content h1").first
    assert heading.is_visible()
    assert heading.bounding_box()["y"] < 400 * 1.5, "the heading is pushed far down by the header"
    links = page.locator(".nd-nav__link")
    assert links.count() >= 5
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 640, f"navigation link {index} is cut off"
    # Text is really larger: 200% zoom draws each CSS pixel twice.
    assert page.evaluate("devicePixelRatio") == 2
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#main-content p')).fontSize)")
    assert font >= 16


@pytest.mark.parametrize("device", ["phone", "zoom200"])
def test_search_results_fit_without_scrolling_sideways(tabs, device):
    page = tabs(device).open(PAGES["search"] + "?q=schools&type=Blog")
    page.locator(".nd-search__result").first.wait_for(timeout=15000)
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["width"], f"page is {result['scroll']}px wide in a {result['width']}px viewport"
    assert not result["wide"], f"content past the edge: {result['wide']}"
    for selector in ("#nd-search-q", "select[name=tag]", ".nd-search__result a"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= result["width"] + 1, selector
