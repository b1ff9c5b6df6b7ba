"""Links that MkDocs would only find broken after writing every page: links in docs/ pages, and
links to a part of a page ('#who-we-are'). Checked here first, for the build and `newsdesk check`.

A page's anchors are the ids of its HTML, as MkDocs finds them; `convert` turns Markdown into that
HTML with the site's own Markdown extensions (the adapter or the command supplies it).
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..model import Post, Problem, Settings
from ..pictures.images import format_problem
from ..reading.docs import docs_files, has_front_matter
from ..reading.links import Link, local_links, slash_fix
from ..text.frontmatter import FrontMatterError, read_text, split

_ID = re.compile(r"""\b(?:id|name)\s*=\s*("[^"]*"|'[^']*')""", re.I)
ADDRESS_HINT = "link to the file instead, such as 'about.md'"


def anchors_in(html: str) -> set[str]:
    return {value[1:-1] for value in _ID.findall(html)}


class Pages:
    """The Markdown of every page a link can point into, by its place in the site's files
    ('posts/2025/a.md', 'about.md'), and each page's anchors, worked out once when first needed."""

    def __init__(self, convert: Callable[[str], str]) -> None:
        self.convert = convert
        self.texts: dict[str, str] = {}
        self.anchors: dict[str, set[str]] = {}

    def anchors_of(self, src: str) -> set[str] | None:
        if src not in self.texts:
            return None
        if src not in self.anchors:
            logging.disable(logging.WARNING)  # the build converts the page again, and warns then
            try:
                self.anchors[src] = anchors_in(self.convert(self.texts[src]))
            finally:
                logging.disable(logging.NOTSET)
        return self.anchors[src]


def docs_pages(docs_dir: Path | None, problems: list[Problem]) -> dict[str, tuple[str, int]]:
    """Each Markdown page of docs/: its text without front matter, and the line its text starts on."""
    found = {}
    for rel, path in docs_files(docs_dir):
        try:
            text = read_text(path)
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    f"{docs_dir.name if docs_dir else 'docs'}/{rel}",
                    "file",
                    "not UTF-8 text; save the file again with the encoding 'UTF-8'",
                )
            )
            continue
        try:
            parts = split(text) if has_front_matter(text) else None
        except FrontMatterError:
            parts = None  # docs.front_matter_problems reports it
        found[rel] = (parts.body, parts.body_line) if parts else (text, 1)
    return found


def page_link_problems(
    posts: Iterable[Post], settings: Settings, *, generated: set[str], convert: Callable[[str], str]
) -> list[Problem]:
    """Broken links in docs pages, and links from posts or docs pages to an anchor a page lacks."""
    pages = Pages(convert)
    problems: list[Problem] = []
    docs = docs_pages(settings.docs_dir, problems)
    docs_name = settings.docs_dir.name if settings.docs_dir else "docs"
    for rel, (text, _) in docs.items():
        pages.texts[rel] = text
    posts = list(posts)
    for post in posts:
        pages.texts[post.src_uri] = post.body
    files = set(generated) | _docs_files(settings.docs_dir)
    for rel, (text, first) in docs.items():
        source = f"{docs_name}/{rel}"
        for link in local_links(text):
            what = f"{'image' if link.is_image else 'link'} '{link.target}' on line {first + link.line - 1}"
            if link.absolute:
                problems.append(
                    Problem(source, "body", f"{what} is an address, which the build cannot check; {ADDRESS_HINT}")
                )
                continue
            if "\\" in link.path:
                problems.append(Problem(source, "body", f"{what}: {slash_fix(link.target) or slash_fix(link.path)}"))
                continue
            target = _target(rel, link)
            if link.is_image and (problem := format_problem(what, link.path, in_front_matter=False)):
                problems.append(Problem(source, "body", problem))
            elif target is None:
                problems.append(
                    Problem(
                        source,
                        "body",
                        f"{what} points outside {docs_name}/; link to a page by its file, such as 'about.md'",
                    )
                )
            elif link.path and target not in files:
                if "." not in posixpath.basename(target):
                    problems.append(
                        Problem(
                            source,
                            "body",
                            f"{what} points to a folder; link to the page's file, such as '{target.rstrip('/')}/index.md'",
                        )
                    )
                else:
                    problems.append(
                        Problem(source, "body", f"{what} points to {docs_name}/{target}, which does not exist")
                    )
            else:
                problems += _anchor_problem(source, what, link, target, pages)
    for post in posts:
        for link in post.links:
            if link.fragment and not link.absolute:
                what = f"link '{link.target}' on line {post.body_line + link.line - 1}"
                target = _target(post.src_uri, link) if link.path else post.src_uri
                if target is not None and link.path and target not in pages.texts:
                    target = _docs_target(post, link, settings)
                problems += _anchor_problem(post.source, what, link, target, pages)
    return problems


def _target(page: str, link: Link) -> str | None:
    """The page a relative link points to, as a path among the site's files; None if outside them."""
    if not link.path:
        return page
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link.path))
    return None if target.startswith("../") or target == ".." else target


def _docs_target(post: Post, link: Link, settings: Settings) -> str | None:
    """A post's link into docs/ ('../../docs/about.md') as the docs page's own path ('about.md')."""
    if settings.docs_dir is None:
        return None
    target = (post.path.parent / link.path).resolve()
    try:
        return target.relative_to(settings.docs_dir.resolve()).as_posix()
    except ValueError:
        return None


def _anchor_problem(source: str, what: str, link: Link, target: str | None, pages: Pages) -> list[Problem]:
    if not link.fragment or target is None:
        return []
    anchors = pages.anchors_of(target)
    if anchors is None or link.fragment in anchors:
        return []  # not a page whose anchors are known (a listing, a file): MkDocs does not check it either
    fix = f"use one of its anchors ({', '.join(sorted(anchors)[:8])})" if anchors else "it has no headings to point to"
    return [
        Problem(
            source,
            "body",
            f"{what} points to '#{link.fragment}', which that page does not have; {fix}, or remove the '#...' part",
        )
    ]


def _docs_files(docs_dir: Path | None) -> set[str]:
    if docs_dir is None or not docs_dir.is_dir():
        return set()
    return {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file()}
