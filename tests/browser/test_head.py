"""Head metadata in the built pages: description, canonical, Open Graph, Twitter card, JSON-LD."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from browserkit import PAGES, built_file

SITE_URL = "https://schools.example.gov.uk/"
ORGANISATION = "Director of Schools and Employability"


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (key := attrs.get("name") or attrs.get("property")):
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href", "")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.ld.append("")

    def handle_endtag(self, tag):
        self._in_ld = self._in_ld and tag != "script"

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data


def head(site_dir, name) -> Head:
    parser = Head()
    parser.feed(built_file(site_dir, PAGES[name]).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_description_social_tags_and_json_ld(site_dir, name):
    page = head(site_dir, name)
    assert page.meta.get("description", [""])[0].strip()
    for key in ("og:title", "og:type", "og:site_name", "twitter:card", "twitter:title"):
        assert page.meta.get(key, [""])[0].strip(), key
    assert len(page.ld) == 1
    data = json.loads(page.ld[0])
    assert data["@context"] == "https://schema.org"
    assert data["publisher"]["name"] == ORGANISATION
    if name != "404":
        url = SITE_URL + PAGES[name]
        assert page.links["canonical"] == url
        assert page.meta["og:url"] == [url]


@pytest.mark.parametrize(
    "name, kind, headline, author",
    [
        ("blog-post", "BlogPosting", "What a reading corner can do", "Dr Ruth Okafor"),
        (
            "press-release",
            "NewsArticle",
            "Careers week comes to every secondary school in the city",
            "Education Press Office",
        ),
    ],
)
def test_posts_are_articles(site_dir, name, kind, headline, author):
    page = head(site_dir, name)
    data = json.loads(page.ld[0])
    assert data["@type"] == kind
    assert data["headline"] == headline
    assert data["author"]["name"] == author
    assert data["datePublished"].startswith(page.meta["article:published_time"][0][:10])
    assert data["dateModified"]
    assert data["url"] == SITE_URL + PAGES[name]
    assert page.meta["og:type"] == ["article"]
    assert page.meta["og:title"] == [headline]
    assert page.meta["article:tag"]


def test_press_release_description_is_its_summary(site_dir):
    page = head(site_dir, "press-release")
    summary = "All of the city's secondary schools will host employers during a shared careers week in February"
    assert page.meta["description"][0].startswith(summary)
    assert json.loads(page.ld[0])["description"].startswith(summary)


def test_post_with_an_image_shares_it_cropped_to_a_card(site_dir):
    page = head(site_dir, "blog-post")
    image = page.meta["og:image"][0]
    assert image.startswith(SITE_URL + "assets/cards/") and image.endswith(".jpg")
    assert page.meta["twitter:image"] == [image]
    assert page.meta["twitter:card"] == ["summary_large_image"]
    assert page.meta["og:image:alt"] == ["A drawing of a small bookcase with cushions in front of it"]
    assert page.meta["og:image:width"] == ["1200"] and page.meta["og:image:height"] == ["630"]
    assert json.loads(page.ld[0])["image"] == image
    assert (site_dir / image.removeprefix(SITE_URL)).is_file()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_a_share_card(site_dir, name):
    page = head(site_dir, name)
    image = page.meta["og:image"][0]
    assert image.startswith(SITE_URL + "assets/cards/") and image.endswith((".png", ".jpg"))
    assert page.meta["og:image:alt"][0]
    assert (site_dir / image.removeprefix(SITE_URL)).is_file()


def test_blog_post_without_summary_describes_itself_with_its_first_paragraph(site_dir):
    page = head(site_dir, "blog-post")
    assert page.meta["description"][0].startswith("I visited a nursery class last week")


def test_other_pages_are_not_articles(site_dir):
    assert head(site_dir, "blog-listing").meta["og:type"] == ["website"]
    assert json.loads(head(site_dir, "home").ld[0])["@type"] == "WebSite"
    assert head(site_dir, "404").meta.get("robots") == ["noindex"]
