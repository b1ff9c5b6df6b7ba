"""Hostile and awkward files beyond the catalogue's one-line messages: what a reader's browser gets,
what the output shows, and that the build's own list of what it writes is complete."""

from __future__ import annotations

import io
from pathlib import Path

import feedparser
import pytest

from catalogue import CASE, FRONT, apply, base_project, post, run_build, run_check, with_front
from sitekit import FROZEN_NOW, build, tiny_png
from test_catalogue import CASES, MAP, MAP_BODY, svg

FORMATS = ("default_author: director", "default_author: director\n    formats_email: formats@example.gov.uk")


def pdf() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    return base_project(tmp_path / "project")


def cases(*names: str) -> dict:
    by_name = {name: changes for name, changes, _ in CASES}
    return {rel: change for name in names for rel, change in by_name[name].items()}


@pytest.mark.parametrize("name", ["Windows program named .pdf", "PDF cut short"])
def test_the_pdf_library_says_nothing_of_its_own(project, name):
    """pypdf's own log lines ('invalid pdf header', 'EOF marker not found') never reach the writer:
    its finding is the one message, in our words."""
    apply(project, cases(name))
    for outcome in (run_check(project), run_build(project)):
        assert outcome.code == 1 and len(outcome.problems) == 1
        lowered = outcome.output.lower()
        assert "pdf header" not in lowered and "eof marker" not in lowered and "pypdf" not in lowered


def test_a_missing_authors_file_is_one_problem_however_many_posts_need_it(project):
    apply(project, cases("authors.yml missing with a press release"))
    for outcome in (run_check(project), run_build(project)):
        assert outcome.problems == [
            "authors.yml: file: missing; create it beside mkdocs.yml with one entry per author, "
            "such as 'director:' with 'name: Sam Example' and 'role: Director' indented under it"
        ]


def test_a_plain_drawing_is_published_as_it_is(project):
    """A plain SVG (the sort Inkscape or Illustrator export, DOCTYPE and all) passes and is published."""
    drawing = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        + svg('<defs><linearGradient id="g"/></defs><rect width="9" height="9" style="fill:url(#g)"/><use href="#g"/>')
    )
    apply(project, {CASE: post(FRONT, MAP_BODY), MAP: drawing, "docs/images/crest.svg": svg("<circle r='4'/>")})
    assert run_check(project).code == 0
    assert run_build(project).code == 0
    assert (project / "site" / MAP).read_bytes() == drawing
    assert (project / "site/images/crest.svg").is_file()


def test_a_file_with_spaces_and_accents_is_linked_by_a_valid_address(project):
    """Windows names ('Annual report été.pdf') are kept, and every link to them is percent-encoded."""
    name = "files/Annual report \u00e9t\u00e9.pdf"
    picture = "images/School hall \u00e9.png"
    apply(
        project,
        {
            CASE: with_front(
                f"image: {picture}\nimage_alt: The hall\nattachments:\n  - title: Annual report\n    file: {name}\n",
                "\nSome words.\n",
            ),
            f"posts/2025/{name}": pdf(),
            f"posts/2025/{picture}": tiny_png(size=(900, 600)),
            "mkdocs.yml": lambda text: text.replace(*FORMATS),
        },
    )
    assert run_check(project).code == 0, run_check(project).output
    assert run_build(project).code == 0
    site = project / "site"
    page = (site / "blog/2025/06/a-case/index.html").read_text(encoding="utf-8")
    assert 'href="../../../../posts/2025/files/Annual%20report%20%C3%A9t%C3%A9.pdf"' in page
    assert "School%20hall%20%C3%A9" in page and "School hall \u00e9" not in page.split("<body", 1)[1].replace(
        'alt="The hall"', ""
    )
    assert (site / "posts/2025" / name).read_bytes().startswith(b"%PDF-")
    entry = next(e for e in feedparser.parse((site / "feed.xml").read_bytes()).entries if e.title == "A case")
    assert (
        "https://schools.example.gov.uk/posts/2025/files/Annual%20report%20%C3%A9t%C3%A9.pdf" in entry.content[0].value
    )
    assert " " not in "".join(entry.content[0].value.split('href="')[1:]).split('"')[0]


def test_the_build_knows_every_file_it_writes(tmp_path, monkeypatch):
    """The outputs an alias is checked against are the build's own: every file a built site holds
    (theme, editor, feeds, pictures, cards, search index) is among them or in a folder the build fills."""
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    from test_catalogue import EDITOR_ON

    project = base_project(tmp_path / "project")
    apply(
        project,
        {
            "mkdocs.yml": EDITOR_ON,
            CASE: with_front("image: images/hall.png\nimage_alt: The hall\naliases: [/old/case/]\n"),
            "posts/2025/images/hall.png": tiny_png(size=(900, 600)),
        },
    )
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    from newsdesk.core.pages.redirects import alias_path
    from newsdesk.core.publishing.outputs import BUILD_FOLDERS, docs_outputs, generated_outputs
    from newsdesk.mkdocs.project import load_project

    known = load_project(str(project / "mkdocs.yml"))
    settings, loaded, problems = known.load()
    assert not problems
    from newsdesk.core.site import check_site

    site, _ = check_site(known.options, settings, loaded, site_url=known.site_url, publishing=True, building=False)
    from newsdesk.core.feeds.feeds import feed_specs
    from newsdesk.core.feeds.opml import OPML_PATH
    from newsdesk.core.publishing.record import RECORD_PATH

    feeds = [spec.path for spec in feed_specs("", settings.types, site.tags)] + [OPML_PATH, RECORD_PATH]
    predicted = {
        **known.engine(),
        **docs_outputs(settings.docs_dir),
        **generated_outputs(site, settings, feeds, site.assets),
    }
    predicted.update({alias_path(alias): "alias" for p in site.posts for alias in p.aliases})
    built = [path.relative_to(project / "site").as_posix() for path in (project / "site").rglob("*") if path.is_file()]
    from newsdesk.core.pictures.images import is_raster, is_rendition_of

    pictures = [path for path in predicted if is_raster(path)]
    unknown = [
        path
        for path in built
        if path not in predicted
        and not path.startswith(tuple(BUILD_FOLDERS))
        and not any(is_rendition_of(path, picture) for picture in pictures)
    ]
    assert not unknown
    assert any(path.startswith("admin/") for path in built) and any(path.startswith("pagefind/") for path in built)
