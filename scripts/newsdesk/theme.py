"""Corrections to markup that Material's base template writes outside any block we can override.

Loaded as a MkDocs hook (`hooks:` in mkdocs.yml), so it has no imports from this package. Each fix
names the Nu Html Checker error it removes; tests/test_theme.py keeps them honest, and
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


def on_post_page(output: str, *, page, config) -> str:
    return fix_markup(output)


def on_post_template(output_content: str, *, template_name: str, config) -> str:
    # 404.html is rendered as a theme template, not a page.
    return fix_markup(output_content) if template_name.endswith(".html") else output_content
