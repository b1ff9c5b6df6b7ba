"""Layer 3: the 'basic' fixture site, really built with --strict, has every page of the URL contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PUBLISHED_POSTS = [
    "blog/2025/01/winter-visit/",
    "blog/2025/06/summer-fair/",
    "blog/2025/09/back-to-school/",
    "blog/2026/02/reading-week/",
    "blog/2026/05/spring-term-update/",
    "news/2025/11/press-one/",
    "news/2026/07/press-two/",
]
INDEX_PAGES = [
    "",
    "blog/",
    "blog/page/2/",
    "news/",
    "tags/",
    "tags/send/",
    "tags/visits/",
    "tags/fairs/",
    "tags/partnerships/",
    "archive/",
    "archive/2025/",
    "archive/2026/",
]


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def main_part(html: str) -> str:
    """The page's own content, without the theme's navigation."""
    return html[html.index('id="main-content"') :]


@pytest.mark.parametrize("url", PUBLISHED_POSTS + INDEX_PAGES)
def test_every_contract_url_exists(basic_site, url):
    assert (basic_site / url / "index.html").is_file()


@pytest.mark.parametrize(
    "path",
    [
        "blog/2026/10/unfinished-thoughts",
        "news/2026/12/scheduled-announcement",
        "tags/drafts-only",
        "tags/scheduled-only",
    ],
)
def test_drafts_and_scheduled_posts_are_not_published(basic_site, path):
    assert not (basic_site / path).exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in basic_site.rglob("*.html"))
    assert "Unfinished thoughts" not in everything and "Scheduled announcement" not in everything


def test_a_drafts_files_are_not_published(basic_site):
    assert not (basic_site / "posts/2026/files/draft-agenda.txt").exists()
    assert (basic_site / "posts/2026/images/books.svg").is_file()  # a published post's image is


def test_post_page_shows_its_header(basic_site):
    html = page(basic_site, "blog/2025/06/summer-fair/")
    assert "<h1>The summer fair</h1>" in html
    assert '<time datetime="2025-06-20T14:30:00+01:00">20 June 2025</time>' in html  # BST
    assert "Pat Fixture, Head of Testing" in html
    assert "<dt>Reading time</dt><dd>1 minute</dd>" in html
    assert 'href="../../../../tags/send/">SEND</a>' in html  # 'send' and 'SEND' are one tag
    assert 'href="../../../../tags/fairs/">Fairs</a>' in html


def test_updated_date_and_winter_offset(basic_site):
    html = page(basic_site, "blog/2026/05/spring-term-update/")
    assert '<dt>Updated</dt><dd><time datetime="2026-05-07">7 May 2026</time></dd>' in html
    assert '<time datetime="2025-01-15T09:00:00+00:00">15 January 2025</time>' in page(
        basic_site, "blog/2025/01/winter-visit/"
    )


def test_press_release_has_its_parts(basic_site):
    html = page(basic_site, "news/2025/11/press-one/")
    assert "Press release" in html
    assert '<p class="nd-lead">The first press release of the fixture site.</p>' in html
    assert '<p class="nd-ends">Ends</p>' in html
    assert "The fixture has notes to editors." in html
    assert 'href="mailto:press@fixture.example.org"' in html
    assert "Fixture Press Desk, Media" in html


def test_previous_and_next_stay_within_the_type(basic_site):
    html = main_part(page(basic_site, "blog/2025/06/summer-fair/"))
    assert 'rel="next" href="../../09/back-to-school/"' in html
    assert 'rel="prev" href="../../01/winter-visit/"' in html
    press = main_part(page(basic_site, "news/2025/11/press-one/"))
    assert 'rel="next" href="../../../2026/07/press-two/"' in press
    assert 'rel="prev"' not in press


def test_links_between_posts_point_at_post_urls(basic_site):
    html = page(basic_site, "blog/2025/06/summer-fair/")
    assert '<a href="../../01/winter-visit/">Read about the winter visit</a>' in html


def test_blog_listing_is_paginated_newest_first(basic_site):
    first, second = main_part(page(basic_site, "blog/")), main_part(page(basic_site, "blog/page/2/"))
    titles = re.findall(r'nd-card__title"><a href="([^"]+)"', first)
    assert titles == ["2026/05/spring-term-update/", "2026/02/reading-week/", "2025/09/back-to-school/"]
    assert re.findall(r'nd-card__title"><a href="([^"]+)"', second) == [
        "../../2025/06/summer-fair/",
        "../../2025/01/winter-visit/",
    ]
    assert 'rel="next" href="page/2/"' in first and 'rel="prev" href="../../"' in second
    assert "Page 2 of 2 (5 posts)" in second


def test_listing_shows_summary_or_excerpt(basic_site):
    html = main_part(page(basic_site, "blog/page/2/"))
    assert "A summary that listings show instead of an excerpt." in html
    assert "The first paragraph of the winter visit" in html
    assert "The second paragraph" not in html
    first = main_part(page(basic_site, "blog/"))
    assert "Before the marker" in first and "After the marker" not in first


def test_excerpt_links_are_rebased_for_the_listing(basic_site):
    html = main_part(page(basic_site, "blog/"))
    assert (
        '<a href="2025/06/summer-fair/">a link to the fair</a>' in html
    )  # written as ../../06/summer-fair/ on the post
    for href in links(html):
        target = (basic_site / "blog" / href.split("#")[0]).resolve()
        assert href.startswith(("http", "mailto:", "#")) or target.exists(), href


def test_image_beside_a_post_is_copied_and_linked(basic_site):
    assert (basic_site / "posts/2026/images/books.svg").is_file()
    html = page(basic_site, "blog/2026/02/reading-week/")
    assert 'src="../../../../posts/2026/images/books.svg"' in html
    assert 'alt="Three books on a shelf"' in html


def test_tag_index_lists_tags_alphabetically_with_counts(basic_site):
    html = main_part(page(basic_site, "tags/"))
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="nd-count">\((\d+) posts?\)', html)
    assert names == [
        ("Fairs", "2"),
        ("Partnerships", "2"),
        ("Reading", "1"),
        ("SEND", "3"),
        ("Updates", "1"),
        ("Visits", "2"),
    ]


def test_tag_page_mixes_types(basic_site):
    html = main_part(page(basic_site, "tags/fairs/"))
    assert "Second fixture press release" in html and "The summer fair" in html
    assert "Tag: Fairs" in html


def test_archive_lists_years_and_their_posts(basic_site):
    html = main_part(page(basic_site, "archive/"))
    assert re.findall(r'href="(\d{4}/)">(\d{4})</a> <span class="nd-count">\((\d+) posts\)', html) == [
        ("2026/", "2026", "3"),
        ("2025/", "2025", "4"),
    ]
    year = main_part(page(basic_site, "archive/2025/"))
    assert year.count("<li><time") == 4 and '<a href="../../news/2025/11/press-one/">' in year


def test_home_page_shows_latest_of_each_type(basic_site):
    html = main_part(page(basic_site, ""))
    assert "Latest from Blog" in html and "Latest from News" in html
    assert html.count('<article class="nd-card ') == 4  # home_count: 2 of each type


def test_navigation_shows_the_sections_but_not_posts(basic_site):
    nav = page(basic_site, "about" if (basic_site / "about").exists() else "")
    nav = nav[nav.index('<nav class="nd-nav"') : nav.index('id="main-content"')]
    for label in ("Home", "Blog", "News", "Tags", "Archive"):
        assert re.search(rf">\s*{label}\s*<", nav), label
    assert "winter-visit" not in nav


def test_every_internal_link_resolves(basic_site):
    for html_file in basic_site.rglob("*.html"):
        if "assets" in html_file.parts or html_file.name == "404.html":
            continue
        for href in links(main_part(html_file.read_text(encoding="utf-8"))):
            if href.startswith(("http://", "https://", "mailto:", "tel:", "#")):
                continue
            target = (html_file.parent / href.split("#")[0]).resolve()
            assert target.exists(), f"{html_file.relative_to(basic_site)} links to missing {href}"


def test_a_post_links_to_a_docs_page_by_its_file(basic_site):
    html = main_part(page(basic_site, "blog/2025/09/back-to-school/"))
    assert '<a href="../../../../about/#who-we-are">the about page</a>' in html
