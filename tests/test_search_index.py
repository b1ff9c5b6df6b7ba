"""The search index (Pagefind): which pages it holds, what it leaves out, and its fixed file order."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsdesk.core.pages.search import UNUSED_FILES, index_glob, pagefind_args
from newsdesk.mkdocs.pagefindorder import SIGNATURE, FormatChanged, decode, encode, fix_order
from sitekit import linux_only
from test_site import PUBLISHED_POSTS


def fragments(site: Path) -> dict[str, dict]:
    """Every page in the index, by URL: Pagefind's fragment files (gzip, a signature, then JSON)."""
    pages = {}
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        page = json.loads(data[len(SIGNATURE) :])
        pages[page["url"]] = page
    return pages


@pytest.mark.parametrize(
    "prefixes, docs, expected",
    [
        (["blog"], [], "blog/[0-9][0-9][0-9][0-9]/**/index.html"),
        (
            ["news", "blog"],
            ["about/index.html"],
            "{blog/[0-9][0-9][0-9][0-9]/**/index.html,news/[0-9][0-9][0-9][0-9]/**/index.html,about/index.html}",
        ),
        (["blog"], ["odd[1],{x}/index.html"], r"{blog/[0-9][0-9][0-9][0-9]/**/index.html,odd\[1\]\,\{x\}/index.html}"),
    ],
)
def test_index_glob(prefixes, docs, expected):
    assert index_glob(prefixes, docs) == expected


def test_pagefind_args_leave_out_heading_permalinks():
    args = pagefind_args("site", "*.html")
    assert (
        args[args.index("--exclude-selectors") + 1]
        == ".headerlink,.nd-meta dt,.nd-tags-heading,.nd-related,.nd-more,.nd-share,.nd-formats"
    )
    assert args[-2:] == ["--output-subdir", "pagefind"]
    assert pagefind_args("site", "*.html", "/tmp/x")[-2:] == ["--output-path", "/tmp/x"]


def test_the_index_holds_published_posts_and_docs_pages_only(basic_site):
    urls = sorted(fragments(basic_site))
    assert urls == sorted(
        ["/" + url for url in PUBLISHED_POSTS] + ["/about/"]
    )  # no home, listing, tag, archive or search page


def test_no_draft_or_scheduled_post_is_in_any_index_file(basic_site):
    for path in (basic_site / "pagefind").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            text = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            for words in (
                b"Unfinished thoughts",
                b"Scheduled announcement",
                b"unfinished-thoughts",
                b"scheduled-announcement",
            ):
                assert words not in text, f"{path.name} holds {words!r}"


def test_a_post_is_indexed_with_its_full_text_filters_and_meta(basic_site):
    fair = fragments(basic_site)["/blog/2025/06/summer-fair/"]
    assert fair["meta"]["title"] == "The summer fair"
    assert (fair["meta"]["type"], fair["meta"]["date"]) == ("Blog post", "20 June 2025")
    assert fair["filters"] == {"type": ["Blog"], "tag": ["SEND", "Fairs"], "year": ["2025"]}
    assert "Pat Fixture" not in fair["content"]  # the byline is page furniture, not the post's text
    assert "ByPat" not in fair["content"] and "Published" not in fair["content"]
    assert "¶" not in fair["content"] and "Reading time" not in fair["content"]


def test_the_text_is_the_post_without_its_label_date_byline_or_tags(basic_site):
    """An excerpt shows the post's own words: the label, date, byline and tags are left out of the
    text (they stay the type filter, date meta and sort, and tag filter)."""
    fair = fragments(basic_site)["/blog/2025/06/summer-fair/"]
    assert fair["content"] == "The summer fair. The fair raised money for the library. Read about the winter visit."
    assert fair["filters"]["tag"] == ["SEND", "Fairs"] and fair["meta"]["date"] == "20 June 2025"


def test_a_press_release_is_found_by_its_summary_notes_and_contact(basic_site):
    """WRITING.md: search looks through every word, notes to editors and the media contact too."""
    release = fragments(basic_site)["/news/2025/11/press-one/"]
    for words in (
        "The first press release of the fixture site.",
        "The body of the first press release.",
        "The fixture has notes to editors.",
        "Fixture Press Desk",
    ):
        assert words in release["content"], words
    assert release["filters"] == {"type": ["News"], "tag": ["Partnerships"], "year": ["2025"]}
    assert "Partnerships" not in release["content"]  # a tag is a filter, not words that would lead the excerpt


def test_docs_pages_are_pages_without_filters(basic_site):
    about = fragments(basic_site)["/about/"]
    assert about["meta"]["type"] == "Page"
    assert about["filters"] == {}


def test_only_the_files_search_uses_are_written(basic_site):
    bundle = basic_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not [name for name in UNUSED_FILES if (bundle / name).exists()]


def test_materials_search_is_gone(basic_site):
    assert not (basic_site / "search/search_index.json").exists()
    home = (basic_site / "index.html").read_text(encoding="utf-8")
    assert 'action="search/"' in home and 'name="q"' in home
    assert "md-search" not in home


# ---- pagefindorder: Pagefind's filter files in a fixed order ----


@pytest.mark.parametrize(
    "item", [0, 23, 24, 255, 256, 70000, 2**40, "", "Early years", "é" * 30, [], [1, ["a", [2]]], b"\x00\x01"]
)
def test_cbor_round_trip(item):
    data = encode(item)
    assert decode(data) == (item, len(data))


def test_cbor_encodes_as_pagefind_does():
    assert encode(["tag", [["SEND", [0, 7]]]]) == bytes.fromhex(
        "82 63 746167 81 82 64 53454e44 82 00 07".replace(" ", "")
    )


