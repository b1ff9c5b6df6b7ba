"""`newsdesk go-live` lists every placeholder of a fresh clone (README.md, docs-dev/make-it-yours.md)
with its file and line, exits 1 while any is left and 0 once all are filled."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsdesk.commands import cli, golive, samples
from sitekit import REPO


def fresh_clone(destination: Path) -> Path:
    """The files go-live reads, as a fresh clone has them."""
    root = destination / "clone"
    root.mkdir()
    for name in ("mkdocs.yml", "authors.yml"):
        shutil.copy(REPO / name, root / name)
    for name in ("docs", "posts"):
        shutil.copytree(REPO / name, root / name)
    (root / ".github").mkdir()
    shutil.copy(REPO / ".github" / "CODEOWNERS", root / ".github" / "CODEOWNERS")
    return root


def run(root: Path, capsys, monkeypatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(root)
    code = cli.main(["go-live"])
    return code, capsys.readouterr().out.splitlines()


def make_it_live(root: Path) -> None:
    """What an owner does: every placeholder replaced, the samples removed."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("https://schools.example.gov.uk/", "https://news.leodis.gov.uk/")
    config = config.replace("education.formats@example.gov.uk", "formats@leodis.gov.uk")
    config = config.replace("example-council/newsdesk", "leodis/newsdesk")
    config = config.replace(
        "# auth_url: https://newsdesk-auth.example.workers.dev", "auth_url: https://auth.leodis.gov.uk"
    )
    config = config.replace("enabled: !ENV [NEWSDESK_EDITOR, false]", "enabled: true")  # the editor on the live site
    config = config.replace("copyright:", "repo_url: https://github.com/leodis/newsdesk\ncopyright:", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    authors = (root / "authors.yml").read_text(encoding="utf-8")
    (root / "authors.yml").write_text(
        authors.replace("education.press@example.gov.uk", "press@leodis.gov.uk"), encoding="utf-8"
    )
    owners = root / ".github" / "CODEOWNERS"
    owners.write_text(
        re.sub(r"(?m)^(/\S+) @OWNER/", r"\1 @leodis/", owners.read_text(encoding="utf-8")), encoding="utf-8"
    )
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'<mark class="nd-todo">.*?</mark>', "Filled in by the owner.", text, flags=re.S)
        page.write_text(text, encoding="utf-8")
    samples.remove(root)


def test_a_fresh_clone_lists_every_placeholder(tmp_path, capsys, monkeypatch) -> None:
    root = fresh_clone(tmp_path)
    code, lines = run(root, capsys, monkeypatch)
    assert code == 1
    text = "\n".join(lines)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()

    def line_of(file_lines: list[str], needle: str) -> int:
        return next(n for n, line in enumerate(file_lines, start=1) if needle in line)

    assert (
        f"mkdocs.yml:{line_of(config, 'site_url:')}: site_url is the example address 'https://schools.example.gov.uk/'"
        in text
    )
    assert "mkdocs.yml:1: repo_url is not set: add 'repo_url: https://github.com/" in text
    assert (
        f"mkdocs.yml:{line_of(config, 'formats_email')}: 'education.formats@example.gov.uk' is an example address"
        in text
    )
    assert f"mkdocs.yml:{line_of(config, 'example-council')}: 'example-council' is the example organisation" in text
    # The editor is off on the live site until IT sets auth_url (enabled: !ENV [NEWSDESK_EDITOR, false]).
    assert "auth_url is not set" not in text
    authors = (root / "authors.yml").read_text(encoding="utf-8").splitlines()
    assert (
        f"authors.yml:{line_of(authors, 'example.gov.uk')}: 'education.press@example.gov.uk' is an example address"
        in text
    )
    owners = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    coded = [n for n, line in enumerate(owners, start=1) if line.startswith("/")]
    assert [line for line in lines if line.startswith(".github/CODEOWNERS:")] == [
        f".github/CODEOWNERS:{n}: '{owners[n - 1]}' names the example team '@OWNER': put your organisation's name "
        "in its place, such as '@my-council/press-office'"
        for n in coded
    ]
    for page in ("accessibility.md", "contact.md", "privacy.md"):
        marked = [
            n
            for n, line in enumerate((root / "docs" / page).read_text(encoding="utf-8").splitlines(), start=1)
            if "nd-todo" in line
        ]
        assert marked
        assert [int(line.split(":")[1]) for line in lines if line.startswith(f"docs/{page}:")] == marked
        assert f"docs/{page}:{marked[0]}: 'Owner to " in text
    for path in samples.SAMPLE_POSTS:
        assert f"{path}:1: a sample post: delete it, or run 'newsdesk remove-samples'" in text
    assert lines[-1].startswith(f"newsdesk go-live: {len(lines) - 1} things to do before the site goes live")


