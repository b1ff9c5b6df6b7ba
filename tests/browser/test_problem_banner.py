"""The preview's problem banner (mkdocs/problembanner.py) in a real browser, on the sample site's
pages as `mkdocs serve` would send them: first on the page, readable at 360 px, no axe
violations in either scheme, and a hostile line shown as text, never run."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from test_axe import axe_violations, describe

from browserkit import PAGES, SCHEMES
from newsdesk.core.model import Problem
from newsdesk.mkdocs.problembanner import ProblemBanner

PROBLEMS = [
    Problem("authors.yml", "file", "line 3 ('press-office: [') opens a list with '[' that is never closed"),
    Problem(
        "posts/2026/2026-03-02-reading-corners.md",
        "type",
        "unknown type '<img src=x onerror=\"window.hacked=1\">'; expected one of: blog, press-release",
    ),
]


@contextmanager
def with_banner(tab, path: str):
    """The page at `path` as the preview sends it while these problems are unfixed."""
    banner = ProblemBanner()
    assert banner.start(PROBLEMS, None, "docs")

    def add_banner(route):
        response = route.fetch()
        route.fulfill(response=response, body=banner.inject(response.text()))

    url = tab.base_url + path
    tab.page.route(url, add_banner)
    try:
        yield tab.open(path)
    finally:
        tab.page.unroute(url, add_banner)


@pytest.mark.parametrize("scheme", [*SCHEMES, "phone"])
@pytest.mark.parametrize("name", ["home", "blog-post", "404"])
def test_no_axe_violations_with_the_banner(tabs, axe_source, name, scheme):
    with with_banner(tabs(scheme), PAGES[name]) as page:
        assert page.locator(".nd-problems").is_visible()
        violations = axe_violations(page, axe_source)
        assert not violations, describe(violations)


@pytest.mark.parametrize("name", ["home", "blog-post", "404"])
def test_the_banner_comes_first_and_fits_a_phone(tabs, name):
    with with_banner(tabs("phone"), PAGES[name]) as page:
        alert = page.get_by_role("alert")
        assert alert.get_by_role("heading", name="2 problems to fix before the site can be built").is_visible()
        assert alert.locator("li").all_inner_texts() == [str(problem) for problem in PROBLEMS]
        box = alert.bounding_box()
        assert box["y"] <= 1 and box["width"] <= 360
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"the page scrolls sideways: {width}"
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.nd-problems li')).fontSize)") >= 16
        assert page.evaluate("window.hacked") is None and page.locator(".nd-problems img").count() == 0
