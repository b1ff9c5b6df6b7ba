"""The pages the plugin adds to MkDocs' files: each post at its address, and the listing, tag,
archive, subscribe and search pages, whose bodies come from templates under overrides/newsdesk/;
and the redirect pages of old addresses."""

from __future__ import annotations

import json
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..core.model import Post
from ..core.pages.redirects import redirects
from ..core.pages.search import SEARCH_PAGE
from ..core.publishing.outputs import SECTION_PAGES
from .speed.skipping import PageFile

# The template of each page every site has (core/publishing/outputs.py's SECTION_PAGES).
TEMPLATES = {
    "tags/index.md": "newsdesk/tags.html",
    "archive/index.md": "newsdesk/archive.html",
    "subscribe/index.md": "newsdesk/subscribe.html",
    SEARCH_PAGE: "newsdesk/search.html",
}


def nav_entries(nav: Navigation) -> set[str]:
    """Every page path named anywhere in mkdocs.yml's `nav`."""
    if isinstance(nav, str):
        return {nav}
    items = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else []
    return set().union(*map(nav_entries, items)) if items else set()


def front_matter(title: str, template: str) -> str:
    """The source of a generated page: only a title and a template; its body comes from the template.

    Search leaves generated pages out (see core/pages/search.py): they only repeat posts.
    """
    return f"---\ntitle: {json.dumps(title)}\ntemplate: {template}\n---\n"


def post_file(post: Post, config: MkDocsConfig) -> File:
    """A post's page: its source is the post's own file, its address the URL contract."""
    file = PageFile.generated(config, post.src_uri, abs_src_path=str(post.path), inclusion=InclusionLevel.NOT_IN_NAV)
    file.dest_uri = post.url + "index.html"  # the URL contract, independent of where the file sits
    # "Edit this page" opens the post's own file: MkDocs joins edit_uri (which names docs_dir in
    # the repository) with this path, and the URL join resolves the '..'. No repo_url, no link.
    file.edit_uri = os.path.relpath(post.path, config.docs_dir).replace(os.sep, "/") if config.repo_url else None
    return file


def index_pages(config: MkDocsConfig, listings: dict, prefixes: list[str]) -> list[File]:
    """Listings (by type, tag and year), the tag index, the archive, Subscribe and Search. A
    section's first page is in the nav unless the site's own `nav` leaves it out."""
    entries = None if config.nav is None else nav_entries(config.nav)
    sections = {prefix + "/" for prefix in prefixes}

    def page(src_uri: str, title: str, template: str, in_nav: bool) -> File:
        in_nav = in_nav and (entries is None or src_uri in entries)
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        return PageFile.generated(config, src_uri, content=front_matter(title, template), inclusion=inclusion)

    pages = []
    for src_uri, listing in listings.items():
        title = listing.title if listing.number == 1 else f"{listing.title} (page {listing.number})"
        template = "newsdesk/archive.html" if listing.kind == "year" else "newsdesk/listing.html"
        pages.append(page(src_uri, title, template, listing.url in sections))
    for src_uri, (title, _) in SECTION_PAGES.items():
        pages.append(page(src_uri, title, TEMPLATES[src_uri], src_uri != SEARCH_PAGE))  # search: from the header
    return pages


def redirect_files(config: MkDocsConfig, posts: list[Post]) -> list[File]:
    """A page at each alias (check_site has made sure that none takes another page's address)."""
    return [File.generated(config, path, content=page) for path, page in redirects(posts, config.site_url).items()]
