"""Working on a post's rendered HTML: its excerpt, and moving its relative URLs to another page."""
from __future__ import annotations

import posixpath
import re
from typing import Callable
from urllib.parse import urljoin, urlsplit

MORE = "<!-- more -->"
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'\s(?:id|aria-labelledby)="[^"]*"')
_URL_ATTR = re.compile(r'\b(href|src|srcset|poster)="([^"]*)"')


def excerpt(html: str) -> str:
    """What listings show of a post: everything before '<!-- more -->', or else its first paragraph.

    Ids and permalink anchors are dropped so a listing of many excerpts has no duplicate ids.
    """
    part = html.split(MORE, 1)[0] if MORE in html else (_FIRST_PARAGRAPH.search(html) or [""])[0]
    return _ID.sub("", _HEADERLINK.sub("", part)).strip()


def rewrite_urls(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to every URL in href, src, poster and each srcset candidate."""
    def attribute(match: re.Match) -> str:
        name, value = match.groups()
        if name == "srcset":
            parts = [candidate.strip().split(None, 1) for candidate in value.split(",") if candidate.strip()]
            value = ", ".join(" ".join([change(p[0]), *p[1:]]) for p in parts)
        else:
            value = change(value)
        return f'{name}="{value}"'
    return _URL_ATTR.sub(attribute, html)


def _is_relative(url: str) -> bool:
    split = urlsplit(url)
    return not (split.scheme or split.netloc or url.startswith("/") or url == "")


def rebase(html: str, from_url: str, to_url: str) -> str:
    """Relative URLs written for the page at `from_url` ('blog/2024/12/x/'), made right at `to_url`."""
    if from_url == to_url:
        return html
    base, here = "/" + from_url, "/" + posixpath.dirname(to_url.rstrip("/") + "/x")

    def change(url: str) -> str:
        if not _is_relative(url):
            return url
        target = urljoin(base, url)
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath(path, here) + ("/" if path.endswith("/") and path != "/" else "")
        return relative + (f"#{fragment}" if fragment else "")
    return rewrite_urls(html, change)


def absolutize(html: str, page_url: str, site_url: str) -> str:
    """Every URL absolute, for feeds: readers and RSS-to-email tools ignore xml:base."""
    base = urljoin(site_url.rstrip("/") + "/", page_url)
    return rewrite_urls(html, lambda url: url if urlsplit(url).scheme else urljoin(base, url))
