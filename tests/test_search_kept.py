"""The search index's page fragments kept between builds (mkdocs/searchkept.py): a build with the
render cache makes the same index as one without it, takes the unchanged fragments from the cache
rather than having Pagefind compress them again, and never keeps a stale one."""

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


def store(project: Path) -> Path:
    (found,) = (project / ".cache/newsdesk").glob("search-*")
    return found


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


def test_a_second_build_takes_every_fragment_from_the_cache_and_makes_the_same_index(tmp_path):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    first = bundle(project / "site")
    kept = {path.name: path.stat().st_ino for path in store(project).iterdir()}
    assert sorted(kept) == sorted(name.removeprefix("fragment/") for name in first if name.startswith("fragment/"))

    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 0, result.stderr
    assert bundle(project / "site") == first
    # Pagefind left each laid-out fragment as it was: the site's file is still the cache's.
    site_fragments = (project / "site/pagefind/fragment").iterdir()
    assert {path.name: path.stat().st_ino for path in site_fragments} == kept
    assert "did not fit" not in result.stderr


def test_after_an_edit_only_that_post_has_a_new_fragment_and_the_cache_drops_the_old(tmp_path):
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    before = fragment_urls(project / "site")
    edit(project)
    assert build(project, now=FROZEN_NOW).returncode == 0

    after = fragment_urls(project / "site")
    assert bundle(project / "site") == bundle(cold(project, tmp_path))
    changed = {name: url for name, url in after.items() if name not in before}
    assert list(changed.values()) == [POST_URL]
    assert sorted(path.name for path in store(project).iterdir()) == sorted(after)


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
