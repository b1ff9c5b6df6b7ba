"""Search (/search/, Pagefind): the full text of published posts and docs pages, filters with counts,
newest-first order, no drafts, nothing loaded until a reader searches, and the header's box."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from browserkit import PAGES, ROOT
from sitekit import SAMPLE_POSTS

SEARCH = PAGES["search"]
DEEP_WORD = "fines"  # only in posts/2025/2025-10-14-every-day-counts.md, in a list far into its body
DEEP_POST = "blog/2025/10/every-day-counts/"
DRAFT_WORD = "budget"  # only in the draft posts/2026/2026-11-02-draft-budget-letter.md
SCHEDULED_WORD = "morning"  # only in posts/2027/2027-09-01-welcome-back-2027.md, not published on NOW
COMMON_WORD = "schools"


def sources_with(word: str) -> list[str]:
    files = [*SAMPLE_POSTS.rglob("*.md"), *(ROOT / "docs").rglob("*.md")]
    return sorted(path.name for path in files if re.search(rf"\b{word}\b", path.read_text(encoding="utf-8"), re.I))


@pytest.mark.parametrize(
    "word, only",
    [
        (DEEP_WORD, ["2025-10-14-every-day-counts.md"]),
        (DRAFT_WORD, ["2026-11-02-draft-budget-letter.md"]),  # its title and summary too: never indexed
        (SCHEDULED_WORD, ["2027-09-01-welcome-back-2027.md"]),
    ],
)
def test_the_test_words_are_where_the_tests_say(word, only):
    assert sources_with(word) == only, f"pick another word for these tests: '{word}' is in {sources_with(word)}"


def search(tab, words: str, **filters: str):
    """Open the search page, type `words` as a reader would, and wait for the count to be announced."""
    page = tab.open(SEARCH)
    for name, value in filters.items():
        page.locator(f"select[name={name}]").select_option(value)
    page.locator("#nd-search-q").press_sequentially(words, delay=20)
    expect(page.locator("[data-nd-search-status]")).to_contain_text(words, timeout=15000)
    return page


def result_urls(page) -> list[str]:
    return page.locator(".nd-search__result a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")


def count_announced(page) -> int:
    text = page.locator("[data-nd-search-status]").inner_text()
    return 0 if text.startswith("No results") else int(re.match(r"(\d+) results?", text).group(1))


def show_all(page) -> None:
    more = page.locator("[data-nd-search-more]")
    while more.is_visible():
        more.click()
        page.wait_for_timeout(100)


def test_a_word_deep_in_a_post_finds_it(tabs):
    page = search(tabs("light"), DEEP_WORD)
    assert result_urls(page) == ["/" + DEEP_POST]
    expect(page.locator("[data-nd-search-status]")).to_have_text(f"1 result for \u201c{DEEP_WORD}\u201d.")
    result = page.locator(".nd-search__result").first
    assert result.locator("a").inner_text() == "Every day counts"
    assert result.locator(".nd-search__meta").inner_text() == "Blog post · 14 October 2025"
    assert (
        result.locator(".nd-search__excerpt mark").first.inner_text().lower().startswith(DEEP_WORD)
    )  # Pagefind marks "fines;"
    result.locator("a").click()
    page.wait_for_url(f"**/{DEEP_POST}")


def test_words_from_the_body_find_the_post(tabs):
    page = search(tabs("light"), "breakfast clubs")
    show_all(page)
    assert "/blog/2025/10/every-day-counts/" in result_urls(page)


def test_the_byline_is_not_searched(tabs):
    """The director signs every blog post: her name would find them all, and lead their excerpts."""
    page = search(tabs("light"), "Okafor")
    assert result_urls(page) == []


def furniture(site_dir, url: str) -> tuple[str, str]:
    """A post's byline and its tags as the page shows them: the words that must not lead an excerpt."""
    html = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
    byline = re.search(r'<div class="nd-author"><dt>By</dt><dd>(.*?)</dd>', html).group(1)
    tags = re.findall(r'<a data-pagefind-filter="tag" href="[^"]*">(.*?)</a>', html)
    return byline.replace("&amp;", "&"), ". ".join(tags)


