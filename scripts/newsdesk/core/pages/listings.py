"""From posts to the site's index pages: listings by type, tag pages, the tag index and the archive."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_

from ..model import Post, PostType, sort_key


@dataclass(frozen=True)
class ListingPage:
    url: str  # 'blog/page/2/'
    title: str  # 'Blog', 'SEND', '2024'
    kind: str  # 'type', 'tag' or 'year'
    key: str  # the type key, tag slug or year
    posts: tuple[Post, ...]
    number: int = 1
    count: int = 1  # how many pages this listing has
    previous_url: str | None = None  # newer posts
    next_url: str | None = None  # older posts
    total: int = 0  # posts in the whole listing, over all its pages


@dataclass(frozen=True)
class TagSummary:
    name: str
    slug: str
    count: int

    @property
    def url(self) -> str:
        return tag_url(self.slug)


@dataclass(frozen=True)
class YearSummary:
    year: int
    count: int

    @property
    def url(self) -> str:
        return f"archive/{self.year}/"


@dataclass
class Site:
    posts: list[Post]  # the posts this build shows, newest first
    listings: dict[str, ListingPage] = field(default_factory=dict)  # by URL
    tags: list[TagSummary] = field(default_factory=list)  # alphabetical
    years: list[YearSummary] = field(default_factory=list)  # newest first
    tag_names: dict[str, str] = field(default_factory=dict)  # slug -> display name
    neighbours: dict[str, tuple[Post | None, Post | None]] = field(default_factory=dict)  # older, newer
    latest: dict[str, list[Post]] = field(default_factory=dict)  # type key -> newest posts
    more: dict[str, tuple[Post, ...]] = field(default_factory=dict)  # "More on this topic", by post.source
    assets: list[str] = field(
        default_factory=list
    )  # the files beside posts ('2026/images/hall.png'), found once a build

    @cached_property  # every page's related links ask; the posts are set once
    def by_rel(self) -> dict[str, Post]:
        """The posts this build shows by their path under posts/, for related links."""
        return {post.rel: post for post in self.posts}


def tag_url(slug: str) -> str:
    return f"tags/{slug}/"


def page_url(base: str, number: int) -> str:
    """'blog/' for page 1, 'blog/page/2/' after: page 1 keeps the address people share."""
    return base if number == 1 else f"{base}page/{number}/"


def paginate(posts: list[Post], base: str, title: str, kind: str, key: str, per_page: int) -> list[ListingPage]:
    """Split posts (already newest first) into pages; an empty listing still has its first page."""
    chunks = [posts[i : i + per_page] for i in range(0, len(posts), per_page)] or [[]]
    count = len(chunks)
    return [
        ListingPage(
            url=page_url(base, number),
            title=title,
            kind=kind,
            key=key,
            posts=tuple(chunk),
            number=number,
            count=count,
            total=len(posts),
            previous_url=page_url(base, number - 1) if number > 1 else None,
            next_url=page_url(base, number + 1) if number < count else None,
        )
        for number, chunk in enumerate(chunks, start=1)
    ]


def tag_names(posts: list[Post]) -> dict[str, str]:
    """Each tag's display name: its most used spelling, ties going to the first alphabetically."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for post in posts:
        for tag in post.tags:
            spellings[tag.slug][tag.name] += 1
    return {slug: min(counts, key=lambda name: (-counts[name], name)) for slug, counts in spellings.items()}


def build_site(
    posts: list[Post], types: dict[str, PostType], *, per_page: int = 10, home_count: int = 5, related: bool = True
) -> Site:
    """Every index page of the site, from the posts this build shows. `related=False` leaves out
    each post's "more on this topic" (`newsdesk check` needs only the pages' addresses)."""
    posts = sorted(posts, key=sort_key)
    site = Site(posts=posts, tag_names=tag_names(posts))
    pages: list[ListingPage] = []
    for key, post_type in types.items():
        of_type = [post for post in posts if post.type.key == key]
        pages += paginate(of_type, f"{post_type.prefix}/", post_type.title, "type", key, per_page)
        site.latest[key] = of_type[:home_count]
        for index, post in enumerate(of_type):
            newer = of_type[index - 1] if index > 0 else None
            older = of_type[index + 1] if index + 1 < len(of_type) else None
            site.neighbours[post.source] = (older, newer)
    by_tag: dict[str, list[Post]] = defaultdict(list)
    by_year: dict[int, list[Post]] = defaultdict(list)
    for post in posts:
        for tag in post.tags:
            by_tag[tag.slug].append(post)
        by_year[post.date.year].append(post)
    site.more = more_on_topic(posts, by_tag) if related else {}
    for slug in sorted(by_tag, key=lambda s: (site.tag_names[s].casefold(), s)):
        name = site.tag_names[slug]
        site.tags.append(TagSummary(name, slug, len(by_tag[slug])))
        pages += paginate(by_tag[slug], tag_url(slug), f"Tag: {name}", "tag", slug, per_page)
    for year in sorted(by_year, reverse=True):
        site.years.append(YearSummary(year, len(by_year[year])))
        pages.append(
            ListingPage(
                url=f"archive/{year}/",
                title=f"Posts from {year}",
                kind="year",
                key=str(year),
                posts=tuple(by_year[year]),
                total=len(by_year[year]),
            )
        )
    site.listings = {page.url: page for page in pages}
    return site


MORE_COUNT = 3


def more_on_topic(posts: list[Post], by_tag: dict[str, list[Post]]) -> dict[str, tuple[Post, ...]]:
    """For each post, up to three others that share the most tags with it, newest first among
    equals. `posts` and each of `by_tag`'s lists are newest first.

    Each tag is a set of posts as the bits of an integer (bit i: the i-th newest post), so "the
    posts sharing at least n of these tags" is a few ANDs and ORs, and the newest of them is the
    lowest bit: a thousand posts take milliseconds, not the 0.2 s that counting pairs took."""
    rank = {post.source: index for index, post in enumerate(posts)}
    members = {slug: reduce(or_, (1 << rank[post.source] for post in tagged), 0) for slug, tagged in by_tag.items()}
    more = {}
    for post in posts:
        sets = [members[slug] for slug in dict.fromkeys(tag.slug for tag in post.tags)]
        chosen: list[int] = []
        taken = 1 << rank[post.source]
        for shared in range(len(sets), 0, -1):  # most tags in common first
            found = _in_at_least(sets, shared) & ~taken
            while found and len(chosen) < MORE_COUNT:
                newest = found & -found
                chosen.append(newest.bit_length() - 1)
                found ^= newest
                taken |= newest
            if len(chosen) == MORE_COUNT:
                break
        if chosen:
            more[post.source] = tuple(posts[index] for index in chosen)
    return more


def _in_at_least(sets: list[int], count: int) -> int:
    """The members of at least `count` of `sets`: for each set in turn, what is in k of those seen
    so far moves up to k + 1 where it is in this one too."""
    at_least = [-1] + [0] * count  # at_least[k]: in k or more of the sets seen (all are in 0 or more)
    for members in sets:
        for k in range(count, 0, -1):
            at_least[k] |= at_least[k - 1] & members
    return at_least[count]
