"""`newsdesk import`: old pages (plain text and HTML) become posts that build, or say what is missing."""

from __future__ import annotations

import shutil
from datetime import date
from html import escape as escape_html
from pathlib import Path

import feedparser
import pytest

from newsdesk.commands import check, golive
from newsdesk.commands.importer import main as import_main
from newsdesk.commands.importer.byline import Byline, find_byline
from newsdesk.commands.importer.credit import find_author
from newsdesk.commands.importer.html import read_html
from newsdesk.commands.importer.lead import without_repeat
from newsdesk.commands.importer.shape import Draft, find_date, first_sentence, shape, split_title
from newsdesk.commands.importer.text import escape, read_text
from newsdesk.commands.importer.years import question
from newsdesk.core.model import Author
from newsdesk.core.text.frontmatter import split
from sitekit import FIXTURES, build, make_site, write

OLD = FIXTURES / "import"


def text_of(name: str) -> str:
    return (OLD / name).read_text(encoding="utf-8")


# --- pure: plain text -------------------------------------------------------------------------


def test_text_press_release_maps_contact_tags_and_drops_leftovers():
    draft = read_text(text_of("press-release.txt"))
    assert (draft.title, draft.date, draft.type) == (
        "Partnership for school libraries launches across the city",
        None,
        "press-release",
    )
    assert draft.tags == ["Libraries", "Partnerships"]
    assert draft.contact == {
        "name": "Alex Placeholder",
        "role": "Communications Officer",
        "email": "alex.placeholder@example.org",
        "phone": "07700 900123",
    }
    assert draft.notes == [
        "left out 'in News', 'Top' (parts of the old page, not of the post)",
        "contact: a post has one contact phone number; not mapped: 'Office telephone: 0121 496 0000'",
        "date: the text says 'Tuesday 3rd March' but not the year; give the date with --date YYYY-MM-DD",
    ]
    paragraphs = draft.body.split("\n\n")
    assert len(paragraphs) == 5 and paragraphs[0].startswith("The Schools Library Partnership launches today")
    for leftover in ("in News", "Ends", "Top", "Tags", "For more information", "07700"):
        assert leftover not in draft.body


def test_text_press_release_with_notes_to_editors_and_an_empty_tags_line():
    draft = read_text(text_of("press-release-dated.txt"))
    assert (draft.date, draft.type, draft.tags) == ("2025-04-09", "press-release", [])
    assert draft.contact == {"name": "Education Press Office", "email": "press.office@example.gov.uk"}
    assert draft.notes_to_editors == (
        "1. The programme is funded for three years.\n2. Clubs can still apply to take part until the end of May."
    )
    assert (
        "date: 2025-04-09, from 'Wednesday 9 April 2025' in the text; check it is the day of publication" in draft.notes
    )


def test_text_blog_post_has_headings_from_bare_lines_and_the_date_from_its_title():
    draft = read_text(text_of("blog.txt"))
    assert (draft.title, draft.date, draft.type, draft.notes) == ("Director's blog", "2025-02-12", "blog", [])
    blocks = draft.body.split("\n\n")
    assert [block for block in blocks if block.startswith("#")] == [
        "## Reading for pleasure",
        "## Attendance",
        "## Governors – ‘the quiet volunteers’",
        "## Looking ahead",
    ]
    assert blocks[1] == "Dear colleagues"  # a greeting, not a heading
    # The signature stays text, and is the byline: the command takes it out of the body when it signs the post.
    assert blocks[-2:] == ["Sam", "Sam Example - Director of Schools and Employability"]
    assert draft.byline and (draft.byline.name, draft.byline.role) == (
        "Sam Example",
        "Director of Schools and Employability",
    )


