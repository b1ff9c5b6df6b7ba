"""Shared helpers: fixture sites copied into tmp_path and built with the real `mkdocs build --strict`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
FROZEN_NOW = "2026-11-23T12:00"  # the sample and fixture sites are checked as of this moment


def copy_site(name: str, destination: Path) -> Path:
    """A fixture site in `destination`, with the project's own theme overrides beside it."""
    site = destination / name
    shutil.copytree(FIXTURES / name, site)
    if not (site / "overrides").exists():
        shutil.copytree(ROOT / "overrides", site / "overrides")
    return site


def build(project: Path, *, now: str = FROZEN_NOW, output: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `output` (default project/site), as a writer runs it."""
    env = {**os.environ, "NEWSDESK_NOW": now, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(output or project / "site")]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=project, timeout=120)


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory) -> Path:
    """The 'basic' fixture site, built once per test module; returns its site/ folder."""
    project = copy_site("basic", tmp_path_factory.mktemp("basic"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"
