"""The fixture site tests/fixtures/feeds, built with --strict: every feed as a reader and the W3C feed
validator see it, the pages around the feeds, and what happens when posts are edited or renamed."""

from __future__ import annotations

import email.utils
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitekit import copy_site

SITE_URL = "https://fixture.example.org/newsroom/"
NOW = "2025-12-01T12:00"
FEEDS = {
    "feed.xml": "rss20",
    "atom.xml": "atom10",
    "blog/feed.xml": "rss20",
    "blog/atom.xml": "atom10",
    "news/feed.xml": "rss20",
    "news/atom.xml": "atom10",
    "tags/send/feed.xml": "rss20",
    "tags/transport/feed.xml": "rss20",
    "tags/food/feed.xml": "rss20",
    "tags/summer/feed.xml": "rss20",
}
HIDDEN_TITLES = ("Unfinished draft about the budget", "Scheduled spring update from the future")
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/"}
RFC_822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
MINIBUS = "blog/2025/01/minibus-routes/"
SUMMER = "news/2025/07/summer-school-places/"


def build_site(project: Path, site: Path) -> Path:
    """Build a copy of the fixture with --strict, into `site`."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    build(config)
    return site


def build_error(project: Path, site: Path, caplog) -> str:
    """The message a writer sees when the build stops: MkDocs logs a PluginError and aborts."""
    caplog.clear()
    with pytest.raises(Abort):
        build_site(project, site)
    return "\n".join(record.getMessage() for record in caplog.records if record.levelname == "ERROR")


def copy_fixture(tmp_path: Path) -> Path:
    """The fixture with the project's theme overrides, in tmp_path: a build writes its cache beside mkdocs.yml."""
    return copy_site("feeds", tmp_path)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setenv("NEWSDESK_NOW", NOW)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSDESK_NOW", NOW)
        folder = tmp_path_factory.mktemp("feeds")
        return build_site(copy_fixture(folder), folder / "site")


def xml(site: Path, path: str) -> ET.Element:
    return ET.parse(site / path).getroot()


def items(site: Path, path: str) -> dict[str, ET.Element]:
    """RSS items by link."""
    return {item.findtext("link"): item for item in xml(site, path).iter("item")}