def test_text_wrapped_lines_are_joined_into_paragraphs():
    draft = read_text(
        "Wrapped\n\nThis paragraph was wrapped by the old site at about sixty characters\n"
        "so its lines must be joined again.\n\nA second paragraph.\n"
    )
    assert draft.body == (
        "This paragraph was wrapped by the old site at about sixty characters so its lines must be joined again."
        "\n\nA second paragraph."
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5 *stars* for_you", r"5 \*stars\* for\_you"),
        ("# 1 priority", r"\# 1 priority"),
        ("> not a quote", r"\> not a quote"),
        ("a <b>bold</b> claim [sic]", r"a &lt;b>bold&lt;/b> claim \[sic\]"),
        ("Costs rose 5% (see `table`)", r"Costs rose 5% (see \`table\`)"),
    ],
)
def test_plain_text_is_escaped_for_markdown(text, expected):
    assert escape(text) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Director's blog - 19 December 2024", ("Director's blog", "2024-12-19", "19 December 2024")),
        ("End of term: Friday 20th December 2024", ("End of term", "2024-12-20", "Friday 20th December 2024")),
        ("Letter to parents (3 March 2025)", ("Letter to parents", "2025-03-03", "3 March 2025")),
        ("Update, March 4, 2025", ("Update", "2025-03-04", "March 4, 2025")),
        ("Careers week comes to every school", ("Careers week comes to every school", None, None)),
        ("The 2025 careers week", ("The 2025 careers week", None, None)),
        ("Results day 21 August 2025", ("Results day 21 August 2025", "2025-08-21", "21 August 2025")),
    ],
)
def test_split_title(line, expected):
    assert split_title(line) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Monday 19th October 2015 the", ("2015-10-19", "Monday 19th October 2015")),
        ("published 2016-03-14 at noon", ("2016-03-14", "2016-03-14")),
        ("dated 07/01/2025.", ("2025-01-07", "07/01/2025")),  # day first, as in the UK
        ("on 31 February 2025", (None, None)),  # not a real day
        ("today, Monday 19th October", (None, None)),  # no year: the writer is told to give --date
    ],
)
def test_find_date(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "blocks, contact, notes",
    [
        (["Ends", "Media contact: Sam Sample on 0300 555 0100"], {"name": "Sam Sample", "phone": "0300 555 0100"}, []),
        (
            ["Ends", "Contact:\nRobin Example\nPress Officer\nrobin@example.org\nTel: 0121 496 0555"],
            {"name": "Robin Example", "role": "Press Officer", "email": "robin@example.org", "phone": "0121 496 0555"},
            [],
        ),
        (
            ["Ends", "For further information please contact the press office, press@example.org, second@example.org"],
            {"name": "the press office", "email": "press@example.org"},
            ["contact: a post has one contact email; not mapped: 'second@example.org'"],
        ),
    ],
)
def test_contact_blocks(blocks, contact, notes):
    draft = Draft()
    assert shape(blocks, draft) == []
    assert (draft.contact, draft.notes, draft.type) == (contact, notes, "press-release")


@pytest.mark.parametrize(
    "written, today, expected",
    [
        (
            "Monday 19th October",
            "2026-12-06",
            "the text gives no year for 'Monday 19th October'. Monday 19 October: 2015, 2020 or 2026? "
            "Give the year with --date 2026-10-19",
        ),
        (  # newest last; the suggestion is the latest day already gone by
            "Monday 19th October",
            "2026-02-10",
            "the text gives no year for 'Monday 19th October'. Monday 19 October: 2015, 2020 or 2026? "
            "Give the year with --date 2020-10-19",
        ),
        (  # about twelve years back, and next year
            "wednesday, 1st of January",
            "2024-06-01",
            "the text gives no year for 'wednesday, 1st of January'. Wednesday 1 January: 2014, 2020 or 2025? "
            "Give the year with --date 2020-01-01",
        ),
        (
            "Sunday 29 February",
            "2026-02-10",
            "the text gives the date 'Sunday 29 February', but Sunday 29 February fell in no year from 2014 to 2027; "
            "run the import again with --date YYYY-MM-DD",
        ),
        (
            "19th October",
            "2026-02-10",
            "the text gives the date '19th October' but not the year; run the import again with --date YYYY-MM-DD",
        ),
    ],
)
def test_a_day_without_its_year_is_answered_with_the_years_it_could_be(written, today, expected):
    assert question(written, date.fromisoformat(today)) == expected


SENTENCE_NOTE = (
    "summary: the post's first sentence, which the page shows above the body, so it is not repeated there; "
    "rewrite it as one or two sentences of your own, and if you do, put those words back at the start of the body"
)
PARAGRAPH_NOTE = SENTENCE_NOTE.replace("first sentence", "first paragraph").replace("those words", "that paragraph")
GIVEN_NOTE = (
    "summary: the page's summary, which the page shows above the body, so it is not repeated there; "
    "if you rewrite it, put those words back at the start of the body"
)