def test_findings_are_sorted_by_file_then_line_number(tmp_path, capsys, monkeypatch) -> None:
    root = fresh_clone(tmp_path)
    _, lines = run(root, capsys, monkeypatch)
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in lines[:-1]]
    assert keys == sorted(keys)
    accessibility = [n for f, n in keys if f == "docs/accessibility.md"]
    assert accessibility.index(13) < accessibility.index(118)  # numbers, not text ('118' < '13')


def test_nothing_left_exits_0(tmp_path, capsys, monkeypatch) -> None:
    root = fresh_clone(tmp_path)
    make_it_live(root)
    code, lines = run(root, capsys, monkeypatch)
    assert (code, lines) == (0, ["newsdesk go-live: nothing left to replace; the site is ready to go live"])


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda c: c.replace("auth_url: https://auth.leodis.gov.uk", "# no sign-in yet"),
            "the editor's auth_url is not set",
        ),
        (
            lambda c: c.replace("enabled: true", "enabled: false").replace("auth_url: https://auth.leodis.gov.uk", ""),
            None,
        ),
        (
            lambda c: c.replace("enabled: true", "enabled: !ENV [NEWSDESK_EDITOR, false]").replace(
                "auth_url: https://auth.leodis.gov.uk", ""
            ),
            None,
        ),
        (
            lambda c: c.replace("enabled: true", "enabled: !ENV [NEWSDESK_EDITOR, true]").replace(
                "auth_url: https://auth.leodis.gov.uk", ""
            ),
            "the editor's auth_url is not set",
        ),
        (lambda c: c.replace("repo_url: https://github.com/leodis/newsdesk\n", ""), "repo_url is not set"),
        (lambda c: c.replace("site_url: https://news.leodis.gov.uk/\n", ""), "site_url is not set"),
    ],
)
def test_each_setting_is_checked_alone(tmp_path, capsys, monkeypatch, edit, expected) -> None:
    root = fresh_clone(tmp_path)
    make_it_live(root)
    config = root / "mkdocs.yml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    code, lines = run(root, capsys, monkeypatch)
    if expected is None:
        assert code == 0, lines
    else:
        assert code == 1 and expected in lines[0], lines


def test_an_owners_own_post_with_an_example_address_or_marker_is_listed(tmp_path, capsys, monkeypatch) -> None:
    root = fresh_clone(tmp_path)
    make_it_live(root)
    (root / "posts" / "2026").mkdir(parents=True, exist_ok=True)
    (root / "posts" / "2026" / "2026-12-01-ours.md").write_text(
        "---\ntitle: Ours\n---\n\nWrite to us at help@example.org.\n\n"
        '<mark class="nd-todo">Owner to supply: the date</mark>\n',
        encoding="utf-8",
    )
    code, lines = run(root, capsys, monkeypatch)
    assert code == 1
    assert lines[:2] == [
        "posts/2026/2026-12-01-ours.md:5: 'help@example.org' is an example address: put the real address in its place",
        "posts/2026/2026-12-01-ours.md:7: 'Owner to supply: the date': write the real text in place of the highlighted "
        'marker (<mark class="nd-todo">...</mark>), and remove the marker',
    ]


def test_no_mkdocs_yml_is_exit_2(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert golive.main([]) == 2
    assert "there is no mkdocs.yml here" in capsys.readouterr().err
