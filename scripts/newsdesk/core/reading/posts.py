"""Loading every post under posts/ and validating each one and the set as a whole.

Nothing here stops at the first problem: the writer gets every problem in one go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from ..forking import split_map
from ..model import DRAFT, PUBLISHED, SCHEDULED, Post, Problem, Settings, sort_key
from ..text.dates import ambiguity, written_date
from ..text.frontmatter import FrontMatterError, split
from ..text.slugs import slug_from_filename
from . import attachments as documents
from .crosslinks import check_links, resolve_related
from .entries import PostReader
from .links import local_links
from .schema import FIELD
from .sources import display, post_files

# load_posts' reads of unchanged files, kept by `mkdocs serve`: path -> (its state, the post, its problems).
Reads = dict[Path, tuple[Any, "Post | None", list[Problem]]]


@dataclass
class Loaded:
    posts: list[Post]  # every valid post, drafts and scheduled ones included, newest first
    problems: list[Problem]

    def published(self) -> list[Post]:
        return [post for post in self.posts if post.status == PUBLISHED]


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
    fields = PostReader(source, parts.meta, settings, problems)
    fields.unknown_fields()
    title = fields.text("title", example="title: End of term")
    date = fields.date("date", required=True)
    type_key = fields.choice("type", tuple(settings.types), "blog")
    post_type = settings.types.get(type_key or "")
    summary = fields.text("summary")
    needs_summary = post_type and FIELD["summary"].is_required(post_type, settings)
    if post_type and needs_summary and summary is None and "summary" not in parts.meta:
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


def _read(path: Path, settings: Settings, reads: Reads | None) -> tuple[Post | None, list[Problem]]:
    """read_post and its problems, or what it gave before while the file (size, mtime) and settings are the same."""
    if reads is None:
        found: list[Problem] = []
        return read_post(path, settings, found), found
    stat = path.stat()
    state = (stat.st_size, stat.st_mtime_ns, settings)
    if path not in reads or reads[path][0] != state:
        found = []
        reads[path] = (state, read_post(path, settings, found), found)
    return reads[path][1:]


def load_posts(
    settings: Settings, *, now: datetime, publishing: bool, reads: Reads | None = None, workers: int = 1
) -> Loaded:
    """Read and check every post. `publishing` is true for a real build: links to unpublished posts fail.

    `reads`, kept between calls by `mkdocs serve`, lets an unchanged file skip being read again.
    Without it, `workers` (2 or more) reads half the posts on a forked process (serve has threads).
    """
    files = post_files(settings.posts_dir)
    results = split_map(partial(_read, settings=settings, reads=reads), files, workers if reads is None else 1)
    problems = [problem for _, found in results for problem in found]
    read = [post for post, _ in results if post is not None]
    posts = [
        replace(post, status=DRAFT if post.draft else SCHEDULED if post.date > now else PUBLISHED) for post in read
    ]
    for post in posts:
        problems += _future_changes(post, now)
    failed = {problem.source for problem in problems}
    _check_urls([post for post in posts if post.source not in failed], problems)
    by_rel = {post.rel: post for post in posts}
    known = {path.relative_to(settings.posts_dir).as_posix() for path in files}
    for post in posts:
        check_links(post, settings, by_rel, known, publishing, problems)
    posts = [
        replace(post, related=tuple(resolve_related(post, settings, by_rel, publishing, problems))) for post in posts
    ]
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