@pytest.mark.parametrize(
    "summary, blocks, expected",
    [
        (None, ["One. Two.", "Next."], ("One.", ["Two.", "Next."], SENTENCE_NOTE)),
        (
            None,
            ["## Heading", "A *bold* start. Then more."],
            ("A bold start.", ["## Heading", "Then more."], SENTENCE_NOTE),
        ),
        (None, ["Only one sentence.", "Next."], ("Only one sentence.", ["Next."], PARAGRAPH_NOTE)),
        (
            "Only one sentence.",
            ["Only one sentence.", "Next."],
            ("Only one sentence.", ["Next."], GIVEN_NOTE.replace("those words", "that paragraph")),
        ),
        (
            "The page's words. ",
            ["The page's words. And more.", "Next."],
            ("The page's words. ", ["And more.", "Next."], GIVEN_NOTE),
        ),
        # cut short by the old site: the first sentence instead
        ("Pupils will vis…", ["Pupils will visit. Then more."], ("Pupils will visit.", ["Then more."], SENTENCE_NOTE)),
        # a sentence that ends inside a link: the whole paragraph
        (
            None,
            ["See [the guide. It is new](x) now.", "Next."],
            ("See the guide. It is new now.", ["Next."], PARAGRAPH_NOTE),
        ),
        ("Something else entirely.", ["One. Two."], ("Something else entirely.", ["One. Two."], None)),
    ],
)
def test_a_summary_is_never_also_the_start_of_the_body(summary, blocks, expected):
    assert without_repeat(summary, blocks) == expected


# --- pure: HTML -------------------------------------------------------------------------------


def test_html_article_becomes_markdown_with_fields_from_the_page():
    draft = read_html((OLD / "launch.html").read_bytes())
    assert (draft.title, draft.date, draft.type) == (
        "Science week brings researchers into primary schools",
        "2016-03-14 09:30",
        "press-release",
    )
    assert draft.summary == "University researchers will visit thirty primary schools during science week."
    assert draft.tags == ["Science", "Primary schools"]
    assert draft.aliases == ["/news/2016/03/science-week/"]
    assert draft.contact == {
        "name": "Jo Placeholder",
        "role": "Press Officer",
        "email": "jo.placeholder@example.org",
        "phone": "0121 496 0123",
    }
    assert draft.images == {"microscope.svg": "launch_files/microscope.svg"}
    assert draft.body.split("\n\n") == [
        "Researchers from the city's two universities will spend **science week** in thirty primary schools, running "
        "experiments with pupils in years 5 and 6.",
        "![Two pupils looking through a microscope](images/microscope.svg)",
        "Pupils at last year's pilot.",
        "## What pupils will do",
        "- Build and test a model bridge\n- Grow crystals and measure them\n- Ask a researcher anything",
        "Schools that would like to take part next year can read the [science week guide](https://www.example.org/science-week) "
        "or the [story of the pilot](https://www.old-council.example/news/2015/10/pilot/).",
    ]
    assert draft.notes == [
        "aliases: /news/2016/03/science-week/, the page's old address, so old links keep working; remove it if the old site was on another domain",
        "link '/news/2015/10/pilot/' now points to the old site at https://www.old-council.example/news/2015/10/pilot/; "
        "link to the post's file instead once it is imported",
    ]


def test_html_without_an_address_keeps_old_links_and_says_so():
    draft = read_html(
        b"<html><body><main><h1>Open evening</h1><p>Read the <a href='/schools/open/'>list</a>.</p></main></body></html>"
    )
    assert draft.body == "Read the [list](/schools/open/)."
    assert draft.notes == [
        "link '/schools/open/' points into the old site, which this site cannot resolve; "
        "link to the post's file (../2015/2015-10-19-launch.md) or to a full https:// address"
    ]


SIGNED_BY_SAM = (
    "old/blog.txt: author: Sam Example (director), from the signature "
    "'Sam Example - Director of Schools and Employability', which is taken out of the body"
)


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path, monkeypatch):
    root = tmp_path / "site"
    make_site(root)
    shutil.copytree(OLD, root / "old")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NEWSDESK_NOW", "2026-02-10T09:00")
    return root


