"""Fixtures shared by the tests in this folder; the helpers themselves are in sitekit.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitekit import FROZEN_NOW, build, copy_site


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory) -> Path:
    """The 'basic' fixture site, built once per test module; returns its site/ folder."""
    project = copy_site("basic", tmp_path_factory.mktemp("basic"))
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    return project / "site"
