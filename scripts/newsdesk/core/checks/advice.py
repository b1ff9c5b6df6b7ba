"""What an editor would point out in a valid post: warnings, never errors; the build ignores them.

Each function takes posts and returns Problems whose message starts with 'warning:', so they
print like the build's own lines: "posts/x.md: 'summary': warning: ...".
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from ..model import Post, Problem, sort_key
from ..pages.listings import tag_names

TITLE_LIMIT = 65  # search results and social media cut longer headlines
SUMMARY_LIMIT = 160  # search results and link previews cut longer descriptions
TAG_LIKENESS = 0.8  # difflib ratio above which two tag slugs look like one misspelt
PLACEHOLDER_START = "Write the post here, in Markdown."  # the first words `newsdesk new` puts in the body
SUMMARY_PLACEHOLDER = "One or two sentences for listings, feeds and search results."  # `newsdesk new`'s summary


def advise(posts: list[Post]) -> list[Problem]:
    """Every warning for these posts, in the order problems are reported."""
    found = [warning for post in posts for warning in post_advice(post)]
    return sorted(found + tag_advice(posts))


def post_advice(post: Post) -> list[Problem]:
    """Warnings about one post on its own: headline and summary lengths, a missing summary."""
    found = [_warn(post, field, note) for field, note in post.notes]
    if post.type.key == "press-release" and len(post.title) > TITLE_LIMIT:
        found.append(
            _warn(
                post,
                "title",
                f"{len(post.title)} characters; search results and social media cut a press release title "
                f"after about {TITLE_LIMIT}, so shorten it",
            )
        )
    if post.summary is None:
        found.append(
            _warn(
                post,
                "summary",
                "missing; listings and search results then show the start of the post instead; "
                "add a line such as 'summary: One or two sentences.'",
            )
        )
    elif len(post.summary) > SUMMARY_LIMIT:
        found.append(
            _warn(
                post,
                "summary",
                f"{len(post.summary)} characters; search results and link previews cut a summary "
                f"after about {SUMMARY_LIMIT}, so keep it to one or two short sentences",
            )
        )
    if (named := file_date(post.path.stem)) and named != f"{post.date:%Y-%m-%d}":
        found.append(
            _warn(
                post,
                "date",
                f"{post.date:%Y-%m-%d}, but the file name says {named}; rename the file to start with "
                f"{post.date:%Y-%m-%d}, or if the post is published already, check that its old address is in 'aliases'",
            )
        )
    if post.image and not post.image_leads:  # the picture is in the body, where it shows without them
        for field in ("image_caption", "image_credit"):
            if getattr(post, field):
                found.append(
                    _warn(
                        post,
                        field,
                        "not shown: the picture in 'image' is also in the body, which shows it without "
                        "a caption or credit; write them in the body under the picture, or take the "
                        "picture out of the body so that it leads the post",
                    )
                )
    if post.summary == SUMMARY_PLACEHOLDER:
        found.append(
            _warn(
                post,
                "summary",
                "still the template's words; write one or two sentences that say what the post is about",
            )
        )
    if PLACEHOLDER_START in post.body:
        found.append(_warn(post, "body", f"still has the template's '{PLACEHOLDER_START}'; replace it with the post"))
    return found


def file_date(stem: str) -> str | None:
    """'2024-12-19' from '2024-12-19-end-of-term', or None when the name has no date in front."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})-", stem)
    return match.group(1) if match else None


def tag_advice(posts: list[Post]) -> list[Problem]:
    """A tag no other post uses that looks like others is probably a typo or a run-together tag.

    The editor's tags are one field per tag, but a slip there or in a file still makes a tag of its
    own, so review is told the nearest tags others use.
    """
    counts = Counter(tag.slug for post in posts for tag in post.tags)
    names = tag_names(posts)
    single = {tag.slug: post for post in posts for tag in post.tags if counts[tag.slug] == 1}
    found = []
    for post in posts:
        for tag in post.tags:
            if counts[tag.slug] != 1:
                continue
            close = nearest_tags(tag.slug, [slug for slug in counts if slug != tag.slug])
            # Two lone look-alikes: warn on the newer post only, which is more likely the slip.
            if close and close[0] in single and sort_key(single[close[0]]) < sort_key(post):
                continue
            if close:  # a lone tag like nothing else is a new tag; the lead decides whether to warn on it
                named = " or ".join(f"'{names[slug]}'" for slug in close)
                found.append(
                    _warn(
                        post,
                        "tags",
                        f"'{tag.name}' is used by no other post; did you mean {named}? "
                        "If it is the same tag, spell it the same",
                    )
                )
    return found


def nearest_tags(slug: str, others: list[str]) -> list[str]:
    """Up to three tags like this one: misspelt (difflib), or run together with others ('attendancefreeschoolmeals')."""
    close = difflib.get_close_matches(slug, others, n=3, cutoff=TAG_LIKENESS)
    joined = slug.replace("-", "")
    inside = sorted(
        other for other in others if other not in close and len(other) > 3 and other.replace("-", "") in joined
    )
    return (close + inside)[:3]


def _warn(post: Post, field: str, message: str) -> Problem:
    return Problem(post.source, field, f"warning: {message}")