def test_import_text_and_html_fixtures_gives_posts_that_build(site, capsys, tmp_path):
    args = ["old/press-release.txt", "old/press-release-dated.txt", "old/blog.txt", "old/launch.html"]
    assert import_main(args) == 1  # one page has no year in its date: it is not imported
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "old/press-release.txt: not imported: the text gives no year for 'Tuesday 3rd March'. "
        "Tuesday 3 March: 2015, 2020 or 2026? Give the year with --date 2020-03-03"
    )
    assert (
        "old/launch.html: wrote posts/2016/2016-03-14-science-week-brings-researchers-into-primary-schools.md (press-release)"
        in out
    )
    assert "old/blog.txt: wrote posts/2025/2025-02-12-director-s-blog.md (blog)" in out
    assert out[-1] == "newsdesk import: 3 of 4 files imported"
    assert not any(path.parent == site / "posts" for path in (site / "posts").rglob("*.md"))
    assert check.main([]) == 0  # what was imported builds
    assert import_main(["old/press-release.txt", "--date", "2020-03-03"]) == 0  # the writer does what the message says
    assert check.main([]) == 0
    assert (site / "posts/2016/images/microscope.svg").read_bytes() == (
        OLD / "launch_files/microscope.svg"
    ).read_bytes()
    built = build(site, tmp_path / "built")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "built/news/2016/03/science-week-brings-researchers-into-primary-schools/index.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<img alt="Two pupils looking through a microscope" src="../../../../posts/2016/images/microscope.svg" />'
        in page
    )
    assert (tmp_path / "built/blog/2025/02/director-s-blog/index.html").is_file()
    release = tmp_path / "built/news/2020/03/partnership-for-school-libraries-launches-across-the-city/index.html"
    article = release.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    assert article.count("The Schools Library Partnership launches today") == 1  # the lead, not again in the body
    assert '<p class="nd-lead">The Schools Library Partnership launches today' in article
    assert "It brings school librarians, the central library and volunteers together" in article


def test_a_rerun_replaces_its_own_post_instead_of_adding_a_second(site, capsys):
    assert import_main(["old/press-release.txt", "--date", "2015-10-19"]) == 0
    assert import_main(["old/press-release.txt", "--date", "2015-10-20"]) == 0
    assert [p.relative_to(site).as_posix() for p in (site / "posts").rglob("*.md")] == [
        "posts/2015/2015-10-20-partnership-for-school-libraries-launches-across-the-city.md"
    ]
    assert (
        "old/press-release.txt: wrote posts/2015/2015-10-20-partnership-for-school-libraries-launches-across-the-city.md, "
        "replacing posts/2015/2015-10-19-partnership-for-school-libraries-launches-across-the-city.md (press-release)"
    ) in capsys.readouterr().out
    # Edited since: the writer's work is never replaced.
    post = site / "posts/2015/2015-10-20-partnership-for-school-libraries-launches-across-the-city.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nA line the writer added.\n", encoding="utf-8")
    assert import_main(["old/press-release.txt", "--date", "2015-10-21"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "old/press-release.txt: not imported: posts/2015/2015-10-20-partnership-for-school-libraries-launches-across-the-city.md "
        "came from this page and has been edited since; delete it first to import the page again"
    )
    assert "A line the writer added." in post.read_text(encoding="utf-8")


def test_imported_front_matter_round_trips(site, capsys):
    assert import_main(["old/press-release.txt", "--date", "2015-03-03"]) == 0
    text = (site / "posts/2015/2015-03-03-partnership-for-school-libraries-launches-across-the-city.md").read_text(
        encoding="utf-8"
    )
    assert split(text).meta == {
        "title": "Partnership for school libraries launches across the city",
        "date": "2015-03-03",
        "type": "press-release",
        "summary": "The Schools Library Partnership launches today, Tuesday 3rd March, after a first term of work alongside the city council.",
        "tags": ["Libraries", "Partnerships"],
        "contact": {
            "name": "Alex Placeholder",
            "role": "Communications Officer",
            "email": "alex.placeholder@example.org",
            "phone": "07700 900123",
        },
    }
    assert split(text).body.startswith(
        "\nIt brings school librarians, the central library"
    )  # the summary is not repeated in the body
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "old/press-release.txt: summary: the post's first sentence, which the page shows above the body, so it is not repeated "
        "there; rewrite it as one or two sentences of your own, and if you do, put those words back at the start of the body",
        "newsdesk import: 1 of 1 file imported",
    ]


