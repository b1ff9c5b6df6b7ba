"""Tests leave the repository as they found it: every fixture site and the sample site are copied to
tmp_path before they are built, so no build writes a site or its cache (.cache/) into the checkout,
and the next run cannot reuse what the last one left behind."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sitekit import FIXTURES, FROZEN_NOW, REPO, build, copy_sample, copy_site

SITES = sorted(config.parent.name for config in FIXTURES.glob("*/mkdocs.yml"))  # tests/fixtures/import is no site


def git_status() -> str:
    """Every untracked, changed and ignored path in the checkout, as git lists them."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = subprocess.run(
        ["git", "-C", str(REPO), "status", "--ignored", "--porcelain"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"{REPO} is not a git checkout: {result.stderr.strip()}")
    return result.stdout


def test_every_fixture_site_is_checked():
    assert {"basic", "feeds"} <= set(SITES)


@pytest.mark.parametrize("name", [*SITES, "sample"])
def test_building_a_site_leaves_the_repository_as_it_was(name, tmp_path, monkeypatch):
    # Bytecode is the Makefile's business (make test sets PYTHONPYCACHEPREFIX): keep it out of this check.
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path / "pycache"))
    before = git_status()
    project = copy_sample(tmp_path) if name == "sample" else copy_site(name, tmp_path)
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert (project / "site/index.html").is_file()
    assert (project / ".cache/newsdesk").is_dir()  # the cache went beside the copy's mkdocs.yml
    assert git_status() == before
