"""newsdesk.mkdocs.theme: the corrections to Material's markup, one row per case."""

from __future__ import annotations

import pytest

from newsdesk.mkdocs.theme import fix_markup

DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'


@pytest.mark.parametrize(
    "html, expected",
    [
        (DRAWER, '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
        (
            DRAWER + "\n" + DRAWER.replace("drawer", "search"),
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
        ),
        # A text field may carry autocomplete="off": left alone.
        (
            '<input type="text" class="md-search__input" autocomplete="off">',
            '<input type="text" class="md-search__input" autocomplete="off">',
        ),
        ('<p>autocomplete="off" in prose</p>', '<p>autocomplete="off" in prose</p>'),
    ],
)
def test_fix_markup(html, expected):
    assert fix_markup(html) == expected


def test_organisation_name_comes_from_config(tmp_path, monkeypatch):
    """extra.organisation names the site in the header's text logo, the footer and JSON-LD's publisher."""
    import json
    import re

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from sitekit import copy_sample

    monkeypatch.setenv("NEWSDESK_NOW", "2026-11-23T12:00")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = copy_sample(tmp_path)  # the build's cache goes beside the copy's mkdocs.yml, not into the repository
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.extra["organisation"] = "Northtown Education Service"
    build(config)
    html = (tmp_path / "site/blog/2026/03/reading-corners/index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="nd-logo__text">Northtown Education Service</span>', html)
    assert re.search(r'<p class="nd-footer__org">Northtown Education Service</p>', html)
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["publisher"]["name"] == "Northtown Education Service"
