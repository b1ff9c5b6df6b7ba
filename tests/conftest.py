"""Fixtures shared by the tests in this folder; the helpers themselves are in sitekit.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit import FROZEN_NOW, build, copy_site

# Modules that build many whole sites or serve one: `make test-fast` leaves them (and the browser
# tests) out, `make test` runs everything. Named here so that a new module is fast until it is not.
SLOW = {
    "test_addresses.py",
    "test_build.py",
    "test_pictures.py",
    "test_rendercache.py",
    "test_prerender.py",
    "test_images.py",
    "test_serve.py",
    "test_serve_dirty.py",
    "test_clean_checkout.py",
    "test_end_to_end.py",
    "test_engines.py",
    "test_edit_link.py",
    "test_check_content.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if "browser" in path.parts:
            item.add_marker(pytest.mark.browser)
        if path.name in SLOW:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory) -> Path:
    """The 'basic' fixture site, built once per test module; returns its site/ folder."""
    project = copy_site("basic", tmp_path_factory.mktemp("basic"))
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    return project / "site"
