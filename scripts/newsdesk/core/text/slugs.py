"""Slugs are identities: two names that make the same slug are the same thing (tag, post URL)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from slugify import slugify as _transliterate  # python-slugify, with text-unidecode

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@lru_cache(maxsize=8192)  # a site's few dozen tags are slugged again for every post that has them
def slugify(text: str) -> str:
    """'Early Years & SEND' -> 'early-years-send'. Every script is spelt in ASCII letters, so a
    title or tag in any language makes an address ('Café' -> 'cafe', 'تعلیم' -> 'tlym',
    'Straße' -> 'strasse'); only text without letters or digits (emoji alone) gives ''."""
    return _transliterate(text)


def slug_from_filename(stem: str) -> str:
    """'2024-12-19-end-of-term' -> 'end-of-term': the date prefix is for sorting files, not URLs."""
    return slugify(_DATE_PREFIX.sub("", stem))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A ' did you mean ...?' hint for a near miss, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return f"; did you mean '{close[0]}'?" if close else ""
