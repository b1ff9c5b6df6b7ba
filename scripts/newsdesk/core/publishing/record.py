"""Addresses for life: the record of every address the site has published.

Every build publishes the record as /published.json: the addresses of its published posts and
their aliases, added to the record it was given. The deploy workflow fetches the live site's copy
before it builds, so the build knows every address ever published without a file in the
repository that a robot would have to commit to; tests give it a local file. With the record:

- a build stops when a published address would disappear (a moved `date`, a new `slug`, a post
  made a draft again, a deleted file), naming the post, the address and the `aliases:` line that
  keeps it;
- `newsdesk due` tells the deploy workflow whether a scheduled post has become due since the last
  deploy: a post published now whose address the record does not have yet.
"""

from __future__ import annotations

import json
from collections.abc import Set
from pathlib import Path

from ..model import PUBLISHED, Post, Problem

RECORD_PATH = "published.json"  # in the site: https://<site>/published.json
ABOUT = (
    "Every address this site has published, with the post it came from. The newsdesk build "
    "reads the previous copy to keep each address working; see docs-dev/publishing.md."
)


def address(path: str) -> str:
    """'/news/2015/10/launch/' from 'news/2015/10/launch/', '/news/2015/10/launch' or an alias as written."""
    path = path.strip().strip("/")
    last = path.rsplit("/", 1)[-1]
    return f"/{path}" if "." in last else f"/{path}/" if path else "/"


def addresses_of(posts: list[Post]) -> dict[str, str]:
    """The addresses of these posts (published ones only) and of their aliases, each with its file."""
    found = {}
    for post in posts:
        if post.status == PUBLISHED:
            found[address(post.url)] = post.source
            found.update((address(alias), post.source) for alias in post.aliases)
    return found


def read_record(path: Path, shown: str) -> dict[str, str]:
    """The addresses in the record `path`; a ValueError says what is wrong. `shown` names the file in messages."""
    return read_published(path, shown)[0]


def read_published(path: Path, shown: str) -> tuple[dict[str, str], str]:
    """The record's addresses and the commit the recorded site was built from ('' if it does not say)."""
    if not path.is_file():
        raise ValueError(
            f"the record of published addresses, {shown}, does not exist; the deploy workflow "
            f"fetches it from the live site (see docs-dev/publishing.md)"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        record = data["addresses"]
        commit = data.get("commit", "")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in record.items()) or not isinstance(commit, str):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValueError(f"{shown} is not a record of published addresses (a JSON object with 'addresses')") from None
    return {address(key): value for key, value in record.items()}, commit


def updated_record(record: dict[str, str], posts: list[Post], withdrawn: list[str]) -> dict[str, str]:
    """What this build publishes: the old record, this build's addresses, less the withdrawn ones."""
    gone = {address(path) for path in withdrawn}
    merged = {**record, **addresses_of(posts)}
    return {key: merged[key] for key in sorted(merged) if key not in gone}


def render(record: dict[str, str], commit: str = "") -> bytes:
    """The record as the site publishes it: sorted, so the same posts give the same bytes.

    `commit` is the commit the deploy built, so that `newsdesk due` sees a push not yet deployed."""
    data = {"about": ABOUT, "addresses": record, **({"commit": commit} if commit else {})}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def dropped(
    record: dict[str, str], posts: list[Post], withdrawn: list[str], failed: Set[str] = frozenset()
) -> list[Problem]:
    """A problem for each published address this build would no longer have, with the fix.

    `failed` names files with problems of their own: their addresses wait until those are fixed."""
    if not record:  # no record (the preview, a first build): nothing published to lose
        return []
    have = addresses_of(posts)
    gone = {address(path) for path in withdrawn}
    lost = sorted(key for key in record if key not in have and key not in gone and record[key] not in failed)
    by_source = {post.source: post for post in posts}
    by_slug: dict[str, list[Post]] = {}
    for post in posts:
        by_slug.setdefault(post.slug, []).append(post)
    owners = {key: _owner(key, record[key], by_source, by_slug) for key in lost}
    problems = []
    for key in lost:
        owner = owners[key]
        withdraw = f"or, to take it down on purpose, add '{key}' to 'withdrawn' under the newsdesk plugin in mkdocs.yml"
        if owner is None:
            problems.append(
                Problem(
                    record[key],
                    "file",
                    f"the published address {key} came from this file, which is gone; "
                    f'if the post was renamed or moved, add the line "aliases: [{key}]" to it, {withdraw}',
                )
            )
        elif owner.status != PUBLISHED:
            why = "a draft" if owner.status != "scheduled" else f"scheduled for {owner.date:%Y-%m-%d %H:%M}"
            problems.append(
                Problem(
                    owner.source,
                    "draft" if owner.status != "scheduled" else "date",
                    f"the post was published at {key} and is now {why}, so that address would disappear; "
                    f"publish it again, {withdraw}",
                )
            )
        else:
            keep = [*owner.aliases, *(k for k in lost if owners[k] is owner and k not in owner.aliases)]
            problems.append(
                Problem(
                    owner.source,
                    "aliases",
                    f"the post was published at {key} and would no longer be there; "
                    f'add the line "aliases: [{", ".join(keep)}]" so readers and links '
                    "still find it (replacing any 'aliases:' line it has)",
                )
            )
    return problems


def _owner(key: str, source: str, by_source: dict[str, Post], by_slug: dict[str, list[Post]]) -> Post | None:
    """The post an old address belonged to: the same file, or else the only post with its last part as slug."""
    if source in by_source:
        return by_source[source]
    same = by_slug.get(key.strip("/").rsplit("/", 1)[-1], [])
    return same[0] if len(same) == 1 else None


def newly_due(record: dict[str, str], posts: list[Post]) -> list[Post]:
    """Posts published now whose address the last deploy did not publish: the site must be built."""
    return [post for post in posts if post.status == PUBLISHED and address(post.url) not in record]
