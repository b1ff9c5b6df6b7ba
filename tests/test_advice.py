"""Editor's warnings: pure functions over posts, each with the exact line a writer sees."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.checks.advice import advise
from newsdesk.core.model import DEFAULT_TYPES, Author, Post, PostType, Tag
from newsdesk.core.reading.links import local_links
from newsdesk.core.text.slugs import slugify

TYPES = {key: PostType(key=key, **value) for key, value in DEFAULT_TYPES.items()}
SUMMARY = "Three schools share one careers adviser."


def post(
    name: str = "a",
    *,
    type: str = "blog",
    title: str = "Walking buses",
    summary: str | None = SUMMARY,
    tags: tuple[str, ...] = (),
    body: str = "Some text.\n",
    **more,
) -> Post:
    return Post(
        source=f"posts/2025/{name}.md",
        rel=f"2025/{name}.md",
        path=Path(f"/site/posts/2025/{name}.md"),
        title=title,
        date=datetime(2025, 3, 4, tzinfo=ZoneInfo("Europe/London")),
        type=TYPES[type],
        slug=name,
        author=Author("director", "Sam Example"),
        body=body,
        summary=summary,
        tags=tuple(Tag(tag, slugify(tag)) for tag in tags),
        links=tuple(local_links(body)),
        **more,
    )


@pytest.mark.parametrize(
    "posts, expected",
    [
        ([post(type="press-release", title="x" * 65)], []),
        (
            [post(type="press-release", title="x" * 66)],
            [
                "posts/2025/a.md: 'title': warning: 66 characters; search results and social media cut a press release title "
                "after about 65, so shorten it"
            ],
        ),
        ([post(title="x" * 90)], []),  # only press releases: a blog title may be long
        ([post(summary="s" * 160)], []),
        (
            [post(summary="s" * 161)],
            [
                "posts/2025/a.md: 'summary': warning: 161 characters; search results and link previews cut a summary after "
                "about 160, so keep it to one or two short sentences"
            ],
        ),
        (
            [post(summary=None)],
            [
                "posts/2025/a.md: 'summary': warning: missing; listings and search results then show the start of the post "
                "instead; add a line such as 'summary: One or two sentences.'"
            ],
        ),
        (
            [post(body="Write the post here, in Markdown. Listings show the first paragraph.\n")],
            [
                "posts/2025/a.md: body: warning: still has the template's 'Write the post here, in Markdown.'; replace it with the post"
            ],
        ),
        (
            [
                post(
                    body="![Pupils](images/orchard.jpg)\n",
                    image="images/orchard.jpg",
                    image_alt="Pupils",
                    image_caption="Planting day",
                    image_credit="Photo: Jo Bloggs",
                )
            ],
            [
                "posts/2025/a.md: 'image_caption': warning: not shown: the picture in 'image' is also in the body, which shows it "
                "without a caption or credit; write them in the body under the picture, or take the picture out of the body so "
                "that it leads the post",
                "posts/2025/a.md: 'image_credit': warning: not shown: the picture in 'image' is also in the body, which shows it "
                "without a caption or credit; write them in the body under the picture, or take the picture out of the body so "
                "that it leads the post",
            ],
        ),
        ([post(body="![A plan](images/plan.png)\n", image="images/orchard.jpg", image_caption="Planting day")], []),
        ([post(body="![Pupils](images/orchard.jpg)\n", image="images/orchard.jpg")], []),
    ],
    ids=[
        "title-65",
        "title-66",
        "blog-title",
        "summary-160",
        "summary-161",
        "no-summary",
        "placeholder",
        "caption-hidden",
        "caption-shown",
        "no-caption",
    ],
)
def test_post_warnings(posts, expected):
    assert [str(warning) for warning in advise(posts)] == expected


@pytest.mark.parametrize(
    "tags, expected",
    [
        (
            [("Attendance",), ("Attendance",), ("Atendance",)],
            [
                "posts/2025/c.md: 'tags': warning: 'Atendance' is used by no other post; did you mean 'Attendance'? "
                "If it is the same tag, spell it the same"
            ],
        ),
        (
            [
                ("Apprenticeships",),
                ("Apprenticeship",),
            ],  # both used once: only the newer post is told (same date: by path)
            [
                "posts/2025/a.md: 'tags': warning: 'Apprenticeships' is used by no other post; did you mean 'Apprenticeship'? "
                "If it is the same tag, spell it the same"
            ],
        ),
        (
            [("Attendance", "Free school meals"), ("Attendance", "Free school meals"), ("AttendanceFreeschoolmeals",)],
            [
                "posts/2025/c.md: 'tags': warning: 'AttendanceFreeschoolmeals' is used by no other post; did you mean "
                "'Attendance' or 'Free school meals'? If it is the same tag, spell it the same"
            ],
        ),
        ([("SEND",), ("send",)], []),  # one tag, two spellings: the build already treats them as one
        ([("Careers",), ("Early years",)], []),  # used once but like nothing else
        ([("Reading", "Attendance"), ("Attendance",)], []),
    ],
    ids=["misspelt", "plural", "run-together", "same-slug", "unlike", "no-neighbour"],
)
def test_tag_warnings(tags, expected):
    posts = [post(name, tags=names) for name, names in zip("abc", tags, strict=False)]
    assert [str(warning) for warning in advise(posts)] == expected
