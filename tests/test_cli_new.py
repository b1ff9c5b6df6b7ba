"""`newsdesk new`: the file it writes, what it prints, and what it refuses."""

from __future__ import annotations

import re

import pytest

from newsdesk.commands import check, cli, scaffold
from newsdesk.core.reading.schema import KNOWN_FIELDS
from newsdesk.core.text.frontmatter import split
from sitekit import BLOG, make_site


@pytest.fixture
def site(tmp_path, monkeypatch):
    make_site(
        tmp_path,
        {"2025/2025-03-04-walking-buses.md": BLOG},
        options={"allowed_tags": ["Attendance", "Partnerships", "SEND"]},
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSDESK_NOW", "2026-02-10T09:00")
    return tmp_path


def test_new_blog_post_is_written_with_every_field_and_passes_check(site, capsys):
    assert cli.main(["new", "Every child, every day: attendance", "--tags", "Attendance, SEND"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Created posts/2026/2026-02-10-every-child-every-day-attendance.md",
        "Preview it at http://127.0.0.1:8000/blog/2026/02/every-child-every-day-attendance/ while 'make serve' runs.",
    ]
    text = (site / "posts/2026/2026-02-10-every-child-every-day-attendance.md").read_text(encoding="utf-8")
    assert split(text).meta == {
        "title": "Every child, every day: attendance",
        "date": "2026-02-10",
        "type": "blog",
        "tags": ["Attendance", "SEND"],
        "draft": False,
    }
    for field in KNOWN_FIELDS:
        assert re.search(rf"^(# )?{field}:.*  # \w", text, re.M), f"no line with a note for {field}"
    assert check.main([]) == 0


def test_new_press_release_lists_the_fields_to_fill_in(site, capsys):
    assert (
        cli.main(["new", "Libraries open late for exam revision", "--type", "press-release", "--date", "2026-03-02"])
        == 0
    )
    path = "posts/2026/2026-03-02-libraries-open-late-for-exam-revision.md"
    assert capsys.readouterr().out.splitlines() == [
        f"Created {path}",
        "Fill these in before the site can be built (the file has a note for each):",
        f"{path}: 'contact': missing; every press release needs a press contact: add 'contact:' with indented 'name:', 'role:', 'email:' and 'phone:' lines",
        "Preview it at http://127.0.0.1:8000/news/2026/03/libraries-open-late-for-exam-revision/ while 'make serve' runs.",
    ]
    assert (site / path).is_file()


def test_new_press_release_is_valid_at_once_when_an_author_gives_the_contact(site, capsys):
    """Signed by the author whose contact it gives (authors.yml), with a summary to rewrite: check
    passes at once, and warns about the template's words until they are replaced."""
    (site / "authors.yml").write_text(
        "director:\n  name: Sam Example\npress-office:\n  name: Education Press Office\n"
        "  contact:\n    name: Press desk\n    email: press@example.gov.uk\n",
        encoding="utf-8",
    )
    assert (
        cli.main(["new", "Libraries open late for exam revision", "--type", "press-release", "--date", "2026-03-02"])
        == 0
    )
    path = "posts/2026/2026-03-02-libraries-open-late-for-exam-revision.md"
    out = capsys.readouterr().out
    assert "Fill these in" not in out
    meta = split((site / path).read_text(encoding="utf-8")).meta
    assert meta["author"] == "press-office" and meta["summary"]
    assert check.main([]) == 0
    out = capsys.readouterr().out
    assert f"{path}: 'summary': warning: still the template's words" in out
    assert f"{path}: body: warning: still has the template's 'Write the post here, in Markdown.'" in out


def test_new_draft_and_scheduled_posts_say_so(site, capsys):
    assert scaffold.main(["Budget letter", "--draft"]) == 0
    assert (
        "It is a draft: 'make serve' shows it; the published site will not until 'draft: false'."
        in capsys.readouterr().out
    )
    assert scaffold.main(["Summer plans", "--date", "2026-06-01 08:30"]) == 0
    out = capsys.readouterr().out
    assert "It is scheduled: the first build on or after 2026-06-01 08:30 publishes it." in out
    assert (
        split((site / "posts/2026/2026-06-01-summer-plans.md").read_text(encoding="utf-8")).meta["date"]
        == "2026-06-01 08:30"
    )


def test_new_refuses_to_overwrite(site, capsys):
    assert scaffold.main(["Walking buses", "--date", "2025-03-04"]) == 1
    assert capsys.readouterr().err == (
        "newsdesk new: posts/2025/2025-03-04-walking-buses.md already exists; edit it, or choose another title or date\n"
    )
    assert (site / "posts/2025/2025-03-04-walking-buses.md").read_text(encoding="utf-8") == BLOG


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["Sports day", "--tags", "Atendance"],
            "posts/2026/2026-02-10-sports-day.md: 'tags': unknown tag 'Atendance'; did you mean 'Attendance'?; "
            "use a tag from 'allowed_tags' in mkdocs.yml or add it there",
        ),
        (
            ["Sports day", "--type", "blgo"],
            "posts/2026/2026-02-10-sports-day.md: 'type': unknown type 'blgo'; did you mean 'blog'?",
        ),
        (
            ["Walking buses", "--date", "2025-03-20"],  # same month and slug: the same address
            "posts/2025/2025-03-20-walking-buses.md: 'slug': the address /blog/2025/03/walking-buses/ is also used by "
            "posts/2025/2025-03-04-walking-buses.md; give one of them a different 'slug'",
        ),
    ],
)
def test_new_writes_nothing_when_the_arguments_make_a_bad_post(site, capsys, args, message):
    assert scaffold.main(args) == 1
    assert capsys.readouterr().err.splitlines() == ["newsdesk new: nothing written; fix these first:", message]
    assert sorted(p.name for p in (site / "posts").rglob("*.md")) == ["2025-03-04-walking-buses.md"]


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["Sports day", "--date", "10/02/2026"],
            "argument --date: expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '10/02/2026'",
        ),
        (
            ["Sports day", "--date", "2026-02-30"],
            "argument --date: '2026-02-30' is not a real date; check the day and month",
        ),
        (["?!"], "the title needs letters or digits: they make the post's address"),
    ],
)
def test_new_rejects_bad_arguments(site, capsys, args, message):
    with pytest.raises(SystemExit) as exit:
        scaffold.main(args)
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"newsdesk new: error: {message}"


