"""A post's links: to other posts, to pages in docs/ and to pictures, each checked as the
build will see it, and related links resolved to the post or page they name."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..model import DRAFT, PUBLISHED, Post, Problem, Related, Settings
from ..pictures.imagecheck import image_problems
from .filenames import capitals_fix, name_on_disk
from .links import Link, resolve, slash_fix
from .sources import display


def check_links(
    post: Post, settings: Settings, by_rel: dict[str, Post], known: set[str], publishing: bool, problems: list[Problem]
) -> None:
    links = list(post.links)
    if post.image:
        links.append(Link(post.image, post.image, True, post.image_alt, 0))  # line 0: the front matter
    for link in links:
        for message in _link_problems(post, link, settings, by_rel, known, publishing):
            problems.append(Problem(post.source, "image" if link.line == 0 else "body", message))


def resolve_related(
    post: Post, settings: Settings, by_rel: dict[str, Post], publishing: bool, problems: list[Problem]
) -> Iterator[Related]:
    """Each related link with the post or docs page it names; a link that would break is a problem."""
    for number, item in enumerate(post.related, start=1):
        if item.target.startswith(("https://", "http://")):
            yield item
            continue
        what = f"entry {number}: '{item.target}'"
        rel = resolve(post.rel, item.target)
        if rel.startswith("../"):
            page = docs_page(post, Link(item.target, item.target, False, None, 0), settings)
            if page is None:
                problems.append(
                    Problem(
                        post.source,
                        "related",
                        f"{what} is neither a post nor a page in docs/; link a post such as '../2025/2025-01-15-x.md' or a page such as '../../docs/about.md'",
                    )
                )
                continue
            yield Related(item.title, item.target, page=page)
            continue
        other = by_rel.get(rel)
        if other is None:
            problems.append(Problem(post.source, "related", f"{what} points to posts/{rel}, which does not exist"))
        elif other is post:
            problems.append(Problem(post.source, "related", f"{what} is this post itself; remove it"))
        elif publishing and post.status == PUBLISHED and other.status != PUBLISHED:
            problems.append(Problem(post.source, "related", f"{what} is not published yet; remove it until it is"))
        else:
            yield Related(item.title, item.target, post=rel)


def docs_page(post: Post, link: Link, settings: Settings) -> str | None:
    """The docs page a post links to by its file ('../../docs/about.md' -> 'about.md'), if any."""
    if settings.docs_dir is None:
        return None
    target = Path(os.path.normpath(post.path.parent / link.path))
    try:
        page = target.relative_to(settings.docs_dir).as_posix()
    except ValueError:
        return None
    return page if target.is_file() else None


def _outside_message(what: str, post: Post, link: Link, settings: Settings) -> str:
    """A link out of the posts folder that is no docs page: a missing page in docs/ is named as such."""
    target = Path(os.path.normpath(post.path.parent / link.path))
    if settings.docs_dir is not None and target.is_relative_to(settings.docs_dir):
        fix = "save the picture there" if link.is_image else "create that page"
        return f"{what} points to {display(target, settings.root)}, which does not exist; correct the name, or {fix}"
    if link.is_image:  # a picture goes beside the post, not wherever it happened to be on the computer
        beside = display(post.path.parent / "images" / target.name, settings.root)
        return (
            f"{what} is outside the posts folder and docs/, so the site cannot show it; save the picture "
            f"as {beside} and write 'images/{target.name}'"
        )
    return f"{what} points outside the posts folder, and not to a page in docs/; link to a page by its file, such as '../../docs/about.md'"


def docs_links(post: Post, settings: Settings) -> dict[str, str]:
    """Links from a post to docs pages, as MkDocs must see them: relative to the post's place in
    the site's files (posts/<rel>), not to its place in the repository."""
    moved = {}
    for link in post.links:
        if page := docs_page(post, link, settings):
            suffix = link.target[len(link.target.split("#")[0]) :]
            moved[link.target] = posixpath.relpath(page, posixpath.dirname(post.src_uri)) + suffix
    return moved


def _link_problems(
    post: Post, link: Link, settings: Settings, by_rel: dict[str, Post], known: set[str], publishing: bool
) -> Iterator[str]:
    """What is wrong with one link or image of a post: nothing, or each thing the writer must fix."""
    rel = resolve(post.rel, link.path)
    what = f"{'image' if link.is_image else 'link'} '{link.target}'"
    what += f" on line {post.body_line + link.line - 1}" if link.line else ""
    if link.absolute:
        yield (
            f"{what} is an address, which the build cannot check; link to the file instead, "
            "such as '../2025/2025-10-14-every-day-counts.md' for a post or '../../docs/about.md' for a page"
        )
        return
    if not link.path:
        return  # '#section' of this post: see anchors.py
    if "\\" in link.path:  # written the Windows way; on Windows the file would even be found
        yield f"{what}: {slash_fix(link.target) or slash_fix(link.path)}"
        return
    if link.is_image and link.line and not (link.alt or "").strip():
        yield f"{what} has no alt text; describe it between the brackets, as in ![Pupils at the science fair]({link.target})"
    if rel.startswith("../"):
        if not docs_page(post, link, settings):
            yield _outside_message(what, post, link, settings)
        return
    is_file = rel.endswith(".md") or link.is_image or "." in PurePosixPath(rel).name  # not a folder link
    if not is_file:
        yield f"{what} points to a folder, which the build cannot check; link to a post's or page's file, such as '../2025/2025-10-14-every-day-counts.md'"
        return
    if on_disk := name_on_disk(settings.posts_dir, rel):
        yield capitals_fix(what, "posts", on_disk)
        return
    exists = rel in known if rel.endswith(".md") else (settings.posts_dir / rel).is_file()
    if is_file and not exists:
        yield f"{what} points to posts/{rel}, which does not exist"
    elif link.is_image and exists:
        yield from image_problems(
            what, link.target, settings.posts_dir / rel, link.line == 0, f"posts/{rel}", settings.cache
        )
    other = by_rel.get(rel)
    if publishing and other and post.status == PUBLISHED and other.status != PUBLISHED:
        when = "is a draft" if other.status == DRAFT else f"is scheduled for {other.date:%Y-%m-%d %H:%M}"
        yield f"{what} points to posts/{rel}, which {when} and not published yet; remove the link until it is"
