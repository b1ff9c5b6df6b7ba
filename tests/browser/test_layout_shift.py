"""A post with a picture does not jump while the picture loads: its width and height reserve the
space. Measured as Chrome's CumulativeLayoutShift, with the network slowed so the picture arrives
after the text has been laid out."""

from __future__ import annotations

import re
import time

import pytest

from browserkit import PAGES

# Shifts of the post itself: an entry whose moved nodes are inside the article. (The header has
# been seen to move once by 16 px as Material's script starts, with or without pictures; that is
# not what this test is about.)
MEASURE = """
window.__shift = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        const inPost = entry.sources.some((s) => s.node && s.node.closest && s.node.closest('.nd-post'));
        if (!entry.hadRecentInput && inPost) window.__shift += entry.value;
    }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 360, "height": 740}], ids=["desktop", "phone"]
)
def test_no_layout_shift_on_a_post_with_a_picture(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.add_init_script(MEASURE)
        # A slow network: the pictures arrive well after the text is on screen. (Blocking here
        # holds back only the pictures' requests; the browser goes on laying out the page.)
        page.route(re.compile(r".*\.(webp|png|jpe?g|gif)$"), lambda route: (time.sleep(0.6), route.continue_()))
        page.goto(base_url + PAGES["blog-post"], wait_until="load")
        pictures = page.evaluate("""() => [...document.querySelectorAll('.nd-post img')].map(img =>
            ({src: img.currentSrc, done: img.complete && img.naturalWidth > 0, sized: img.hasAttribute('width') && img.hasAttribute('height')}))""")
        assert pictures and all(p["done"] and p["sized"] for p in pictures), pictures
        assert any(".webp" in p["src"] or "-" in p["src"].rsplit("/", 1)[-1] for p in pictures), pictures  # a rendition
        assert page.evaluate("window.__shift") == 0
    finally:
        context.close()
