"""The repository's own sample site builds with --strict, carries what the README promises, and
builds byte-identically twice."""

from __future__ import annotations

import filecmp

import pytest

from sitekit import FROZEN_NOW, build, copy_sample


@pytest.fixture(scope="module")
def sample_builds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    project = copy_sample(folder)
    for name in ("one", "two"):
        result = build(project, folder / name, now=FROZEN_NOW)
        assert result.returncode == 0, result.stderr
    return folder / "one", folder / "two"


def test_sample_site_has_the_promised_content(sample_builds):
    site = sample_builds[0]
    posts = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/[0-9][0-9][0-9][0-9]/*/*/index.html"))
    assert len(posts) >= 8
    assert {p.split("/")[0] for p in posts} == {"blog", "news"}
    assert len({p.split("/")[1] for p in posts}) >= 2  # two years
    assert len(list(site.glob("tags/*/index.html"))) >= 6
    for page in ("", "about/", "blog/", "news/", "tags/", "archive/"):
        assert (site / page / "index.html").is_file(), page
    assert not (site / "blog/2026/11/draft-budget-letter").exists()
    assert not (site / "blog/2027").exists()


def test_sample_site_builds_byte_identical_twice(sample_builds):
    one, two = sample_builds
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert "sitemap.xml" in files and "sitemap.xml.gz" in files
    assert sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file()) == files
    _, mismatch, errors = filecmp.cmpfiles(one, two, files, shallow=False)
    assert (mismatch, errors) == ([], [])
