"""Pure tests of feeds.py, redirects.py, opml.py and the URL helpers they use, on hand-made posts."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest

from newsdesk.core.feeds.feeds import (
    ATOM,
    NOTHING_YET,
    RSS,
    Channel,
    FeedSpec,
    build_feed,
    feed_specs,
    feeds_of_listing,
    identity,
    render,
    select,
    select_all,
)
from newsdesk.core.feeds.items import Enclosure, enclosure_for, full_html, item_text
from newsdesk.core.feeds.opml import opml
from newsdesk.core.model import DRAFT, PUBLISHED, SCHEDULED, Author, Contact, Post, PostType, Tag, sort_key
from newsdesk.core.pages.listings import TagSummary
from newsdesk.core.pages.parts import closing_html
from newsdesk.core.pages.redirects import alias_path, redirect_page, redirects
from newsdesk.core.text.html import plain_text, resolve_source_urls, rewrite_urls

LONDON = ZoneInfo("Europe/London")
BLOG = PostType("blog", "Blog post", "blog", "Blog")
NEWS = PostType("press-release", "Press release", "news", "News", summary_required=True, contact_required=True)
TYPES = {"blog": BLOG, "press-release": NEWS}
SITE = "https://example.org/schools/"
CHANNEL = Channel(site_url=SITE, logo="images/logo.png", limit=20)
ALL_RSS = FeedSpec("feed.xml", RSS, "Everything", "Site", "Every new post", "Every new post from Site", "")
ALL_ATOM = dataclasses.replace(ALL_RSS, path="atom.xml", kind=ATOM)
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}


def when(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def make_post(slug: str = "minibus-routes", date: datetime = when(2025, 1, 15, 9, 0), **fields) -> Post:
    values = dict(
        source=f"posts/{slug}.md",
        rel=f"{slug}.md",
        path=Path(f"/nowhere/{slug}.md"),
        title=f"Title of {slug}",
        date=date,
        type=BLOG,
        slug=slug,
        author=Author("head", "Morag Fixture"),
        body="Body.",
    )
    values.update(fields)
    return Post(**values)


def items(posts, contents) -> dict:
    """Feed texts from each post's HTML (by post.source), as the plugin makes them."""
    return {post.source: item_text(post, contents[post.source]) for post in posts if post.source in (contents or {})}


def rss(posts, spec=ALL_RSS, channel=CHANNEL, contents=None, enclosures=None) -> ET.Element:
    feed = build_feed(spec, posts, items(posts, contents), channel, enclosures)
    return ET.fromstring(render(spec, feed))


def atom(posts, contents=None, enclosures=None) -> ET.Element:
    return ET.fromstring(render(ALL_ATOM, build_feed(ALL_ATOM, posts, items(posts, contents), CHANNEL, enclosures)))


# Dates: RFC 822 with the UK offset of the day, never the offset of the build machine.
@pytest.mark.parametrize(
    "moment, pub_date, published",
    [
        (when(2025, 1, 15, 9, 0), "Wed, 15 Jan 2025 09:00:00 +0000", "2025-01-15T09:00:00+00:00"),
        (when(2025, 7, 3, 10, 30), "Thu, 03 Jul 2025 10:30:00 +0100", "2025-07-03T10:30:00+01:00"),
        (
            when(2025, 3, 30, 0, 30),
            "Sun, 30 Mar 2025 00:30:00 +0000",
            "2025-03-30T00:30:00+00:00",
        ),  # before clocks go forward
        (when(2025, 3, 30, 3, 0), "Sun, 30 Mar 2025 03:00:00 +0100", "2025-03-30T03:00:00+01:00"),  # after
        (
            when(2025, 10, 26, 0, 30),
            "Sun, 26 Oct 2025 00:30:00 +0100",
            "2025-10-26T00:30:00+01:00",
        ),  # before clocks go back
        (when(2025, 10, 26, 12, 0), "Sun, 26 Oct 2025 12:00:00 +0000", "2025-10-26T12:00:00+00:00"),  # after
        (
            when(2025, 9, 8),
            "Mon, 08 Sep 2025 00:00:00 +0100",
            "2025-09-08T00:00:00+01:00",
        ),  # a bare date is midnight, UK time
    ],
)
def test_dates_carry_the_uk_offset_of_their_day(moment, pub_date, published):
    item = rss([make_post(date=moment)]).find("channel/item")
    assert item.findtext("pubDate") == pub_date
    entry = atom([make_post(date=moment)]).find("atom:entry", NS)
    assert entry.findtext("atom:published", namespaces=NS) == published


