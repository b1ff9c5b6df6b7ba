"""`newsdesk remove-samples` (docs-dev/make-it-yours.md): the sample posts go with their picture and
file, it says what it removed, and the site still builds strictly and go-live no longer lists them."""

from __future__ import annotations

from pathlib import Path

from newsdesk.commands import cli, golive, samples
from sitekit import FROZEN_NOW, REPO, SAMPLE_POSTS, build, copy_sample


def test_the_sample_list_is_every_sample_post_and_file() -> None:
    shipped = sorted(
        f"posts/{path.relative_to(SAMPLE_POSTS).as_posix()}" for path in SAMPLE_POSTS.rglob("*") if path.is_file()
    )
    assert shipped == sorted(samples.SAMPLE_POSTS + samples.SAMPLE_FILES)


def test_the_fixture_matches_the_samples_still_in_the_repository() -> None:
    """While the repository still has its samples, the tests' copy is the same (none, after removal)."""
    for path in samples.SAMPLE_POSTS + samples.SAMPLE_FILES:
        if (REPO / path).is_file():
            assert (REPO / path).read_bytes() == (SAMPLE_POSTS / path.removeprefix("posts/")).read_bytes(), path


def test_after_remove_samples_the_site_builds_without_them(tmp_path, capsys, monkeypatch) -> None:
    project = copy_sample(tmp_path)
    (project / "posts" / "2026" / "2026-12-01-our-first-post.md").write_text(
        "---\ntitle: Our first post\ndate: 2026-11-20\ntype: blog\nsummary: The first post of our own.\n---\n\n"
        "Our own words, not a sample's.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    assert cli.main(["remove-samples"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"removed {path}" for path in samples.SAMPLE_POSTS + samples.SAMPLE_FILES] + [
        "newsdesk remove-samples: 14 sample files removed"
    ]
    left = sorted(path.relative_to(project).as_posix() for path in (project / "posts").rglob("*"))
    assert left == ["posts/2026", "posts/2026/2026-12-01-our-first-post.md"]

    result = build(project, tmp_path / "site", now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "blog" / "2026" / "11" / "our-first-post" / "index.html").is_file()
    assert not (site / "blog" / "2025").exists() and not (site / "news" / "2025").exists()
    assert not any(path.name == "reading-corner.png" for path in site.rglob("*"))

    assert not any(finding.message.startswith("a sample post") for finding in golive.findings(project))
    assert cli.main(["remove-samples"]) == 0
    assert capsys.readouterr().out == "newsdesk remove-samples: no sample files removed\n"


def test_no_mkdocs_yml_is_exit_2(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert samples.main([]) == 2
    assert "there is no mkdocs.yml here" in capsys.readouterr().err
