"""`newsdesk check`: the build's own problems without a build, then an editor's warnings."""

from __future__ import annotations

import pytest

from newsdesk.commands import check
from sitekit import BLOG, PRESS, build, make_site, tiny_png, write

BAD_DATE = BLOG.replace("date: 2025-03-04", "date: 04/03/2025")
NO_CONTACT = PRESS.replace(
    "contact:\n  name: Education Press Office\n  email: press.office@example.gov.uk\n  phone: 0300 555 0100\n", ""
)


@pytest.fixture
def site(tmp_path, monkeypatch):
    make_site(tmp_path, {"2025/2025-03-04-walking-buses.md": BLOG, "2025/2025-05-12-science-labs.md": PRESS})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSDESK_NOW", "2026-02-10T09:00")
    return tmp_path


def test_a_good_site_passes(site, capsys):
    assert check.main([]) == 0
    assert capsys.readouterr().out == "newsdesk check: 2 posts checked; no problems, no warnings\n"


def test_every_problem_at_once_with_the_builds_own_lines(site, capsys, tmp_path_factory):
    write(site / "posts/2025/2025-03-04-walking-buses.md", BAD_DATE)
    write(site / "posts/2025/2025-05-12-science-labs.md", NO_CONTACT)
    assert check.main([]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "newsdesk: 2 problems to fix before the site can be built:",
        "posts/2025/2025-03-04-walking-buses.md: 'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '04/03/2025'",
        "posts/2025/2025-05-12-science-labs.md: 'contact': missing; every press release needs a press contact: "
        "add 'contact:' with indented 'name:', 'role:', 'email:' and 'phone:' lines",
        "newsdesk check: 2 posts checked; 2 problems, no warnings",
    ]
    built = build(site, tmp_path_factory.mktemp("site"))
    assert built.returncode == 1
    for line in lines[:3]:
        assert line in built.stderr


