"""Loading every post under posts/ and validating each one and the set as a whole.

Nothing here stops at the first problem: the writer gets every problem in one go.
"""

from __future__ import annotations

import math
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..model import DRAFT, PUBLISHED, SCHEDULED, Author, Post, Problem, Related, Settings, sort_key
from ..pictures.imagecheck import image_problems
from ..text.dates import ambiguity, written_date
from ..text.frontmatter import FrontMatterError, describe, load_yaml, read_text, split, tab_problem, yaml_problem
from ..text.slugs import slug_from_filename
from . import attachments as documents
from .fields import FieldReader
from .links import Link, local_links, resolve

# load_posts' reads of unchanged files, kept by `mkdocs serve`: path -> (its state, the post, its problems).
Reads = dict[Path, tuple[Any, "Post | None", list[Problem]]]


@dataclass
class Loaded:
    posts: list[Post]  # every valid post, drafts and scheduled ones included, newest first
    problems: list[Problem]

    def published(self) -> list[Post]:
        return [post for post in self.posts if post.status == PUBLISHED]


def display(path: Path, root: Path) -> str:
    """The path as a writer sees it in the repository: 'posts/2024/x.md'."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def post_files(posts_dir: Path) -> list[Path]:
    """Markdown files under posts/, in a fixed order; a README there is for people, not a post."""
    return sorted(
        path
        for path in posts_dir.rglob("*.md")
        if path.name.lower() != "readme.md"
        and not any(part.startswith((".", "_")) for part in path.relative_to(posts_dir).parts)
    )


def asset_files(posts_dir: Path) -> list[Path]:
    """Images and other files kept beside posts; they are copied into the site as they are."""
    return sorted(
        path
        for path in posts_dir.rglob("*")
        if path.is_file()
        and path.suffix.lower() != ".md"
        and not any(part.startswith(".") for part in path.relative_to(posts_dir).parts)
    )


def asset_names(posts_dir: Path) -> list[str]:
    """asset_files by their paths in the posts folder: '2026/images/hall.png'."""
    return [path.relative_to(posts_dir).as_posix() for path in asset_files(posts_dir)]


def load_authors(path: Path, root: Path) -> tuple[dict[str, Author], list[Problem]]:
    """The authors file: 'key: {name: ..., role: ...}' for each person who signs posts.

    A missing or unreadable file is one problem about that file, never one per post.
    """
    source = display(path, root)
    example = (
        "one entry per author, such as 'director:' with 'name: Sam Example' and 'role: Director' indented under it"
    )
    if not path.is_file():
        return {}, [Problem(source, "file", f"missing; create it beside mkdocs.yml with {example}")]
    try:
        text = read_text(path)
    except UnicodeDecodeError:
        return {}, [Problem(source, "file", "not UTF-8 text; save the file again with the encoding 'UTF-8'")]
    lines = text.splitlines()
    if tab := tab_problem(lines, 1):
        return {}, [Problem(source, "file", tab)]
    try:
        data = load_yaml(text) or {}
    except yaml.MarkedYAMLError as error:
        return {}, [Problem(source, "file", yaml_problem(error, 1, lines))]
    if not isinstance(data, dict):
        return {}, [Problem(source, "file", f"expected {example}, got {describe(data)}")]
    authors, problems = {}, []
    for key, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(Problem(source, str(key), "needs a 'name:' line, such as 'name: Sam Example'"))
            continue
        found: list[Problem] = []
        contact = FieldReader(source, entry, None, found).contact(None)  # type: ignore[arg-type]  # the same rules as a post's; contact() reads no settings
        problems += [Problem(source, f"{key}.{problem.field}", problem.message) for problem in found]
        for extra in set(entry) - {"name", "role", "contact"}:
            problems.append(
                Problem(source, f"{key}.{extra}", "unknown field; an author has 'name', 'role' and 'contact'")
            )
        authors[str(key)] = Author(str(key), entry["name"].strip(), str(entry.get("role") or "").strip(), contact)
    return authors, problems


def read_post(path: Path, settings: Settings, problems: list[Problem]) -> Post | None:
    """One post, or None after recording why it cannot be read at all. A post with problems in its
    fields is still returned (load_posts leaves it out of the site) so its links can be checked."""
    source = display(path, settings.root)
    rel = path.relative_to(settings.posts_dir).as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                source,
                "file",
                f"not UTF-8 text (line {line} has a character saved in another encoding); save the file again with the encoding 'UTF-8'",
            )
        )
        return None
    try:
        parts = split(text)
    except FrontMatterError as error:
        problems.append(Problem(source, "front matter", str(error)))
        return None
    fields = FieldReader(source, parts.meta, settings, problems)
    fields.unknown_fields()
    title = fields.text("title", example="title: End of term")
    date = fields.date("date", required=True)
    type_key = fields.choice("type", tuple(settings.types), "blog")
    post_type = settings.types.get(type_key or "")
    summary = fields.text("summary")
    if post_type and post_type.summary_required and summary is None and "summary" not in parts.meta:
        problems.append(
            Problem(
                source,
                "summary",
                f"missing; every {post_type.label.lower()} needs a summary of one or two sentences, in a line such as 'summary: ...'",
            )
        )
    updated = fields.date("updated")
    changes = fields.changes()
    if changes and updated and updated != changes[0].date:
        problems.append(
            Problem(
                source,
                "updated",
                f"{written_date(updated)} is not the date of the newest entry in 'changes' ({written_date(changes[0].date)}); remove 'updated': the newest change sets it",
            )
        )
    updated = changes[0].date if changes else updated
    for number, change in enumerate(changes, start=1):  # every entry, not only the newest
        if date and updated_too_early(change.date, date):
            problems.append(
                Problem(
                    source,
                    "changes",
                    f"entry {number}, {written_date(change.date)}, is before the post's date {written_date(date)}; a change comes after the post is published",
                )
            )
    if updated and date and not changes and updated_too_early(updated, date):
        problems.append(
            Problem(
                source,
                "updated",
                f"{written_date(updated)} is before the post's date {written_date(date)}; 'updated' is when the post was last changed",
            )
        )
    image, image_alt = fields.image(PurePosixPath(rel).parent)
    author = fields.author()
    # Without a readable authors file, its own problem is the one cause: no "contact: missing" per post.
    contact_required = (
        post_type.label.lower()
        if post_type
        and post_type.contact_required
        and not (author and author.contact)
        and not settings.authors_unreadable
        else None
    )
    contact = fields.contact(contact_required) or (author.contact if author else None)
    image_caption, image_credit = fields.image_notes() if image else (None, None)
    # A post without a known type or author has a problem reported already, and is never built.
    post = Post(
        source=source,
        rel=rel,
        path=path,
        title=title or "",
        date=date or datetime.min.replace(tzinfo=settings.timezone),
        type=post_type,  # type: ignore[arg-type]
        slug=fields.slug(slug_from_filename(path.stem)),
        links=tuple(local_links(parts.body)),
        author=author,  # type: ignore[arg-type]
        body=parts.body,
        body_line=parts.body_line,
        summary=summary,
        tags=fields.tags(),
        updated=updated,
        draft=fields.flag("draft"),
        image=image,
        image_alt=image_alt,
        image_caption=image_caption,
        image_credit=image_credit,
        aliases=fields.aliases(),
        contact=contact,
        notes_to_editors=fields.text("notes_to_editors"),
        changes=changes,
        attachments=documents.read_attachments(fields, rel, settings),
        related=fields.related(),
        reading_minutes=max(1, math.ceil(len(parts.body.split()) / settings.words_per_minute)),
        notes=tuple(
            (field, note)
            for field, value in (("date", date), ("updated", updated))
            if value and (note := ambiguity(value, str(parts.meta.get(field))))
        ),
    )
    if not parts.body.strip():
        problems.append(Problem(source, "body", "empty; write the post below the closing '---' line"))
    return post  # with problems too: its links are checked as well, so the writer fixes all at once


def updated_too_early(updated: datetime, date: datetime) -> bool:
    """A correction dated the same day as the post is fine when it has no time (00:00) or a later one."""
    if updated.date() == date.date() and (updated.hour, updated.minute) == (0, 0):
        return False
    return updated < date


def _read(path: Path, settings: Settings, problems: list[Problem], reads: Reads | None) -> Post | None:
    """read_post, or what it gave before while the file (size, modified time) and settings are the same."""
    if reads is None:
        return read_post(path, settings, problems)
    stat = path.stat()
    state = (stat.st_size, stat.st_mtime_ns, settings)
    if path in reads and reads[path][0] == state:
        post, found = reads[path][1:]
    else:
        found = []
        post = read_post(path, settings, found)
        reads[path] = (state, post, found)
    problems.extend(found)
    return post


def load_posts(settings: Settings, *, now: datetime, publishing: bool, reads: Reads | None = None) -> Loaded:
    """Read and check every post. `publishing` is true for a real build: links to unpublished posts fail.

    `reads`, kept between calls by `mkdocs serve`, lets an unchanged file skip being read again.
    """
    problems: list[Problem] = []
    files = post_files(settings.posts_dir)
    posts = [post for path in files if (post := _read(path, settings, problems, reads))]
    for post in posts:
        post.status = DRAFT if post.draft else SCHEDULED if post.date > now else PUBLISHED
        problems += _future_changes(post, now)
    failed = {problem.source for problem in problems}
    _check_urls([post for post in posts if post.source not in failed], problems)
    by_rel = {post.rel: post for post in posts}
    known = {path.relative_to(settings.posts_dir).as_posix() for path in files}
    for post in posts:
        _check_links(post, settings, by_rel, known, publishing, problems)
        post.related = tuple(_resolve_related(post, settings, by_rel, publishing, problems))
    failed = {problem.source for problem in problems}
    valid = sorted((post for post in posts if post.source not in failed), key=sort_key)
    return Loaded(valid, sorted(set(problems)))


def _future_changes(post: Post, now: datetime) -> list[Problem]:
    """A change dated after now would show readers "Updated" on a day still to come, and make the
    feeds and sitemap say so: it is a mistake, never a plan."""
    return [
        Problem(
            post.source,
            "changes",
            f"entry {number}, {written_date(change.date)}, is in the future (it is now {written_date(now)}); "
            "write the date and time the change was made",
        )
        for number, change in enumerate(post.changes, start=1)
        if change.date > now
    ]


def _check_urls(posts: list[Post], problems: list[Problem]) -> None:
    """Two posts may not write the same page, and an alias may not shadow another post."""
    owner: dict[str, Post] = {}
    for post in sorted(posts, key=lambda p: p.source):
        other = owner.setdefault(post.url, post)
        if other is not post:
            for one, two in ((post, other), (other, post)):
                problems.append(
                    Problem(
                        one.source,
                        "slug",
                        f"the address /{post.url} is also used by {two.source}; give one of them a different 'slug'",
                    )
                )
    for post in sorted(posts, key=lambda p: p.source):
        for alias in post.aliases:
            key = alias.strip("/") + "/"
            other = owner.setdefault(key, post)
            if other is not post:
                problems.append(
                    Problem(
                        post.source,
                        "aliases",
                        f"'{alias}' is already the address of {other.source}; remove it from 'aliases'",
                    )
                )


def _check_links(
    post: Post, settings: Settings, by_rel: dict[str, Post], known: set[str], publishing: bool, problems: list[Problem]
) -> None:
    links = list(post.links)
    if post.image:
        links.append(Link(post.image, post.image, True, post.image_alt, 0))  # line 0: the front matter
    for link in links:
        for message in _link_problems(post, link, settings, by_rel, known, publishing):
            problems.append(Problem(post.source, "image" if link.line == 0 else "body", message))


def _resolve_related(
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
