"""Feeds: which feeds the site has, and each one as a feedgen FeedGenerator built from posts.

Pure functions over plain data: the plugin supplies each post's rendered HTML and writes the bytes.
Subscribers' readers and RSS-to-email tools trust three things here: a post keeps its GUID for life,
every URL is absolute, and the same posts always give the same bytes (no clock, no file order).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from ..model import PUBLISHED, Post, PostType, sort_key
from ..pages.listings import TagSummary, tag_url
from ..text.html import absolutize, strip_permalinks
from .items import Enclosure, ItemText, item_text

RSS, ATOM = "rss", "atom"
MIME = {RSS: "application/rss+xml", ATOM: "application/atom+xml"}
BOTH = (("feed", RSS), ("atom", ATOM))  # file names and formats of the feeds that come in both
LANGUAGE = "en-GB"
NOTHING_YET = datetime(1970, 1, 1, tzinfo=UTC)  # an empty feed's date: fixed, never the clock
# '/news/2015/10/launch/': an address in the shape of a post's, so once some post's permalink.
_POST_ADDRESS = re.compile(r"^/[a-z0-9-]+/\d{4}/\d{2}/[a-z0-9-]+/?$")


@dataclass(frozen=True)
class FeedSpec:
    """One feed: where it is written, what it is called and which posts it carries."""

    path: str  # 'blog/feed.xml', from the site root: feed addresses are a contract
    kind: str  # RSS or ATOM
    name: str  # 'Blog', 'SEND', 'Everything': how the Subscribe page lists it
    title: str  # the channel title
    purpose: str  # 'Every new blog post': what the Subscribe page says the feed carries
    description: str  # the channel description
    html_url: str  # 'blog/': the HTML listing this feed follows
    type_key: str | None = None  # only posts of this type
    tag: str | None = None  # only posts with this tag slug

    @property
    def mime(self) -> str:
        return MIME[self.kind]

    @property
    def label(self) -> str:
        """'Blog (RSS)': the title a browser or reader shows when it offers the feed."""
        return f"{self.title} ({'RSS' if self.kind == RSS else 'Atom'})"

    @property
    def site_wide(self) -> bool:
        return self.type_key is None and self.tag is None

    def selects(self, post: Post) -> bool:
        """Published posts only, whatever the build shows: drafts and scheduled posts never."""
        return (
            post.status == PUBLISHED
            and (self.type_key is None or post.type.key == self.type_key)
            and (self.tag is None or any(tag.slug == self.tag for tag in post.tags))
        )


@dataclass(frozen=True)
class Channel:
    """What every feed of one site shares."""

    site_url: str  # 'https://schools.example.gov.uk/': feeds need absolute URLs
    logo: str | None = None  # a GIF, JPEG or PNG, from the site root
    copyright: str | None = None
    limit: int = 20  # items in each feed, newest first
    tag_names: Mapping[str, str] = field(default_factory=dict)  # slug -> the name listings show

    def absolute(self, url: str) -> str:
        return urljoin(self.site_url.rstrip("/") + "/", url.lstrip("/"))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def feed_specs(site_name: str, types: Mapping[str, PostType], tags: Iterable[TagSummary]) -> list[FeedSpec]:
    """Every feed of the site: RSS and Atom for everything and for each type, RSS for each tag."""

    def spec(path: str, kind: str, name: str, purpose: str, html_url: str, **only: Any) -> FeedSpec:
        title = f"{site_name}: {name}" if html_url else site_name
        return FeedSpec(path, kind, name, title, purpose, f"{purpose} from {site_name}", html_url, **only)

    kinds = " and ".join(_lower_first(t.label) for t in types.values())
    specs = [spec(f"{name}.xml", kind, "Everything", f"Every new {kinds}", "") for name, kind in BOTH]
    for key, post_type in types.items():
        specs += [
            spec(
                f"{post_type.prefix}/{name}.xml",
                kind,
                post_type.title,
                f"Every new {_lower_first(post_type.label)}",
                f"{post_type.prefix}/",
                type_key=key,
            )
            for name, kind in BOTH
        ]
    for tag in tags:
        specs.append(
            spec(
                f"{tag_url(tag.slug)}feed.xml",
                RSS,
                tag.name,
                f"Every new post tagged {tag.name}",
                tag_url(tag.slug),
                tag=tag.slug,
            )
        )
    return specs


def feeds_of_listing(specs: Iterable[FeedSpec], kind: str, key: str) -> list[FeedSpec]:
    """The feeds that follow one listing ('type', 'blog') or tag page ('tag', 'send')."""
    return [spec for spec in specs if (kind == "type" and spec.type_key == key) or (kind == "tag" and spec.tag == key)]


def identity(post: Post) -> tuple[str, bool]:
    """The post's GUID, from the site root, and whether it is the post's permalink.

    A GUID must never change, or readers show the post again as new. Titles, bodies, tags and
    dates can be edited; the address can change too, but then the writer lists the old one under
    `aliases`. So the GUID is the post's first address: the first alias in the shape of a post
    address (/<prefix>/<yyyy>/<mm>/<slug>/), or else the permalink. Other aliases, such as a
    short '/careers-week/', never change it.
    """
    for alias in post.aliases:
        if _POST_ADDRESS.match(alias):
            first = alias.strip("/") + "/"
            return first, first == post.url
    return post.url, True


def select(spec: FeedSpec, posts: Iterable[Post], limit: int) -> list[Post]:
    """The posts of one feed: newest first by publication date, at most `limit`."""
    return select_all([spec], posts, limit)[spec.path]


def select_all(specs: Iterable[FeedSpec], posts: Iterable[Post], limit: int) -> dict[str, list[Post]]:
    """select() for each spec, by path: the posts sorted once and gone through once, each put in
    the lists of its type and its tags (FeedSpec.selects is the rule), up to `limit` each."""
    chosen: dict[tuple[str | None, str | None], list[Post]] = {}
    for post in sorted(posts, key=sort_key):
        if post.status != PUBLISHED:
            continue
        for type_key in (None, post.type.key):
            for tag in (None, *dict.fromkeys(tag.slug for tag in post.tags)):
                found = chosen.setdefault((type_key, tag), [])
                if len(found) < limit:
                    found.append(post)
    return {spec.path: list(chosen.get((spec.type_key, spec.tag), [])) for spec in specs}


def build_feed(
    spec: FeedSpec,
    posts: Iterable[Post],
    contents: Mapping[str, ItemText],
    channel: Channel,
    enclosures: Mapping[str, Enclosure] | None = None,
) -> FeedGenerator:
    """One feed. `contents` maps post.source to the post's text as `item_text` makes it."""
    chosen = select(spec, posts, channel.limit)
    feed_url, html_url = channel.absolute(spec.path), channel.absolute(spec.html_url)
    fg = FeedGenerator()
    if spec.kind == RSS:
        fg.load_extension("dc", atom=False, rss=True)  # dc:creator: an author's name without an email
    else:
        fg.load_extension("media", atom=True, rss=False)  # the post image; see _add_image
    fg.id(feed_url)
    fg.title(spec.title)
    fg.description(spec.description)
    fg.language(LANGUAGE)
    fg.link(href=feed_url, rel="self", type=spec.mime)  # first: RSS's atom:link rel=self
    fg.link(href=html_url, rel="alternate", type="text/html")  # last: RSS's <link> is the last one added
    if channel.logo:
        fg.image(url=channel.absolute(channel.logo), title=spec.title, link=html_url)
    if channel.copyright:
        fg.rights(channel.copyright)
    fg.updated(max((post.last_modified for post in chosen), default=NOTHING_YET))  # never the clock
    for post in chosen:
        text = contents.get(post.source) or item_text(post, "")
        _add_entry(fg, spec.kind, post, text, channel, (enclosures or {}).get(post.source))
    return fg


