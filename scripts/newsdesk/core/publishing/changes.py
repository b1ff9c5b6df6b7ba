"""What each generated page and feed shows, as a digest, so a preview rebuilds only what an edit changed.

Under `mkdocs serve --dirty` the plugin compares these digests with the previous build's: a post's
page is rebuilt when the post or another post it shows (a neighbour, a related post, more on
the topic) changes, a listing when any post it lists
changes, a feed when any post in it does. Anything every page shows (the configuration, the theme,
docs pages, any page's address, tag names) goes into the site digest, and a change there rebuilds
everything. Posts, listings and feeds are digested from their data itself; docs pages and theme
files by their sizes and modification times, which any edit changes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from ..model import Post
from ..pages.listings import ListingPage, Site


def digest(*parts: object) -> bytes:
    """A digest of plain data (dataclasses, tuples, strings, dates): its repr is deterministic."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


def tree_state(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Every file under `folder` with its size and modification time: what a theme folder holds."""
    if folder is None or not folder.is_dir():
        return ()
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            stat = os.stat(os.path.join(root, name))
            found.append((os.path.relpath(os.path.join(root, name), folder), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def site_digest(
    config_text: bytes,
    theme: tuple[object, ...],
    docs: Iterable[tuple[object, ...]],
    urls: Mapping[str, str],
    site: Site,
    extra: object = (),
) -> bytes:
    """What every page may show: configuration, theme, docs pages, every address, tags and years."""
    return digest(
        config_text,
        theme,
        tuple(sorted(docs)),
        tuple(sorted(urls.items())),
        site.tag_names,
        site.tags,
        site.years,
        extra,
    )


def post_digests(posts: Iterable[Post], known: dict[str, tuple[Post, bytes]] | None = None) -> dict[str, bytes]:
    """Each post's digest, by post.source: everything it is, body included.

    `known` (post.source -> (post, digest)), kept by `mkdocs serve`, spares hashing again a post
    equal to the one hashed before. Posts are frozen, and a post not read again shares its fields'
    objects with the one before, so the comparison is quick.
    """
    known = {} if known is None else known
    digests = {}
    for post in posts:
        entry = known.get(post.source)
        if entry is None or entry[0] != post:
            entry = known[post.source] = (post, digest(post))
        digests[post.source] = entry[1]
    return digests


def page_digests(
    site: Site, listings: Mapping[str, ListingPage], site_key: bytes, posts: Mapping[str, bytes]
) -> dict[str, bytes]:
    """A digest for each post's page and each listing page, by src_uri; `posts` is post_digests()."""
    keys, by_rel = {}, site.by_rel
    for post in site.posts:
        older, newer = site.neighbours.get(post.source, (None, None))
        shown = [older, newer, *site.more.get(post.source, ())]  # posts whose titles the page shows
        related = [by_rel.get(item.post) for item in post.related if item.post]
        keys[post.src_uri] = digest(
            site_key, posts[post.source], *(posts[p.source] if p else None for p in shown + related)
        )
    for src_uri, listing in listings.items():
        keys[src_uri] = digest(site_key, replace(listing, posts=()), tuple(posts[p.source] for p in listing.posts))
    return keys


def home_digest(site: Site, site_key: bytes, posts: Mapping[str, bytes]) -> bytes:
    """The home page's: the latest posts of each type it shows."""
    return digest(site_key, *(posts[p.source] for latest in site.latest.values() for p in latest))