def test_paths_limit_the_report_but_every_post_is_still_known(site, capsys):
    # Same month and slug as walking-buses: both files are told about the clash.
    write(site / "posts/2025/2025-03-20-walking-buses.md", BLOG.replace("2025-03-04", "2025-03-20"))
    write(site / "posts/2025/2025-05-12-science-labs.md", NO_CONTACT)
    assert check.main(["posts/2025/2025-03-20-walking-buses.md"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "newsdesk: 1 problem to fix before the site can be built:",
        "posts/2025/2025-03-20-walking-buses.md: 'slug': the address /blog/2025/03/walking-buses/ is also used by "
        "posts/2025/2025-03-04-walking-buses.md; give one of them a different 'slug'",
        "newsdesk check: 1 post checked; 1 problem, no warnings",
    ]


def test_a_folder_is_every_post_in_it(site, capsys):
    write(site / "posts/2026/2026-01-05-term-starts.md", BLOG.replace("2025-03-04", "2026-01-05"))
    assert check.main([str(site / "posts/2025")]) == 0
    assert capsys.readouterr().out == "newsdesk check: 2 posts checked; no problems, no warnings\n"


def test_links_to_unpublished_posts_fail_as_in_a_published_build(site, capsys):
    write(
        site / "posts/2025/2025-06-01-plans.md",
        BLOG.replace("2025-03-04", "2025-06-01").replace("date:", "draft: true\ndate:"),
    )
    write(site / "posts/2025/2025-03-04-walking-buses.md", BLOG + "\nSee [our plans](2025-06-01-plans.md).\n")
    assert check.main(["posts/2025/2025-03-04-walking-buses.md"]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        "posts/2025/2025-03-04-walking-buses.md: body: link '2025-06-01-plans.md' on line 11 points to "
        "posts/2025/2025-06-01-plans.md, which is a draft and not published yet; remove the link until it is"
    )


def test_problems_of_the_whole_project_are_always_reported(site, capsys):
    write(site / "authors.yml", "director: [not, a, name]\npress-office:\n  name: Education Press Office\n")
    assert check.main(["posts/2025/2025-05-12-science-labs.md"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "newsdesk: 2 problems to fix before the site can be built:",
        "authors.yml: 'director': needs a 'name:' line, such as 'name: Sam Example'",
        "mkdocs.yml: 'default_author': 'director' is not in authors.yml; use one of: press-office",
        "newsdesk check: 1 post checked; 2 problems, no warnings",
    ]


def test_warnings_alone_exit_zero(site, capsys):
    write(
        site / "posts/2025/2025-03-04-walking-buses.md",
        BLOG.replace("summary: Parents and volunteers now walk a hundred children to school each morning.\n", ""),
    )
    assert check.main([]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "posts/2025/2025-03-04-walking-buses.md: 'summary': warning: missing; listings and search results then show the "
        "start of the post instead; add a line such as 'summary: One or two sentences.'",
        "newsdesk check: 2 posts checked; no problems, 1 warning",
    ]


@pytest.mark.parametrize(
    "path, message",
    [
        ("posts/2025/nothing-here.md", "newsdesk check: posts/2025/nothing-here.md does not exist"),
        ("docs/index.md", "newsdesk check: docs/index.md is not in the posts folder, posts/"),
    ],
)
def test_paths_must_be_posts(site, capsys, path, message):
    assert check.main([path]) == 2
    assert capsys.readouterr().err == message + "\n"


def test_a_missing_posts_folder_is_named(tmp_path, monkeypatch, capsys):
    make_site(tmp_path, options={"posts_dir": "articles"})
    monkeypatch.chdir(tmp_path)
    assert check.main([]) == 2
    assert capsys.readouterr().err == (
        "newsdesk check: the posts folder 'articles' does not exist beside mkdocs.yml; create it or set 'posts_dir'\n"
    )


def test_a_bad_plugin_option_is_mkdocs_own_message(tmp_path, monkeypatch, capsys):
    make_site(tmp_path, options={"per_page": 0})
    monkeypatch.chdir(tmp_path)
    assert check.main([]) == 2
    assert capsys.readouterr().err == (
        "newsdesk check: mkdocs.yml: Config value 'plugins': Plugin 'newsdesk' option 'per_page': "
        "expected a whole number of 1 or more, got 0\n"
    )


def test_a_file_nothing_links_to_is_warned_about(site, capsys):
    write(site / "posts/2025/_internal-briefing.docx", b"PK")
    write(site / "posts/2025/images/unused.png", tiny_png())
    write(site / "posts/2025/2025-03-04-walking-buses.md", BLOG + "\n![A chart](images/used.png)\n")
    write(site / "posts/2025/images/used.png", tiny_png())
    assert check.main([]) == 0
    why = (
        "warning: no post or page links to this file, so it is not published; "
        "link to it from a post, or move it out of the posts folder if it is not for the site"
    )
    assert capsys.readouterr().out.splitlines() == [
        f"posts/2025/_internal-briefing.docx: file: {why}",
        f"posts/2025/images/unused.png: file: {why}",
        "newsdesk check: 2 posts checked; no problems, 2 warnings",
    ]


def test_a_file_name_whose_date_disagrees_with_date_is_warned_about(site, capsys):
    write(site / "posts/2025/2025-03-04-walking-buses.md", BLOG.replace("date: 2025-03-04", "date: 2025-04-04"))
    assert check.main([]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "posts/2025/2025-03-04-walking-buses.md: 'date': warning: 2025-04-04, but the file name says 2025-03-04; "
        "rename the file to start with 2025-04-04, or if the post is published already, check that its old address is in 'aliases'"
    )


def test_github_format_puts_each_problem_on_its_file_and_line(site, capsys):
    write(site / "posts/2025/2025-03-04-walking-buses.md", BLOG + "\n![](images/a%,b.png)\n")
    write(
        site / "posts/2025/2025-05-12-science-labs.md",
        PRESS.replace("email: press.office@example.gov.uk", "email: press office"),
    )
    write(site / "posts/2025/2025-06-01-bad-date.md", BAD_DATE)
    assert check.main(["--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=posts/2025/2025-03-04-walking-buses.md,line=11,title=newsdesk check::body: image 'images/a%25,b.png' "
        "on line 11 has no alt text; describe it between the brackets, as in ![Pupils at the science fair](images/a%25,b.png)",
        "::error file=posts/2025/2025-03-04-walking-buses.md,line=11,title=newsdesk check::body: image 'images/a%25,b.png' "
        "on line 11 points to posts/2025/images/a%25,b.png, which does not exist",
        "::error file=posts/2025/2025-05-12-science-labs.md,line=10,title=newsdesk check::'contact.email': "
        "'press office' is not an email address; write it as name@example.gov.uk",
        "::error file=posts/2025/2025-06-01-bad-date.md,line=3,title=newsdesk check::'date': "
        "expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '04/03/2025'",
        "newsdesk check: 3 posts checked; 4 problems, no warnings",
    ]


def test_github_format_marks_warnings_as_warnings(site, capsys):
    write(
        site / "posts/2025/2025-03-04-walking-buses.md",
        BLOG.replace("summary: Parents and volunteers now walk a hundred children to school each morning.\n", ""),
    )
    assert check.main(["--format", "github"]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .startswith(
            "::warning file=posts/2025/2025-03-04-walking-buses.md,line=1,title=newsdesk check::'summary': missing;"
        )
    )


def test_problems_are_listed_from_the_top_of_each_file_down(site, capsys, tmp_path_factory):
    """By file, then by the line each names as a number: line 9 before line 10 and line 12, in check and build alike."""
    body = "".join(f"\nSee [part {n}](missing-{n}.md).\n" for n in range(1, 7))
    write(site / "posts/2025/2025-03-04-walking-buses.md", BLOG.split("\n---\n", 1)[0] + "\n---\n" + body)
    assert check.main([]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "on line" in line]
    numbers = [int(line.split("on line ")[1].split()[0]) for line in lines]
    assert len(numbers) == 6 and numbers == sorted(numbers) and numbers[0] < 10 <= numbers[-1]
    built = build(site, tmp_path_factory.mktemp("site"))
    shown = [line for line in built.stderr.splitlines() if "on line" in line]
    assert [line.split("on line ")[1].split()[0] for line in shown] == [str(n) for n in numbers]
