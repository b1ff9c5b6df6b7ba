"""'Edit this page' on a post opens the post's own file in posts/, never a generated path."""

from __future__ import annotations

import re

import pytest

from sitekit import BLOG, build, make_site

REPO_URL = "https://github.com/example-council/newsdesk"
POST_PAGE = "blog/2025/03/walking-buses/index.html"


def edit_link(page) -> str | None:
    match = re.search(r'<a href="([^"]*)"[^>]*rel="edit"', page.read_text(encoding="utf-8"))
    return match.group(1) if match else None


@pytest.mark.parametrize(
    "config, post_link, page_link",
    [
        (
            {"repo_url": REPO_URL},  # MkDocs' default edit_uri for GitHub: edit/master/docs/
            f"{REPO_URL}/edit/master/posts/2025/2025-03-04-walking-buses.md",
            f"{REPO_URL}/edit/master/docs/about.md",
        ),
        (
            {"repo_url": REPO_URL, "edit_uri": "edit/main/website/docs/"},  # mkdocs.yml in a folder of the repository
            f"{REPO_URL}/edit/main/website/posts/2025/2025-03-04-walking-buses.md",
            f"{REPO_URL}/edit/main/website/docs/about.md",
        ),
        (
            {"repo_url": REPO_URL, "edit_uri_template": "blob/main/docs/{path}"},
            f"{REPO_URL}/blob/main/posts/2025/2025-03-04-walking-buses.md",
            f"{REPO_URL}/blob/main/docs/about.md",
        ),
        ({}, None, None),  # no repository: no link
    ],
    ids=["github-default", "edit-uri", "edit-uri-template", "no-repo-url"],
)
def test_edit_link_points_at_the_posts_file(tmp_path, config, post_link, page_link):
    root = tmp_path / "site"
    make_site(root, {"2025/2025-03-04-walking-buses.md": BLOG}, config=config)
    built = build(root, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert edit_link(tmp_path / "out" / POST_PAGE) == post_link
    assert edit_link(tmp_path / "out/about/index.html") == page_link  # MkDocs' own pages: unchanged
    assert edit_link(tmp_path / "out/blog/index.html") is None  # a generated listing has no file to edit