# GUIDs: the post's first address, so a rename listed under aliases keeps it.
@pytest.mark.parametrize(
    "aliases, guid, is_permalink",
    [
        ((), "blog/2025/01/minibus-routes/", True),
        (("/blog/2024/11/old-minibus/",), "blog/2024/11/old-minibus/", False),
        (("/news/2015/10/launch",), "news/2015/10/launch/", False),  # the trailing slash of a directory URL
        (("/minibus/",), "blog/2025/01/minibus-routes/", True),  # a short alias is not a former permalink
        (("/minibus/", "/blog/2024/11/first/", "/blog/2024/12/second/"), "blog/2024/11/first/", False),
        (("/blog/2025/01/minibus-routes/",), "blog/2025/01/minibus-routes/", True),  # an alias of itself
    ],
)
def test_identity_is_the_first_post_address(aliases, guid, is_permalink):
    assert identity(make_post(aliases=aliases)) == (guid, is_permalink)


def guid_of(post: Post) -> ET.Element:
    return rss([post]).find("channel/item/guid")


def test_editing_title_body_tags_or_updated_keeps_the_guid():
    before = make_post(tags=(Tag("SEND", "send"),))
    after = dataclasses.replace(
        before,
        title="A new title",
        body="New words.",
        tags=(Tag("Transport", "transport"),),
        updated=when(2025, 2, 1, 12, 0),
    )
    assert guid_of(before).text == guid_of(after).text == SITE + "blog/2025/01/minibus-routes/"
    assert rss([after]).findtext("channel/item/title") == "A new title"


def test_renaming_with_the_old_address_as_alias_keeps_the_guid_and_drops_is_permalink():
    before = make_post()
    renamed = dataclasses.replace(before, slug="spring-minibus-routes", aliases=("/blog/2025/01/minibus-routes/",))
    assert guid_of(renamed).text == guid_of(before).text
    assert guid_of(before).get("isPermaLink") == "true"
    assert guid_of(renamed).get("isPermaLink") == "false"
    assert rss([renamed]).findtext("channel/item/link") == SITE + "blog/2025/01/spring-minibus-routes/"


def test_only_published_posts_newest_first_up_to_the_limit():
    posts = [make_post(f"p{day}", when(2025, 5, day, 9, 0)) for day in (3, 1, 5, 2, 4)]
    posts.append(make_post("old-but-updated", when(2024, 1, 1, 9, 0), updated=when(2025, 6, 1, 9, 0)))
    posts.append(make_post("draft", when(2025, 5, 9, 9, 0), status=DRAFT))
    posts.append(make_post("scheduled", when(2025, 5, 8, 9, 0), status=SCHEDULED))
    chosen = select(ALL_RSS, posts, 3)
    assert [post.slug for post in chosen] == ["p5", "p4", "p3"]
    feed = rss(posts, channel=dataclasses.replace(CHANNEL, limit=3))
    assert [item.findtext("title") for item in feed.iter("item")] == ["Title of p5", "Title of p4", "Title of p3"]


def test_type_and_tag_feeds_select_their_posts():
    send = Tag("SEND", "send")
    posts = [make_post("a", tags=(send,)), make_post("b", type=NEWS), make_post("c", type=NEWS, tags=(send,))]
    specs = {spec.path: spec for spec in feed_specs("Site", TYPES, [TagSummary("SEND", "send", 2)])}
    assert [p.slug for p in select(specs["news/feed.xml"], posts, 20)] == ["b", "c"]
    assert [p.slug for p in select(specs["tags/send/feed.xml"], posts, 20)] == ["a", "c"]
    assert [p.slug for p in select(specs["feed.xml"], posts, 20)] == ["a", "b", "c"]  # same date: by source


