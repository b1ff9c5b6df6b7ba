"""The search index: posts get one short entry each; docs pages keep Material's full-text sections."""
from __future__ import annotations

import json

import pytest

from newsdesk.core.html import shorten
from newsdesk.core.search import TEXT_LIMIT, add_posts

from test_site import PUBLISHED_POSTS


def index(site) -> dict:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))


def test_each_published_post_has_exactly_one_entry(basic_site):
    locations = [doc["location"] for doc in index(basic_site)["docs"]]
    post_entries = [loc for loc in locations if loc.startswith(("blog/2", "news/2"))]
    assert sorted(post_entries) == sorted(PUBLISHED_POSTS)  # no per-section '#anchor' entries, no drafts


def test_a_post_entry_has_title_tags_and_summary(basic_site):
    fair = next(doc for doc in index(basic_site)["docs"] if doc["location"] == "blog/2025/06/summer-fair/")
    assert fair == {"location": "blog/2025/06/summer-fair/", "title": "The summer fair",
                    "text": "<p>A summary that listings show instead of an excerpt.</p>", "tags": ["SEND", "Fairs"]}


def test_without_a_summary_the_entry_has_the_first_paragraph(basic_site):
    winter = next(doc for doc in index(basic_site)["docs"] if doc["location"] == "blog/2025/01/winter-visit/")
    assert winter["text"].startswith("<p>The first paragraph of the winter visit")
    assert "second paragraph" not in winter["text"]
    assert len(winter["text"]) <= TEXT_LIMIT + len("<p></p>")


def test_docs_pages_and_listings_keep_their_own_rules(basic_site):
    locations = [doc["location"] for doc in index(basic_site)["docs"]]
    assert "about/" in locations  # a docs page: indexed by Material, full text
    assert not [loc for loc in locations if loc.startswith(("tags/", "archive/", "blog/page/"))]


def test_add_posts_keeps_materials_config_and_entries():
    written = json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": "about/", "title": "About", "text": ""}]})
    merged = json.loads(add_posts(written, [{"location": "blog/2025/01/a/", "title": "A &amp; B", "text": "<p>x</p>"}]))
    assert merged["config"] == {"lang": ["en"]}
    assert [doc["location"] for doc in merged["docs"]] == ["about/", "blog/2025/01/a/"]


@pytest.mark.parametrize("text, limit, expected", [
    ("Short enough.", 20, "Short enough."),
    ("The council will open two new schools, and more besides.", 30, "The council will open two…"),
    ("Supercalifragilistic", 10, "Supercali…"),
])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_tags_are_escaped_because_material_shows_them_as_html():
    from newsdesk.core.search import post_entry
    from test_feeds import make_post
    from newsdesk.core.model import Tag

    post = make_post()
    post.tags = (Tag("<img src=x onerror=alert(1)>", "img-src-x-onerror-alert-1"),)
    assert post_entry(post, {}, "")["tags"] == ["&lt;img src=x onerror=alert(1)&gt;"]