class _Urls(HTMLParser):
    """Every URL in href, src and srcset attributes, and the <link rel=alternate> tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.urls.append(attrs[name])
        if attrs.get("srcset"):
            self.urls += [candidate.split()[0] for candidate in attrs["srcset"].split(",")]
        if tag == "link" and attrs.get("rel") == "alternate" and "xml" in (attrs.get("type") or ""):
            self.alternates.append((attrs["type"], attrs["href"]))


def urls_in(html: str) -> _Urls:
    parser = _Urls()
    parser.feed(html)
    return parser


def test_exactly_the_contract_feeds_are_written(site):
    written = {path.relative_to(site).as_posix() for path in site.rglob("*.xml")} - {"sitemap.xml"}
    assert written == set(FEEDS)  # no feed for 'Drafts only', a tag that only a draft has


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_a_reader_parses_every_feed_cleanly(site, path):
    parsed = feedparser.parse((site / path).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == FEEDS[path]
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.title
        assert urlsplit(entry.link).scheme in ("http", "https") and entry.link.startswith(SITE_URL)
        assert entry.id
        published = entry.published
        moment = (
            email.utils.parsedate_to_datetime(published)
            if FEEDS[path] == "rss20"
            else datetime.fromisoformat(published)
        )
        assert moment.tzinfo is not None and moment.utcoffset() is not None


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_no_relative_url_in_any_item_and_every_site_url_exists(site, path):
    for entry in feedparser.parse((site / path).read_bytes()).entries:
        for url in urls_in(entry.content[0].value).urls:
            assert urlsplit(url).scheme in ("http", "https", "mailto"), f"{entry.link}: relative URL {url!r}"
            if url.startswith(SITE_URL):
                target = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)
                file = site / target / "index.html" if target.endswith("/") or not target else site / target
                assert file.is_file(), f"{entry.link}: {url} is not in the site"


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_w3c_validator_rules(site, path):
    root = xml(site, path)
    if FEEDS[path] == "rss20":
        channel = root.find("channel")
        assert channel.find("atom:link[@rel='self']", NS).get("href") == SITE_URL + path
        assert RFC_822.match(channel.findtext("lastBuildDate"))
        assert channel.findtext("image/link") == channel.findtext("link")  # ImageLinkDoesntMatch
        assert channel.findtext("image/url").endswith(".png")  # ImageUrlFormat: GIF, JPEG or PNG
        for item in channel.iter("item"):
            assert RFC_822.match(item.findtext("pubDate"))
            guid = item.find("guid")
            assert (guid.get("isPermaLink") == "true") == (guid.text == item.findtext("link"))
            names = [child.tag for child in item]
            assert names.index("description") < names.index("{%s}encoded" % NS["content"])
            assert item.find("author") is None
    else:
        assert root.find("atom:link[@rel='self']", NS).get("href") == SITE_URL + path
        for entry in root.iter("{%s}entry" % NS["atom"]):
            assert entry.find("atom:content", NS).get("type") == "html"
            assert entry.findtext("atom:author/atom:name", namespaces=NS)
            assert entry.findtext("atom:published", namespaces=NS) and entry.findtext("atom:updated", namespaces=NS)
            alternates = [
                link for link in entry.findall("atom:link", NS) if link.get("rel", "alternate") == "alternate"
            ]
            assert len(alternates) == 1  # Atom: at most one alternate link per type


def test_summer_post_has_bst_offset_and_winter_post_gmt(site):
    news, blog = items(site, "news/feed.xml"), items(site, "blog/feed.xml")
    assert news[SITE_URL + SUMMER].findtext("pubDate") == "Thu, 03 Jul 2025 10:30:00 +0100"
    assert blog[SITE_URL + MINIBUS].findtext("pubDate") == "Wed, 15 Jan 2025 09:00:00 +0000"
    entry = next(e for e in xml(site, "news/atom.xml").iter("{%s}entry" % NS["atom"]))
    assert entry.findtext("atom:published", namespaces=NS) == "2025-07-03T10:30:00+01:00"
    assert entry.findtext("atom:updated", namespaces=NS) == "2025-07-10T14:00:00+01:00"


def test_feeds_are_dated_by_their_newest_post_never_the_build(site):
    assert xml(site, "feed.xml").findtext("channel/lastBuildDate") == "Thu, 10 Jul 2025 14:00:00 +0100"
    assert xml(site, "blog/feed.xml").findtext("channel/lastBuildDate") == "Thu, 20 Mar 2025 00:00:00 +0000"
    assert xml(site, "atom.xml").findtext("atom:updated", namespaces=NS) == "2025-07-10T14:00:00+01:00"


def test_items_are_newest_first(site):
    assert [item.findtext("title") for item in xml(site, "feed.xml").iter("item")] == [
        "Summer school places for every child with an EHC plan",
        "Breakfast clubs in every primary school",
        "New minibus routes for the spring term",
    ]


def test_item_fields(site):
    item = items(site, "blog/feed.xml")[SITE_URL + MINIBUS]
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Morag Fixture"
    assert [c.text for c in item.findall("category")] == ["SEND", "Transport"]
    assert item.findtext("description").startswith("From next week, three new minibus routes")
    enclosure = item.find("enclosure").attrib  # the feed's copy of the picture: one rendition, without metadata
    copy = enclosure["url"].removeprefix(SITE_URL)
    assert re.fullmatch(r"posts/2025/images/minibus-feed\.[0-9a-f]{20}\.png", copy), copy
    assert enclosure == {"url": SITE_URL + copy, "length": str((site / copy).stat().st_size), "type": "image/png"}
    content = item.findtext("content:encoded", namespaces=NS)
    assert (
        f'srcset="{SITE_URL}posts/2025/images/minibus.png 1x, {SITE_URL}posts/2025/images/minibus-2x.png 2x"'.replace(
            '"', "'"
        )
        in content
    )
    assert f'href="{SITE_URL}{SUMMER}#details"' in content
    release = items(site, "news/feed.xml")[SITE_URL + SUMMER].findtext("content:encoded", namespaces=NS)
    assert "Notes to editors</h2>" in release and "press@example.org" in release


def test_renamed_post_keeps_its_first_address_as_guid(site):
    item = items(site, "feed.xml")[SITE_URL + "blog/2025/03/breakfast-clubs-everywhere/"]
    assert item.find("guid").text == SITE_URL + "blog/2025/03/breakfast-clubs/"
    assert item.find("guid").get("isPermaLink") == "false"


@pytest.mark.parametrize("alias", ["blog/2025/03/breakfast-clubs/", "breakfast/"])
def test_each_alias_has_a_redirect_page(site, alias):
    page = (site / alias / "index.html").read_text(encoding="utf-8")
    target = SITE_URL + "blog/2025/03/breakfast-clubs-everywhere/"
    assert f'<link rel="canonical" href="{target}">' in page
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in page


def test_drafts_and_scheduled_posts_appear_nowhere(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".opml", ".json"):
            text = path.read_text(encoding="utf-8")
            for title in HIDDEN_TITLES:
                assert title not in text, f"{title!r} in {path.relative_to(site)}"


@pytest.mark.parametrize(
    "page, own",
    [
        ("index.html", []),
        (f"{MINIBUS}index.html", []),
        ("404.html", []),
        ("blog/index.html", ["blog/feed.xml", "blog/atom.xml"]),
        ("news/index.html", ["news/feed.xml", "news/atom.xml"]),
        ("tags/send/index.html", ["tags/send/feed.xml"]),
    ],
)
def test_autodiscovery_links(site, page, own):
    alternates = urls_in((site / page).read_text(encoding="utf-8")).alternates
    base = SITE_URL + page.removesuffix("index.html")
    found = [urljoin(base, href).removeprefix(SITE_URL) for _, href in alternates]
    assert found == ["feed.xml", "atom.xml", *own]
    assert [kind for kind, _ in alternates][:2] == ["application/rss+xml", "application/atom+xml"]


def test_subscribe_page_lists_every_feed_and_the_opml(site):
    page = (site / "subscribe" / "index.html").read_text(encoding="utf-8")
    links = {urljoin(SITE_URL + "subscribe/", url).removeprefix(SITE_URL) for url in urls_in(page).urls}
    assert set(FEEDS) | {"feeds.opml"} <= links
    for path in FEEDS:
        assert f"<code>{SITE_URL}{path}</code>" in page
    assert "RSS-to-email" in page


# What a page would promise if it offered email the site does not send: newsdesk publishes feeds only.
EMAIL_PROMISE = re.compile(
    r"sign(ing)?[ -]?up (for|to) (our |the )?(e-?mail|updates|alerts|newsletter)|e-?mail (updates|alerts|newsletter)"
    r"|newsletter|mailing list|we will (e-?mail|send) you|subscribe by e-?mail",
    re.I,
)


def page_text(site: Path, path: str) -> str:
    """A page's words as a reader sees them (markup and comments gone, spaces collapsed)."""
    html = (site / path).read_text(encoding="utf-8")
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>|<!--.*?-->", " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("path", ["index.html", "subscribe/index.html", MINIBUS + "index.html", "blog/index.html"])
def test_no_page_promises_email_the_site_does_not_send(site, path):
    assert not EMAIL_PROMISE.search(page_text(site, path)), EMAIL_PROMISE.search(page_text(site, path)).group(0)


