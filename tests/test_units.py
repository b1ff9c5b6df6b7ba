"""Layer 1: the pure rules as tables: slugs, dates, pagination, tag names, excerpts and URLs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.model import Author, Post, PostType, Tag, sort_key
from newsdesk.core.pages.listings import build_site, page_url, paginate, tag_names
from newsdesk.core.reading.links import local_links, resolve
from newsdesk.core.text.dates import current_time, human_date, machine_date, parse_date
from newsdesk.core.text.html import absolutize, excerpt, rebase
from newsdesk.core.text.slugs import did_you_mean, slug_from_filename, slugify

LONDON = ZoneInfo("Europe/London")
BLOG = PostType("blog", "Blog post", "blog", "Blog")
NEWS = PostType("press-release", "Press release", "news", "News")


@pytest.mark.parametrize(
    "text, slug",
    [
        ("SEND", "send"),
        ("Send", "send"),
        ("Early Years & SEND", "early-years-send"),
        ("Café culture", "cafe-culture"),
        ("  spaced  out ", "spaced-out"),
        ("Year 7", "year-7"),
        ("!!!", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    "stem, slug",
    [
        ("2024-12-19-end-of-term", "end-of-term"),
        ("end-of-term", "end-of-term"),
        ("2024-12-19-End_of_Term", "end-of-term"),
        ("2024-12-19", "2024-12-19"),
    ],
)
def test_slug_from_filename(stem, slug):
    assert slug_from_filename(stem) == slug


@pytest.mark.parametrize(
    "word, hint",
    [
        ("tag", "; did you mean 'tags'?"),
        ("summery", "; did you mean 'summary'?"),
        ("xyz", ""),
    ],
)
def test_did_you_mean(word, hint):
    assert did_you_mean(word, ("title", "tags", "summary")) == hint


@pytest.mark.parametrize(
    "text, iso, has_time",
    [
        ("2024-12-19", "2024-12-19T00:00:00+00:00", False),
        ("2024-12-19 09:30", "2024-12-19T09:30:00+00:00", True),
        ("2025-06-20 14:30", "2025-06-20T14:30:00+01:00", True),  # British Summer Time
        ("2025-03-30 00:30", "2025-03-30T00:30:00+00:00", True),  # just before the clocks go forward
        ("2025-03-30 02:30", "2025-03-30T02:30:00+01:00", True),
        ("2025-10-26 12:00", "2025-10-26T12:00:00+00:00", True),  # the day the clocks go back
    ],
)
def test_parse_date_is_aware_and_handles_bst(text, iso, has_time):
    moment, timed = parse_date(text, LONDON)
    assert moment.isoformat() == iso and timed is has_time


@pytest.mark.parametrize(
    "text, message",
    [
        ("19/12/2024", "expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '19/12/2024'"),
        ("2024-13-01", "'2024-13-01' is not a real date; check the day and month"),
        ("2023-02-29", "'2023-02-29' is not a real date; check the day and month"),
        ("2024-12-19 24:00", "'2024-12-19 24:00' is not a real time; check the hours (00-23) and minutes (00-59)"),
    ],
)
def test_parse_date_errors(text, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        parse_date(text, LONDON)


def test_human_and_machine_dates():
    moment = datetime(2024, 12, 9, 9, 5, tzinfo=LONDON)
    assert human_date(moment) == "9 December 2024"
    assert machine_date(moment) == "2024-12-09T09:05:00+00:00"
    assert machine_date(moment.replace(hour=0, minute=0)) == "2024-12-09"


def test_frozen_now(monkeypatch):
    monkeypatch.setenv("NEWSDESK_NOW", "2026-07-01T09:00")
    assert current_time(LONDON).isoformat() == "2026-07-01T09:00:00+01:00"
    monkeypatch.setenv("NEWSDESK_NOW", "next tuesday")
    with pytest.raises(ValueError, match="NEWSDESK_NOW: expected a date and time"):
        current_time(LONDON)


def make_post(name: str, date: str, kind: PostType = BLOG, tags: tuple[str, ...] = ()) -> Post:
    moment = parse_date(date, LONDON)[0]
    return Post(
        source=f"posts/{name}.md",
        rel=f"{name}.md",
        path=Path(f"{name}.md"),
        title=name,
        date=moment,
        type=kind,
        slug=name,
        author=Author("a", "A"),
        body="x",
        tags=tuple(Tag(t, slugify(t)) for t in tags),
    )


@pytest.mark.parametrize(
    "count, per_page, urls",
    [
        (0, 10, ["blog/"]),
        (10, 10, ["blog/"]),
        (11, 10, ["blog/", "blog/page/2/"]),
        (25, 10, ["blog/", "blog/page/2/", "blog/page/3/"]),
    ],
)
def test_paginate(count, per_page, urls):
    posts = [make_post(f"p{i}", "2024-01-01") for i in range(count)]
    pages = paginate(posts, "blog/", "Blog", "type", "blog", per_page)
    assert [p.url for p in pages] == urls
    assert [p.previous_url for p in pages] == [None, *urls[:-1]]
    assert [p.next_url for p in pages] == [*urls[1:], None]
    assert sum(len(p.posts) for p in pages) == count


def test_page_url():
    assert page_url("tags/send/", 1) == "tags/send/" and page_url("tags/send/", 3) == "tags/send/page/3/"


def test_tag_names_prefer_the_most_used_spelling():
    posts = [
        make_post("a", "2024-01-01", tags=("SEND",)),
        make_post("b", "2024-01-02", tags=("send",)),
        make_post("c", "2024-01-03", tags=("SEND", "Early years")),
        make_post("d", "2024-01-04", tags=("early years",)),
    ]
    assert tag_names(posts) == {"send": "SEND", "early-years": "Early years"}


def test_build_site_orders_and_links_neighbours():
    posts = [
        make_post("old", "2024-01-01"),
        make_post("new", "2024-03-01"),
        make_post("mid", "2024-02-01"),
        make_post("press", "2024-02-15", NEWS, tags=("Careers",)),
    ]
    site = build_site(posts, {"blog": BLOG, "press-release": NEWS}, per_page=2)
    assert [p.title for p in site.listings["blog/"].posts] == ["new", "mid"]
    assert [p.title for p in site.listings["blog/page/2/"].posts] == ["old"]
    older, newer = site.neighbours["posts/mid.md"]
    assert (older.title, newer.title) == ("old", "new")
    assert site.neighbours["posts/press.md"] == (None, None)  # no neighbours across types
    assert [(y.year, y.count) for y in site.years] == [(2024, 4)]
    assert [(t.name, t.url, t.count) for t in site.tags] == [("Careers", "tags/careers/", 1)]
    assert site.listings["tags/careers/"].title == "Tag: Careers"


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>One.</p>\n<p>Two.</p>", "<p>One.</p>"),
        ("<p>One.</p>\n<!-- more -->\n<p>Two.</p>", "<p>One.</p>"),
        (
            '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>\n<p>One.</p>\n<!-- more -->',
            "<h2>A</h2>\n<p>One.</p>",
        ),
        ("<ul><li>only a list</li></ul>", ""),
    ],
)
def test_excerpt(html, expected):
    assert excerpt(html) == expected


@pytest.mark.parametrize(
    "url, from_url, to_url, expected",
    [
        ("../../01/b/", "blog/2024/12/a/", "blog/", "2024/01/b/"),
        ("../../01/b/", "blog/2024/12/a/", "blog/page/2/", "../../2024/01/b/"),
        ("../../../../posts/2024/i.png", "blog/2024/12/a/", "", "posts/2024/i.png"),
        ("#section", "blog/2024/12/a/", "tags/send/", "../../blog/2024/12/a/#section"),
        ("https://example.org/x", "blog/2024/12/a/", "blog/", "https://example.org/x"),
        ("/about/", "blog/2024/12/a/", "blog/", "/about/"),
        ("mailto:a@b.org", "blog/2024/12/a/", "blog/", "mailto:a@b.org"),
    ],
)
def test_rebase(url, from_url, to_url, expected):
    assert rebase(f'<a href="{url}">x</a>', from_url, to_url) == f'<a href="{expected}">x</a>'


def test_rebase_and_absolutize_srcset():
    html = '<img src="../i.png" srcset="../i.png 1x, ../i@2x.png 2x">'
    assert (
        rebase(html, "blog/2024/12/a/", "blog/")
        == '<img src="2024/12/i.png" srcset="2024/12/i.png 1x, 2024/12/i@2x.png 2x">'
    )
    assert absolutize(html, "blog/2024/12/a/", "https://s.example/") == (
        '<img src="https://s.example/blog/2024/12/i.png" srcset="https://s.example/blog/2024/12/i.png 1x, https://s.example/blog/2024/12/i@2x.png 2x">'
    )


@pytest.mark.parametrize(
    "body, found",
    [
        ("[a](b.md)", [("b.md", "b.md", False, None, 1)]),
        ('x\n![Alt text](img/a%20b.png "title")', [("img/a%20b.png", "img/a b.png", True, "Alt text", 2)]),
        ("[a](https://x.org/b.md) [e](mailto:x@y.z) [f](//x.org/a)", []),
        # kept to be refused (an address, not a file) or checked (a part of this page)
        ("[c](#top) [d](/about/)", [("#top", "", False, None, 1), ("/about/", "", False, None, 1)]),
        ("[ref]: ../2023/x.md#part", [("../2023/x.md#part", "../2023/x.md", False, None, 1)]),
        ('<img src="a.png" alt="">', [("a.png", "a.png", True, "", 1)]),
        ("`[a](b.md)`\n```\n[c](d.md)\n```", []),
    ],
)
def test_local_links(body, found):
    assert [(link.target, link.path, link.is_image, link.alt, link.line) for link in local_links(body)] == found


@pytest.mark.parametrize(
    "post_rel, path, expected",
    [
        ("2024/a.md", "../2023/b.md", "2023/b.md"),
        ("2024/a.md", "b.md", "2024/b.md"),
        ("a.md", "images/x.png", "images/x.png"),
        ("2024/a.md", "../../docs/x.md", "../docs/x.md"),
    ],
)
def test_resolve(post_rel, path, expected):
    assert resolve(post_rel, path) == expected


def counted_more(posts: list[Post]) -> dict[str, tuple[str, ...]]:
    """'More on this topic' worked out the plain way: count shared tags, sort by (count, newest)."""
    ordered = sorted(posts, key=sort_key)  # newest first, as every listing
    rank = {p.source: i for i, p in enumerate(ordered)}
    found = {}
    for post in ordered:
        mine = {tag.slug for tag in post.tags}
        scores = {other.source: len(mine & {tag.slug for tag in other.tags}) for other in ordered if other is not post}
        best = sorted((s for s in scores if scores[s]), key=lambda s: (-scores[s], rank[s]))[:3]
        if best:
            found[post.source] = tuple(best)
    return found


@pytest.mark.parametrize("seed", range(6))
def test_more_on_topic_is_the_posts_sharing_most_tags_newest_first(seed):
    import random

    chance = random.Random(seed)
    names = ["SEND", "Attendance", "Careers", "Early years", "Funding", "Reading", "Transport"]
    posts = [
        make_post(
            f"p{i}",
            f"2025-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d} {i % 24:02d}:{i % 60:02d}",
            tags=tuple(chance.sample(names, chance.randint(0, 6))),
        )
        for i in range(120)
    ]
    site = build_site(posts, {"blog": BLOG})
    assert {source: tuple(p.source for p in more) for source, more in site.more.items()} == counted_more(posts)
    assert len(site.more) > 60
