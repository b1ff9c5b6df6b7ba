"""Images stored beside posts: copied into the site, working from every page that shows them,
and a missing file or missing alt text is an error that names the post and the image."""

from __future__ import annotations

import io
import posixpath
import re

import pytest
from PIL import Image

from newsdesk.commands import check
from newsdesk.core.text.html import absolutize
from sitekit import build, make_site, write

SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"


def png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#1d70b8").save(out, "PNG")
    return out.getvalue()


WITH_IMAGES = """---
title: A reading corner by the door
date: 2025-03-04
type: blog
summary: Moving the books next to the door changed who borrowed them.
tags: [Reading]
image: images/corner.png
image_alt: A low bookcase with cushions in front of it
---

![Children choosing books from a low shelf](images/shelf.svg) The nursery moved its books next to the door.
<!-- more -->

Later in the post, a picture in a folder of its own:

![A timer and picture cards on a table](images/2025-march/timer.svg)

<img src="images/corner.png" alt="The corner again, as HTML">
"""

IN_SUBFOLDER = """---
title: Spring term round-up
date: 2025-04-01
type: blog
tags: [Reading]
---

![The same shelf, seen from a post in a subfolder](../images/shelf.svg) A short round-up of the spring term.
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    root = tmp_path / "site"
    make_site(
        root,
        {
            "2025/2025-03-04-reading-corner.md": WITH_IMAGES,
            "2025/spring/2025-04-01-round-up.md": IN_SUBFOLDER,
            "2025/images/corner.png": png(),
            "2025/images/shelf.svg": SVG,
            "2025/images/2025-march/timer.svg": SVG,
        },
    )
    monkeypatch.chdir(root)
    monkeypatch.setenv("NEWSDESK_NOW", "2026-02-10T09:00")
    return root


def images_on(site_dir, page: str) -> list[str]:
    """Every <img src> of a built page, resolved against the page's own address."""
    html = (
        (site_dir / page / "index.html").read_text(encoding="utf-8")
        if page
        else (site_dir / "index.html").read_text(encoding="utf-8")
    )
    sources = re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', html)
    return [posixpath.normpath(posixpath.join(page, source)) for source in sources]


def test_images_work_from_the_post_page_and_every_listing(site, tmp_path):
    built = build(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    out = tmp_path / "out"
    post = "blog/2025/03/reading-corner/"
    shelf, timer, corner = images_on(out, post)  # the front-matter image is not repeated above: the body has it
    assert (shelf, timer) == ("posts/2025/images/shelf.svg", "posts/2025/images/2025-march/timer.svg")
    assert re.fullmatch(
        r"posts/2025/images/corner-40\.[0-9a-f]{20}\.(png|webp)", corner
    )  # a rendition: see test_pictures.py
    for page in ("blog/", "tags/reading/", ""):  # listings and the home page show the round-up's excerpt, image and all
        found = images_on(out, page)
        assert "posts/2025/images/shelf.svg" in found, page
    for page in (post, "blog/", "tags/reading/", "archive/2025/", "", "blog/2025/04/round-up/"):
        for image in images_on(out, page):
            assert (out / image).is_file(), f"{image} on /{page}"


def test_feeds_can_make_image_urls_absolute():
    # Feeds (html.absolutize) start from the HTML as rendered for the post page.
    html = '<p><img alt="Shelf" src="../../../../posts/2025/images/shelf.svg" /></p>'
    assert absolutize(html, "blog/2025/03/reading-corner/", "https://schools.example.gov.uk/") == (
        '<p><img alt="Shelf" src="https://schools.example.gov.uk/posts/2025/images/shelf.svg" /></p>'
    )


POST = "posts/2025/2025-03-04-reading-corner.md"


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("](images/2025-march/timer.svg)", "](images/2025-march/clock.svg)"),
            f"{POST}: body: image 'images/2025-march/clock.svg' on line 16 points to posts/2025/images/2025-march/clock.svg, which does not exist",
        ),
        (
            ("![A timer and picture cards on a table]", "![]"),
            f"{POST}: body: image 'images/2025-march/timer.svg' on line 16 has no alt text; describe it between the brackets, "
            "as in ![Pupils at the science fair](images/2025-march/timer.svg)",
        ),
        (
            ('alt="The corner again, as HTML"', 'alt=""'),
            f"{POST}: body: image 'images/corner.png' on line 18 has no alt text; describe it between the brackets, "
            "as in ![Pupils at the science fair](images/corner.png)",
        ),
        (
            ("image: images/corner.png", "image: images/cover.svg"),
            f"{POST}: 'image': image 'images/cover.svg' points to posts/2025/images/cover.svg, which does not exist",
        ),
        (
            ("image_alt: A low bookcase with cushions in front of it\n", ""),
            f"{POST}: 'image_alt': missing for image 'images/corner.png'; describe the image for people who cannot see it, "
            "in a line such as 'image_alt: Pupils planting trees'",
        ),
        (
            ("image: images/corner.png", "image: https://example.org/corner.svg"),
            f"{POST}: 'image': 'https://example.org/corner.svg' is on another site; save the image beside the post "
            "(for example in posts/2025/images/) and give its path",
        ),
    ],
    ids=["missing-file", "no-alt", "html-no-alt", "front-matter-missing-file", "no-image-alt", "other-site"],
)
def test_image_errors_name_the_post_and_the_image(site, capsys, tmp_path, change, message):
    old, new = change
    write(site / POST, WITH_IMAGES.replace(old, new))
    assert check.main([POST]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:-1] == [message]
    built = build(site, tmp_path / "out")
    assert built.returncode == 1 and message in built.stderr.splitlines()