def test_new_outside_a_project(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert scaffold.main(["Sports day"]) == 2
    assert capsys.readouterr().err == (
        "newsdesk new: there is no mkdocs.yml here; run the command in the project folder (where mkdocs.yml is) "
        "or name the file with --config-file\n"
    )


def test_long_titles_make_short_addresses(site, capsys):
    title = "A very long headline about the city's plans for every secondary school and college next year"
    assert scaffold.main([title]) == 0
    assert (
        "Created posts/2026/2026-02-10-a-very-long-headline-about-the-city-s-plans-for-every.md"
        in capsys.readouterr().out
    )


def test_cli_lists_commands(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    for command in ("new", "check", "import", "due"):
        assert re.search(rf"^\s+{command}\s+\S", out, re.M)


def test_a_title_in_any_script_gets_an_address(site, capsys):
    """The city's schools write to families in many languages: an Urdu headline is a post."""
    assert cli.main(["new", "اسکولوں میں مطالعہ کا ہفتہ"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Created posts/2026/2026-02-10-skhwlwn-myn-mtl-h-kh-hfth.md"
    assert check.main([]) == 0


def test_a_title_of_emoji_only_is_refused_with_the_reason(site, capsys):
    with pytest.raises(SystemExit):
        cli.main(["new", "\U0001f389\U0001f389"])
    assert "the title needs letters or digits" in capsys.readouterr().err


def test_the_template_is_the_schema_s_every_field_in_order_with_its_hint(site):
    """One schema: each field's line (or note) in the schema's order, with the schema's hint."""
    from newsdesk.core.reading.schema import FIELDS

    assert cli.main(["new", "Reading corners open"]) == 0
    text = (site / "posts/2026/2026-02-10-reading-corners-open.md").read_text(encoding="utf-8")
    found = [(match[1], match[2]) for match in re.finditer(r"^(?:# )?([a-z_]+):.*?  # (.+)$", text, re.M) if match[1]]
    assert [name for name, _ in found] == [field.name for field in FIELDS]
    for (name, note), field in zip(found, FIELDS):
        assert note.startswith(field.hint or field.label) or name in ("type",), (name, note)
    assert "# contact:  # " in text and "#   name: Education Press Office" in text