def test_every_feed_takes_the_posts_its_rule_selects_in_order_up_to_the_limit():
    """select_all goes through the posts once for every feed: each feed still gets exactly what
    FeedSpec.selects says, newest first, even with repeated tags, mixed types and unpublished posts."""
    send, reading = Tag("SEND", "send"), Tag("Reading", "reading")
    posts = [
        make_post(
            f"p{day}",
            when(2025, 3, day, 9, 0),
            type=(BLOG, NEWS)[day % 2],
            tags=[(), (send,), (reading, send), (send, send)][day % 4],
            status=[PUBLISHED, PUBLISHED, DRAFT, SCHEDULED, PUBLISHED][day % 5],
        )
        for day in range(1, 29)
    ]
    specs = feed_specs("Site", TYPES, [TagSummary("SEND", "send", 9), TagSummary("Reading", "reading", 4)])
    specs.append(dataclasses.replace(ALL_RSS, path="news/tags/send/feed.xml", type_key="press-release", tag="send"))
    for limit in (1, 3, 50):
        chosen = select_all(specs, posts, limit)
        for spec in specs:
            expected = [post for post in sorted(posts, key=sort_key) if spec.selects(post)][:limit]
            assert chosen[spec.path] == expected, (spec.path, limit)
        send_feed = [post.slug for post in chosen["tags/send/feed.xml"]]
        assert len(send_feed) == len(set(send_feed)) == min(limit, 12)  # once each, though some are tagged twice


def test_feed_paths_are_the_contract():
    specs = feed_specs("Site", TYPES, [TagSummary("Early years", "early-years", 1), TagSummary("SEND", "send", 2)])
    assert [(spec.path, spec.kind, spec.html_url) for spec in specs] == [
        ("feed.xml", RSS, ""),
        ("atom.xml", ATOM, ""),
        ("blog/feed.xml", RSS, "blog/"),
        ("blog/atom.xml", ATOM, "blog/"),
        ("news/feed.xml", RSS, "news/"),
        ("news/atom.xml", ATOM, "news/"),
        ("tags/early-years/feed.xml", RSS, "tags/early-years/"),
        ("tags/send/feed.xml", RSS, "tags/send/"),
    ]
    assert specs[0].description == "Every new blog post and press release from Site"
    assert [spec.path for spec in feeds_of_listing(specs, "type", "blog")] == ["blog/feed.xml", "blog/atom.xml"]
    assert [spec.path for spec in feeds_of_listing(specs, "tag", "send")] == ["tags/send/feed.xml"]
    assert feeds_of_listing(specs, "year", "2025") == []


def test_channel_links_self_first_alternate_last_and_dates_from_posts():
    posts = [
        make_post("a", when(2025, 1, 15, 9, 0), updated=when(2025, 7, 10, 14, 0)),
        make_post("b", when(2025, 3, 1, 9, 0)),
    ]
    channel = rss(posts).find("channel")
    assert channel.findtext("link") == SITE
    assert channel.find("atom:link", NS).attrib == {
        "href": SITE + "feed.xml",
        "rel": "self",
        "type": "application/rss+xml",
    }
    assert channel.findtext("language") == "en-GB"
    assert channel.findtext("lastBuildDate") == "Thu, 10 Jul 2025 14:00:00 +0100"  # the newest date or update
    assert [channel.findtext(f"image/{name}") for name in ("url", "title", "link")] == [
        SITE + "images/logo.png",
        "Site",
        SITE,
    ]
    feed = atom(posts)
    assert [(link.get("rel"), link.get("href")) for link in feed.findall("atom:link", NS)] == [
        ("self", SITE + "atom.xml"),
        ("alternate", SITE),
    ]
    assert feed.findtext("atom:updated", namespaces=NS) == "2025-07-10T14:00:00+01:00"


def test_an_empty_feed_has_a_fixed_date_not_the_clock():
    assert rss([]).findtext("channel/lastBuildDate") == "Thu, 01 Jan 1970 00:00:00 +0000"
    assert NOTHING_YET.year == 1970


def test_same_posts_give_the_same_bytes():
    posts = [make_post("a"), make_post("b", when(2025, 7, 3, 10, 30), type=NEWS, summary="S.")]
    contents = items(posts, {post.source: "<p>Hello</p>" for post in posts})
    first = [render(spec, build_feed(spec, posts, contents, CHANNEL)) for spec in (ALL_RSS, ALL_ATOM)]
    second = [render(spec, build_feed(spec, list(reversed(posts)), contents, CHANNEL)) for spec in (ALL_RSS, ALL_ATOM)]
    assert first == second


