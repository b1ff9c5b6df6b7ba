"""Every path the site will write, known before anything is written, so that clashes and paths
that would leave the site folder are errors while the last good site is still in place.

The build and `newsdesk check` both call `output_problems`, so they agree on every clash.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..model import Problem, Settings
from ..pages.listings import Site
from ..pages.redirects import alias_path
from ..pages.search import SEARCH_PAGE
from ..pictures.images import is_raster, is_rendition_of
from ..reading.links import slash_fix

# The pages every site has besides posts and listings, by their source: their title, and what
# messages call them. The adapter makes them (mkdocs/generated.py); nothing may take their place.
SECTION_PAGES = {
    "tags/index.md": ("Tags", "the tag index"),
    "archive/index.md": ("Archive", "the archive"),
    "subscribe/index.md": ("Subscribe", "the Subscribe page"),
    SEARCH_PAGE: ("Search", "the search page"),
}
# Folders the build fills as it goes, with names no one can foresee: an alias may not go there.
BUILD_FOLDERS = {
    "pagefind/": "the search index's folder /pagefind/",
    "assets/cards/": "the share cards' folder /assets/cards/",
    "posts/": "the folder /posts/, where the site publishes the files kept beside posts",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def unsafe_path(path: str) -> str | None:
    """Why a site-relative output path could land outside the site folder, or None if it cannot.

    '..', '.' and empty parts, backslashes (a folder separator on Windows), drive letters and
    control characters are refused rather than cleaned, so the writer sees what was wrong.
    """
    if not path.strip("/"):
        return "it is the site's home page"
    if fix := slash_fix(path):
        return f"it contains a backslash; {fix}"
    if _CONTROL.search(path):
        return "it contains a control character (such as a tab or a line break)"
    if re.match(r"^/*[A-Za-z]:", path):
        return "it is a file path on a computer, not an address on this site"
    parts = path.strip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "it has an empty, '.' or '..' part; write the address in full, such as '/news/2015/10/launch/'"
    return None


def inside(dest: str) -> bool:
    """Whether a site-relative output path, joined to the site folder, stays inside it (a string
    check, so it costs nothing per file: no '..' above the top, no absolute path or drive)."""
    path = posixpath.normpath(dest.replace("\\", "/"))
    return not (path == ".." or path.startswith(("../", "/")) or re.match(r"^[A-Za-z]:", path))


def docs_outputs(docs_dir: Path | None) -> dict[str, str]:
    """Each file docs/ will write, as 'about/index.html' -> 'docs/about.md' (MkDocs' directory URLs)."""
    if docs_dir is None or not docs_dir.is_dir():
        return {}
    found: dict[str, str] = {}
    for rel in sorted(_walk(docs_dir)):
        if any(part.startswith(".") for part in rel.split("/")) or rel.startswith("templates/"):
            continue
        found.setdefault(page_dest(rel), f"{docs_dir.name}/{rel}")
    return found


def _walk(folder: Path) -> list[str]:
    """Every file under `folder`, as 'images/team.jpg', following folder links as MkDocs does."""
    return [
        Path(here, name).relative_to(folder).as_posix()
        for here, _, names in os.walk(folder, followlinks=True)
        for name in names
        if Path(here, name).is_file()
    ]


def page_dest(src: str) -> str:
    """Where MkDocs writes a docs file: 'about.md' -> 'about/index.html', 'a/index.md' -> 'a/index.html'."""
    if not src.endswith(".md"):
        return src
    folder, name = posixpath.split(src[:-3])
    if name.lower() in ("index", "readme"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, name, "index.html")


def generated_outputs(
    site: Site, settings: Settings, feed_paths: Iterable[str], assets: Iterable[str]
) -> dict[str, str]:
    """Each page and file the plugin generates, with what it is, for messages."""
    found: dict[str, str] = {}
    for post in site.posts:
        found[post.url + "index.html"] = f"the page of {post.source}"
    for url in site.listings:
        found.setdefault(url + "index.html", f"the listing /{url}")
    found.update({src.removesuffix(".md") + ".html": what for src, (_, what) in SECTION_PAGES.items()})
    for path in feed_paths:
        found[path] = f"the feed /{path}" if path.endswith(".xml") else f"the file /{path}"
    for rel in assets:
        found.setdefault(f"posts/{rel}", f"the file {settings.posts_dir.name}/{rel}")
    return found


def output_problems(
    site: Site,
    settings: Settings,
    *,
    feed_paths: Iterable[str],
    assets: Iterable[str],
    feed_logo: str | None,
    engine: Callable[[], dict[str, str]] | None = None,
    config_name: str = "mkdocs.yml",
) -> list[Problem]:
    """Docs files that would replace generated pages, aliases that would replace anything or leave
    the site folder, and a feed logo that is not there. `engine` gives, when an alias is to be
    checked, every file the engine, its theme and the editor write, with what each is."""
    generated = generated_outputs(site, settings, feed_paths, assets)
    docs = docs_outputs(settings.docs_dir)
    problems = []
    for dest, source in docs.items():
        if dest in generated:
            problems.append(
                Problem(
                    source,
                    "file",
                    f"would replace {generated[dest]}, which the site makes itself (/{dest}); rename or remove {source}",
                )
            )
    taken = None
    for post in site.posts:
        for alias in post.aliases:
            if unsafe_path(alias):
                continue  # reported when the post was read
            if taken is None:  # only a site with aliases asks the engine
                taken = {
                    **(engine() if engine else {}),
                    **{dest: f"the page made from {source}" for dest, source in docs.items()},
                    **generated,
                }
            dest = alias_path(alias)
            what = taken.get(dest) or next(
                (
                    f"a copy of the picture /{source}"
                    for source in docs
                    if is_raster(source) and is_rendition_of(dest, source)
                ),
                None,
            )
            folder = next((name for folder, name in BUILD_FOLDERS.items() if dest.startswith(folder)), None)
            if folder and not what:
                problems.append(
                    Problem(
                        post.source,
                        "aliases",
                        f"'{alias}' is inside {folder}, which the build fills; remove it from 'aliases'",
                    )
                )
            elif what and what != f"the page of {post.source}":
                problems.append(
                    Problem(post.source, "aliases", f"'{alias}' is the address of {what}; remove it from 'aliases'")
                )
            elif what:
                problems.append(
                    Problem(post.source, "aliases", f"'{alias}' is this post's own address; remove it from 'aliases'")
                )
    if feed_logo and settings.docs_dir is not None and not (settings.docs_dir / feed_logo).is_file():
        docs_name = settings.docs_dir.name
        problems.append(
            Problem(
                config_name,
                "feed_logo",
                f"'{feed_logo}', but {docs_name}/{feed_logo} does not exist; save the logo there or change 'feed_logo'",
            )
        )
    return problems
