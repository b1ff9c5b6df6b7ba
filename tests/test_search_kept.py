"""The search index kept between builds (mkdocs/searchkept.py): a build with the render cache makes
the same index as one without it; it takes the whole index from the cache when the pages search
reads are the same, else the unchanged fragments rather than having Pagefind compress them again,
and never keeps a stale one."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from newsdesk.core.pages.search import index_glob
from newsdesk.mkdocs.pagefindorder import SIGNATURE
from sitekit import FROZEN_NOW, build, copy_site

POST = "posts/2026/2026-02-10-reading-week.md"
POST_URL = "/blog/2026/02/reading-week/"


def bundle(site: Path) -> dict[str, bytes]:
    """Every file of the search index, by its path in the bundle."""
    root = site / "pagefind"
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def kept(project: Path) -> Path:
    """The copy of the last index in the render cache."""
    (found,) = (project / ".cache/newsdesk").glob("search-*")
    return found / "bundle"


def store(project: Path) -> Path:
    """The kept index's fragments, which a build lays out for Pagefind."""
    return kept(project) / "fragment"


def inodes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


def fragment_urls(site: Path) -> dict[str, str]:
    """Each fragment file's name, with the address of the page it holds."""
    return {
        path.name: json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])["url"]
        for path in (site / "pagefind/fragment").glob("*.pf_fragment")
    }


def edit(project: Path) -> None:
    path = project / POST
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added after the first build.\n", encoding="utf-8")


