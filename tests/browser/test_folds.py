"""What a reader sees first on a phone (360 x 780): the header's search and the menu fold behind two
buttons, so a post's headline starts within the first 150 px; both buttons open by keyboard, with
JavaScript and without it, show their focus, and tell screen readers whether they are open. On a
wide screen nothing is folded."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from test_axe import axe_violations, describe
from test_keyboard import FOCUS_STATE, visible_focus
from test_reflow import OVERFLOW

from browserkit import PAGES

PHONE = {"width": 360, "height": 780}
HEADLINE_TOP = 150  # px from the top of the page to the top of the headline
SEARCH, MENU = ".nd-fold--search > summary", ".nd-fold--menu > summary"


@dataclass
class Phone:
    page: object
    base_url: str
    javascript: bool

    def open(self, path: str):
        self.page.goto(self.base_url + path, wait_until="networkidle")
        return self.page


@pytest.fixture(scope="module", params=[True, False], ids=["js", "nojs"])
def phone(request, browser, base_url):
    """A phone's page, with JavaScript and without it."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=request.param)
    yield Phone(context.new_page(), base_url, request.param)
    context.close()


def expanded(page, name: str) -> bool | None:
    """Whether the browser tells assistive technology that the button `name` is open."""
    session = page.context.new_cdp_session(page)
    try:
        for node in session.send("Accessibility.getFullAXTree")["nodes"]:
            if node.get("name", {}).get("value") == name and node["role"]["value"] in ("DisclosureTriangle", "button"):
                states = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
                return states.get("expanded")
    finally:
        session.detach()
    return None


def tab_to(page, selector: str, limit: int = 10) -> None:
    """Press Tab, as a keyboard user does, until `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            state = page.evaluate(FOCUS_STATE)
            assert visible_focus(state) and state["uncovered"], f"{selector}: focus is not visible: {state}"
            return
    raise AssertionError(f"{limit} presses of Tab did not reach {selector}")


@pytest.mark.parametrize(
    "name", ["blog-post", "press-release", "press-release-updated", "home", "blog-listing", "tag-page", "search"]
)
def test_the_headline_starts_near_the_top(phone, name):
    page = phone.open(PAGES[name])
    top = page.locator("#main-content h1").first.bounding_box()["y"]
    assert top <= HEADLINE_TOP, f"the headline starts {top:.0f} px down a 360 px phone"
    assert not page.locator(".nd-nav__link").first.is_visible(), "the menu is folded at first"
    if name != "search":
        assert not page.locator("#nd-header-q").is_visible(), "the search box is folded at first"
        expect(page.locator(SEARCH)).to_be_visible()
    expect(page.locator(MENU)).to_be_visible()


def test_search_opens_by_keyboard_and_searches(phone):
    page = phone.open(PAGES["blog-post"])
    assert expanded(page, "Search") is False
    tab_to(page, SEARCH)
    page.keyboard.press("Enter")
    expect(page.locator("#nd-header-q")).to_be_visible()
    assert expanded(page, "Search") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "nd-header-q"
    page.keyboard.type("fines", delay=20)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=fines")
    if phone.javascript:
        expect(page.locator(".nd-search__result a").first).to_have_text("Every day counts", timeout=15000)
    else:
        expect(page.locator("[data-nd-search-nojs]")).to_contain_text("Search needs JavaScript")


def test_the_menu_opens_by_keyboard_and_leads_to_a_section(phone):
    page = phone.open(PAGES["blog-post"])
    assert expanded(page, "Menu") is False
    tab_to(page, MENU)
    page.keyboard.press(" ")
    links = page.locator(".nd-nav__link")
    assert links.count() >= 5 and all(links.nth(i).is_visible() for i in range(links.count()))
    assert expanded(page, "Menu") is True
    tab_to(page, ".nd-nav__link[href$='news/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/")
    assert page.locator("#main-content h1").first.inner_text() == "News"
    assert not page.locator(".nd-nav__link").first.is_visible(), "a new page starts with the menu folded"


def test_a_button_closes_its_fold_again(phone):
    page = phone.open(PAGES["blog-post"])
    tab_to(page, MENU)
    page.keyboard.press("Enter")
    expect(page.locator(".nd-nav__link").first).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".nd-nav__link").first).to_be_hidden()
    assert expanded(page, "Menu") is False


def test_escape_closes_a_fold_when_javascript_runs(tabs):
    """Without JavaScript the button closes it (above)."""
    page = tabs("phone").open(PAGES["blog-post"])
    tab_to(page, SEARCH)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(page.locator("#nd-header-q")).to_be_hidden()
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", SEARCH)


def test_open_folds_fit_the_phone_and_pass_axe(phone, axe_source):
    page = phone.open(PAGES["press-release"])
    page.locator(SEARCH).click()
    page.locator(MENU).click()
    expect(page.locator("#nd-header-q")).to_be_visible()
    expect(page.locator(".nd-nav__link").first).to_be_visible()
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["width"] and not result["wide"], result
    if phone.javascript:  # axe is a script
        violations = axe_violations(page, axe_source)
        assert not violations, describe(violations)


def test_nothing_is_folded_on_a_wide_screen(tabs):
    for kind in ("light", "nojs"):
        page = tabs(kind).open(PAGES["blog-post"])
        assert not page.locator(SEARCH).is_visible() and not page.locator(MENU).is_visible()
        expect(page.locator("#nd-header-q")).to_be_visible()
        links = page.locator(".nd-nav__link")
        assert all(links.nth(i).is_visible() for i in range(links.count()))