def _bundle(folder: Path, values: list, version: str = "1.5.2") -> Path:
    (folder / "filter").mkdir(parents=True)
    (folder / "filter/en_1111111.pf_filter").write_bytes(gzip.compress(SIGNATURE + encode(["tag", values])))
    meta = ["1.5.2", [["en_aaaaaaa", 10]], [], [["tag", "en_1111111"]], [], ["title"]]
    (folder / "pagefind.en_0000000000.pf_meta").write_bytes(gzip.compress(SIGNATURE + encode(meta)))
    (folder / "pagefind-entry.json").write_text(
        json.dumps({"version": version, "languages": {"en": {"hash": "en_0000000000", "wasm": "en", "page_count": 1}}})
    )
    return folder


def test_fix_order_sorts_filter_values_and_renames_what_points_at_them(tmp_path):
    one = _bundle(tmp_path / "one", [["SEND", [0]], ["Fairs", [0, 1]], ["Attendance", [1]]])
    two = _bundle(tmp_path / "two", [["Attendance", [1]], ["SEND", [0]], ["Fairs", [0, 1]]])
    fix_order(one)
    fix_order(two)
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)
    entry = json.loads((one / "pagefind-entry.json").read_text())
    meta, _ = decode(
        gzip.decompress((one / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes()), len(SIGNATURE)
    )
    name = meta[3][0][1]
    values, _ = decode(gzip.decompress((one / f"filter/{name}.pf_filter").read_bytes()), len(SIGNATURE))
    assert values == ["tag", [["Attendance", [1]], ["Fairs", [0, 1]], ["SEND", [0]]]]


def test_fix_order_stops_on_another_pagefind_version(tmp_path):
    with pytest.raises(
        FormatChanged,
        match=r"Pagefind 1\.6\.0, and newsdesk's mkdocs/pagefindorder\.py reads the files of Pagefind 1\.5\.2",
    ):
        fix_order(_bundle(tmp_path, [], version="1.6.0"))


def test_the_preview_indexes_a_burst_of_builds_once_and_a_later_build_again(monkeypatch):
    import time

    from newsdesk.mkdocs.searchindex import Background

    runs = []
    monkeypatch.setattr(Background, "QUIET", 0.2)
    monkeypatch.setattr(Background, "_index", staticmethod(lambda site, glob: runs.append(site)))
    background = Background()
    for n in range(3):
        background.request(f"site{n}", "*.html")
        time.sleep(0.05)
    time.sleep(0.5)
    assert runs == ["site2"]
    background.request("site3", "*.html")
    time.sleep(0.5)
    background.join(1)
    assert runs == ["site2", "site3"]


@linux_only("the stand-in for Pagefind is a shell script")
def test_a_failed_pagefind_run_stops_the_build_with_its_output(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    from newsdesk.mkdocs import searchindex

    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: no HTML files matched'\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(searchindex, "executable", lambda: str(fake))
    with pytest.raises(
        PluginError, match=r"(?s)Pagefind could not make the search index \(exit 1\):\nError: no HTML files matched"
    ):
        searchindex.Indexing(str(tmp_path / "site"), "*.html").wait()


@linux_only("the stand-in for Pagefind is a shell script")
def test_pagefind_saying_a_lot_is_never_held_up_while_the_build_does_its_last_work(tmp_path, monkeypatch):
    """The build draws cards while `running()`: Pagefind must be able to finish meanwhile, however
    much it prints (a pipe nobody reads holds 64 KiB, then stops the writer)."""
    import time

    from mkdocs.exceptions import PluginError

    from newsdesk.mkdocs import searchindex

    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nyes 'Indexing a page of the site' | head -c 300000\necho last line\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(searchindex, "executable", lambda: str(fake))
    indexing = searchindex.Indexing(str(tmp_path / "site"), "*.html")
    deadline = time.monotonic() + 20
    while indexing.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not indexing.running(), "Pagefind was stopped by its own output"
    with pytest.raises(PluginError, match=r"(?s)\(exit 3\):\nIndexing a page.*last line$"):
        indexing.wait()


def test_a_failed_preview_index_is_noted_not_warned_and_the_next_build_tries_again(monkeypatch, caplog):
    import logging
    import time

    from newsdesk.mkdocs.searchindex import Background

    runs = []

    def index(site, glob):
        runs.append(site)
        if site == "broken":
            raise RuntimeError("Pagefind could not read the site")

    monkeypatch.setattr(Background, "QUIET", 0.05)
    monkeypatch.setattr(Background, "_index", staticmethod(index))
    background = Background()
    with caplog.at_level(logging.INFO):
        background.request("broken", "*.html")
        time.sleep(0.3)
        background.request("fixed", "*.html")
        time.sleep(0.3)
        background.join(1)
    assert runs == ["broken", "fixed"]
    assert "search index not updated: Pagefind could not read the site" in caplog.text
    # Not a warning: under --strict it would stop the build running meanwhile, and the preview with it.
    assert [r.levelno for r in caplog.records if "search index" in r.getMessage()] == [logging.INFO]


def test_a_post_is_found_by_its_attachments_and_updates_not_by_the_pages_it_links(tmp_path):
    from sitekit import build, copy_site

    project = copy_site("content", tmp_path)
    assert build(project, now="2026-11-23T12:00").returncode == 0
    release = fragments(project / "site")["/news/2025/03/consultation-opens/"]["content"]
    for words in (
        "Consultation document",
        "Easy read version",
        "Corrected the closing date",
        "The consultation closes on 30 April.",
    ):
        assert words in release, words
    for words in ("Related content", "The consultation portal", "More on this topic", "Share this page", "large print"):
        assert words not in release, words