def test_import_never_overwrites_another_post_nor_leaves_one_that_stops_the_build(site, capsys):
    assert import_main(["old/blog.txt"]) == 0
    before = (site / "posts/2025/2025-02-12-director-s-blog.md").read_text(encoding="utf-8")
    capsys.readouterr()
    # Again as a press release: it would replace its own post, but a press release needs a contact,
    # so nothing changes.
    assert import_main(["old/blog.txt", "--type", "press-release"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "old/blog.txt: wrote posts/2025/2025-02-12-director-s-blog.md again (press-release)",
        SIGNED_BY_SAM,
        "old/blog.txt: summary: the post's first paragraph, which the page shows above the body, so it is not repeated "
        "there; rewrite it as one or two sentences of your own, and if you do, put that paragraph back at the start of the body",
        "old/blog.txt: not imported, so nothing stops the build: posts/2025/2025-02-12-director-s-blog.md: 'contact': missing; "
        "every press release needs a press contact: add 'contact:' with indented 'name:', 'role:', 'email:' and 'phone:' lines",
        "newsdesk import: 0 of 1 file imported",
    ]
    assert (site / "posts/2025/2025-02-12-director-s-blog.md").read_text(encoding="utf-8") == before
    write(site / "posts/2025/2025-02-12-director-s-blog.md", "---\ntitle: Someone else's post\n---\n")
    assert import_main(["old/blog.txt"]) == 1
    assert (
        capsys.readouterr().out.splitlines()[0]
        == "old/blog.txt: not imported: posts/2025/2025-02-12-director-s-blog.md already exists"
    )


def test_missing_image_and_alt_text_are_named_and_nothing_is_written(site, capsys):
    assert import_main(["old/blog-missing-image.html"]) == 1
    post = "posts/2017/2017-11-21-thank-you-to-our-school-governors.md"
    assert capsys.readouterr().out.splitlines() == [
        f"old/blog-missing-image.html: wrote {post} (blog)",
        "old/blog-missing-image.html: warning: the page names nobody who signed it, so the post is signed by the "
        "default author, Sam Example (director); to credit someone else, import it again with --author and their key "
        "in authors.yml (director, press-office) or their full name",
        "old/blog-missing-image.html: left out 'Posted on 21 November 2017' (parts of the old page, not of the post)",
        "old/blog-missing-image.html: image 'http://www.old-council.example/images/governors-evening.jpg' was not found "
        "beside blog-missing-image.html; save it there and import the page again",
        f"old/blog-missing-image.html: not imported, so nothing stops the build: {post}: body: image 'images/governors-evening.jpg' "
        "on line 10 has no alt text; describe it between the brackets, as in ![Pupils at the science fair](images/governors-evening.jpg)",
        f"old/blog-missing-image.html: not imported, so nothing stops the build: {post}: body: image 'images/governors-evening.jpg' "
        "on line 10 points to posts/2017/images/governors-evening.jpg, which does not exist",
        "newsdesk import: 0 of 1 file imported",
    ]
    assert not (site / post).exists()


def test_a_different_image_of_the_same_name_is_not_replaced(site, capsys):
    write(site / "posts/2016/images/microscope.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert import_main(["old/launch.html"]) == 0
    post = (site / "posts/2016/2016-03-14-science-week-brings-researchers-into-primary-schools.md").read_text(
        encoding="utf-8"
    )
    assert "![Two pupils looking through a microscope](images/microscope-2.svg)" in post
    assert (site / "posts/2016/images/microscope.svg").read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>"
    assert (site / "posts/2016/images/microscope-2.svg").read_bytes() == (
        OLD / "launch_files/microscope.svg"
    ).read_bytes()


def test_date_and_type_options_apply_to_every_file(site, capsys):
    assert import_main(["old/blog-missing-image.html", "--date", "2018-01-05", "--type", "blog"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0] == "old/blog-missing-image.html: wrote posts/2018/2018-01-05-thank-you-to-our-school-governors.md (blog)"
    )
    assert "old/blog-missing-image.html: date: used --date 2018-01-05, not 2017-11-21 from the page" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["old/blog.txt", "--type", "news"],
            "newsdesk import: --type: unknown type 'news'; expected one of: blog, press-release\n",
        ),
    ],
)
def test_import_rejects_an_unknown_type(site, capsys, args, message):
    assert import_main(args) == 2
    assert capsys.readouterr().err == message