@pytest.mark.parametrize("words", [COMMON_WORD, "attendance", "careers"])
def test_excerpts_show_the_post_not_its_byline_or_tags(tabs, site_dir, words):
    """The issue's complaint: excerpts began "Dr Ruth Okafor, Director of ... Attendance. Inclusion."."""
    page = search(tabs("light"), words)
    show_all(page)
    results = page.locator(".nd-search__result")
    assert results.count() >= 1
    checked = 0
    for index in range(results.count()):
        result = results.nth(index)
        url = result.locator("a").evaluate("a => new URL(a.href).pathname")
        if not re.match(r"^/(blog|news)/\d{4}/", url):
            continue  # a docs page has no byline
        byline, tags = furniture(site_dir, url)
        excerpt = result.locator(".nd-search__excerpt").inner_text()
        name = byline.split(",")[0]
        assert not excerpt.startswith(name), f"{url}: the excerpt starts with the byline: {excerpt!r}"
        assert byline not in excerpt, f"{url}: the excerpt shows the byline: {excerpt!r}"
        if tags.count(". ") >= 1:
            assert tags not in excerpt, f"{url}: the excerpt shows the tags: {excerpt!r}"
        assert result.locator(".nd-search__excerpt mark").count(), f"{url}: no words found in the excerpt: {excerpt!r}"
        checked += 1
    assert checked >= 1


def test_docs_pages_are_searched_too(tabs):
    page = search(tabs("light"), "cookies")
    assert "/privacy/" in result_urls(page)
    assert page.locator(".nd-search__result .nd-search__meta").first.inner_text() == "Page"


@pytest.mark.parametrize("word", [DRAFT_WORD, SCHEDULED_WORD])
def test_drafts_and_scheduled_posts_are_not_found(tabs, word):
    page = search(tabs("light"), word)
    assert result_urls(page) == []
    assert page.locator("[data-nd-search-status]").inner_text().startswith("No results")


def open_filters(page) -> None:
    """Move focus into the filters: their counts load then (a reader who never filters skips them)."""
    page.locator("select[name=type]").focus()
    page.wait_for_function(
        "() => /\\(\\d+\\)$/.test(document.querySelector('select[name=type] option').text)", timeout=10000
    )


def option_counts(page, name: str) -> dict[str, int]:
    texts = page.locator(f"select[name={name}] option").evaluate_all("os => os.map(o => [o.value, o.text])")
    return {value: int(re.search(r"\((\d+)\)$", text).group(1)) for value, text in texts}


@pytest.mark.parametrize("name", ["type", "tag", "year"])
def test_each_filter_narrows_the_results_to_its_count(tabs, name):
    page = search(tabs("light"), COMMON_WORD)
    total = count_announced(page)
    open_filters(page)
    counts = option_counts(page, name)
    assert counts[""] == total
    chosen = [value for value, count in counts.items() if value and 0 < count < total]
    assert chosen, f"no {name} narrows '{COMMON_WORD}': {counts}"
    for value in chosen[:3]:
        page.locator(f"select[name={name}]").select_option(value)
        expect(page.locator("[data-nd-search-status]")).to_contain_text(f" in {value}.", timeout=10000)
        assert count_announced(page) == counts[value]
        show_all(page)
        assert len(result_urls(page)) == counts[value]
        assert page.url.endswith(f"{name}={value.replace(' ', '+')}") or f"{name}=" in page.url
        if name == "type":
            prefix = "/blog/" if value == "Blog" else "/news/"
            assert all(url.startswith(prefix) for url in result_urls(page))
        if name == "year":
            assert all(f"/{value}/" in url for url in result_urls(page))
        page.locator(f"select[name={name}]").select_option("")
        expect(page.locator("[data-nd-search-status]")).not_to_contain_text(" in ", timeout=10000)


def test_newest_first_orders_by_date(tabs):
    page = search(tabs("light"), COMMON_WORD)
    page.locator("select[name=sort]").select_option("newest")
    page.wait_for_function("() => location.search.includes('sort=newest')")
    page.wait_for_timeout(300)
    show_all(page)
    metas = page.locator(".nd-search__result .nd-search__meta").all_inner_texts()
    dated = [datetime.strptime(meta.split(" · ")[1], "%d %B %Y") for meta in metas if " · " in meta]
    assert len(dated) >= 5
    assert dated == sorted(dated, reverse=True)
    undated = [i for i, meta in enumerate(metas) if " · " not in meta]
    assert all(i >= len(dated) for i in undated), "docs pages come after every dated post"


