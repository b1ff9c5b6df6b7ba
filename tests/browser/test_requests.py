"""Every request the browser makes goes to the local server, succeeds, and no script fails."""

from __future__ import annotations

import pytest

from browserkit import PAGES, SCHEMES


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_only_local_requests(tabs, name, scheme):
    tab = tabs(scheme)
    page = tab.open(PAGES[name])
    page.wait_for_timeout(200)  # let late requests (the search worker) start
    foreign = [url for url in tab.requests if not url.startswith(tab.base_url) and not url.startswith("data:")]
    assert not foreign, f"requests to other servers: {foreign}"
    assert not tab.failures, f"failed requests: {tab.failures}"
    assert not tab.errors, f"script errors: {tab.errors}"


def test_search_loads_only_local_files(tabs):
    tab = tabs("light")
    page = tab.open(PAGES["search"])
    page.locator("#nd-search-q").press_sequentially("attendance")
    page.locator(".nd-search__result").first.wait_for()
    assert any("/pagefind/" in url for url in tab.requests)
    foreign = [
        url for url in tab.requests if not url.startswith(tab.base_url) and not url.startswith(("data:", "blob:"))
    ]
    assert not foreign, f"requests to other servers: {foreign}"
    assert not tab.failures, f"failed requests: {tab.failures}"
    assert not tab.errors, f"script errors: {tab.errors}"


def test_built_files_name_no_other_server_for_assets(site_dir):
    """Belt and braces for pages the browser tests do not open: no remote src, stylesheet or font."""
    import re

    remote = re.compile(
        r"""(?:<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc|<link\b[^>]*\brel="(?:stylesheet|preconnect|preload|icon)"[^>]*\bhref)=["']?(?:https?:)?//""",
        re.I,
    )
    css_remote = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)
    found = []
    for path in site_dir.rglob("*"):
        if path.suffix == ".html" and remote.search(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(site_dir)))
        elif path.suffix == ".css" and css_remote.search(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(site_dir)))
    assert not found, f"files that load something from another server: {found}"
