"""Pictures in a post's HTML made responsive: each <img> of a picture the build resized gets its
renditions (srcset, sizes), its size (width, height: the page does not jump as it loads) and lazy
loading; a feed gets one rendition instead."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping

from markupsafe import escape

from ..pages.parts import relative
from .images import SIZES, Picture, Rendition

_IMG = re.compile(r"""<img\b(?:"[^"]*"|'[^']*'|[^'">])*>""", re.I)
_SRC = re.compile(r"""\ssrc\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)
_REPLACED = re.compile(
    r"""\s(?:src|srcset|sizes|width|height|loading|decoding)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)""", re.I
)
_CHOSEN = re.compile(r"""\s(?:srcset|width|height)\s*=""", re.I)  # the writer's own sources or size


def attributes(picture: Picture, page_url: str, lazy: bool) -> str:
    """The attributes an <img> of `picture` gets on the page at `page_url`."""
    src = picture.src
    parts = [f'src="{escape(relative(src.path, page_url))}"']
    if len(picture.renditions) > 1:
        srcset = picture.srcset(lambda path: relative(path, page_url))
        parts += [f'srcset="{escape(srcset)}"', f'sizes="{SIZES}"']
    parts += [f'width="{src.width}"', f'height="{src.height}"']
    if lazy:
        parts.append('loading="lazy"')
    parts.append('decoding="async"')
    return " ".join(parts)


def _rewrite(html: str, page_url: str, pictures: Mapping[str, Picture], make: Callable[[Picture, int], str]) -> str:
    count = 0

    def tag(match: re.Match[str]) -> str:
        nonlocal count
        text: str = match.group(0)
        found = _SRC.search(text)
        if not found:
            return text
        url = found.group(1).strip("\"'")
        if "://" in url or url.startswith(("/", "data:")):
            return text
        picture = pictures.get(posixpath.normpath(posixpath.join(page_url, url.split("#")[0].split("?")[0])))
        if picture is None or _CHOSEN.search(text):  # not ours, or the writer chose its sources or size already
            count += 1
            return text
        count += 1
        rest = _REPLACED.sub("", text[4:])
        end = rest.rstrip("/> \t\n")
        return f"<img {make(picture, count)}{end if end.startswith(' ') or not end else ' ' + end} />"

    return _IMG.sub(tag, html) if "<img" in html else html


def responsive(html: str, page_url: str, pictures: Mapping[str, Picture], first_is_eager: bool) -> str:
    """Each <img> of a known picture with renditions, size and lazy loading. `pictures` maps the
    original's site path ('posts/2025/images/a.jpg') to its picture. The first image loads at
    once when `first_is_eager` (nothing above it on the page); every other one when it comes near."""
    return _rewrite(
        html, page_url, pictures, lambda picture, n: attributes(picture, page_url, lazy=not (first_is_eager and n == 1))
    )


def for_feed(html: str, page_url: str, pictures: Mapping[str, Picture]) -> str:
    """Each <img> of a known picture pointing at its one feed rendition, with its size: feed
    readers and email tools ignore srcset and lazy loading."""

    def single(picture: Picture, n: int) -> str:
        feed: Rendition = picture.feed
        return f'src="{escape(relative(feed.path, page_url))}" width="{feed.width}" height="{feed.height}"'

    return _rewrite(html, page_url, pictures, single)