def test_the_address_fills_the_page_and_can_be_bookmarked(tabs):
    tab = tabs("light")
    page = tab.open(SEARCH + "?q=" + DEEP_WORD + "&type=Blog")
    expect(page.locator("[data-nd-search-status]")).to_have_text(
        f"1 result for \u201c{DEEP_WORD}\u201d in Blog.", timeout=15000
    )
    assert page.locator("#nd-search-q").input_value() == DEEP_WORD
    assert page.locator("select[name=type]").input_value() == "Blog"


def test_the_header_box_leads_to_the_search_page(tabs):
    page = tabs("light").open(PAGES["home"])
    page.locator("#nd-header-q").fill(DEEP_WORD)
    page.locator("#nd-header-q").press("Enter")
    page.wait_for_url(f"**/{SEARCH}?q={DEEP_WORD}")
    expect(page.locator(".nd-search__result a")).to_have_text("Every day counts", timeout=15000)


def test_nothing_loads_until_a_reader_searches(tabs):
    tab = tabs("light")
    page = tab.open(PAGES["blog-post"])
    page.wait_for_timeout(300)
    assert not [url for url in tab.requests if "/pagefind/" in url], "a page that does not search loaded the index"
    page = tab.open(SEARCH)
    page.wait_for_timeout(500)
    assert not [url for url in tab.requests if "/pagefind/" in url], "the search page loaded the index before a search"
    with page.expect_request("**/pagefind/pagefind.js", timeout=5000):
        page.locator("#nd-search-q").press_sequentially("school", delay=20)
    expect(page.locator("[data-nd-search-status]")).to_contain_text("school", timeout=15000)
    assert not [url for url in tab.requests if "/pagefind/filter/" in url], (
        "filter counts loaded before the reader went near the filters"
    )
    with page.expect_request("**/pagefind/filter/*", timeout=5000):
        open_filters(page)


def test_the_count_is_announced_politely_once_typing_pauses(tabs):
    page = tabs("light").open(SEARCH)
    status = page.locator("[data-nd-search-status]")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    page.locator("#nd-search-q").press_sequentially("scho", delay=20)
    page.wait_for_timeout(100)
    assert status.inner_text() == "", "announced while the reader was still typing"
    expect(status).to_have_text(re.compile(r"^\d+ results? for \u201cscho\u201d\.$"), timeout=15000)


def test_results_are_a_list_of_links_with_marked_words(tabs):
    page = search(tabs("light"), COMMON_WORD)
    assert page.locator("ol.nd-search__results > li.nd-search__result").count() >= 5
    assert (
        page.locator("ol.nd-search__results > li h2 > a[href]").count()
        == page.locator("ol.nd-search__results > li").count()
    )
    assert page.locator(".nd-search__excerpt mark").count() >= 5


def test_excerpts_show_text_not_markup(tabs):
    """A post's text is never turned back into markup: only <mark> comes through."""
    page = search(tabs("light"), COMMON_WORD)
    tags = page.locator(".nd-search__excerpt *").evaluate_all("els => [...new Set(els.map(e => e.tagName))]")
    assert tags == ["MARK"]


def test_a_site_under_a_path_links_its_results_there(browser, site_dir):
    """A site published at https://example.org/schools/: the page and the index work under /schools/."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class UnderPath(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            return (
                super().translate_path("/" + path.removeprefix("/schools/"))
                if path.startswith("/schools/")
                else "/nonexistent"
            )

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(UnderPath, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/schools/search/?q={DEEP_WORD}", wait_until="networkidle")
        link = page.locator(".nd-search__result a").first
        link.wait_for(timeout=15000)
        assert link.evaluate("a => new URL(a.href).pathname") == "/schools/" + DEEP_POST
        link.click()
        page.wait_for_url(f"**/schools/{DEEP_POST}")
        assert page.locator(".nd-post h1").inner_text() == "Every day counts"
    finally:
        context.close()
        server.shutdown()
        server.server_close()