def test_the_home_page_offers_the_feeds_and_the_subscribe_page(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    callout = home[home.index('<section class="nd-callout"') :].split("</section>", 1)[0]
    links = {urljoin(SITE_URL, url).removeprefix(SITE_URL) for url in urls_in(callout).urls}
    assert links == {"subscribe/", "feed.xml"}
    assert all(
        (site / link.removesuffix("/") / ("index.html" if link.endswith("/") else "")).is_file() for link in links
    )
    assert "feed reader" in page_text(site, "index.html")


def test_the_subscribe_page_explains_email_through_a_feed_service_without_requiring_one(site):
    text = page_text(site, "subscribe/index.html")
    email = text[text.index("Get new posts by email") :].split("All our feeds in one go", 1)[0]
    assert "We do not send emails ourselves" in email
    assert "you do not need email to follow us" in email
    assert "feed-to-email" in email and "many are free" in email
    assert f"{SITE_URL}blog/feed.xml" in email
    page = (site / "subscribe" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="email"') :].split("<h2", 1)[0]
    assert not [url for url in urls_in(section).urls if urlsplit(url).netloc], "no email service is required or named"


def test_opml_imports_the_type_feeds(site):
    outlines = xml(site, "feeds.opml").iter("outline")
    urls = [outline.get("xmlUrl") for outline in outlines]
    assert urls == [SITE_URL + "blog/feed.xml", SITE_URL + "news/feed.xml"]
    assert all((site / url.removeprefix(SITE_URL)).is_file() for url in urls)


def test_building_twice_gives_the_same_bytes(site, tmp_path):
    again = build_site(copy_fixture(tmp_path), tmp_path / "again")
    for path in [*FEEDS, "feeds.opml", "breakfast/index.html", "blog/2025/03/breakfast-clubs/index.html"]:
        assert (again / path).read_bytes() == (site / path).read_bytes(), path


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "posts" / "2025" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_editing_a_post_keeps_its_guid(tmp_path):
    project = copy_fixture(tmp_path)
    before = items(build_site(project, tmp_path / "before"), "feed.xml")[SITE_URL + MINIBUS]
    edit(
        project,
        "2025-01-15-minibus-routes.md",
        "title: New minibus routes for the spring term",
        "title: Three new minibus routes\nupdated: 2025-02-01 12:00",
    )
    edit(project, "2025-01-15-minibus-routes.md", "tags: [SEND, Transport]", "tags: [SEND]")
    edit(project, "2025-01-15-minibus-routes.md", "From next week", "From Monday")
    after = items(build_site(project, tmp_path / "after"), "feed.xml")[SITE_URL + MINIBUS]
    assert after.findtext("guid") == before.findtext("guid") == SITE_URL + MINIBUS
    assert after.findtext("title") == "Three new minibus routes"
    assert after.findtext("pubDate") == before.findtext("pubDate")  # an edit never makes it look new


def test_renaming_a_post_with_an_alias_keeps_its_guid(tmp_path):
    project = copy_fixture(tmp_path)
    before = items(build_site(project, tmp_path / "before"), "feed.xml")[SITE_URL + MINIBUS]
    edit(
        project,
        "2025-01-15-minibus-routes.md",
        "type: blog\n",
        f"type: blog\nslug: spring-minibus-routes\naliases: [/{MINIBUS}]\n",
    )
    site = build_site(project, tmp_path / "after")
    after = items(site, "feed.xml")[SITE_URL + "blog/2025/01/spring-minibus-routes/"]
    assert after.findtext("guid") == before.findtext("guid")
    assert after.find("guid").get("isPermaLink") == "false"
    redirect = (site / MINIBUS / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}blog/2025/01/spring-minibus-routes/">' in redirect


def set_option(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


def test_without_site_url_the_build_says_feeds_need_absolute_urls(tmp_path, caplog):
    project = copy_fixture(tmp_path)
    set_option(project, f"site_url: {SITE_URL}\n", "")
    assert build_error(project, tmp_path / "site", caplog) == (
        "newsdesk: 1 problem to fix before the site can be built:\n"
        "mkdocs.yml: 'site_url': missing; feeds need absolute URLs, and the site has no address to make them from: "
        "add a line such as 'site_url: https://schools.example.gov.uk/', the address the site is published at"
    )


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "feed_logo: images/logo.png",
            "feed_logo: images/logo.png\n      feed_items: 0",
            "Config value 'plugins': Plugin 'newsdesk' option 'feed_items': expected a whole number of 1 or more, got 0",
        ),
        (
            "feed_logo: images/logo.png",
            "feed_logo: images/logo.svg",
            "Config value 'plugins': Plugin 'newsdesk' option 'feed_logo': expected a GIF, JPEG or PNG file in the docs "
            "folder, such as 'assets/images/feed-logo.png', got 'images/logo.svg'",
        ),
    ],
)
def test_bad_feed_options_get_mkdocs_messages(tmp_path, caplog, old, new, message):
    project = copy_fixture(tmp_path)
    set_option(project, old, new)
    assert build_error(project, tmp_path / "site", caplog) == message


