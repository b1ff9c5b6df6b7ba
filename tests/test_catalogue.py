"""The catalogue of bad input: broken and hostile projects as writers, editors on Windows and a
careless edit of mkdocs.yml make them. For each one, `newsdesk check` and `mkdocs build --strict`
agree: both fail, with the same lines, one per problem, naming the file, the field and the fix;
neither shows a traceback; the last good site/ is untouched (bytes and mtimes) and nothing is
written anywhere else. The README's promises about bad input are tested here."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from catalogue import (
    BLOG_FILE,
    CASE,
    FRONT,
    LOGO,
    apply,
    base_project,
    copy_project,
    post,
    quoted,
    replace,
    run_build,
    run_check,
    snapshot,
    with_front,
)
from sitekit import FROZEN_NOW, add_warning_extension, build

URDU = "اسکولوں میں مطالعہ کا ہفتہ"
CONTACT = "contact:\n  name: Press Office\n  email: press@example.gov.uk\n"


def _cut_short() -> bytes:
    """A real JPEG with its second half missing, as an interrupted copy leaves it: its header is fine."""
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((400, 300), 40).convert("RGB").save(out, "JPEG")
    return out.getvalue()[: len(out.getvalue()) // 2]


CUT_SHORT = _cut_short()


SCRIPTS = str(Path(__file__).resolve().parent.parent / "node_modules" / "decap-cms" / "dist")
EDITOR_ON = replace(
    "default_author: director",
    f"default_author: director\n    editor: {{enabled: true, repo: city/newsdesk, script_dir: {quoted(SCRIPTS)}}}",
)
MAP = "posts/2025/images/map.svg"
MAP_BODY = "\n![The walking bus routes](images/map.svg)\n"
PROGRAM = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"This program cannot be run in DOS mode."
)
BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</text></svg>'
)


def svg(inner: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
        f"{inner}</svg>"
    ).encode()


def zipped(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def attached(file: str, content: bytes) -> dict:
    """The case post with one attachment, `file` beside it holding `content`."""
    return {
        CASE: with_front(f"attachments:\n  - title: Report\n    file: {file}\n"),
        f"posts/2025/{file}": content,
        "mkdocs.yml": replace(
            "default_author: director", "default_author: director\n    formats_email: formats@example.gov.uk"
        ),
    }


# (id, changes to the base project, fragments: each must be in a problem line of both outputs)
CASES = [
    # --- posts: the front matter as a whole -----------------------------------------------------
    ("no front matter", {CASE: "Just words.\n"}, [f"{CASE}: front matter: missing; start the file with a '---' line"]),
    (
        "front matter not closed",
        {CASE: "---\ntitle: A case\n"},
        [f"{CASE}: front matter: not closed; add a '---' line"],
    ),
    (
        "front matter is a list",
        {CASE: post("- title\n- date\n")},
        [f"{CASE}: front matter: expected 'field: value' lines, got a list"],
    ),
    (
        "tab-indented field",
        {CASE: with_front(CONTACT.replace("  ", "\t"))},
        [f"{CASE}: front matter: line 6 is indented with a tab ('name: Press Office'); indent with spaces instead"],
    ),
    (
        "unclosed quote",
        {CASE: post('title: "A case\ndate: 2025-06-01\ntype: blog\n')},
        [f"{CASE}: front matter: line 2 ('title: \"A case') opens a quote that is never closed"],
    ),
    (
        "unclosed list",
        {CASE: with_front("tags: [SEND, Attendance\n")},
        [f"{CASE}: front matter: line 5 ('tags: [SEND, Attendance') opens a list with '[' that is never closed"],
    ),
    (
        "colon in a value",
        {CASE: with_front("summary: Results: a good year\n")},
        [
            f"{CASE}: front matter: YAML syntax error on line 5 ('summary: Results: a good year')",
            "put the whole value in double quotes",
        ],
    ),
    (
        "field given twice",
        {CASE: with_front("title: Another title\n")},
        [f"{CASE}: front matter: 'title' is given twice, on lines 2 and 5; keep one of them"],
    ),
    (
        "not UTF-8",
        {CASE: with_front("", "\nCaf\u00e9\n").encode("latin-1")},
        [f"{CASE}: file: not UTF-8 text (line 7", "save the file again with the encoding 'UTF-8'"],
    ),
    # --- posts: fields ---------------------------------------------------------------------------
    (
        "missing title",
        {CASE: post("date: 2025-06-01\ntype: blog\n")},
        [f"{CASE}: 'title': missing; add a line such as 'title: End of term'"],
    ),
    (
        "empty title",
        {CASE: post("title: ''\ndate: 2025-06-01\ntype: blog\n")},
        [f"{CASE}: 'title': is empty; write a value"],
    ),
    (
        "missing date",
        {CASE: post("title: A case\ntype: blog\n")},
        [f"{CASE}: 'date': missing; add a line such as 'date: 2024-12-19'"],
    ),
    (
        "date in UK order",
        {CASE: post("title: A case\ndate: 01/06/2025\ntype: blog\n")},
        [f"{CASE}: 'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '01/06/2025'"],
    ),
    (
        "impossible date",
        {CASE: post("title: A case\ndate: 2025-02-30\ntype: blog\n")},
        [f"{CASE}: 'date': '2025-02-30' is not a real date"],
    ),
    (
        "impossible time",
        {CASE: post("title: A case\ndate: 2025-06-01 24:30\ntype: blog\n")},
        [f"{CASE}: 'date': '2025-06-01 24:30' is not a real time"],
    ),
    (
        "time the clocks skip",
        {CASE: post("title: A case\ndate: 2025-03-30 01:30\ntype: blog\n")},
        [
            f"{CASE}: 'date': '2025-03-30 01:30' does not exist: the clocks go forward that night",
            "write a time before 01:00",
        ],
    ),
    (
        "wrong zone for the day",
        {CASE: post("title: A case\ndate: 2025-06-01 10:00 GMT\ntype: blog\n")},
        [f"{CASE}: 'date': '2025-06-01 10:00 GMT': the time at 10:00 that day is BST, not GMT"],
    ),
    (
        "updated before date",
        {CASE: with_front("updated: 2025-05-01\n")},
        [f"{CASE}: 'updated': 2025-05-01 is before the post's date 2025-06-01"],
    ),
    (
        "unknown type",
        {CASE: post("title: A case\ndate: 2025-06-01\ntype: news\n")},
        [f"{CASE}: 'type': unknown type 'news'; expected one of: blog, press-release"],
    ),
    (
        "misspelt type",
        {CASE: post("title: A case\ndate: 2025-06-01\ntype: press release\n")},
        [f"{CASE}: 'type': unknown type 'press release'; did you mean 'press-release'?"],
    ),
    (
        "missing type",
        {CASE: post("title: A case\ndate: 2025-06-01\n")},
        [f"{CASE}: 'type': missing; add a line such as 'type: blog'"],
    ),
    ("tags not a list", {CASE: with_front("tags: SEND\n")}, [f"{CASE}: 'tags': expected a list of tags, got 'SEND'"]),
    ("tag that is a number", {CASE: with_front("tags: [SEND, 3]\n")}, [f"{CASE}: 'tags': tag 2 is the number 3"]),
    (
        "tag of emoji only",
        {CASE: with_front('tags: ["\U0001f389"]\n')},
        [f"{CASE}: 'tags': tag 1, '\U0001f389', has no letters or digits"],
    ),
    (
        "unknown author",
        {CASE: with_front("author: jdoe\n")},
        [f"{CASE}: 'author': unknown author 'jdoe'; use one of: director, press-office"],
    ),
    ("unknown field", {CASE: with_front("tag: [SEND]\n")}, [f"{CASE}: 'tag': unknown field; did you mean 'tags'?"]),
    ("draft: yes", {CASE: with_front("draft: yes\n")}, [f"{CASE}: 'draft': expected true or false, got 'yes'"]),
    (
        "empty body",
        {CASE: post(FRONT, "\n   \n")},
        [f"{CASE}: body: empty; write the post below the closing '---' line"],
    ),
    (
        "bad slug",
        {CASE: with_front("slug: A Case\n")},
        [f"{CASE}: 'slug': expected lowercase letters, digits and hyphens, such as 'a-case'"],
    ),
    (
        "file name of emoji only",
        {"posts/2025/2025-06-01-\U0001f389.md": post()},
        [
            "posts/2025/2025-06-01-\U0001f389.md: 'slug': missing; the file name gives no letters or digits",
            "'slug: end-of-term'",
        ],
    ),
    (
        "press release without summary",
        {CASE: post(f"title: A case\ndate: 2025-06-01\ntype: press-release\n{CONTACT}")},
        [f"{CASE}: 'summary': missing; every press release needs a summary"],
    ),
    (
        "press release without contact",
        {CASE: post("title: A case\ndate: 2025-06-01\ntype: press-release\nsummary: S.\n")},
        [f"{CASE}: 'contact': missing; every press release needs a press contact"],
    ),
    (
        "contact email not an address",
        {
            CASE: post(
                f"title: A case\ndate: 2025-06-01\ntype: press-release\nsummary: S.\n{CONTACT}".replace(
                    "press@example.gov.uk", "press office"
                )
            )
        },
        [f"{CASE}: 'contact.email': 'press office' is not an email address"],
    ),
    (
        "image without alt",
        {CASE: with_front("image: images/hall.png\n"), "posts/2025/images/hall.png": b"\x89PNG"},
        [f"{CASE}: 'image_alt': missing for image 'images/hall.png'"],
    ),
    (
        "image file missing",
        {CASE: with_front("image: images/none.png\nimage_alt: The hall\n")},
        [f"{CASE}: 'image': image 'images/none.png' points to posts/2025/images/none.png, which does not exist"],
    ),
    (
        "image on another site",
        {CASE: with_front("image: https://cdn.example.com/a.png\nimage_alt: A\n")},
        [f"{CASE}: 'image': 'https://cdn.example.com/a.png' is on another site"],
    ),
    (
        "two posts, one address",
        {CASE: with_front("slug: walking-buses\n").replace("2025-06-01", "2025-03-09")},
        [
            f"{CASE}: 'slug': the address /blog/2025/03/walking-buses/ is also used by {BLOG_FILE}",
            f"{BLOG_FILE}: 'slug': the address /blog/2025/03/walking-buses/ is also used by {CASE}",
        ],
    ),
    # --- posts: links ------------------------------------------------------------------------------
    (
        "link to a missing post",
        {CASE: post(FRONT, "\nSee [last year](2024-06-01-gone.md).\n")},
        [
            f"{CASE}: body: link '2024-06-01-gone.md' on line 7 points to posts/2025/2024-06-01-gone.md, which does not exist"
        ],
    ),
    (
        "link by address",
        {CASE: post(FRONT, "\nSee [About](/about/).\n")},
        [
            f"{CASE}: body: link '/about/' on line 7 is an address, which the build cannot check; link to the file instead"
        ],
    ),
    (
        "link to a folder",
        {CASE: post(FRONT, "\nSee [the blog](../blog/).\n")},
        [f"{CASE}: body: link '../blog/' on line 7 points"],
    ),
    (
        "link outside posts and docs",
        {CASE: post(FRONT, "\nSee [notes](../../notes/plan.md).\n")},
        [f"{CASE}: body: link '../../notes/plan.md' on line 7 points outside the posts folder"],
    ),
    (
        "picture outside posts and docs",
        {CASE: post(FRONT, "\n![The hall](../../pictures/hall.png)\n"), "pictures/hall.png": b"\x89PNG"},
        [
            f"{CASE}: body: image '../../pictures/hall.png' on line 7 is outside the posts folder and docs/, so the site "
            "cannot show it; save the picture as posts/2025/images/hall.png and write 'images/hall.png'"
        ],
    ),
    (
        "lead picture outside posts and docs",
        {CASE: with_front("image: ../../pictures/hall.png\nimage_alt: The hall\n"), "pictures/hall.png": b"\x89PNG"},
        [f"{CASE}: 'image': image '../../pictures/hall.png' is outside the posts folder and docs/"],
    ),
    (
        "picture missing from docs",
        {CASE: post(FRONT, "\n![The hall](../../docs/images/hall.png)\n")},
        [
            f"{CASE}: body: image '../../docs/images/hall.png' on line 7 points to docs/images/hall.png, which does not "
            "exist; correct the name, or save the picture there"
        ],
    ),
    (
        "link to a missing anchor in a post",
        {CASE: post(FRONT, "\nSee [routes](2025-03-04-walking-buses.md#maps).\n")},
        [
            f"{CASE}: body: link '2025-03-04-walking-buses.md#maps' on line 7 points to '#maps', which that page does not have; use one of its anchors (routes)"
        ],
    ),
    (
        "link to a missing anchor in a docs page",
        {CASE: post(FRONT, "\nSee [us](../../docs/about.md#history).\n")},
        [f"{CASE}: body: link '../../docs/about.md#history' on line 7 points to '#history'", "(about, who-we-are)"],
    ),
    (
        "link to a missing anchor on the same page",
        {CASE: post(FRONT, "\n## Plans\n\nSee [below](#plan).\n")},
        [
            f"{CASE}: body: link '#plan' on line 9 points to '#plan', which that page does not have; use one of its anchors (plans)"
        ],
    ),
    (
        "picture cut short",
        {CASE: with_front("image: images/hall.jpg\nimage_alt: The hall\n"), "posts/2025/images/hall.jpg": CUT_SHORT},
        [f"{CASE}: 'image': image 'images/hall.jpg' is damaged: it cannot be read to its end"],
    ),
    (
        "image in the body without alt",
        {CASE: post(FRONT, "\n![](images/hall.png)\n"), "posts/2025/images/hall.png": b"\x89PNG"},
        [f"{CASE}: body: image 'images/hall.png' on line 7 has no alt text"],
    ),
    (
        "link to a draft from a published post",
        {
            CASE: post(FRONT, "\nSee [soon](2025-06-02-soon.md).\n"),
            "posts/2025/2025-06-02-soon.md": with_front("draft: true\n").replace("A case", "Soon"),
        },
        [
            f"{CASE}: body: link '2025-06-02-soon.md' on line 7 points to posts/2025/2025-06-02-soon.md, which is a draft"
        ],
    ),
    (
        "field and link problems together",
        {CASE: post("title: A case\ndate: 19/06/2025\ntype: blog\n", "\nSee [x](missing.md) and [y](/about/).\n")},
        [
            f"{CASE}: 'date': expected YYYY-MM-DD",
            f"{CASE}: body: link 'missing.md' on line 7 points to posts/2025/missing.md",
            f"{CASE}: body: link '/about/' on line 7 is an address",
        ],
    ),
    (
        "attachment outside the posts folder",
        {CASE: with_front("attachments:\n  - title: Passwords\n    file: ../../../etc/passwd\n")},
        [f"{CASE}: 'attachments': entry 1 ('Passwords'): 'file: ../../../etc/passwd' does not exist beside the post"],
    ),
    (
        "related post missing",
        {CASE: with_front("related:\n  - ../2024/2024-01-01-gone.md\n")},
        [f"{CASE}: 'related': entry 1"],
    ),
    (
        "link to a missing docs page",
        {CASE: post(FRONT, "\nSee [how to apply](../../docs/apply.md).\n")},
        [
            f"{CASE}: body: link '../../docs/apply.md' on line 7 points to docs/apply.md, which does not exist; correct the name, or create that page"
        ],
    ),
    # --- posts: aliases and paths ------------------------------------------------------------------
    (
        "alias of the home page",
        {CASE: with_front("aliases: [/]\n")},
        [f"{CASE}: 'aliases': '/' cannot be an old address: it is the site's home page"],
    ),
    (
        "alias with ..",
        {CASE: with_front("aliases: [/news/../../etc/passwd]\n")},
        [f"{CASE}: 'aliases': '/news/../../etc/passwd' cannot be an old address: it has an empty, '.' or '..' part"],
    ),
    (
        "alias with a backslash",
        {CASE: with_front("aliases: ['/old\\page/']\n")},
        [
            f"{CASE}: 'aliases': '/old\\page/' cannot be an old address: it contains a backslash; use / instead of \\: write /old/page/"
        ],
    ),
    # Paths written the Windows way: on Windows the file would be found, on the web server it breaks.
    (
        "picture field with backslashes",
        {CASE: with_front("image: images\\hall.png\nimage_alt: The hall\n"), "posts/2025/images/hall.png": LOGO},
        [f"{CASE}: 'image': 'images\\hall.png': use / instead of \\: write images/hall.png"],
    ),
    (
        "picture in the body with backslashes",
        {CASE: post(FRONT, "\n![The hall](images\\hall.png)\n"), "posts/2025/images/hall.png": LOGO},
        [f"{CASE}: body: image 'images\\hall.png' on line 7: use / instead of \\: write images/hall.png"],
    ),
    (
        "attachment with backslashes",
        {CASE: with_front("attachments:\n  - title: Report\n    file: files\\report.pdf\n")},
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files\\report.pdf': use / instead of \\: write files/report.pdf"
        ],
    ),
    (
        "link to a document with backslashes",
        {CASE: post(FRONT, "\nRead [the report](files\\report.pdf).\n")},
        [f"{CASE}: body: link 'files\\report.pdf' on line 7: use / instead of \\: write files/report.pdf"],
    ),
    (
        "related post with backslashes",
        {CASE: with_front("related:\n  - ..\\2025\\2025-03-04-walking-buses.md\n")},
        [
            f"{CASE}: 'related': entry 1: '..\\2025\\2025-03-04-walking-buses.md': use / instead of \\: write ../2025/2025-03-04-walking-buses.md"
        ],
    ),
    (
        "docs picture with backslashes",
        {"docs/about.md": replace("Who writes here.", "![Our logo](images\\logo.png)")},
        ["docs/about.md: body: image 'images\\logo.png' on line 5: use / instead of \\: write images/logo.png"],
    ),
    # Capitals: Windows and a Mac find 'Hall.png' as hall.png; the published site does not.
    (
        "picture named with other capitals",
        {CASE: post(FRONT, "\n![The hall](images/Hall.PNG)\n"), "posts/2025/images/hall.png": LOGO},
        [
            f"{CASE}: body: image 'images/Hall.PNG' on line 7: the file is named posts/2025/images/hall.png; write its name with the same capital letters"
        ],
    ),
    (
        "attachment named with other capitals",
        {
            CASE: with_front("attachments:\n  - title: Report\n    file: files/Report.pdf\n"),
            "posts/2025/files/report.pdf": b"%PDF-1.4\n",
        },
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/Report.pdf': the file is named posts/2025/files/report.pdf"
        ],
    ),
    (
        "alias with a control character",
        {CASE: with_front('aliases: ["/old\\tpage/"]\n')},
        [f"{CASE}: 'aliases': '/old\\tpage/' cannot be an old address: it contains a control character"],
    ),
    (
        "alias with a drive letter",
        {CASE: with_front("aliases: ['/C:/site/old.html']\n")},
        [f"{CASE}: 'aliases': '/C:/site/old.html' cannot be an old address: it is a file path"],
    ),
    (
        "alias not starting with /",
        {CASE: with_front("aliases: [old-page.html]\n")},
        [f"{CASE}: 'aliases': expected old addresses on this site starting with '/'"],
    ),
    (
        "alias of a feed",
        {CASE: with_front("aliases: [/feed.xml]\n")},
        [f"{CASE}: 'aliases': '/feed.xml' is the address of the feed /feed.xml"],
    ),
    (
        "alias of a tag feed",
        {CASE: with_front("aliases: [/tags/attendance/feed.xml]\n")},
        [f"{CASE}: 'aliases': '/tags/attendance/feed.xml' is the address of the feed /tags/attendance/feed.xml"],
    ),
    (
        "alias of a listing",
        {CASE: with_front("aliases: [/blog/]\n")},
        [f"{CASE}: 'aliases': '/blog/' is the address of the listing /blog/"],
    ),
    (
        "alias of the archive",
        {CASE: with_front("aliases: [/archive/]\n")},
        [f"{CASE}: 'aliases': '/archive/' is the address of the archive"],
    ),
    (
        "alias of the search page",
        {CASE: with_front("aliases: [/search/]\n")},
        [f"{CASE}: 'aliases': '/search/' is the address of the search page"],
    ),
    (
        "alias in the search index",
        {CASE: with_front("aliases: [/pagefind/old/]\n")},
        [f"{CASE}: 'aliases': '/pagefind/old/' is inside the search index's folder /pagefind/, which the build fills"],
    ),
    (
        "alias of the OPML file",
        {CASE: with_front("aliases: [/feeds.opml]\n")},
        [f"{CASE}: 'aliases': '/feeds.opml' is the address of the file /feeds.opml"],
    ),
    (
        "alias of a docs page",
        {CASE: with_front("aliases: [/about/]\n")},
        [f"{CASE}: 'aliases': '/about/' is the address of the page made from docs/about.md"],
    ),
    (
        "alias of a theme file",
        {CASE: with_front("aliases: [/404.html]\n")},
        [f"{CASE}: 'aliases': '/404.html' is the address of a file of the theme"],
    ),
    (
        "alias of another post",
        {CASE: with_front("aliases: [/blog/2025/03/walking-buses/]\n")},
        [f"{CASE}: 'aliases': '/blog/2025/03/walking-buses/' is already the address of {BLOG_FILE}"],
    ),
    (
        "alias of its own address",
        {CASE: with_front("aliases: [/blog/2025/06/a-case/]\n")},
        [f"{CASE}: 'aliases': '/blog/2025/06/a-case/' is this post's own address"],
    ),
    (
        "published address dropped",
        {
            "record.json": '{"addresses": {"/blog/2025/03/walking-buses/": "%s"}}' % BLOG_FILE,
            "mkdocs.yml": replace(
                "default_author: director", "default_author: director\n    published_record: record.json"
            ),
            BLOG_FILE: replace("type: blog", "type: blog\nslug: walking-buses-north"),
        },
        [
            f"{BLOG_FILE}: 'aliases': the post was published at /blog/2025/03/walking-buses/ and would no longer be there"
        ],
    ),
    # --- docs/ -------------------------------------------------------------------------------------
    (
        "docs page replacing the tag index",
        {"docs/tags/index.md": "# Tags\n"},
        ["docs/tags/index.md: file: would replace the tag index"],
    ),
    (
        "docs page replacing a listing",
        {"docs/blog.md": "# Blog\n"},
        ["docs/blog.md: file: would replace the listing /blog/"],
    ),
    (
        "docs file replacing a feed",
        {"docs/feed.xml": "<rss/>"},
        ["docs/feed.xml: file: would replace the feed /feed.xml"],
    ),
    (
        "docs link to a missing page",
        {"docs/about.md": replace("Who writes here.", "See [contact](contact.md).")},
        ["docs/about.md: body: link 'contact.md' on line 5 points to docs/contact.md, which does not exist"],
    ),
    (
        "docs link after front matter",
        {"docs/about.md": "---\ntitle: About us\n---\n# About\n\nSee [contact](contact.md).\n"},
        ["docs/about.md: body: link 'contact.md' on line 6 points to docs/contact.md, which does not exist"],
    ),
    (
        "docs link by address",
        {"docs/about.md": replace("Who writes here.", "See [the blog](/blog/).")},
        ["docs/about.md: body: link '/blog/' on line 5 is an address"],
    ),
    (
        "docs link to a folder",
        {"docs/about.md": replace("Who writes here.", "See [the blog](blog/).")},
        ["docs/about.md: body: link 'blog/' on line 5 points to a folder"],
    ),
    (
        "docs link to a missing anchor",
        {"docs/index.md": replace("News from the director.", "See [us](about.md#history).")},
        ["docs/index.md: body: link 'about.md#history' on line 3 points to '#history'"],
    ),
    (
        "docs page not UTF-8",
        {"docs/about.md": "# About\n\nCaf\u00e9\n".encode("latin-1")},
        ["docs/about.md: file: not UTF-8 text"],
    ),
    (
        "docs page shows a HEIC photo",
        {
            "docs/about.md": "# About\n\n![The team](images/team.heic)\n",
            "docs/images/team.heic": b"\x00\x00\x00\x18ftypheic",
        },
        ["docs/about.md: body: image 'images/team.heic' on line 3 is a HEIC photo, which browsers cannot show"],
    ),
    (
        "picture in docs not a picture",
        {"docs/images/team.jpg": b"<html>not a photo</html>"},
        [
            "docs/images/team.jpg: file: the file is named like a JPEG, PNG, WebP or GIF file but cannot be read as a picture"
        ],
    ),
    # --- mkdocs.yml ----------------------------------------------------------------------------------
    (
        "no site_url",
        {"mkdocs.yml": replace("site_url: https://schools.example.gov.uk/\n", "")},
        ["mkdocs.yml: 'site_url': missing; feeds need absolute URLs"],
    ),
    (
        "feed logo missing",
        {"docs/images/logo.png": None},
        ["mkdocs.yml: 'feed_logo': 'images/logo.png', but docs/images/logo.png does not exist"],
    ),
    (
        "default author not in authors.yml",
        {"mkdocs.yml": replace("default_author: director", "default_author: nobody")},
        ["mkdocs.yml: 'default_author': 'nobody' is not in authors.yml"],
    ),
    (
        "use_directory_urls false",
        {"mkdocs.yml": replace("use_directory_urls: true", "use_directory_urls: false")},
        ["mkdocs.yml: 'use_directory_urls': must be true"],
    ),
    # --- authors.yml ---------------------------------------------------------------------------------
    ("authors.yml missing", {"authors.yml": None}, ["authors.yml: file: missing; create it beside mkdocs.yml"]),
    (
        "authors.yml indented with a tab",
        {"authors.yml": "director:\n\tname: Sam Example\n"},
        ["authors.yml: file: line 2 is indented with a tab"],
    ),
    (
        "authors.yml with an unclosed quote",
        {"authors.yml": 'director:\n  name: "Sam Example\n  role: Director\n'},
        ["authors.yml: file: line 2 ('name: \"Sam Example') opens a quote that is never closed"],
    ),
    (
        "authors.yml a list",
        {"authors.yml": "- director\n- press-office\n"},
        ["authors.yml: file: expected one entry per author"],
    ),
    (
        "authors.yml entry without a name",
        {"authors.yml": replace("name: Sam Example", "title: Sam Example")},
        ["authors.yml: 'director': needs a 'name:' line"],
    ),
    (
        "authors.yml with an author twice",
        {"authors.yml": lambda text: text + "director:\n  name: Someone Else\n"},
        ["authors.yml: file: 'director' is given twice, on lines 1 and 7"],
    ),
    (
        "authors.yml not UTF-8",
        {"authors.yml": "director:\n  name: Ren\u00e9e\n".encode("latin-1")},
        ["authors.yml: file: not UTF-8 text"],
    ),
    # --- files a browser would run, beside posts and in docs/ ------------------------------------
    (
        "SVG with a script",
        {CASE: post(FRONT, MAP_BODY), MAP: svg("<script>alert(document.cookie)</script>")},
        [
            f"{MAP}: file: is an SVG drawing that holds a script; the site publishes only plain drawings",
            "export it again as a plain SVG",
            "or use PNG",
        ],
    ),
    (
        "SVG with an event handler",
        {CASE: post(FRONT, MAP_BODY), MAP: svg('<rect width="9" height="9" onload="steal()"/>')},
        [f"{MAP}: file: is an SVG drawing that has an event handler ('onload')"],
    ),
    (
        "SVG with a javascript: link",
        {CASE: post(FRONT, MAP_BODY), MAP: svg('<a xlink:href=" java\tscript:alert(1)"><text>Go</text></a>')},
        [f"{MAP}: file: is an SVG drawing that has a 'javascript:' link"],
    ),
    (
        "SVG with a data: link",
        {CASE: post(FRONT, MAP_BODY), MAP: svg('<image href="data:text/html;base64,PHNjcmlwdD4="/>')},
        [f"{MAP}: file: is an SVG drawing that has a 'data:' link"],
    ),
    (
        "SVG with a foreignObject",
        {CASE: post(FRONT, MAP_BODY), MAP: svg("<foreignObject><p>A page</p></foreignObject>")},
        [f"{MAP}: file: is an SVG drawing that holds a foreignObject"],
    ),
    (
        "SVG loading another site's file",
        {CASE: post(FRONT, MAP_BODY), MAP: svg('<image href="https://tracker.example.com/pixel.png"/>')},
        [f"{MAP}: file: is an SVG drawing that refers to another file ('https://tracker.example.com/pixel.png')"],
    ),
    (
        "SVG changing a link as it plays",
        {
            CASE: post(FRONT, MAP_BODY),
            MAP: svg('<a><set attributeName="href" to="javascript:alert(1)"/><text>Go</text></a>'),
        },
        [f"{MAP}: file: is an SVG drawing that changes a link as it plays"],
    ),
    (
        "SVG entity bomb",
        {CASE: post(FRONT, MAP_BODY), MAP: BOMB},
        [f"{MAP}: file: is an SVG drawing that declares its own entities"],
    ),
    (
        "SVG with an XSLT stylesheet",
        {CASE: post(FRONT, MAP_BODY), MAP: b'<?xml-stylesheet type="text/xsl" href="x.xsl"?>' + svg("")},
        [f"{MAP}: file: is an SVG drawing that loads a stylesheet"],
    ),
    (
        "SVG in docs with a script",
        {"docs/images/crest.svg": svg("<script>alert(1)</script>")},
        ["docs/images/crest.svg: file: is an SVG drawing that holds a script"],
    ),
    (
        "web page beside a post",
        {"posts/2025/files/briefing.html": "<html><script>alert(1)</script></html>"},
        [
            "posts/2025/files/briefing.html: file: is a web page, which a browser would run as part of this site",
            "save it as a PDF",
        ],
    ),
    (
        "script beside a post",
        {"posts/2025/files/counter.js": "alert(1)"},
        ["posts/2025/files/counter.js: file: is a script"],
    ),
    # --- attachments that are not what their names say -------------------------------------------
    *[
        (
            f"Windows program named {suffix}",
            attached(f"files/report{suffix}", PROGRAM),
            [
                f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/report{suffix}' is named like {name} but is a Windows program; "
                f"open the original in {program} and save it again as {suffix}"
            ],
        )
        for suffix, name, program in [
            (".pdf", "a PDF", "PDF"),
            (".docx", "a Word document", "Word"),
            (".xlsx", "an Excel workbook", "Excel"),
            (".doc", "a Word document", "Word"),
            (".xls", "an Excel workbook", "Excel"),
            (".odt", "an OpenDocument text", "LibreOffice"),
            (".ods", "an OpenDocument spreadsheet", "LibreOffice"),
            (".odp", "an OpenDocument presentation", "LibreOffice"),
            (".csv", "a CSV file", "Excel"),
        ]
    ],
    (
        "zip archive named .docx",
        attached("files/report.docx", zipped({"notes.txt": "x"})),
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/report.docx' is named like a Word document but is a zip archive, not an Office document"
        ],
    ),
    (
        "Word document with macros",
        attached(
            "files/report.docx",
            zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>", "word/vbaProject.bin": "x"}),
        ),
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/report.docx' is named like a Word document but holds macros"
        ],
    ),
    (
        "OpenDocument of another kind",
        attached(
            "files/report.odt",
            zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
        ),
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/report.odt' is named like an OpenDocument text but is a zip archive without the OpenDocument type it names"
        ],
    ),
    (
        "CSV saved in the Windows encoding",
        attached("files/figures.csv", "School,Caf\u00e9\n".encode("cp1252")),
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/figures.csv' is named like a CSV file but is not UTF-8 text (in Excel, 'Save as' > 'CSV UTF-8 (Comma delimited)')"
        ],
    ),
    (
        "CSV with NUL bytes",
        attached("files/figures.csv", b"School,Pupils\x00\x00\n"),
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/figures.csv' is named like a CSV file but holds NUL bytes"
        ],
    ),
    (
        "PDF cut short",
        attached("files/report.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
        [
            f"{CASE}: 'attachments': entry 1 ('Report'): 'file: files/report.pdf' cannot be opened as a PDF; save it again as a PDF"
        ],
    ),
    # --- aliases onto what the build writes ------------------------------------------------------
    (
        "alias of the editor",
        {CASE: with_front("aliases: [/admin/]\n"), "mkdocs.yml": EDITOR_ON},
        [f"{CASE}: 'aliases': '/admin/' is the address of the editor (/admin/index.html); remove it from 'aliases'"],
    ),
    (
        "alias of the editor's settings",
        {CASE: with_front("aliases: [/admin/config.yml]\n"), "mkdocs.yml": EDITOR_ON},
        [f"{CASE}: 'aliases': '/admin/config.yml' is the address of the editor (/admin/config.yml)"],
    ),
    (
        "alias of the sitemap",
        {CASE: with_front("aliases: [/sitemap.xml]\n")},
        [f"{CASE}: 'aliases': '/sitemap.xml' is the address of a file of the theme (/sitemap.xml)"],
    ),
    (
        "alias of a theme picture",
        {CASE: with_front("aliases: [/assets/images/favicon.png]\n")},
        [
            f"{CASE}: 'aliases': '/assets/images/favicon.png' is the address of a file of the theme (/assets/images/favicon.png)"
        ],
    ),
    (
        "alias of the address record",
        {CASE: with_front("aliases: [/published.json]\n")},
        [f"{CASE}: 'aliases': '/published.json' is the address of the file /published.json"],
    ),
    (
        "alias among the share cards",
        {CASE: with_front("aliases: [/assets/cards/old.png]\n")},
        [f"{CASE}: 'aliases': '/assets/cards/old.png' is inside the share cards' folder /assets/cards/"],
    ),
    (
        "alias among the posts' files",
        {CASE: with_front("aliases: [/posts/2025/images/hall-800.webp]\n")},
        [
            f"{CASE}: 'aliases': '/posts/2025/images/hall-800.webp' is inside the folder /posts/, where the site publishes the files kept beside posts"
        ],
    ),
    (
        "alias of a docs picture's copy",
        {CASE: with_front("aliases: [/images/logo-800.0123456789abcdef0123.webp]\n")},
        [
            f"{CASE}: 'aliases': '/images/logo-800.0123456789abcdef0123.webp' is the address of a copy of the picture /images/logo.png"
        ],
    ),
    (
        "alias of the 404 page and a good one",
        {CASE: with_front("aliases: [/old/ok/, /404.html]\n")},
        [f"{CASE}: 'aliases': '/404.html' is the address of a file of the theme (/404.html)"],
    ),
    # --- docs pages' front matter and the editor's options: check as the build --------------------
    (
        "docs page with a missing template",
        {"docs/about.md": "---\ntemplate: landing.html\n---\n# About\n"},
        [
            "docs/about.md: 'template': 'landing.html' does not exist in overrides/ or the theme; remove the line to use the normal page"
        ],
    ),
    (
        "docs page with a misspelt field",
        {"docs/about.md": "---\ntitel: About us\n---\n# About\n"},
        ["docs/about.md: 'titel': unknown field; did you mean 'title'?"],
    ),
    (
        "editor without its repository",
        {
            "mkdocs.yml": replace(
                "default_author: director",
                f"default_author: director\n    editor: {{enabled: true, script_dir: {quoted(SCRIPTS)}}}",
            )
        },
        [
            "mkdocs.yml: 'editor.repo': missing: the browser editor needs the GitHub repository it saves to; add 'repo: owner/name' under 'editor:'"
        ],
    ),
    (
        "editor without its script",
        {
            "mkdocs.yml": replace(
                "default_author: director",
                "default_author: director\n    editor: {enabled: true, repo: city/newsdesk, script_dir: nowhere}",
            )
        },
        [
            "mkdocs.yml: 'editor': the browser editor is switched on ('enabled: true'), but its script is not installed: nowhere/decap-cms.js does not exist"
        ],
    ),
    (
        "live editor without its sign-in",
        {
            "mkdocs.yml": replace(
                "default_author: director",
                f"default_author: director\n    deploy: true\n    editor: {{enabled: true, repo: city/newsdesk, script_dir: {quoted(SCRIPTS)}}}",
            )
        },
        ["mkdocs.yml: 'editor.auth_url': missing: the browser editor is switched on for the live site"],
    ),
    # --- every entry of every list -------------------------------------------------------------------
    (
        "older change before the post",
        {
            CASE: with_front(
                "changes:\n  - date: 2025-07-01\n    note: Added the map\n  - date: 2025-05-01\n    note: Fixed a name\n"
            )
        },
        [
            f"{CASE}: 'changes': entry 2, 2025-05-01, is before the post's date 2025-06-01; a change comes after the post is published"
        ],
    ),
    (
        "change in the future",
        {CASE: with_front("changes:\n  - date: 2027-03-01\n    note: Will fix\n")},
        [
            f"{CASE}: 'changes': entry 1, 2027-03-01, is in the future (it is now 2026-11-23 12:00); write the date and time the change was made"
        ],
    ),
    (
        "second attachment missing",
        {
            CASE: with_front(
                "attachments:\n  - title: Map\n    url: https://maps.example.org/a.pdf\n  - title: Plan\n    file: files/none.pdf\n"
            )
        },
        [f"{CASE}: 'attachments': entry 2 ('Plan'): 'file: files/none.pdf' does not exist beside the post"],
    ),
    (
        "second related post missing",
        {CASE: with_front("related:\n  - 2025-03-04-walking-buses.md\n  - 2025-01-01-gone.md\n")},
        [
            f"{CASE}: 'related': entry 2: '2025-01-01-gone.md' points to posts/2025/2025-01-01-gone.md, which does not exist"
        ],
    ),
    (
        "second alias unsafe",
        {CASE: with_front("aliases: [/old/fine/, /old/../../x/]\n")},
        [f"{CASE}: 'aliases': '/old/../../x/' cannot be an old address"],
    ),
    ("second tag empty", {CASE: with_front("tags: [SEND, '']\n")}, [f"{CASE}: 'tags': tag 2 is"]),
    # --- one message per cause -------------------------------------------------------------------
    (
        "authors.yml missing with a press release",
        {"authors.yml": None, CASE: post("title: A case\ndate: 2025-06-01\ntype: press-release\nsummary: S.\n")},
        ["authors.yml: file: missing; create it beside mkdocs.yml"],
    ),
]

# Plugin options MkDocs itself checks: its message, worded for writers, naming mkdocs.yml.
CONFIG_CASES = [
    (
        "per_page: ten",
        {"mkdocs.yml": replace("default_author: director", "default_author: director\n    per_page: ten")},
        "Plugin 'newsdesk' option 'per_page': expected a whole number, such as 10, got 'ten'; change it in mkdocs.yml",
    ),
    (
        "per_page: 0",
        {"mkdocs.yml": replace("default_author: director", "default_author: director\n    per_page: 0")},
        "Plugin 'newsdesk' option 'per_page': expected a whole number of 1 or more, got 0",
    ),
    (
        "unknown time zone",
        {"mkdocs.yml": replace("default_author: director", "default_author: director\n    timezone: London")},
        "Plugin 'newsdesk' option 'timezone': unknown time zone 'London'; use a name such as 'Europe/London'",
    ),
    (
        "feed logo not an image",
        {"mkdocs.yml": replace("feed_logo: images/logo.png", "feed_logo: images/logo.svg")},
        "Plugin 'newsdesk' option 'feed_logo': expected a GIF, JPEG or PNG file",
    ),
    (
        "type prefix taken",
        {
            "mkdocs.yml": replace(
                "default_author: director",
                "default_author: director\n    types:\n      blog: {label: Blog post, prefix: tags, title: Blog}",
            )
        },
        "Plugin 'newsdesk' option 'types': Sub-option 'prefix': expected a lowercase word for the URL such as 'news'",
    ),
    (
        "draft flag for a type not true or false",
        {
            "mkdocs.yml": replace(
                "default_author: director",
                "default_author: director\n    types:\n      blog: {label: Blog post, prefix: blog, title: Blog, summary_required: maybe}",
            )
        },
        "expected true or false, got 'maybe'; change it in mkdocs.yml",
    ),
]

# Files as writers save them, and text in any script: these build, and check passes.
GOOD_CASES = [
    (
        "Windows line endings",
        {CASE: with_front("tags: [SEND]\n", "\nSome words.\n\n## Part\n\nMore.\n").replace("\n", "\r\n")},
        "blog/2025/06/a-case/index.html",
    ),
    (
        "old Mac line endings",
        {CASE: with_front("", "\nSome words.\n").replace("\n", "\r")},
        "blog/2025/06/a-case/index.html",
    ),
    ("byte order mark", {CASE: "\ufeff" + post()}, "blog/2025/06/a-case/index.html"),
    (
        "Urdu title and tag",
        {CASE: post(f"title: {quoted(URDU)}\ndate: 2025-06-01\ntype: blog\ntags: [{quoted('تعلیم')}]\n")},
        "tags/t-lym/index.html",
    ),
    (
        "Urdu file name without slug",
        {
            f"posts/2025/2025-06-01-{URDU.replace(' ', '-')}.md": post(
                f"title: {quoted(URDU)}\ndate: 2025-06-01\ntype: blog\n"
            )
        },
        "blog/2025/06/skhwlwn-myn-mtl-h-kh-hfth/index.html",
    ),
    (
        "Greek and Chinese tags",
        {CASE: with_front(f"tags: [{quoted('Ελληνικά')}, {quoted('学校')}]\n")},
        "tags/xue-xiao/index.html",
    ),
    (
        "time the clocks pass twice",
        {CASE: post("title: A case\ndate: 2025-10-26 01:30\ntype: blog\n")},
        "blog/2025/10/a-case/index.html",
    ),
    (
        "time the clocks pass twice, zone named",
        {CASE: post("title: A case\ndate: 2025-10-26 01:30 GMT\ntype: blog\n")},
        "blog/2025/10/a-case/index.html",
    ),
]


@pytest.fixture(scope="session")
def base(tmp_path_factory) -> Path:
    """The good base project, built once: every case starts from its site/."""
    root = base_project(tmp_path_factory.mktemp("catalogue") / "base")
    result = build(root, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert run_check(root).code == 0
    return root


@pytest.fixture
def project(base, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    return copy_project(base, tmp_path / "project")


def run_both(project: Path, changes: dict):
    apply(project, changes)
    before = snapshot(project.parent)
    root_index = Path("/index.html").exists()
    check, built = run_check(project), run_build(project)
    assert "Traceback" not in check.output and "Traceback" not in built.output
    assert snapshot(project.parent) == before, "the last good site/ (or another file) changed"
    assert Path("/index.html").exists() == root_index
    return check, built


def test_the_catalogue_is_large_enough():
    assert len(CASES) + len(CONFIG_CASES) >= 140


@pytest.mark.parametrize("changes, fragments", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_check_and_build_refuse_it_alike(project, changes, fragments):
    check, built = run_both(project, changes)
    assert check.code == 1 and built.code == 1
    assert check.problems and sorted(check.problems) == sorted(built.problems)  # the same lines
    for fragment in fragments:
        assert any(fragment in line for line in check.problems), (fragment, check.output)


@pytest.mark.parametrize(
    "changes, message", [case[1:] for case in CONFIG_CASES], ids=[case[0] for case in CONFIG_CASES]
)
def test_bad_plugin_options_get_one_plain_message(project, changes, message):
    check, built = run_both(project, changes)
    assert check.code == 2 and built.code == 1
    assert message in check.output and message in built.output
    assert (
        f"newsdesk check: {project / 'mkdocs.yml'}: Config value 'plugins': " in check.output
        or "mkdocs.yml" in check.output
    )


@pytest.mark.parametrize("changes, page", [case[1:] for case in GOOD_CASES], ids=[case[0] for case in GOOD_CASES])
def test_files_as_writers_save_them_build(project, changes, page):
    apply(project, changes)
    check, built = run_check(project), run_build(project)
    assert (check.code, built.code) == (0, 0), check.output + built.output
    assert (project / "site" / page).is_file()


def test_an_ambiguous_time_is_a_warning_that_says_which_is_used(project):
    apply(project, {CASE: post("title: A case\ndate: 2025-10-26 01:30\ntype: blog\n")})
    assert (
        f"{CASE}: 'date': warning: 01:30 happens twice on 2025-10-26, because the clocks go back; the first (BST) is used; "
        "to mean the second, write '2025-10-26 01:30 GMT'"
    ) in run_check(project).output


@pytest.mark.parametrize(
    "case",
    [
        "alias of the home page",
        "alias with ..",
        "link to a missing anchor in a post",
        "docs page replacing a listing",
        "feed logo missing",
        "per_page: ten",
        "authors.yml missing",
        "no site_url",
    ],
)
def test_the_real_command_shows_no_traceback_and_keeps_the_site(project, case):
    """The same, through `mkdocs build --strict` as `make build` runs it, in its own process."""
    changes = {name: entry for name, entry, *_ in CASES + CONFIG_CASES}[case]
    apply(project, changes)
    before = snapshot(project.parent)
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(project.parent) == before
    assert not Path("/index.html").exists()


def test_nothing_is_written_outside_the_site_folder_by_a_good_build(project):
    """Every file a build writes is under site/ (or the caches): the rest of the folder is as it was."""
    apply(project, {CASE: with_front("aliases: [/old/launch.html, /news/2015/10/launch/]\n")})
    outside = {name: entry for name, entry in snapshot(project.parent).items() if not name.startswith("project/site/")}
    assert run_build(project).code == 0
    after = {name: entry for name, entry in snapshot(project.parent).items() if not name.startswith("project/site/")}
    assert after == outside
    assert (project / "site/old/launch.html").is_file() and (project / "site/news/2015/10/launch/index.html").is_file()


def test_a_failure_after_every_page_is_written_keeps_the_last_good_site(project):
    """MkDocs counts --strict warnings after the last page is written (here a Markdown extension's
    warning, which no check foresees): the build fails, and site/ is still the last good one."""
    add_warning_extension(project)
    apply(project, {CASE: post(FRONT, "\nWARN-ME\n")})
    before = snapshot(project.parent)
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1 and "a paragraph says WARN-ME" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    assert snapshot(project.parent) == before  # no .site.next/ left behind either
