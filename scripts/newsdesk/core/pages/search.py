"""What the search index holds, and how Pagefind is asked to make it.

Pagefind reads the built HTML and writes its index into the site, in small chunks that a reader's
browser fetches only when a search needs them. It indexes the full text of published posts and of
docs pages, nothing else: listings, tag pages, the archive and redirect pages only repeat posts, so
they are not even read. The templates mark what counts (overrides/newsdesk/post.html and
overrides/main.html): `data-pagefind-body` on a published post's article and a docs page's content,
`data-pagefind-filter`, `-meta` and `-sort` on its type, tags, year and date, and
`data-pagefind-ignore` on what is not the text (neighbour links, actions). A draft or scheduled post
has no `data-pagefind-body`, so under `mkdocs serve`, which shows them, Pagefind leaves it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..model import PUBLISHED, PostType

if TYPE_CHECKING:  # listings.py needs SEARCH_PAGE from here
    from .listings import Site

BUNDLE = "pagefind"  # the index's folder in the site; the search page loads pagefind/pagefind.js
SEARCH_PAGE = "search/index.md"
# Left out of the text: the heading permalink symbols ('¶') that toc's permalink option adds; the
# labels "Published", "By" and "Tags", which Pagefind would run into their values ("ByDr Ruth Okafor");
# and the parts that name other pages or repeat on every post (related content, more on this topic,
# share links, the accessible-formats note), so that a search for one post's title finds that post.
IGNORED_SELECTORS = (
    ".headerlink",
    ".nd-meta dt",
    ".nd-tags-heading",
    ".nd-related",
    ".nd-more",
    ".nd-share",
    ".nd-formats",
)
# Pagefind writes its ready-made search interfaces too; the site has its own page, so these go.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
_GLOB_SPECIAL = re.compile(r"([\\{}\[\]*?,!])")


def _literal(path: str) -> str:
    """A file path as a glob that matches only that path."""
    return _GLOB_SPECIAL.sub(r"\\\1", path)


def index_glob(prefixes: Iterable[str], docs_pages: Iterable[str]) -> str:
    """The files Pagefind reads: every page under a post type's dated folders, and each docs page.

    Posts live at '<prefix>/<yyyy>/<mm>/<slug>/index.html'; listings at '<prefix>/' and
    '<prefix>/page/<n>/' are not matched. A redirect page an alias put under a dated folder is read,
    but has no data-pagefind-body, so it is not indexed.
    """
    parts = [f"{_literal(prefix)}/[0-9][0-9][0-9][0-9]/**/index.html" for prefix in sorted(set(prefixes))]
    parts += [_literal(page) for page in sorted(set(docs_pages))]
    return "{" + ",".join(parts) + "}" if len(parts) > 1 else parts[0]


def pagefind_args(site_dir: str, glob: str, output_path: str | None = None) -> list[str]:
    """The Pagefind command's arguments (after the executable) for this site."""
    args = ["--site", site_dir, "--glob", glob, "--exclude-selectors", ",".join(IGNORED_SELECTORS), "--quiet"]
    return args + (["--output-path", output_path] if output_path else ["--output-subdir", BUNDLE])


def search_filters(site: Site, types: Mapping[str, PostType]) -> dict[str, list[str]]:
    """The values of the search page's filters (`site` is listings.Site): as the posts' pages give
    them to Pagefind."""
    posts = [post for post in site.posts if post.status == PUBLISHED]
    return {
        "type": [t.title for t in types.values() if any(p.type.key == t.key for p in posts)],
        "tag": sorted({site.tag_names[tag.slug] for post in posts for tag in post.tags}, key=str.casefold),
        "year": sorted({str(post.date.year) for post in posts}, reverse=True),
    }