def test_rss_item_has_description_then_content_creator_and_categories():
    post = make_post(summary="Three new routes.", tags=(Tag("send", "send"), Tag("Transport", "transport")))
    channel = dataclasses.replace(CHANNEL, tag_names={"send": "SEND"})
    html = '<p>See <a href="../other/">other</a> and <img src="../../../../posts/a.png" srcset="../../../../posts/a.png 1x, ../../../../posts/b.png 2x" alt="">.</p>'
    item = rss([post], channel=channel, contents={post.source: html}).find("channel/item")
    names = [child.tag for child in item]
    assert names.index("description") < names.index("{%s}encoded" % NS["content"])
    assert item.findtext("description") == "Three new routes."
    assert item.findtext("content:encoded", namespaces=NS) == (
        f'<p>See <a href="{SITE}blog/2025/01/other/">other</a> and <img src="{SITE}posts/a.png" '
        f'srcset="{SITE}posts/a.png 1x, {SITE}posts/b.png 2x" alt="">.</p>'
    )
    assert item.findtext("dc:creator", namespaces=NS) == "Morag Fixture"
    assert item.find("author") is None  # RSS <author> must be an email address
    assert [c.text for c in item.findall("category")] == ["SEND", "Transport"]


def test_content_is_cdata_in_rss_and_escaped_html_in_atom():
    post = make_post()
    raw = render(ALL_RSS, build_feed(ALL_RSS, [post], items([post], {post.source: "<p>Hi</p>"}), CHANNEL))
    assert b"<content:encoded><![CDATA[<p>Hi</p>]]></content:encoded>" in raw
    entry = atom([post], contents={post.source: "<p>Hi</p>"}).find("atom:entry", NS)
    assert entry.find("atom:content", NS).get("type") == "html"
    assert entry.findtext("atom:content", namespaces=NS) == "<p>Hi</p>"


def test_html_holding_a_cdata_end_is_escaped_instead():
    post = make_post()
    html = "<p>XML sections end with ]]> in code.</p>"
    raw = render(ALL_RSS, build_feed(ALL_RSS, [post], items([post], {post.source: html}), CHANNEL))
    assert b"CDATA" not in raw
    assert feedparser.parse(raw).entries[0].content[0].value == html


def test_description_without_summary_is_the_excerpt_as_plain_text():
    post = make_post()
    html = "<p>First &amp; <em>best</em>.</p>\n<!-- more -->\n<p>More.</p>"
    # RSS readers read <description> as HTML: the plain text is escaped as HTML inside the XML
    assert rss([post], contents={post.source: html}).findtext("channel/item/description") == "First &amp; best."


def test_heading_anchors_are_left_out_of_content():
    post = make_post()
    html = '<h2 id="a">Where<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'
    assert (
        rss([post], contents={post.source: html}).findtext("channel/item/content:encoded", namespaces=NS)
        == '<h2 id="a">Where</h2>'
    )


def test_post_image_is_an_enclosure_in_rss_and_media_content_in_atom():
    post = make_post()
    image = {post.source: Enclosure("posts/images/bus.png", "image/png", 74)}
    enclosure = rss([post], enclosures=image).find("channel/item/enclosure")
    assert enclosure.attrib == {"url": SITE + "posts/images/bus.png", "length": "74", "type": "image/png"}
    entry = atom([post], enclosures=image).find("atom:entry", NS)
    assert entry.find("media:content", NS).attrib == {
        "url": SITE + "posts/images/bus.png",
        "fileSize": "74",
        "type": "image/png",
        "medium": "image",
    }
    assert [link.get("href") for link in entry.findall("atom:link", NS)] == [SITE + "blog/2025/01/minibus-routes/"]


def test_enclosure_for_reads_type_and_size(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "bus.PNG").write_bytes(b"x" * 74)
    post = make_post(rel="2025/bus.md", path=tmp_path / "bus.md", image="images/bus.PNG", image_alt="A bus")
    assert enclosure_for(post) == Enclosure("posts/2025/images/bus.PNG", "image/png", 74)
    assert enclosure_for(make_post()) is None


def test_press_release_content_ends_with_what_its_page_shows_after_the_body():
    post = make_post(type=NEWS, contact=Contact("Press Desk", "Media", "press@example.org", "0300 000 0000"))
    html = full_html(
        post, "<p>Body</p>\n<!-- more -->\n<p>More</p>", closing_html(post, "<p>Note 1</p>", for_feed=True)
    )
    assert "<!--" not in html
    assert (
        html.index("<p>Body</p>")
        < html.index("<p>More</p>")
        < html.index('<p class="nd-ends">Ends</p>')
        < html.index("Notes to editors</h2>\n<p>Note 1</p>")
        < html.index("Media contact</h2>")
        < html.index("<p>Telephone: 0300 000 0000</p>")
    )
    assert full_html(make_post(), "<p>Body</p>") == "<p>Body</p>"