def test_files_without_a_title_or_that_cannot_be_read(site, capsys):
    write(site / "old/empty.txt", "\n\n")
    write(site / "old/symbols.txt", "***\n\nA paragraph.\n")
    assert import_main(["old/empty.txt", "old/symbols.txt", "old/nothing.txt"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "old/empty.txt: not imported: no title found; the first line (or the page's <h1>) should be the headline",
        "old/symbols.txt: not imported: the title '***' has no letters or digits to make the post's address from",
        "old/nothing.txt: not imported: no such file or directory",
        "newsdesk import: 0 of 3 files imported",
    ]


def test_a_date_given_for_a_page_without_a_year_is_noted_as_used(site, capsys):
    import_main(["old/press-release.txt", "--date", "2015-10-19"])
    assert (
        "old/press-release.txt: date: used --date 2015-10-19; the text says 'Tuesday 3rd March' but not the year, "
        "so check they agree"
    ) in capsys.readouterr().out.splitlines()


# --- who signs an imported post --------------------------------------------------------------


@pytest.mark.parametrize(
    "title, blocks, recorded, expected",
    [
        (  # a signature with the role, a sign-off before it
            "Director's blog",
            ["Some news for you all.", "Sam", "Sam Example - Director of Schools"],
            None,
            Byline(
                "Sam Example",
                "Director of Schools",
                "Sam Example - Director of Schools",
                "Sam Example - Director of Schools",
            ),
        ),
        (
            "Update",
            ["Some news for you all.", "Dr Jo Placeholder, Head of Inclusion.", "Thanks"],
            None,
            Byline(
                "Dr Jo Placeholder",
                "Head of Inclusion",
                "Dr Jo Placeholder, Head of Inclusion.",
                "Dr Jo Placeholder, Head of Inclusion.",
            ),
        ),
        (  # a 'By' line at the start, even when the text importer made it a heading
            "Update",
            ["## By Robin Example", "Some news for you all."],
            None,
            Byline("Robin Example", None, "By Robin Example", "## By Robin Example", "the byline"),
        ),
        ("Update", ["By the end of term, all schools will have one."], None, None),  # not a name
        (  # the author the HTML page recorded, then a title that names its writer
            "Update",
            ["Some news for you all."],
            "By Alex Placeholder",
            Byline("Alex Placeholder", None, "By Alex Placeholder", None, "the page's author"),
        ),
        (
            "Sam Example's blog",
            ["Some news."],
            None,
            Byline("Sam Example", None, "Sam Example's blog", None, "the title"),
        ),
        ("The Director's blog", ["Some news."], None, None),
        ("Update", ["Some news for you all.", "Best Wishes, Sam Example"], None, None),
        # a heading, or a line with the post's text after it, is not a signature
        ("Update", ["Some news.", "## Looking Ahead - Summer Term"], None, None),
        (
            "Update",
            ["Looking Ahead - Summer Term", "A long paragraph of the post itself, after the heading."],
            None,
            None,
        ),
        ("Update", ["Some news for you all."], None, None),
    ],
)
def test_find_byline(title, blocks, recorded, expected):
    assert find_byline(title, blocks, recorded) == expected


def test_html_byline_is_read_before_the_page_furniture_goes():
    draft = read_html(
        b"<html><head><meta name='author' content='Web Team'></head><body><article><h1>Open evening</h1>"
        b"<p class='byline'>By Robin Example</p><p>Schools open their doors on Thursday.</p></article></body></html>"
    )
    assert draft.byline == Byline("Robin Example", None, "By Robin Example", None, "the page's author")
    assert draft.body == "Schools open their doors on Thursday."


NEW_AUTHOR = """priya-shah:
  name: Priya Shah
  role: Head of Governor Services
  # Added by 'newsdesk import'. Owner to complete: Priya Shah's press contact, shown on every post
  # they sign; put a real email or phone number, or delete 'contact:' and the lines under it.
  contact:
    name: Priya Shah
    email: owner-to-complete@example.gov.uk
"""


def test_a_signature_in_authors_yml_signs_the_post_and_leaves_the_body(site, capsys):
    assert import_main(["old/blog.txt"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == SIGNED_BY_SAM
    post = split((site / "posts/2025/2025-02-12-director-s-blog.md").read_text(encoding="utf-8"))
    assert post.meta["author"] == "director"
    assert post.body.rstrip().endswith("keeping your schools running well.\n\nSam")  # the sign-off stays


def test_a_new_signer_is_added_to_authors_yml_and_credited_on_the_page_and_in_the_feeds(site, capsys, tmp_path):
    before = (site / "authors.yml").read_text(encoding="utf-8")
    assert import_main(["old/letter-signed.txt"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "old/letter-signed.txt: wrote posts/2025/2025-05-06-priya-shah-s-letter-to-governors.md (blog)",
        "old/letter-signed.txt: author: Priya Shah, from the signature 'Priya Shah - Head of Governor Services', "
        "which is taken out of the body",
        "old/letter-signed.txt: author: added to authors.yml as 'priya-shah', with role 'Head of Governor Services' "
        "and a contact for the owner to complete ('newsdesk go-live' lists them)",
        "newsdesk import: 1 of 1 file imported",
    ]
    assert (site / "authors.yml").read_text(encoding="utf-8") == before + NEW_AUTHOR
    text = (site / "posts/2025/2025-05-06-priya-shah-s-letter-to-governors.md").read_text(encoding="utf-8")
    assert split(text).meta["author"] == "priya-shah"
    assert "Head of Governor Services" not in split(text).body
    assert check.main([]) == 0
    # The owner is told to complete the contact before going live.
    golive.main([])
    assert (
        "authors.yml:14: 'owner-to-complete@example.gov.uk' is an example address: put the real address in its place"
        in capsys.readouterr().out.splitlines()
    )
    built = build(site, tmp_path / "built")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "built/blog/2025/05/priya-shah-s-letter-to-governors/index.html").read_text(encoding="utf-8")
    assert '<div class="nd-author"><dt>By</dt><dd>Priya Shah, Head of Governor Services</dd></div>' in page
    assert "Priya Shah - Head of Governor Services" not in page
    for feed in ("feed.xml", "atom.xml", "blog/feed.xml"):
        entry = feedparser.parse((tmp_path / "built" / feed).read_bytes()).entries[0]
        assert entry.author == "Priya Shah", feed  # RSS dc:creator, Atom <author><name>


def test_author_option_names_a_key_a_name_or_someone_new(site, capsys):
    assert import_main(["old/press-release-dated.txt", "--author", "press-office"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "old/press-release-dated.txt: author: Education Press Office (press-office), from --author"
    assert not any("warning" in line for line in out)
    assert import_main(["old/press-release-dated.txt", "--author", "sam example"]) == 0  # a name authors.yml has
    assert capsys.readouterr().out.splitlines()[1] == (
        "old/press-release-dated.txt: author: Sam Example (director), from --author"
    )
    # Someone new, without --role: a role and a contact for the owner to complete, both listed by go-live.
    assert import_main(["old/blog.txt", "--author", "Jo Bloggs"]) == 0
    assert capsys.readouterr().out.splitlines()[1:4] == [
        "old/blog.txt: author: Jo Bloggs, from --author",
        "old/blog.txt: author: added to authors.yml as 'jo-bloggs', with the role 'Owner to complete' and a contact "
        "for the owner to complete ('newsdesk go-live' lists them)",
        "old/blog.txt: author: the page is signed 'Sam Example - Director of Schools and Employability'; "
        "that line stays in the body",
    ]
    assert split((site / "posts/2025/2025-02-12-director-s-blog.md").read_text(encoding="utf-8")).meta["author"] == (
        "jo-bloggs"
    )
    assert "  role: Owner to complete\n" in (site / "authors.yml").read_text(encoding="utf-8")
    assert golive.main([]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "authors.yml:9: 'role' is still 'Owner to complete': write the real role in its place" in lines
    assert (
        "authors.yml:14: 'owner-to-complete@example.gov.uk' is an example address: put the real address in its place"
        in lines
    )
    assert check.main([]) == 0


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "directr",
            "newsdesk import: --author: 'directr' is not in authors.yml: did you mean 'director'? To add someone new, "
            'give their full name, such as --author "Sam Example" --role "Head of Governor Services"\n',
        ),
        (
            "jo",
            "newsdesk import: --author: 'jo' is not in authors.yml: use one of: director, press-office. To add someone "
            'new, give their full name, such as --author "Sam Example" --role "Head of Governor Services"\n',
        ),
    ],
)
def test_author_option_that_is_neither_a_key_nor_a_full_name(site, capsys, name, message):
    assert import_main(["old/blog.txt", "--author", name]) == 2
    assert capsys.readouterr().err == message
    assert not (site / "posts/2025").exists()


def test_role_option_gives_the_new_authors_role(site, capsys):
    assert import_main(["old/press-release-dated.txt", "--author", "Jo Bloggs", "--role", "Head of Admissions"]) == 0
    assert "jo-bloggs:\n  name: Jo Bloggs\n  role: Head of Admissions\n" in (site / "authors.yml").read_text()
    capsys.readouterr()
    assert import_main(["old/blog.txt", "--author", "director", "--role", "Head of Admissions"]) == 0
    assert capsys.readouterr().out.splitlines()[2] == (
        "old/blog.txt: author: --role 'Head of Admissions' not used: Sam Example's role is in authors.yml"
    )


def test_an_added_author_is_taken_out_again_when_their_post_is_not_imported(site, capsys):
    before = (site / "authors.yml").read_text(encoding="utf-8")
    assert import_main(["old/blog-missing-image.html", "--author", "Jo Bloggs"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "authors.yml: 'jo-bloggs' taken out again, since no imported post is signed by them",
        "newsdesk import: 0 of 1 file imported",
    ]
    assert (site / "authors.yml").read_text(encoding="utf-8") == before


def test_the_default_author_signs_with_a_warning(site, capsys):
    assert import_main(["old/press-release-dated.txt"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "old/press-release-dated.txt: warning: the page names nobody who signed it, so the post is signed by the "
        "default author, Sam Example (director); to credit someone else, import it again with --author and their key "
        "in authors.yml (director, press-office) or their full name"
    )
    meta = split(
        (site / "posts/2025/2025-04-09-holiday-food-and-activities-programme-returns.md").read_text(encoding="utf-8")
    ).meta
    assert "author" not in meta  # default_author, as in any post without 'author:'


SEEDS = Path("/work/shared/seeds")  # the two real pages the project was made from, where present


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the real seed pages are not on this machine")
def test_the_real_seed_pages_credit_their_signer_and_show_the_opening_once(site, capsys, tmp_path):
    shutil.copytree(SEEDS, site / "seeds")
    blog, release = "seeds/004_7e886182f5ab3600.txt", "seeds/000_e5751f535631b854.txt"
    assert import_main([blog]) == 0
    assert import_main([release, "--date", "2015-10-19"]) == 0
    assert check.main([]) == 0
    built = build(site, tmp_path / "built")
    assert built.returncode == 0, built.stderr
    blog_page = next(page for page in (tmp_path / "built/blog").glob("2024/12/*/index.html"))
    assert "<dt>By</dt><dd>Steve Kay, Director of Schools and Employability</dd>" in blog_page.read_text(
        encoding="utf-8"
    )
    assert "Steve Kay - Director of Schools and Employability" not in blog_page.read_text(encoding="utf-8")
    for feed in ("feed.xml", "atom.xml", "blog/feed.xml"):
        entry = feedparser.parse((tmp_path / "built" / feed).read_bytes()).entries[0]
        assert entry.author == "Steve Kay", feed
    # The release's opening sentence (read from the seed, not copied here) is on its page once.
    opening = first_sentence(read_text((SEEDS / release.split("/")[1]).read_text(encoding="utf-8")).body)
    page = next((tmp_path / "built/news").glob("2015/10/*/index.html")).read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert article.count(escape_html(opening, quote=False)) == 1


@pytest.mark.parametrize(
    "name, expected",
    [
        ("director", "director"),  # a key
        ("Dr Ruth Example", "director"),
        ("Ruth Example", "director"),  # titles, capitals and punctuation aside
        ("RUTH  EXAMPLE.", "director"),
        ("Dr. Ruth Example", "director"),
        ("Ruth Exemple", None),
        ("Ruth", None),
    ],
)
def test_find_author_matches_a_name_to_authors_yml(name, expected):
    authors = {"director": Author("director", "Dr Ruth Example", "Director", None)}
    assert find_author(name, authors) == expected
