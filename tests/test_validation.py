"""Layer 2: every kind of bad post gets the exact one-line message a writer sees."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.model import DEFAULT_TYPES, Author, PostType, Settings
from newsdesk.core.reading.posts import load_posts

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)
NAME = "2024/2024-12-19-end-of-term.md"
SOURCE = f"posts/{NAME}"
GOOD_BLOG = "---\ntitle: End of term\ndate: 2024-12-19\ntype: blog\n---\n\nA good post.\n"
CONTACT = "contact:\n  name: Press Office\n  email: press@example.gov.uk\n"


def settings_for(root: Path, **overrides) -> Settings:
    types = {
        key: PostType(key=key, **{"summary_required": False, "contact_required": False, **value})
        for key, value in DEFAULT_TYPES.items()
    }
    authors = {"director": Author("director", "Sam Example", "Director"), "office": Author("office", "Press Office")}
    options = dict(root=root, posts_dir=root / "posts", types=types, authors=authors, default_author="director")
    return Settings(**{**options, **overrides})


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9as\x00\x00"
    b"\x00\x16IDATx\x9cc\xfc\xff\xff?\x03\x03\x03\x13\x03\x03\x03\x03\x03\x03\x00$\x06\x03\x01\xfc5\xde\x9b\x00\x00\x00\x00IEND\xaeB`\x82"
)  # 2 x 2, white


def problems_for(tmp_path: Path, files: dict[str, str | bytes], *, publishing: bool = True, **overrides) -> list[str]:
    files = {"2024/images/present.png": PNG, **files}
    for name, content in files.items():
        path = tmp_path / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    loaded = load_posts(settings_for(tmp_path, **overrides), now=NOW, publishing=publishing)
    return [str(problem) for problem in loaded.problems]


def post(front: str, body: str = "\nSome words.\n") -> str:
    return f"---\n{front}---\n{body}"


CASES = [
    (
        "no front matter",
        "Just a body, no fields.\n",
        "front matter: missing; start the file with a '---' line, then fields such as 'title:', 'date:' and 'type:', then another '---' line",
    ),
    (
        "front matter not closed",
        "---\ntitle: End of term\n",
        "front matter: not closed; add a '---' line after the last field",
    ),
    (
        "YAML syntax error",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\nsummary: Results: a good year\n"),
        "front matter: YAML syntax error on line 5 ('summary: Results: a good year'): mapping values are not allowed here; if a value contains ': ' or starts with a quote or '[', put the whole value in double quotes",
    ),
    (
        "front matter is a list",
        post("- title\n- date\n"),
        "front matter: expected 'field: value' lines, got a list; write one 'field: value' per line",
    ),
    (
        "missing title",
        post("date: 2024-12-19\ntype: blog\n"),
        "'title': missing; add a line such as 'title: End of term'",
    ),
    (
        "empty title",
        post("title: ''\ndate: 2024-12-19\ntype: blog\n"),
        "'title': is empty; write a value, such as 'title: End of term'",
    ),
    (
        "missing date",
        post("title: End of term\ntype: blog\n"),
        "'date': missing; add a line such as 'date: 2024-12-19' (or '2024-12-19 09:30')",
    ),
    (
        "malformed date",
        post("title: End of term\ndate: 19/12/2024\ntype: blog\n"),
        "'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '19/12/2024'",
    ),
    (
        "impossible date",
        post("title: End of term\ndate: 2024-02-30\ntype: blog\n"),
        "'date': '2024-02-30' is not a real date; check the day and month",
    ),
    (
        "impossible time",
        post("title: End of term\ndate: 2024-12-19 25:00\ntype: blog\n"),
        "'date': '2024-12-19 25:00' is not a real time; check the hours (00-23) and minutes (00-59)",
    ),
    (
        "unknown type",
        post("title: End of term\ndate: 2024-12-19\ntype: news\n"),
        "'type': unknown type 'news'; expected one of: blog, press-release",
    ),
    (
        "misspelt type",
        post("title: End of term\ndate: 2024-12-19\ntype: press release\n"),
        "'type': unknown type 'press release'; did you mean 'press-release'?",
    ),
    (
        "missing type",
        post("title: End of term\ndate: 2024-12-19\n"),
        "'type': missing; add a line such as 'type: blog'",
    ),
    (
        "tags not a list",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\ntags: SEND\n"),
        "'tags': expected a list of tags, got 'SEND'; write them as a list, such as 'tags: [SEND, attendance]'",
    ),
    (
        "tag not a string",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\ntags: [SEND, 3]\n"),
        "'tags': tag 2 is the number 3; each tag must be a word or phrase, such as 'early years'",
    ),
    (
        "unknown author",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\nauthor: jdoe\n"),
        "'author': unknown author 'jdoe'; use one of: director, office (from authors.yml)",
    ),
    (
        "misspelt author",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\nauthor: directer\n"),
        "'author': unknown author 'directer'; did you mean 'director'?",
    ),
    (
        "unknown key",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\ntag: [SEND]\n"),
        "'tag': unknown field; did you mean 'tags'?",
    ),
    (
        "draft not a boolean",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\ndraft: yes\n"),
        "'draft': expected true or false, got 'yes'",
    ),
    (
        "not UTF-8",
        GOOD_BLOG.replace("A good post.", "Caf\u00e9").encode("latin-1"),
        "file: not UTF-8 text (line 7 has a character saved in another encoding); save the file again with the encoding 'UTF-8'",
    ),
    (
        "empty body",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\n", "\n  \n"),
        "body: empty; write the post below the closing '---' line",
    ),
    (
        "press release without summary",
        post(f"title: End of term\ndate: 2024-12-19\ntype: press-release\n{CONTACT}"),
        "'summary': missing; every press release needs a summary of one or two sentences, in a line such as 'summary: ...'",
    ),
    (
        "press release without contact",
        post("title: End of term\ndate: 2024-12-19\ntype: press-release\nsummary: Schools close on Friday.\n"),
        "'contact': missing; every press release needs a press contact: add 'contact:' with indented 'name:', 'role:', 'email:' and 'phone:' lines",
    ),
    (
        "contact without a way to reach it",
        post(
            "title: End of term\ndate: 2024-12-19\ntype: press-release\nsummary: S.\ncontact:\n  name: Press Office\n"
        ),
        "'contact': needs an 'email:' or a 'phone:' so journalists can reach the contact",
    ),
    (
        "image without alt",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\nimage: images/present.png\n"),
        "'image_alt': missing for image 'images/present.png'; describe the image for people who cannot see it, in a line such as 'image_alt: Pupils planting trees'",
    ),
    (
        "image file missing",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\nimage: images/hall.png\nimage_alt: The school hall\n"),
        "'image': image 'images/hall.png' points to posts/2024/images/hall.png, which does not exist",
    ),
    (
        "link to a missing post",
        post(
            "title: End of term\ndate: 2024-12-19\ntype: blog\n",
            "\nSee [last year](../2023/2023-12-18-end-of-term.md).\n",
        ),
        "body: link '../2023/2023-12-18-end-of-term.md' on line 7 points to posts/2023/2023-12-18-end-of-term.md, which does not exist",
    ),
    (
        "body image without alt",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\n", "\n![](images/present.png)\n"),
        "body: image 'images/present.png' on line 7 has no alt text; describe it between the brackets, as in ![Pupils at the science fair](images/present.png)",
    ),
    (
        "body image missing",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\n", "\n![The hall](images/hall.png)\n"),
        "body: image 'images/hall.png' on line 7 points to posts/2024/images/hall.png, which does not exist",
    ),
    (
        "bad slug",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\nslug: End of Term\n"),
        "'slug': expected lowercase letters, digits and hyphens, such as 'end-of-term', got 'End of Term'",
    ),
    (
        "updated before date",
        post("title: End of term\ndate: 2024-12-19\nupdated: 2024-12-01\ntype: blog\n"),
        "'updated': 2024-12-01 is before the post's date 2024-12-19; 'updated' is when the post was last changed",
    ),
    (
        "updated earlier the same day",
        post("title: End of term\ndate: 2024-12-19 10:00\nupdated: 2024-12-19 09:30\ntype: blog\n"),
        "'updated': 2024-12-19 09:30 is before the post's date 2024-12-19 10:00; 'updated' is when the post was last changed",
    ),
    (
        "remote image",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\nimage: https://cdn.example.com/a.png\nimage_alt: A\n"),
        "'image': 'https://cdn.example.com/a.png' is on another site; save the image beside the post (for example in posts/2024/images/) and give its path",
    ),
    (
        "link outside posts and docs",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\n", "\nSee [the notes](../../notes/plan.md).\n"),
        "body: link '../../notes/plan.md' on line 7 points outside the posts folder, and not to a page in docs/; link to a page by its file, such as '../../docs/about.md'",
    ),
    (
        "alias not a path",
        post("title: End of term\ndate: 2024-12-19\ntype: blog\naliases: [old-page.html]\n"),
        "'aliases': expected old addresses on this site starting with '/', such as '/news/2015/10/launch/', got 'old-page.html'",
    ),
]


@pytest.mark.parametrize("content, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_post_gets_its_message(tmp_path, content, expected):
    assert problems_for(tmp_path, {NAME: content}) == [f"{SOURCE}: {expected}"]


def test_a_good_post_has_no_problems(tmp_path):
    assert problems_for(tmp_path, {NAME: GOOD_BLOG}) == []


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    content = post("title:\ndate: 19/12/2024\ntype: news\ntag: [SEND]\ndraft: maybe\n")
    assert problems_for(tmp_path, {NAME: content}) == [
        f"{SOURCE}: 'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '19/12/2024'",
        f"{SOURCE}: 'draft': expected true or false, got 'maybe'",
        f"{SOURCE}: 'tag': unknown field; did you mean 'tags'?",
        f"{SOURCE}: 'title': is empty; write a value, such as 'title: End of term'",
        f"{SOURCE}: 'type': unknown type 'news'; expected one of: blog, press-release",
    ]


def test_problems_in_several_files_are_all_reported(tmp_path):
    found = problems_for(tmp_path, {"2024/a.md": "no front matter", "2025/b.md": post("title: B\ndate: 2025-01-01\n")})
    assert [line.split(":")[0] for line in found] == ["posts/2024/a.md", "posts/2025/b.md"]


def test_two_posts_with_the_same_url(tmp_path):
    found = problems_for(
        tmp_path,
        {
            "2024/2024-12-19-end-of-term.md": GOOD_BLOG,
            "2024/2024-12-20-end-of-term.md": GOOD_BLOG.replace("2024-12-19", "2024-12-20"),
        },
    )
    assert found == [
        "posts/2024/2024-12-19-end-of-term.md: 'slug': the address /blog/2024/12/end-of-term/ is also used by posts/2024/2024-12-20-end-of-term.md; give one of them a different 'slug'",
        "posts/2024/2024-12-20-end-of-term.md: 'slug': the address /blog/2024/12/end-of-term/ is also used by posts/2024/2024-12-19-end-of-term.md; give one of them a different 'slug'",
    ]


def test_same_slug_in_another_month_is_fine(tmp_path):
    found = problems_for(
        tmp_path, {NAME: GOOD_BLOG, "2025/2025-07-18-end-of-term.md": GOOD_BLOG.replace("2024-12-19", "2025-07-18")}
    )
    assert found == []


def test_alias_may_not_take_another_posts_address(tmp_path):
    other = "2024/2024-11-01-autumn.md"
    found = problems_for(
        tmp_path,
        {
            other: GOOD_BLOG.replace("2024-12-19", "2024-11-01"),
            NAME: post("title: T\ndate: 2024-12-19\ntype: blog\naliases: [/blog/2024/11/autumn/]\n"),
        },
    )
    assert found == [
        f"{SOURCE}: 'aliases': '/blog/2024/11/autumn/' is already the address of posts/{other}; remove it from 'aliases'"
    ]


def test_link_to_a_draft_fails_the_build_but_not_the_preview(tmp_path):
    files = {
        "2024/2024-12-01-plans.md": post("title: Plans\ndate: 2024-12-01\ntype: blog\ndraft: true\n"),
        NAME: post("title: End of term\ndate: 2024-12-19\ntype: blog\n", "\nSee [the plans](2024-12-01-plans.md).\n"),
    }
    assert problems_for(tmp_path, files) == [
        f"{SOURCE}: body: link '2024-12-01-plans.md' on line 7 points to posts/2024/2024-12-01-plans.md, which is a draft and not published yet; remove the link until it is"
    ]
    assert problems_for(tmp_path, {}, publishing=False) == []


def test_unknown_tag_with_allowed_tags_suggests_the_nearest(tmp_path):
    content = post("title: End of term\ndate: 2024-12-19\ntype: blog\ntags: [Atendance, send]\n")
    found = problems_for(tmp_path, {NAME: content}, allowed_tags=("Attendance", "SEND"))
    assert found == [
        f"{SOURCE}: 'tags': unknown tag 'Atendance'; did you mean 'Attendance'?; use a tag from 'allowed_tags' in mkdocs.yml or add it there"
    ]


def test_allowed_tags_give_the_display_spelling(tmp_path):
    (tmp_path / "posts/2024").mkdir(parents=True)
    (tmp_path / "posts" / NAME).write_text(
        post("title: T\ndate: 2024-12-19\ntype: blog\ntags: [send]\n"), encoding="utf-8"
    )
    loaded = load_posts(settings_for(tmp_path, allowed_tags=("SEND",)), now=NOW, publishing=True)
    assert [tag.name for tag in loaded.posts[0].tags] == ["SEND"]


def test_links_inside_code_are_not_checked(tmp_path):
    body = "\n```markdown\n[example](missing.md)\n```\n\nUse `[x](nowhere.md)` to link.\n"
    assert problems_for(tmp_path, {NAME: post("title: T\ndate: 2024-12-19\ntype: blog\n", body)}) == []


def test_scheduled_and_draft_status(tmp_path):
    files = {
        "a.md": post("title: A\ndate: 2026-11-23 12:00\ntype: blog\n"),
        "b.md": post("title: B\ndate: 2026-11-23 12:01\ntype: blog\n"),
        "c.md": post("title: C\ndate: 2020-01-01\ntype: blog\ndraft: true\n"),
    }
    problems_for(tmp_path, files)
    loaded = load_posts(settings_for(tmp_path), now=NOW, publishing=True)
    assert {p.title: p.status for p in loaded.posts} == {"A": "published", "B": "scheduled", "C": "draft"}
    assert [p.title for p in loaded.published()] == ["A"]


@pytest.mark.parametrize(
    "dates",
    [
        "date: 2024-12-19\nupdated: 2024-12-19\n",  # the message this replaces: "2024-12-19 is before ... 2024-12-19"
        "date: 2024-12-19 10:00\nupdated: 2024-12-19\n",
        "date: 2024-12-19 10:00\nupdated: 2024-12-19 16:30\n",
    ],
)
def test_a_same_day_correction_is_allowed(tmp_path, dates):
    assert problems_for(tmp_path, {NAME: post(f"title: End of term\n{dates}type: blog\n")}) == []
