"""newsdesk.theme: the corrections to Material's markup, one row per case."""
from __future__ import annotations

import pytest

from newsdesk.theme import fix_markup

DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'


@pytest.mark.parametrize("html, expected", [
    (DRAWER, '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    (DRAWER + "\n" + DRAWER.replace("drawer", "search"),
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
    # A text field may carry autocomplete="off": left alone.
    ('<input type="text" class="md-search__input" autocomplete="off">', '<input type="text" class="md-search__input" autocomplete="off">'),
    ("<p>autocomplete=\"off\" in prose</p>", "<p>autocomplete=\"off\" in prose</p>"),
])
def test_fix_markup(html, expected):
    assert fix_markup(html) == expected
