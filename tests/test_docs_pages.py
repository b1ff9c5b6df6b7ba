"""Docs pages held to the posts' standard: broken front matter stops every build with file and line;
'Owner to complete' placeholders stop only the build that goes live (deploy: true)."""

from __future__ import annotations

import pytest

from newsdesk.commands import check
from newsdesk.core.reading.docs import front_matter_problems, placeholders, read_docs
from sitekit import BLOG, REPO, build, make_site, write

BROKEN = "---\ntitle: Privacy\ndescription: What we keep: nothing\n---\n\n# Privacy\n"
FRONT_MATTER_LINE = (
    "docs/privacy.md: front matter: YAML syntax error on line 3 ('description: What we keep: nothing'): mapping values are not allowed here; "
    "if a value contains ': ' or starts with a quote or '[', put the whole value in double quotes"
)
UNFINISHED = (
    '# Contact\n\nWrite to us.\n\n- Email: <mark class="nd-todo">Owner to supply: email address</mark>\n'
    '- Phone: <mark class="nd-todo">Owner to supply: <em>phone</em> &amp; hours</mark>\n'
)


def test_the_repositorys_docs_pages_have_readable_front_matter():
    assert front_matter_problems(read_docs(REPO / "docs")) == []


def test_broken_front_matter_in_docs_stops_the_build_and_check(tmp_path, monkeypatch, capsys):
    make_site(tmp_path, {"2025/2025-03-04-walking-buses.md": BLOG})
    write(tmp_path / "docs/privacy.md", BROKEN)
    result = build(tmp_path, now="2026-01-01T09:00")
    assert result.returncode == 1
    assert FRONT_MATTER_LINE + "\n" in result.stderr
    monkeypatch.chdir(tmp_path)
    assert check.main(["posts/2025"]) == 1  # a docs page's problem is reported whatever posts are named
    assert FRONT_MATTER_LINE in capsys.readouterr().out.splitlines()


def test_a_page_without_front_matter_is_fine():
    assert front_matter_problems({"a.md": "# Title\n\ntitle: x: y\n", "b.md": "---\ntitle: B\n---\n# B\n"}) == []


def test_placeholders_are_listed_with_their_lines():
    assert [str(p) for p in placeholders("docs/contact.md", UNFINISHED)] == [
        "docs/contact.md: body: line 5 is still to complete: 'Owner to supply: email address'; "
        "write the real text in place of the highlighted marker, and remove the marker",
        "docs/contact.md: body: line 6 is still to complete: 'Owner to supply: phone & hours'; "
        "write the real text in place of the highlighted marker, and remove the marker",
    ]


@pytest.fixture
def unfinished_site(tmp_path):
    make_site(tmp_path, {"2025/2025-03-04-walking-buses.md": BLOG + '\nCall <mark class="nd-todo">number</mark>.\n'})
    write(tmp_path / "docs/contact.md", UNFINISHED)
    return tmp_path


def test_placeholders_are_fine_in_an_ordinary_build(unfinished_site):
    result = build(unfinished_site, now="2026-01-01T09:00")
    assert result.returncode == 0, result.stderr
    assert 'class="nd-todo"' in (unfinished_site / "site/contact/index.html").read_text()


def test_placeholders_stop_the_build_that_goes_live(unfinished_site):
    config = unfinished_site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("default_author: director", "default_author: director\n    deploy: true")
    )
    result = build(unfinished_site, now="2026-01-01T09:00")
    assert result.returncode == 1
    assert "newsdesk: 3 problems to fix before the site can be built:\n" in result.stderr
    assert "docs/contact.md: body: line 5 is still to complete: 'Owner to supply: email address'" in result.stderr
    assert "posts/2025/2025-03-04-walking-buses.md: body: line 11 is still to complete: 'number'" in result.stderr


def test_the_sample_sites_deploy_setting_comes_from_the_environment():
    assert "deploy: !ENV [NEWSDESK_DEPLOY, false]" in (REPO / "mkdocs.yml").read_text()