def cold(project: Path, tmp_path: Path) -> Path:
    """The same project built from nothing, in a folder of its own: its site."""
    fresh = tmp_path / "cold"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache", "site"))
    result = build(fresh, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    return fresh / "site"


def _fragment(url: str, text: str) -> bytes:
    data = {"url": url, "content": text, "word_count": 2, "filters": {}, "meta": {"title": text}, "anchors": []}
    return gzip.compress(SIGNATURE + json.dumps(data).encode(), mtime=0)


def test_a_second_build_of_the_same_pages_takes_the_whole_index_from_the_cache(tmp_path):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    first = bundle(project / "site")
    assert sorted(inodes(kept(project))) == sorted(first)  # the cache holds the index, file for file

    before = inodes(kept(project))
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert bundle(project / "site") == first
    # Every file of the site's index is the cache's own: Pagefind wrote none of them.
    assert inodes(project / "site/pagefind") == before
    assert "did not fit" not in result.stderr


def test_after_an_edit_pagefind_runs_with_the_other_fragments_from_the_cache(tmp_path):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    before = fragment_urls(project / "site")
    kept_before = inodes(kept(project))
    edit(project)
    assert build(project, now=FROZEN_NOW).returncode == 0

    after = fragment_urls(project / "site")
    assert bundle(project / "site") == bundle(cold(project, tmp_path))
    changed = {name: url for name, url in after.items() if name not in before}
    assert list(changed.values()) == [POST_URL]
    # Pagefind left each laid-out fragment as it was; the other files of the index are new.
    site_index = inodes(project / "site/pagefind")
    assert {name for name, inode in site_index.items() if kept_before.get(name) == inode} == {
        f"fragment/{name}" for name in before if name in after
    }
    # The cache now holds this index, and none of the old one's files it no longer has.
    assert inodes(kept(project)) == site_index


@pytest.mark.parametrize("way", ["pagefind.yml", "PAGEFIND_FORCE_LANGUAGE"])
def test_pagefinds_own_configuration_is_part_of_what_the_index_is_made_from(tmp_path, way):
    """Pagefind reads a configuration file in the folder it runs in, and its variables: a change
    to either makes a new index, though no page changed."""
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    env = {}
    if way == "pagefind.yml":
        (project / "pagefind.yml").write_text("force_language: fr\n", encoding="utf-8")
    else:
        env[way] = "fr"

    result = build(project, now=FROZEN_NOW, env=env)
    assert result.returncode == 0, result.stderr
    entry = json.loads((project / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]


@pytest.mark.parametrize(
    "damage", ["a file gone", "a file cut short", "a file that is a link elsewhere", "a record naming a file outside"]
)
def test_a_kept_index_that_is_not_whole_is_not_taken(tmp_path, damage):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    first = bundle(project / "site")
    shutil.rmtree(project / "site")
    chunk = next((kept(project) / "index").iterdir())
    if damage == "a file gone":
        chunk.unlink()
    elif damage == "a file cut short":
        data = chunk.read_bytes()
        chunk.unlink()  # a file of its own, not the site's: nothing else shares the damage
        chunk.write_bytes(data[:-10])
    elif damage == "a file that is a link elsewhere":  # the same bytes, but reached through a link
        elsewhere = tmp_path / "elsewhere.pf_index"
        elsewhere.write_bytes(chunk.read_bytes())
        chunk.unlink()
        chunk.symlink_to(elsewhere)
    else:  # three folders up from the site's index is tmp_path
        name = "../../../outside.txt"
        (kept(project) / name).write_text("", encoding="utf-8")
        record_path = kept(project).parent / "input.json"
        record = json.loads(record_path.read_text(encoding="utf-8"))
        record["files"][name] = 0
        record_path.write_text(json.dumps(record), encoding="utf-8")

    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert bundle(project / "site") == first
    assert not (tmp_path / "outside.txt").exists()
    assert not any(path.is_symlink() for path in (project / "site/pagefind").rglob("*"))


def _plant(project: Path, tmp_path: Path, content: bytes) -> str:
    """Edit the post, and put in the cache, under the name its new fragment will have, a
    different fragment (`content`): the short-hash collision a kept fragment could meet."""
    edit(project)
    name = next(name for name, url in fragment_urls(cold(project, tmp_path)).items() if url == POST_URL)
    (store(project) / name).write_bytes(content)
    return name


def test_a_kept_fragment_of_another_page_under_a_new_pages_name_is_caught(tmp_path):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    other = next(path for path in store(project).iterdir() if fragment_urls(project / "site")[path.name] != POST_URL)
    _plant(project, tmp_path, other.read_bytes())

    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert "a search fragment kept from the last build did not fit; indexing from nothing" in result.stderr
    assert bundle(project / "site") == bundle(tmp_path / "cold/site")
    assert sorted(fragment_urls(project / "site").values()).count(POST_URL) == 1


@pytest.mark.parametrize(
    "content",
    [
        _fragment("/blog/2020/01/a-post-since-removed/", "Removed post"),  # a page the site no longer has
        _fragment("/blog/2026/02/reading-week/../../../../../etc/", "Outside"),  # an address outside the site
        gzip.compress(SIGNATURE + b'{"url": "/blog/2026/02/reading-week/"')[:-12],  # cut short
        b"not a fragment at all",
    ],
    ids=["removed page", "outside the site", "cut short", "not gzip"],
)
def test_a_kept_fragment_that_is_not_a_page_of_this_site_is_caught(tmp_path, content):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    _plant(project, tmp_path, content)

    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert "did not fit; indexing from nothing" in result.stderr
    assert bundle(project / "site") == bundle(tmp_path / "cold/site")
    assert sorted(fragment_urls(project / "site").values()) == sorted(fragment_urls(tmp_path / "cold/site").values())


def test_the_preview_lays_out_the_fragments_of_the_index_in_the_site(tmp_path):
    """`mkdocs serve` indexes into a folder beside the site, then swaps it in: the site's own
    index is where it takes the fragments from."""
    from newsdesk.mkdocs.searchindex import Background

    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    site = project / "site"
    first = bundle(site)
    inodes = {path.name: path.stat().st_ino for path in (site / "pagefind/fragment").iterdir()}

    Background._index(str(site), index_glob(["blog", "news"], ["about/index.html"]))
    assert bundle(site) == first
    assert {path.name: path.stat().st_ino for path in (site / "pagefind/fragment").iterdir()} == inodes


def test_the_preview_indexes_from_nothing_when_a_fragment_of_the_sites_index_does_not_fit(tmp_path, caplog):
    """The same check and retry as a build's: here the site's own index holds, under the name of
    the edited post's fragment, another page's fragment."""
    import logging

    from newsdesk.mkdocs.searchindex import Background

    project = copy_site("basic", tmp_path)
    edit(project)
    site = cold(project, tmp_path)
    good = bundle(site)
    name = next(name for name, url in fragment_urls(site).items() if url == POST_URL)
    other = next(path for path in (site / "pagefind/fragment").iterdir() if path.name != name)
    (site / "pagefind/fragment" / name).write_bytes(other.read_bytes())

    with caplog.at_level(logging.INFO):
        Background._index(str(site), index_glob(["blog", "news"], ["about/index.html"]))
    assert "did not fit; indexing from nothing" in caplog.text
    assert bundle(site) == good


def test_what_an_index_is_made_from_is_every_page_by_path_and_content_wherever_the_site_is(tmp_path, monkeypatch):
    from newsdesk.mkdocs.searchindex import executable
    from newsdesk.mkdocs.searchkept import input_key

    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    for name, text in {"index.html": "home", "blog/2026/02/a/index.html": "a", "assets/card.png": "png"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")

    def key(folder: Path = site, glob: str = "**/*.html") -> str:
        return input_key(folder, executable(), glob)

    first = key()
    moved = tmp_path / "elsewhere"
    shutil.copytree(site, moved)
    assert key(moved) == first  # the site's own path is not part of it
    (site / "pagefind").mkdir()
    (site / "pagefind/pagefind.js").write_text("the index itself", encoding="utf-8")
    (site / "assets/card.png").write_text("another picture", encoding="utf-8")
    assert key() == first  # nor the index, nor what is not a page
    assert key(glob="blog/**/*.html") != first
    (site / "blog/2026/02/a/index.html").write_text("A", encoding="utf-8")
    assert key() != first
    (site / "blog/2026/02/a/index.html").write_text("a", encoding="utf-8")
    (site / "blog/2026/02/a/index.html").rename(site / "blog/2026/02/b.html")
    assert key() != first  # the same text as another page


def test_a_kept_fragment_that_is_a_link_elsewhere_is_not_laid_out(tmp_path):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    fragment = next(store(project).iterdir())
    elsewhere = tmp_path / fragment.name
    elsewhere.write_bytes(fragment.read_bytes())
    fragment.unlink()
    fragment.symlink_to(elsewhere)
    edit(project)  # so that Pagefind runs, with the other fragments laid out

    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert bundle(project / "site") == bundle(cold(project, tmp_path))
    assert not any(path.is_symlink() for path in (project / "site/pagefind").rglob("*"))
