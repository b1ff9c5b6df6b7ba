"""Corrections to markup that Material's base template writes outside any block we can override.

The plugin applies it to every page and to 404.html. Each fix names the Nu Html Checker error it removes; tests/test_theme.py keeps them honest, and
tests/browser/ checks the built site with the checker itself.
"""

from __future__ import annotations

import re

# "Attribute 'autocomplete' is only allowed when the input type is ...": Material puts
# autocomplete="off" on its two hidden checkboxes (drawer and search toggles). The attribute is not
# allowed on checkboxes, so it goes; the toggles work the same without it.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?type="checkbox"[^>]*?)\s+autocomplete="off"')


def fix_markup(html: str) -> str:
    """The page's HTML with Material's invalid attributes removed; anything else is left alone."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
