"""scripts/preview_offline.py: the reviewer's downloaded preview works from files (file://)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from sitekit import BLOG, REPO, build, make_site

sys.path.insert(0, str(REPO / "scripts"))
from preview_offline import main, offline_url  # noqa: E402


@pytest.mark.parametrize(
    "url, expected",
    [
        ("../blog/", "../blog/index.html"),
        ("./", "./index.html"),
        ("..", "../index.html"),
        ("../../", "../../index.html"),
        ("tags/#send", "tags/index.html#send"),
        ("feed.xml", "feed.xml"),
        ("https://example.org/", "https://example.org/"),
        ("/blog/", "/blog/"),
        ("#top", "#top"),
        ("mailto:a@example.org", "mailto:a@example.org"),
    ],
)
def test_offline_url(url, expected):
    assert offline_url(url) == expected


def test_every_relative_folder_link_of_a_built_site_opens_a_file(tmp_path):
    make_site(tmp_path, {"2025/2025-03-04-walking-buses.md": BLOG})
    assert build(tmp_path, now="2026-01-01T09:00").returncode == 0
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/preview_offline.py"), str(site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    missing = []
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+)', page.read_text()):
            if not re.match(r"^[a-z]+:|^/", href) and not (page.parent / href).is_file():
                missing.append(f"{page.relative_to(site)}: {href}")
    assert missing == []


def test_only_the_links_change_not_the_line_ends(tmp_path):
    """The page's bytes but its links stay as they were, whatever line ends it has, on any system."""
    page = tmp_path / "index.html"
    page.write_bytes(b'<a href="blog/">Blog</a>\r\n<p>Caf\xc3\xa9</p>\n')
    assert main([str(tmp_path)]) == 0
    assert page.read_bytes() == b'<a href="blog/index.html">Blog</a>\r\n<p>Caf\xc3\xa9</p>\n'