def test_a_missing_logo_stops_the_build(tmp_path, caplog):
    project = copy_fixture(tmp_path)
    set_option(project, "feed_logo: images/logo.png", "feed_logo: images/crest.png")
    assert build_error(project, tmp_path / "site", caplog) == (
        "newsdesk: 1 problem to fix before the site can be built:\n"
        "mkdocs.yml: 'feed_logo': 'images/crest.png', but docs/images/crest.png does not exist; save the logo there or change 'feed_logo'"
    )


def test_an_alias_may_not_replace_another_page(tmp_path, caplog):
    project = copy_fixture(tmp_path)
    edit(project, "2025-03-20-breakfast-clubs.md", "/breakfast/]", "/breakfast/, /news/, /feed.xml]")
    assert build_error(project, tmp_path / "site", caplog) == (
        "newsdesk: 2 problems to fix before the site can be built:\n"
        "posts/2025/2025-03-20-breakfast-clubs.md: 'aliases': '/feed.xml' is the address of the feed /feed.xml; remove it from 'aliases'\n"
        "posts/2025/2025-03-20-breakfast-clubs.md: 'aliases': '/news/' is the address of the listing /news/; remove it from 'aliases'"
    )


def test_feed_items_caps_every_feed(tmp_path):
    project = copy_fixture(tmp_path)
    set_option(project, "feed_logo: images/logo.png", "feed_logo: images/logo.png\n      feed_items: 1")
    site = build_site(project, tmp_path / "site")
    assert [item.findtext("title") for item in xml(site, "feed.xml").iter("item")] == [
        "Summer school places for every child with an EHC plan"
    ]
    assert all(len(list(xml(site, path).iter("item"))) <= 1 for path in FEEDS if FEEDS[path] == "rss20")
