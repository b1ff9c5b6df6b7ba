"""Posts in the search index: one short entry each instead of every section's full text.

Material's search plugin indexes a page section by section, with all of its text; for a thousand
posts that is over 600 KB that a reader downloads before the first search. Posts are left out of
it and get one entry here: title, tags and the summary (or first paragraph), so a search finds a
post by what it is about, and the index stays under a quarter of a kilobyte (gzip) per post.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from html import escape

from .html import plain_text, shorten
from .model import Post

INDEX_PATH = "search/search_index.json"
TEXT_LIMIT = 300  # characters of summary or first paragraph per post


def post_entry(post: Post, tag_names: Mapping[str, str], excerpt_html: str) -> dict:
    """What the search index holds for a post; Material shows `title`, `text` and `tags` as HTML."""
    text = shorten(post.summary or plain_text(excerpt_html) or post.title, TEXT_LIMIT)
    entry = {"location": post.url, "title": escape(post.title, quote=False), "text": f"<p>{escape(text, quote=False)}</p>"}
    if post.tags:
        entry["tags"] = [escape(tag_names.get(tag.slug, tag.name), quote=False) for tag in post.tags]  # shown as HTML too
    return entry


def add_posts(index_json: str, entries: Iterable[dict]) -> str:
    """The index Material wrote, with the posts' entries after its own, written as compactly."""
    index = json.loads(index_json)
    index["docs"] = [*index.get("docs", []), *entries]
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)
