"""The content model's fields (changes, attachments, related, authors' contacts): each mistake gets
its exact message, and good values give the post what its page and feeds show."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from newsdesk.core.model import Author, Contact, PostType
from newsdesk.core.reading.authors import load_authors
from newsdesk.core.reading.posts import load_posts
from test_validation import GOOD_BLOG, NAME, NOW, SOURCE, post, problems_for, settings_for

HEAD = "title: End of term\ndate: 2024-12-19\ntype: blog\n"
EMAIL = {"formats_email": "formats@example.gov.uk"}


def pdf(pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES = [
    # changes
    (
        "changes not a list",
        HEAD + "changes: Fixed a typo\n",
        "'changes': expected a list, got 'Fixed a typo'; write each change as '- date: 2026-04-16 10:00' with 'note: What changed' on the next line, indented",
    ),
    (
        "change without note",
        HEAD + "changes:\n  - date: 2024-12-20\n",
        "'changes': entry 1 needs a 'note:' that says what changed, such as 'note: Corrected the date of the open evening'",
    ),
    (
        "change without date",
        HEAD + "changes:\n  - note: Fixed\n",
        "'changes': entry 1 needs a 'date:', such as 'date: 2026-04-16 10:00'",
    ),
    (
        "change with a bad date",
        HEAD + "changes:\n  - date: 20/12/2024\n    note: Fixed\n",
        "'changes': entry 1: 'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '20/12/2024'",
    ),
    (
        "change with an unknown field",
        HEAD + "changes:\n  - date: 2024-12-20\n    note: Fixed\n    notes: x\n",
        "'changes': entry 1: unknown field 'notes'; did you mean 'note'?",
    ),
    (
        "change that is text",
        HEAD + "changes:\n  - Fixed a typo\n",
        "'changes': entry 1 is 'Fixed a typo'; write each change as '- date: 2026-04-16 10:00' with 'note: What changed' on the next line, indented",
    ),
    (
        "changes oldest first",
        HEAD + "changes:\n  - date: 2024-12-20\n    note: One\n  - date: 2024-12-21\n    note: Two\n",
        "'changes': list the newest change first: entry 1 is older than entry 2",
    ),
    (
        "change before the post",
        HEAD + "changes:\n  - date: 2024-12-01\n    note: One\n",
        "'changes': entry 1, 2024-12-01, is before the post's date 2024-12-19; a change comes after the post is published",
    ),
    (
        "updated disagrees with changes",
        HEAD + "updated: 2024-12-22\nchanges:\n  - date: 2024-12-20 10:00\n    note: One\n",
        "'updated': 2024-12-22 is not the date of the newest entry in 'changes' (2024-12-20 10:00); remove 'updated': the newest change sets it",
    ),
    # attachments
    (
        "attachment without title",
        HEAD + "attachments:\n  - file: files/report.pdf\n",
        "'attachments': entry 1 needs a 'title:', the document's name as readers see it, such as 'title: Consultation report'",
    ),
    (
        "attachment with file and url",
        HEAD + "attachments:\n  - title: Report\n    file: files/report.pdf\n    url: https://example.org/r.pdf\n",
        "'attachments': entry 1 ('Report') needs either 'file:' (a file beside the post, such as 'files/report.pdf') or 'url:', not both",
    ),
    (
        "attachment with neither",
        HEAD + "attachments:\n  - title: Report\n",
        "'attachments': entry 1 ('Report') needs either 'file:' (a file beside the post, such as 'files/report.pdf') or 'url:', not neither",
    ),
    (
        "attachment file missing",
        HEAD + "attachments:\n  - title: Report\n    file: files/missing.pdf\n",
        "'attachments': entry 1 ('Report'): 'file: files/missing.pdf' does not exist beside the post; save the document at posts/2024/files/missing.pdf or correct the path",
    ),
    (
        "attachment of an unknown type",
        HEAD + "attachments:\n  - title: Slides\n    file: files/slides.key\n",
        "'attachments': entry 1 ('Slides'): 'file: files/slides.key' is not a document type the site publishes; save it as PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods, .odp) or CSV",
    ),
    (
        "attachment that is not a PDF",
        HEAD + "attachments:\n  - title: Broken\n    file: files/broken.pdf\n",
        "'attachments': entry 1 ('Broken'): 'file: files/broken.pdf' cannot be opened as a PDF; save it again as a PDF, without a password",
    ),
    (
        "attachment url not a web address",
        HEAD + "attachments:\n  - title: Report\n    url: report.pdf\n",
        "'attachments': entry 1: 'url' must be a web address starting with https://, got 'report.pdf'",
    ),
    (
        "attachment file outside",
        HEAD + "attachments:\n  - title: Report\n    file: /etc/passwd\n",
        "'attachments': entry 1: 'file' must be the path of a file beside the post, such as 'files/report.pdf', got '/etc/passwd'",
    ),
    (
        "attachment file above posts",
        HEAD + "attachments:\n  - title: Report\n    file: ../../mkdocs.yml\n",
        "'attachments': entry 1 ('Report'): 'file: ../../mkdocs.yml' does not exist beside the post; save the document at posts/../mkdocs.yml or correct the path",
    ),
    # related
    (
        "related to a missing post",
        HEAD + "related: [2024-01-01-nothing.md]\n",
        "'related': entry 1: '2024-01-01-nothing.md' points to posts/2024/2024-01-01-nothing.md, which does not exist",
    ),
    (
        "related to itself",
        HEAD + "related: [2024-12-19-end-of-term.md]\n",
        "'related': entry 1: '2024-12-19-end-of-term.md' is this post itself; remove it",
    ),
    (
        "related url without title",
        HEAD + "related: [https://example.org/consultation]\n",
        "'related': entry 1: give the link to https://example.org/consultation a 'title:', the words readers click",
    ),
    (
        "related not markdown",
        HEAD + "related: [images/present.png]\n",
        "'related': entry 1: link a post or a page by its Markdown file, such as '../2025/2025-01-15-new-school-year.md' or '../../docs/about.md', got 'images/present.png'",
    ),
    (
        "related outside posts and docs",
        HEAD + "related: [../../notes/plan.md]\n",
        "'related': entry 1: '../../notes/plan.md' is neither a post nor a page in docs/; link a post such as '../2025/2025-01-15-x.md' or a page such as '../../docs/about.md'",
    ),
    (
        "related with an unknown field",
        HEAD + "related:\n  - url: https://www.gov.uk/x\n    title: Guidance\n    link: x\n",
        "'related': entry 1: unknown field 'link'; an entry has 'title', 'file', 'url'",
    ),
]


@pytest.mark.parametrize("front, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_mistake_gets_its_message(tmp_path, front, expected):
    files = {NAME: post(front), "2024/files/slides.key": b"slides", "2024/files/broken.pdf": b"%PDF-1.4 not really"}
    assert problems_for(tmp_path, files, **EMAIL) == [f"{SOURCE}: {expected}"]


def test_an_attachment_over_the_limit(tmp_path):
    files = {
        NAME: post(HEAD + "attachments:\n  - title: Data\n    file: files/data.csv\n"),
        "2024/files/data.csv": b"x" * (1024 * 1024 + 1),
    }
    assert problems_for(tmp_path, files, attachment_limit_mb=1, **EMAIL) == [
        f"{SOURCE}: 'attachments': entry 1 ('Data'): 'file: files/data.csv' is 1.0 MB, over the 1 MB limit; make it smaller "
        "(for a PDF, save it again for the web) or raise 'attachment_limit_mb' in mkdocs.yml"
    ]


def test_attachments_need_the_accessible_format_address(tmp_path):
    files = {
        NAME: post(HEAD + "attachments:\n  - title: Data\n    file: files/data.csv\n"),
        "2024/files/data.csv": b"a,b\n",
    }
    assert problems_for(tmp_path, files) == [
        f"{SOURCE}: 'attachments': documents need an address where readers can ask for an accessible format; set 'formats_email' for the newsdesk plugin in mkdocs.yml"
    ]


def test_related_to_a_scheduled_post_stops_a_published_one(tmp_path):
    later = "---\ntitle: Later\ndate: 2027-01-01\ntype: blog\n---\n\nSoon.\n"
    files = {NAME: post(HEAD + "related: [../2027/2027-01-01-later.md]\n"), "2027/2027-01-01-later.md": later}
    assert problems_for(tmp_path, files) == [
        f"{SOURCE}: 'related': entry 1: '../2027/2027-01-01-later.md' is not published yet; remove it until it is"
    ]


def load(tmp_path, files, **overrides):
    problems_for(tmp_path, files, **overrides)
    return load_posts(settings_for(tmp_path, **overrides), now=NOW, publishing=True)


def test_good_values_give_the_post_its_parts(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# About us\n")
    front = (
        HEAD
        + "changes:\n  - date: 2024-12-21 09:30\n    note: Added the report\n  - date: 2024-12-20\n    note: Fixed a date\n"
        "attachments:\n  - title: Report\n    file: files/report.pdf\n  - title: Figures\n    url: https://example.org/figures.xlsx\n"
        "related:\n  - 2024-01-05-start.md\n  - title: About the service\n    file: ../../docs/about.md\n"
        "  - title: The consultation\n    url: https://example.org/consultation\n"
    )
    start = "---\ntitle: Start of term\ndate: 2024-01-05\ntype: blog\n---\n\nHello.\n"
    loaded = load(
        tmp_path,
        {NAME: post(front), "2024/files/report.pdf": pdf(3), "2024/2024-01-05-start.md": start},
        docs_dir=docs,
        **EMAIL,
    )
    assert loaded.problems == []
    [item] = [p for p in loaded.posts if p.source == SOURCE]
    assert [c.note for c in item.changes] == ["Added the report", "Fixed a date"]
    assert item.updated == item.changes[0].date and item.updated.hour == 9
    [report, figures] = item.attachments
    assert (report.kind, report.pages, report.file, report.size > 0) == ("PDF", 3, "posts/2024/files/report.pdf", True)
    assert (figures.kind, figures.url, figures.size) == ("Excel", "https://example.org/figures.xlsx", None)
    assert [(r.post, r.page, r.target) for r in item.related] == [
        ("2024/2024-01-05-start.md", None, "2024-01-05-start.md"),
        (None, "about.md", "../../docs/about.md"),
        (None, None, "https://example.org/consultation"),
    ]


def test_a_press_release_takes_its_authors_contact(tmp_path):
    office = Author("office", "Press Office", contact=Contact("Press Office", email="press@example.gov.uk"))
    types = {"press-release": PostType("press-release", "Press release", "news", "News", contact_required=True)}
    release = "---\ntitle: News\ndate: 2024-12-19\ntype: press-release\nauthor: office\n---\n\nWords.\n"
    loaded = load(tmp_path, {NAME: release}, types=types, authors={"office": office})
    assert loaded.problems == [] and loaded.posts[0].contact == office.contact
    own = release.replace("author: office\n", "author: office\ncontact:\n  name: Jo Bloggs\n  phone: 0300 000 0000\n")
    assert (
        load(tmp_path / "own", {NAME: own}, types=types, authors={"office": office}).posts[0].contact.name
        == "Jo Bloggs"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "office:\n  name: Press Office\n  contact:\n    name: Desk\n",
            ["authors.yml: 'office.contact': needs an 'email:' or a 'phone:' so journalists can reach the contact"],
        ),
        (
            "office:\n  name: Press Office\n  contact:\n    name: Desk\n    email: nope\n",
            ["authors.yml: 'office.contact.email': 'nope' is not an email address; write it as name@example.gov.uk"],
        ),
        (
            "office:\n  name: Press Office\n  phone: 0300\n",
            ["authors.yml: 'office.phone': unknown field; an author has 'name', 'role' and 'contact'"],
        ),
    ],
)
def test_authors_contacts_are_checked_like_posts(tmp_path, text, expected):
    (tmp_path / "authors.yml").write_text(text)
    assert [str(p) for p in load_authors(tmp_path / "authors.yml", tmp_path)[1]] == expected


def test_a_good_blog_is_unaffected(tmp_path):
    assert problems_for(tmp_path, {NAME: GOOD_BLOG}) == []


def test_a_pdf_with_a_password_is_refused(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    files = {
        NAME: post(HEAD + "attachments:\n  - title: Locked\n    file: files/locked.pdf\n"),
        "2024/files/locked.pdf": out.getvalue(),
    }
    assert problems_for(tmp_path, files, **EMAIL) == [
        f"{SOURCE}: 'attachments': entry 1 ('Locked'): 'file: files/locked.pdf' is protected with a password; save it again as a PDF, without a password"
    ]
