"""scripts/ci_paths.py: a content-only change takes CI's fast path; any code or configuration runs everything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import ci_paths  # noqa: E402


@pytest.mark.parametrize(
    ("paths", "path"),
    [
        (["posts/2026/2026-01-05-new-term.md"], "content"),
        (["posts/2026/2026-01-05-new-term.md", "posts/2026/new-term.jpg", "posts/2026/report.pdf"], "content"),
        (["docs/about.md", "docs/assets/images/feed-logo.png"], "content"),
        (["authors.yml", "posts/2026/a.md"], "content"),
        (["posts/2026/a.md", "scripts/newsdesk/core/reading/posts.py"], "full"),
        (["posts/2026/a.md", "tests/test_site.py"], "full"),
        (["posts/2026/a.md", "mkdocs.yml"], "full"),
        (["pyproject.toml"], "full"),
        (["constraints.txt"], "full"),
        (["overrides/main.html"], "full"),
        (["posts/2026/a.md", ".github/workflows/ci.yml"], "full"),
        (["Makefile"], "full"),
        (["package.json"], "full"),
        (["package-lock.json"], "full"),
        (["docs/assets/newsdesk.js"], "full"),  # the site's scripts and styles are code
        (["docs/assets/newsdesk.css"], "full"),
        (["README.md"], "full"),
        (["posts"], "full"),
        (["../posts/a.md"], "full"),
        ([], "full"),  # nothing to tell from: run everything
    ],
)
def test_classify(paths: list[str], path: str) -> None:
    assert ci_paths.classify(paths) == path


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True, capture_output=True
    )


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/a.md").write_text("one\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def run(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    monkeypatch.chdir(repo)
    output = repo / ".git" / "github_output"  # inside the repository, but not a file git sees
    assert ci_paths.main(["--base", "HEAD^1", "--github-output", str(output)]) == 0
    return capsys.readouterr().out.strip(), output.read_text()


def test_a_commit_that_changes_only_posts_selects_the_fast_path(repo, monkeypatch, capsys) -> None:
    (repo / "posts/a.md").write_text("two\n")
    (repo / "posts/b.md").write_text("new\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "posts")
    assert run(repo, monkeypatch, capsys) == ("content", "path=content\n")


def test_a_commit_that_also_changes_configuration_runs_everything(repo, monkeypatch, capsys) -> None:
    (repo / "posts/a.md").write_text("two\n")
    (repo / "mkdocs.yml").write_text("site_name: y\n")
    git(repo, "commit", "-q", "-am", "both")
    assert run(repo, monkeypatch, capsys) == ("full", "path=full\n")


def test_moving_a_file_out_of_posts_counts_its_new_place(repo, monkeypatch, capsys) -> None:
    (repo / "scripts").mkdir()
    git(repo, "mv", "posts/a.md", "scripts/a.md")
    git(repo, "commit", "-q", "-m", "move")
    assert run(repo, monkeypatch, capsys)[0] == "full"


def test_without_a_base_commit_everything_runs(repo, monkeypatch, capsys) -> None:
    # A single commit has no HEAD^1: git fails, and the safe answer is the full suite.
    assert run(repo, monkeypatch, capsys)[0] == "full"
