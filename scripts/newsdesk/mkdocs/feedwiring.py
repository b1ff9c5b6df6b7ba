"""The site's feeds and OPML file as MkDocs files: what each feed item carries, taken from the
posts' pages as MkDocs converts them, and each feed's bytes, made by core/feeds/feeds.py.

Apart from plugin.py because it is one job with its own state, some of it kept across `mkdocs serve`
rebuilds: under --dirty, a post MkDocs does not convert again keeps the body it had, and a feed whose
digest has not changed keeps its bytes.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..core.feeds.feeds import Channel, FeedSpec, build_feed, feed_specs, render, select_all
from ..core.feeds.items import Enclosure, ItemText, enclosure_for, item_text
from ..core.feeds.opml import OPML_PATH, opml
from ..core.model import Post
from ..core.pages.listings import Site
from ..core.pages.parts import Link, closing_html
from ..core.pictures.imagehtml import for_feed
from ..core.publishing.changes import digest
from .pictures import Pictures


class Feeds:
    """One plugin's feeds: set up by `start` each build, filled in as pages are converted."""

    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (a build uses each once).
        self.bodies: dict[str, str] = {}  # post.source -> its body's HTML as converted
        self.contents: dict[str, ItemText] = {}  # post.source -> what its feed items carry
        self.made: dict[str, tuple[bytes, bytes]] = {}  # feed path -> (digest, the feed)

    def start(self, config: MkDocsConfig, types, site: Site, *, logo: str | None, limit: int, serving: bool) -> None:
        """A new build: which feeds there are and the posts each carries."""
        self.specs: list[FeedSpec] = feed_specs(config.site_name, types, site.tags)
        self.channel = Channel(
            site_url=config.site_url, logo=logo, copyright=config.copyright, limit=limit, tag_names=site.tag_names
        )
        self.posts = select_all(self.specs, site.posts, self.channel.limit)
        self.carried = {post.source for posts in self.posts.values() for post in posts}  # in this build's feeds
        self.serving = serving
        self.outputs: dict[str, File] = {}  # feeds and OPML, filled in on_env once every post is rendered

    def files(self, config: MkDocsConfig) -> list[File]:
        """The feeds and the OPML file, empty until on_env fills them in (`prepare`, `finish`)."""
        self.outputs = {
            path: File.generated(config, path, content=b"") for path in [s.path for s in self.specs] + [OPML_PATH]
        }
        return list(self.outputs.values())

    def keep_body(self, post: Post, html: str) -> None:
        """The post's body as converted, before the page's own changes to it, if a feed carries it.
        `serve` keeps every post's: an edit may bring a post MkDocs does not convert again into a feed."""
        if self.serving or post.source in self.carried:
            self.bodies[post.source] = html

    def add_item(
        self,
        post: Post,
        notes: str,
        related: list[Link],
        formats_email: str | None,
        excerpt: str | None,
        picture_paths: dict,
    ) -> None:
        """What the post's feed items carry: its body, its closing and one rendition of each picture."""
        if post.source in self.bodies and post.source in self.carried:
            closing = closing_html(post, notes, related=related, formats_email=formats_email, for_feed=True)
            text = item_text(post, self.bodies[post.source], closing, excerpt)
            self.contents[post.source] = replace(text, html=for_feed(text.html, post.url, picture_paths))

    def prepare(self, site_name: str, posts: list[Post], pictures: Pictures, changes: tuple | None) -> None:
        """The OPML file, and `jobs`: each feed that must be made again, as a job giving (its digest,
        its bytes). Under `serve`, `changes` is (site digest, posts' digests) and only a feed whose
        digest changed is made again; the others get the bytes they had."""
        enclosures = {post.source: image for post in posts if (image := self._enclosure(post, pictures))}
        self.jobs = {}
        for spec in self.specs:
            chosen = self.posts[spec.path]
            key = (
                digest(
                    changes[0], spec, self.channel, *((changes[1][p.source], enclosures.get(p.source)) for p in chosen)
                )
                if changes
                else b""
            )
            known = self.made.get(spec.path) if changes else None
            if known and known[0] == key:
                self.outputs[spec.path].content_bytes = known[1]
            else:
                self.jobs[spec.path] = partial(self._feed, spec, chosen, enclosures, key)
        type_feeds = [spec for spec in self.specs if spec.type_key and spec.kind == "rss"]
        self.outputs[OPML_PATH].content_bytes = opml(f"{site_name}: feeds", type_feeds, self.channel)

    @staticmethod
    def _enclosure(post: Post, pictures: Pictures) -> Enclosure | None:
        """The feed's copy of the post's picture: one rendition, in the original's format."""
        picture = pictures.of(post)
        return Enclosure(picture.feed.path, picture.feed.mime, picture.feed.size) if picture else enclosure_for(post)

    def _feed(self, spec, chosen, enclosures, key) -> tuple[bytes, bytes]:
        return key, render(spec, build_feed(spec, chosen, self.contents, self.channel, enclosures))

    def finish(self, done: dict) -> None:
        """The feeds' bytes: from `done` (made by the page workers) or made here."""
        for path, job in self.jobs.items():
            key, data = done[path] if path in done else job()
            self.made[path] = key, data
            self.outputs[path].content_bytes = data
