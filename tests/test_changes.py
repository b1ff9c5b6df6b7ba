"""changes.py: which pages an edit touches. A digest must change whenever what a page shows does,
and stay the same for pages an edit does not reach, or the fast preview would rebuild everything."""

from __future__ import annotations

import os
from dataclasses import replace

from newsdesk.core.pages.listings import build_site
from newsdesk.core.publishing.changes import page_digests, post_digests, site_digest, tree_state
from test_units import BLOG, NEWS, make_post

TYPES = {"blog": BLOG, "press-release": NEWS}


def posts():
    return [
        make_post("a", "2024-01-01", tags=("Visits",)),
        make_post("b", "2024-02-01"),
        make_post("c", "2024-03-01", tags=("Visits",)),
        make_post("d", "2024-04-01"),
        make_post("p", "2024-02-15", NEWS),
    ]


def digests(all_posts) -> dict[str, bytes]:
    site = build_site(all_posts, TYPES, per_page=2)
    listings = {url + "index.md": listing for url, listing in site.listings.items()}
    site_key = site_digest(b"config", (), [], {}, site)
    return page_digests(site, listings, site_key, post_digests(site.posts)) | {"site": site_key}


def changed(before: dict, after: dict) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def test_same_posts_same_digests():
    assert changed(digests(posts()), digests(posts())) == set()


def test_a_title_edit_reaches_the_post_its_neighbours_and_its_listings():
    edited = posts()
    edited[2] = replace(edited[2], title="c, renamed")  # c: blog, 2024-03, tagged Visits
    assert changed(digests(posts()), digests(edited)) == {
        "posts/c.md",
        "posts/b.md",
        "posts/d.md",  # its page and its neighbours' (older/newer links)
        "posts/a.md",  # shares the tag Visits: its "More on this topic" shows c's title
        "blog/index.md",
        "tags/visits/index.md",
        "archive/2024/index.md",
    }


def test_a_body_edit_reaches_the_listings_that_show_its_excerpt():
    edited = posts()
    edited[4] = replace(edited[4], body="A different first paragraph.")
    assert changed(digests(posts()), digests(edited)) == {"posts/p.md", "news/index.md", "archive/2024/index.md"}


def test_a_new_tag_name_changes_the_site_digest():
    edited = posts()
    edited[1] = replace(edited[1], tags=edited[0].tags)
    assert "site" in changed(digests(posts()), digests(edited))


def test_the_site_digest_covers_configuration_docs_and_addresses():
    site = build_site(posts(), TYPES)
    base = site_digest(b"config", (), [("about.md", 1, 2)], {"about.md": "about/"}, site)
    assert site_digest(b"config", (), [("about.md", 1, 2)], {"about.md": "about/"}, site) == base
    assert site_digest(b"config: 2", (), [("about.md", 1, 2)], {"about.md": "about/"}, site) != base
    assert site_digest(b"config", (), [("about.md", 1, 3)], {"about.md": "about/"}, site) != base
    assert site_digest(b"config", (), [("about.md", 1, 2)], {"about.md": "about-us/"}, site) != base


def test_post_digests_remember_only_an_equal_post():
    known: dict = {}
    first = posts()
    one = post_digests(first, known)
    assert post_digests(first, known) == one
    first = [replace(first[0], status="draft"), *first[1:]]
    assert post_digests(first, known)["posts/a.md"] != one["posts/a.md"]
    reread = [replace(first[0], title="a again")]
    assert post_digests(reread, known)["posts/a.md"] != post_digests(first, {})["posts/a.md"]


def test_tree_state_sees_an_edited_template(tmp_path):
    (tmp_path / "partials").mkdir()
    template = tmp_path / "partials" / "footer.html"
    template.write_text("<footer></footer>")
    before = tree_state(tmp_path)
    template.write_text("<footer>changed</footer>")
    os.utime(template, ns=(1, 1))
    assert tree_state(tmp_path) != before
    assert [name for name, *_ in before] == [os.path.join("partials", "footer.html")]
