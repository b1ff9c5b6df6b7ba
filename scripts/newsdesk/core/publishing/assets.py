"""Which files kept beside posts (images, PDFs) a build publishes: only those something published
links to. A scheduled press release's photo must not be on the site before the release is, and a
file nothing links to (an internal briefing saved in the same folder) is never published.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..model import PUBLISHED, Post, Problem, Settings
from ..reading.docs import body_of, read_docs
from ..reading.links import is_local, local_links, resolve
from ..reading.posts import Loaded
from ..reading.sources import asset_names


@dataclass(frozen=True)
class AssetPlan:
    published: tuple[str, ...]  # relative to the posts folder: '2026/images/hall.png'
    held: tuple[str, ...]  # linked only from drafts and scheduled posts: published with them
    unlinked: tuple[str, ...]  # nothing links to them: never published


# HTML in Markdown: <a href>, <img src srcset>, <source srcset>, <video poster>...
_HTML_URL = re.compile(r"""\b(?:href|src|srcset|poster)\s*=\s*("[^"]*"|'[^']*')""", re.I)


def html_paths(text: str) -> set[str]:
    """Local paths named in the HTML attributes of `text`; a srcset names several."""
    found = set()
    for match in _HTML_URL.finditer(text) if "=" in text else ():
        for candidate in match.group(1)[1:-1].split(","):
            path = candidate.strip().split(" ")[0]
            if path and is_local(path):
                found.add(re.split(r"[#?]", path, maxsplit=1)[0])
    return found


def post_targets(post: Post) -> set[str]:
    """The files in the posts folder a post links to (in Markdown or HTML), names as its `image`,
    or publishes as one of its `attachments`."""
    paths = {link.path for link in post.links} | html_paths(post.body)
    if post.image:
        paths.add(post.image)
    targets = {resolve(post.rel, path) for path in paths}
    return targets | {a.file.removeprefix("posts/") for a in post.attachments if a.file}


def docs_targets(pages: dict[str, str], posts_prefix: str = "posts/") -> set[str]:
    """The files in the posts folder that docs pages link to, as MkDocs resolves their links:
    relative to the page's place in the site, where the posts folder is 'posts/'.

    `pages` maps each page's path in docs/ ('about.md') to its Markdown.
    """
    found = set()
    for page, text in pages.items():
        for path in {link.path for link in local_links(text)} | html_paths(text):
            target = resolve(page, path)
            if target.startswith(posts_prefix):
                found.add(target[len(posts_prefix) :])
    return found


def plan_assets(assets: list[str], posts: list[Post], docs_linked: set[str]) -> AssetPlan:
    """Sort the files beside posts into published, held back and unlinked."""
    public = set(docs_linked).union(*(post_targets(p) for p in posts if p.status == PUBLISHED))
    private = set().union(*(post_targets(p) for p in posts if p.status != PUBLISHED))
    return AssetPlan(
        published=tuple(a for a in assets if a in public),
        held=tuple(a for a in assets if a not in public and a in private),
        unlinked=tuple(a for a in assets if a not in public and a not in private),
    )


def asset_plan(settings: Settings, loaded: Loaded) -> AssetPlan:
    """The plan for this site's files beside posts, as the build and `newsdesk check` both make it."""
    pages = {page: body_of(text) for page, text in read_docs(settings.docs_dir).items()}
    return plan_assets(asset_names(settings.posts_dir), loaded.posts, docs_targets(pages))


def unlinked_warnings(plan: AssetPlan, posts_source: str) -> list[Problem]:
    """`newsdesk check`'s warning for each file nothing links to. `posts_source` is 'posts'."""
    return [
        Problem(
            posixpath.join(posts_source, rel),
            "file",
            "warning: no post or page links to this file, so it is not published; "
            "link to it from a post, or move it out of the posts folder if it is not for the site",
        )
        for rel in plan.unlinked
    ]
