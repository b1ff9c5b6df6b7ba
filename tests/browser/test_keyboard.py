"""Keyboard: the skip link moves focus to the content, and every stop on the Tab route shows a
visible focus indicator that nothing covers (WCAG 2.4.1, 2.4.7, 2.4.11)."""

from __future__ import annotations

import re

import pytest

from browserkit import PAGES, SCHEMES

# What the focused element looks like: the focus style is an outline, or a box shadow (our links).
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    return {
        tag: el.tagName, text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40),
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), outlineColor: style.outlineColor,
        boxShadow: style.boxShadow, width: box.width, height: box.height,
        inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
        uncovered: !!top && (el === top || el.contains(top) || top.contains(el)),
    };
}"""


def visible_focus(state: dict) -> bool:
    outline = (
        state["outlineStyle"] != "none"
        and state["outlineWidth"] >= 2
        and "rgba(0, 0, 0, 0)" not in state["outlineColor"]
    )
    return outline or state["boxShadow"] not in ("none", "")


@pytest.mark.parametrize("name", PAGES)
def test_skip_link_moves_focus_to_content(tabs, name):
    page = tabs("light").open(PAGES[name])
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "() => [document.activeElement.classList.contains('nd-skip'), document.activeElement.getAttribute('href')]"
    )
    assert skip == [True, "#main-content"], "the first Tab stop is not the skip link"
    assert page.locator(".nd-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#main-content')"), (
        "Tab after the skip link leaves the content"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_every_focus_stop_is_visible(tabs, name, scheme):
    page = tabs(scheme).open(PAGES[name])
    seen, problems = 0, []
    for _ in range(150):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break  # focus left the page: the route is done
        seen += 1
        where = f"{state['tag']} '{state['text']}'"
        if not (state["width"] > 0 and state["height"] > 0 and state["inView"]):
            problems.append(f"{where}: focused but not on screen")
        elif not visible_focus(state):
            problems.append(
                f"{where}: no visible focus indicator ({state['outlineStyle']} {state['outlineWidth']}px, shadow {state['boxShadow']})"
            )
        elif not state["uncovered"]:
            problems.append(f"{where}: covered by another element")
    assert seen > 5, "the Tab route is suspiciously short"
    assert not problems, "\n".join(problems)


def test_single_key_shortcuts_are_off(tabs):
    """WCAG 2.1.4: Material's 's', 'f', '/', 'n' and 'p' shortcuts would fire on speech input."""
    page = tabs("light").open(PAGES["blog-listing"])
    for key in ("s", "f", "/", "n", "p", ".", ","):
        page.keyboard.press(key)
        page.wait_for_timeout(50)
        assert page.evaluate("document.activeElement === document.body"), f"'{key}' moved focus"
        assert page.url.endswith("/blog/"), f"'{key}' changed page"


def test_search_by_keyboard_reaches_every_filter_and_result(tabs):
    """Search with the keyboard alone: type, Tab through every filter and every result link."""
    page = tabs("light").open(PAGES["search"])
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "nd-search-q":
            break
    else:
        raise AssertionError("Tab never reached the search field")
    page.keyboard.type("schools", delay=20)
    page.locator(".nd-search__status").filter(has_text="results").wait_for(timeout=15000)
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "type"
    page.keyboard.press("ArrowDown")  # a filter changes with the keyboard, and the results follow
    page.locator(".nd-search__status").filter(has_text=" in Blog").wait_for(timeout=10000)
    page.keyboard.press("ArrowUp")
    page.locator(".nd-search__status").filter(has_text=re.compile(r"schools\u201d\.$")).wait_for(timeout=10000)
    links = page.locator(".nd-search__result a").evaluate_all("links => links.map(a => a.href)")
    wanted = {"select:type", "select:tag", "select:year", "select:sort", *(f"a:{href}" for href in links)}
    reached, problems = {"select:type"}, []  # reached above
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break
        key = page.evaluate(
            "() => { const el = document.activeElement; return el.tagName === 'SELECT' ? 'select:' + el.name : el.tagName === 'A' ? 'a:' + el.href : el.tagName; }"
        )
        reached.add(key)
        if key in wanted and not (visible_focus(state) and state["inView"] and state["uncovered"]):
            problems.append(f"{key}: focus not visible")
        if key == "BUTTON" and page.evaluate("document.activeElement.matches('[data-nd-search-more]')"):
            page.keyboard.press("Enter")  # show more: focus moves to the first new result
            page.wait_for_timeout(200)
            links = page.locator(".nd-search__result a").evaluate_all("links => links.map(a => a.href)")
            wanted |= {f"a:{href}" for href in links}
            reached.add("a:" + page.evaluate("document.activeElement.href"))
    assert not wanted - reached, f"never reached by Tab: {sorted(wanted - reached)}"
    assert not problems, "\n".join(problems)
