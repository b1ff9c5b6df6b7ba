"""Nothing before its time: a scheduled release, its photo and its PDF leave no trace in a build,
and a file nothing links to is never published."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from PIL import Image

from newsdesk.core.model import DRAFT, PUBLISHED, SCHEDULED
from newsdesk.core.publishing.assets import docs_targets, plan_assets
from sitekit import BLOG, build, make_site, tiny_png

NOW = "2026-03-01T09:00"
ATTENDANCE = tiny_png("#00703c")
FORMATS = {"formats_email": "formats@example.gov.uk"}  # posts with attachments need it
EMBARGOED = """---
title: Zanzibar Quokka Academy opens
date: 2026-03-05 00:01
type: press-release
summary: The Quokkaville pupils move into their new building.
tags: [Quokkaville]
image: images/quokka-photo.png
image_alt: Pupils outside the Zanzibar building
attachments:
  - title: Quokkaville pupil numbers
    file: files/quokka-figures.csv
contact:
  name: Education Press Office
  email: press.office@example.gov.uk
---

The embargoed text about Quokkaville. Read [the full report](files/quokka-report.pdf).
"""
PUBLISHED_POST = BLOG.replace("date: 2025-03-04", "date: 2026-02-10") + "\n![A chart](images/attendance.png)\n"
# Words and file names that belong to the embargoed release only; none may appear anywhere.
TRACES = ["Zanzibar", "Quokka", "quokka", "zanzibar-quokka", "internal-briefing", "Quokkaville", "quokkaville"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("leak")
    make_site(
        root,
        {
            "2026/2026-02-10-walking-buses.md": PUBLISHED_POST,
            "2026/images/attendance.png": ATTENDANCE,
            "2026/2026-03-05-zanzibar-quokka-academy-opens.md": EMBARGOED,
            "2026/images/quokka-photo.png": tiny_png("#8a5a2b"),
            "2026/files/quokka-report.pdf": b"%PDF-1.4 quokka report",
            "2026/files/quokka-figures.csv": b"school,pupils\nquokka,120\n",
            "2026/_internal-briefing.docx": b"PK internal briefing",
        },
        config={"plugins": ["search", {"newsdesk": {"default_author": "director", **FORMATS}}]},
    )
    result = build(root, now=NOW)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_no_output_holds_any_trace_of_the_embargoed_release(built):
    found = []
    for path in sorted(built.rglob("*")):
        rel = path.relative_to(built).as_posix()
        found += [f"{rel} (name)" for trace in TRACES if trace in rel]
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":  # the search index's files are gzip: look inside
                data = gzip.decompress(data)
            found += [f"{rel}: {trace}" for trace in TRACES if trace.encode() in data]
    assert found == []
    # The searched outputs really were there: pages, feeds, sitemap, search index, tags, archive, OPML.
    for output in [
        "index.html",
        "feed.xml",
        "atom.xml",
        "sitemap.xml",
        "pagefind/pagefind-entry.json",
        "tags/index.html",
        "archive/index.html",
        "feeds.opml",
        "blog/2026/02/walking-buses/index.html",
    ]:
        assert (built / output).is_file(), output


def test_a_published_posts_own_image_is_published(built):
    with Image.open(built / "posts/2026/images/attendance.png") as published:  # without metadata: the same pixels
        assert published.tobytes() == Image.open(io.BytesIO(ATTENDANCE)).convert("RGB").tobytes()


def test_the_release_and_its_files_appear_once_due(tmp_path):
    make_site(
        tmp_path,
        {
            "2026/2026-03-05-zanzibar-quokka-academy-opens.md": EMBARGOED,
            "2026/images/quokka-photo.png": tiny_png("#8a5a2b"),
            "2026/files/quokka-report.pdf": b"%PDF-1.4 quokka report",
            "2026/files/quokka-figures.csv": b"school,pupils\nquokka,120\n",
            "2026/_internal-briefing.docx": b"PK internal briefing",
        },
        options=FORMATS,
    )
    result = build(tmp_path, now="2026-03-05T00:01")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "news/2026/03/zanzibar-quokka-academy-opens/index.html").is_file()
    assert (site / "posts/2026/images/quokka-photo.png").is_file()
    assert (site / "posts/2026/files/quokka-report.pdf").is_file()
    assert (site / "posts/2026/files/quokka-figures.csv").is_file()  # an attachment
    assert not (site / "posts/2026/_internal-briefing.docx").exists()


class _Post:
    """Just what plan_assets reads."""

    def __init__(self, rel, status, links=(), image=None):
        from newsdesk.core.reading.links import local_links

        self.rel, self.status, self.image, self.attachments = rel, status, image, ()
        self.body = "\n".join(f"[x]({link})" for link in links)
        self.links = tuple(local_links(self.body))


@pytest.mark.parametrize(
    "posts, docs, published, held, unlinked",
    [
        ([_Post("2026/a.md", PUBLISHED, ["images/a.png"])], set(), ["2026/images/a.png"], [], ["2026/b.pdf", "c.docx"]),
        (
            [_Post("2026/a.md", SCHEDULED, ["b.pdf"], image="images/a.png")],
            set(),
            [],
            ["2026/b.pdf", "2026/images/a.png"],
            ["c.docx"],
        ),
        (
            [_Post("2026/a.md", DRAFT, ["b.pdf"]), _Post("2026/d.md", PUBLISHED, ["b.pdf"])],
            set(),
            ["2026/b.pdf"],
            [],
            ["2026/images/a.png", "c.docx"],
        ),
        ([], {"c.docx"}, ["c.docx"], [], ["2026/b.pdf", "2026/images/a.png"]),
        (
            [_Post("2026/a.md", PUBLISHED, ["<img src='b.pdf' srcset='images/a.png 1x, b.pdf 2x'>"])],
            set(),
            ["2026/b.pdf", "2026/images/a.png"],
            [],
            ["c.docx"],
        ),
    ],
)
def test_plan_assets(posts, docs, published, held, unlinked):
    plan = plan_assets(["2026/b.pdf", "2026/images/a.png", "c.docx"], posts, docs)
    assert (sorted(plan.published), sorted(plan.held), sorted(plan.unlinked)) == (published, held, unlinked)


def test_docs_pages_link_to_posts_files_by_their_place_in_the_site():
    pages = {
        "about.md": "[Report](posts/2026/report.pdf) and [home](index.md)",
        "guides/help.md": '![Map](../posts/2026/map.png) <a href="../posts/2026/b.pdf#p2">B</a>',
    }
    assert docs_targets(pages) == {"2026/report.pdf", "2026/map.png", "2026/b.pdf"}