def _add_entry(
    fg: FeedGenerator, kind: str, post: Post, text: ItemText, channel: Channel, image: Enclosure | None
) -> None:
    entry = fg.add_entry(order="append")  # feedgen prepends by default; `chosen` is already newest first
    guid, is_permalink = identity(post)
    entry.guid(channel.absolute(guid), permalink=is_permalink)  # also the Atom id
    entry.title(post.title)
    entry.link(href=channel.absolute(post.url), rel="alternate", type="text/html")
    entry.published(post.date)  # RSS pubDate: publication, so an edit never makes an old post look new
    entry.updated(post.last_modified)
    entry.author(name=post.author.name)  # Atom <author>; RSS <author> needs an email, so dc:creator
    if kind == RSS:
        entry.dc.dc_creator(post.author.name)
    for tag in post.tags:
        entry.category(term=channel.tag_names.get(tag.slug, tag.name))
    # Plain text. Atom's <summary> is text; RSS readers read <description> as HTML, so there
    # the text is escaped as HTML first (and feedgen escapes it again as XML).
    entry.summary(escape(text.summary, quote=False) if kind == RSS else text.summary)
    if text.html:
        content = _content(text.html, post.url, channel.site_url)
        entry.content(content, type=_content_type(kind, content))
    if image:
        _add_image(entry, kind, image, channel)


@functools.lru_cache(maxsize=1024)  # a post is in several feeds (the site's, its type's, its tags')
def _content(html: str, url: str, site_url: str) -> str:
    return absolutize(strip_permalinks(html), url, site_url)


def _add_image(entry: Any, kind: str, image: Enclosure, channel: Channel) -> None:
    """RSS: an <enclosure>. Atom: <media:content>, because feedgen 1.0.0 writes an Atom entry's
    links without their rel (python-feedgen issue 135), so an enclosure link would become a
    second rel=alternate link, which Atom forbids."""
    url = channel.absolute(image.url)
    if kind == RSS:
        entry.enclosure(url, str(image.length), image.type)
    else:
        entry.media.content(url=url, type=image.type, fileSize=str(image.length), medium="image", group=None)


def _content_type(kind: str, content: str) -> str | None:
    """Atom: escaped 'html' (type="CDATA" is not Atom). RSS content:encoded: CDATA, or escaped text
    when the HTML itself holds ']]>', which cannot go inside CDATA."""
    if kind == ATOM:
        return "html"
    return None if "]]>" in content else "CDATA"


def render(spec: FeedSpec, fg: FeedGenerator) -> bytes:
    """The feed's bytes, indented so people can read them too."""
    return bytes(fg.rss_str(pretty=True) if spec.kind == RSS else fg.atom_str(pretty=True))