# URLs: the one rewriter that listings and feeds share.
@pytest.mark.parametrize(
    "html, expected",
    [
        ('<a href="x/">', '<a href="X/">'),
        ("<img src='x.png'>", "<img src='X.PNG'>"),
        ("<img src=x.png alt=y>", '<img src="X.PNG" alt=y>'),
        ('<A HREF="x">', '<A HREF="X">'),
        ('<img srcset="a.png 1x, b.png 2x">', '<img srcset="A.PNG 1x, B.PNG 2x">'),
        ('<code>&lt;a href="x"&gt;</code>', '<code>&lt;a href="x"&gt;</code>'),  # text, not a tag
        ('<a title="href=x" href="y">', '<a title="href=x" href="Y">'),  # inside another value
        ('<blockquote cite="q">', '<blockquote cite="Q">'),
        ('<a data-x="x">', '<a data-x="x">'),
    ],
)
def test_rewrite_urls_sees_every_url_attribute_of_a_tag(html, expected):
    assert rewrite_urls(html, str.upper) == expected


def test_resolve_source_urls_fixes_raw_html_written_from_the_post_file():
    site_urls = {"posts/2025/images/a.png": "posts/2025/images/a.png", "posts/2025/b.md": "blog/2025/03/b/"}
    html = (
        '<img src="images/a.png" srcset="images/a.png 1x"> <a href="../../../../posts/2025/images/a.png#x">'
        '<a href="#top"> <a href="missing.png">'
    )
    assert resolve_source_urls(html, "blog/2025/01/p/", "posts/2025", site_urls) == (
        '<img src="../../../../posts/2025/images/a.png" srcset="../../../../posts/2025/images/a.png 1x"> '
        '<a href="../../../../posts/2025/images/a.png#x"><a href="#top"> <a href="missing.png">'
    )


def test_plain_text_decodes_entities_and_separates_blocks():
    assert plain_text("<p>A &amp; <b>B</b></p><p>C<br>D</p>") == "A & B C D"


# Redirects and OPML.
@pytest.mark.parametrize(
    "alias, path",
    [
        ("/blog/2025/03/breakfast-clubs/", "blog/2025/03/breakfast-clubs/index.html"),
        ("/breakfast", "breakfast/index.html"),
        ("/old/launch.html", "old/launch.html"),
    ],
)
def test_alias_path(alias, path):
    assert alias_path(alias) == path


def test_redirect_page_has_canonical_link_and_meta_refresh():
    page = redirect_page("https://example.org/schools/blog/2025/03/new/")
    assert '<link rel="canonical" href="https://example.org/schools/blog/2025/03/new/">' in page
    assert '<meta http-equiv="refresh" content="0; url=https://example.org/schools/blog/2025/03/new/">' in page
    post = make_post(aliases=("/blog/2024/01/old/", "/bus/"))
    assert set(redirects([post], SITE)) == {"blog/2024/01/old/index.html", "bus/index.html"}


def test_opml_lists_each_feed_with_absolute_urls():
    specs = [spec for spec in feed_specs("Site", TYPES, []) if spec.type_key and spec.kind == RSS]
    root = ET.fromstring(opml("Site: feeds", specs, CHANNEL))
    assert root.get("version") == "2.0" and root.findtext("head/title") == "Site: feeds"
    assert [(o.get("type"), o.get("text"), o.get("xmlUrl"), o.get("htmlUrl")) for o in root.iter("outline")] == [
        ("rss", "Site: Blog", SITE + "blog/feed.xml", SITE + "blog/"),
        ("rss", "Site: News", SITE + "news/feed.xml", SITE + "news/"),
    ]


def test_a_published_post_reaches_every_feed_that_selects_it():
    assert ALL_RSS.selects(make_post(status=PUBLISHED))
    assert not ALL_RSS.selects(make_post(status=DRAFT))


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<h2>Heading</h2><ul><li>One</li><li>Two</li></ul>", "Heading One Two"),  # no paragraph to excerpt
        ("<ul>" + "<li>word</li>" * 61 + "</ul>", " ".join(["word"] * 60) + " …"),
        ('<img src="a.png" alt="">', "Title of minibus-routes"),
    ],
)
def test_description_is_never_empty(html, expected):
    post = make_post()
    item = rss([post], contents={post.source: html}).find("channel/item")
    assert item.findtext("description") == expected
    assert item.find("content:encoded", NS) is not None
