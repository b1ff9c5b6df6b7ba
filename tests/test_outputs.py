"""Output paths: which aliases are refused and why, where docs files land, what stays inside the site."""

from __future__ import annotations

import pytest

from newsdesk.core.publishing.outputs import inside, page_dest, unsafe_path


@pytest.mark.parametrize(
    "alias, why",
    [
        ("/news/2015/10/launch/", None),
        ("/old/launch.html", None),
        ("/", "it is the site's home page"),
        ("//", "it is the site's home page"),
        ("/news/../../etc/passwd", "it has an empty, '.' or '..' part"),
        ("/news/./launch/", "it has an empty, '.' or '..' part"),
        ("/news//launch/", "it has an empty, '.' or '..' part"),
        ("/old\\page/", "it contains a backslash"),
        ("/old\tpage/", "it contains a control character"),
        ("/old\npage/", "it contains a control character"),
        ("/C:/site/old.html", "it is a file path on a computer"),
    ],
)
def test_unsafe_path(alias, why):
    found = unsafe_path(alias)
    assert (found is None) if why is None else found.startswith(why)


@pytest.mark.parametrize(
    "dest, expected",
    [
        ("index.html", True),
        ("news/2015/10/launch/index.html", True),
        ("a/../b.html", True),
        ("/index.html", False),
        ("../index.html", False),
        ("a/../../x", False),
        ("C:/x", False),
        ("a\\..\\..\\x", False),
    ],
)
def test_inside(dest, expected):
    assert inside(dest) is expected


@pytest.mark.parametrize(
    "src, dest",
    [
        ("index.md", "index.html"),
        ("about.md", "about/index.html"),
        ("blog/index.md", "blog/index.html"),
        ("team/README.md", "team/index.html"),
        ("images/logo.png", "images/logo.png"),
        ("feed.xml", "feed.xml"),
    ],
)
def test_page_dest(src, dest):
    assert page_dest(src) == dest
