"""The repository's own sample site builds with --strict and carries what the README promises."""
from __future__ import annotations

from conftest import ROOT, build


def test_sample_site_builds(tmp_path):
    result = build(ROOT, output=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    posts = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/[0-9][0-9][0-9][0-9]/*/*/index.html"))
    assert len(posts) >= 8
    assert {p.split("/")[0] for p in posts} == {"blog", "news"}
    assert len({p.split("/")[1] for p in posts}) >= 2  # two years
    assert len(list(site.glob("tags/*/index.html"))) >= 6
    for page in ("", "about/", "blog/", "news/", "tags/", "archive/"):
        assert (site / page / "index.html").is_file(), page
    assert not (site / "blog/2026/11/draft-budget-letter").exists()
    assert not (site / "blog/2027").exists()
