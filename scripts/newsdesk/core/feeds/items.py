"""What a feed item carries of a post: its full text with the picture first and the closing
parts after the body, a plain-text summary that is never empty, and its picture as an enclosure."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath

from ..model import Post
from ..pages.parts import relative
from ..reading.links import resolve
from ..text.html import excerpt, plain_text, strip_comments

IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Enclosure:
    url: str  # from the site root
    type: str
    length: int  # bytes


def enclosure_for(post: Post) -> Enclosure | None:
    """The post's image as an enclosure: readers show it beside the item. Reads the file's size."""
    if not post.image:
        return None
    path, src = post.path.parent / post.image, f"posts/{resolve(post.rel, post.image)}"
    suffix = PurePosixPath(src).suffix.lower()
    return Enclosure(src, IMAGE_TYPES.get(suffix, "application/octet-stream"), path.stat().st_size)


@dataclass(frozen=True)
class ItemText:
    """What a feed item carries of a post, made once per post however many feeds show it."""

    html: str  # the post as full_html makes it
    summary: str  # plain text: RSS <description>, Atom <summary>


def item_text(post: Post, body_html: str, closing: str = "", excerpt_html: str | None = None) -> ItemText:
    """The post's feed text; `closing` is parts.closing_html(for_feed=True), `excerpt_html` its
    excerpt when the caller has it already."""
    html = full_html(post, body_html, closing)
    return ItemText(html, description(post, html, excerpt(body_html) if excerpt_html is None else excerpt_html))


def full_html(post: Post, body_html: str, closing: str = "") -> str:
    """The post as a feed carries it: its picture first (RSS-to-email services drop enclosures),
    the body without comments such as <!-- more -->, then what its page shows after the body."""
    parts = []
    if post.image_leads:
        parts.append(
            f'<p><img src="{escape(relative(post.image_src or "", post.url))}" alt="{escape(post.image_alt or "")}"></p>'
        )
    parts.append(strip_comments(body_html))
    if closing:
        parts.append(closing)
    return "\n".join(parts)


def description(post: Post, html: str, excerpt_html: str, words: int = 60) -> str:
    """The item's description, as plain text and never empty (feedgen would move the content into
    it): the summary, else the excerpt, else the post's first words, else its title."""
    if post.summary:
        return post.summary
    if text := plain_text(excerpt_html):
        return text
    first = plain_text(html).split()
    return " ".join(first[:words]) + (" …" if len(first) > words else "") if first else post.title
