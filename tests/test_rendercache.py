"""The render cache: a warm build gives the same bytes as a cold one, converts only what changed,
and never reuses a conversion whose link targets moved, whose settings changed, or that warned."""

from __future__ import annotations

import filecmp

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

import newsdesk.mkdocs.speed.prerender
from newsdesk.mkdocs.speed.rendercache import settings_digest
from sitekit import FROZEN_NOW, add_warning_extension, build, copy_site

CACHE = ".cache/newsdesk/render.jsonl"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    site = copy_site("basic", tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("      per_page: 3\n", "      per_page: 3\n      workers: 1\n"))
    return site


def converted(project, monkeypatch, out) -> list[str]:
    """Build in this process; the posts whose Markdown was converted (not taken from the cache)."""
    calls, render = [], newsdesk.mkdocs.speed.prerender._render
    monkeypatch.setattr(newsdesk.mkdocs.speed.prerender, "_render", lambda uri: (calls.append(uri), render(uri))[1])
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(out)))
    return sorted(calls)


def same_files(one, two) -> bool:
    names = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(one, two, names, shallow=False)
    return not mismatch and not errors and len(names) == sum(1 for p in two.rglob("*") if p.is_file())


def test_a_warm_build_converts_nothing_and_writes_the_same_bytes(project, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert len(converted(project, monkeypatch, tmp_path / "cold")) == 7
    assert (project / CACHE).is_file()
    assert converted(project, monkeypatch, tmp_path / "warm") == []
    assert same_files(tmp_path / "cold", tmp_path / "warm")


def test_an_edited_post_is_converted_again(project, monkeypatch, tmp_path):
    converted(project, monkeypatch, tmp_path / "one")
    post = project / "posts/2026/2026-02-10-reading-week.md"
    post.write_text(post.read_text() + "\nA new closing line.\n")
    assert converted(project, monkeypatch, tmp_path / "two") == ["posts/2026/2026-02-10-reading-week.md"]
    assert "A new closing line." in (tmp_path / "two/blog/2026/02/reading-week/index.html").read_text()


def test_a_post_is_converted_again_when_a_post_it_links_to_moves(project, monkeypatch, tmp_path):
    converted(project, monkeypatch, tmp_path / "one")
    target = project / "posts/2025/2025-01-15-winter-visit.md"
    target.write_text(target.read_text().replace("type: blog\n", "type: blog\nslug: cold-visit\n"))
    again = converted(project, monkeypatch, tmp_path / "two")
    assert "posts/2025/2025-06-20-summer-fair.md" in again  # links to the winter visit
    assert "posts/2026/2026-02-10-reading-week.md" not in again
    fair = (tmp_path / "two/blog/2025/06/summer-fair/index.html").read_text()
    assert 'href="../../01/cold-visit/"' in fair


def test_changed_markdown_settings_convert_everything_again(project, monkeypatch, tmp_path):
    converted(project, monkeypatch, tmp_path / "one")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "markdown_extensions:\n  - toc:\n      permalink: true\n")
    assert len(converted(project, monkeypatch, tmp_path / "two")) == 7


def test_an_unreadable_cache_is_rebuilt(project, monkeypatch, tmp_path):
    (project / CACHE).parent.mkdir(parents=True)
    (project / CACHE).write_bytes(b"not JSON")
    assert len(converted(project, monkeypatch, tmp_path / "one")) == 7
    assert converted(project, monkeypatch, tmp_path / "two") == []


def test_warnings_come_back_from_the_cache(project):
    post = project / "posts/2026/2026-02-10-reading-week.md"
    post.write_text(post.read_text() + "\nWARN-ME\n")
    add_warning_extension(project)
    message = "a paragraph says WARN-ME"
    for _ in range(2):  # cold, then warm: the same warning fails the strict build both times
        result = build(project, now=FROZEN_NOW)
        assert result.returncode == 1 and result.stderr.count(message) == 1, result.stderr
    assert (project / CACHE).is_file()


def test_cache_dir_empty_turns_the_cache_off(project, monkeypatch, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      workers: 1\n", "      workers: 1\n      cache_dir: ''\n"))
    assert converted(project, monkeypatch, tmp_path / "one") == []  # MkDocs converts them itself
    assert not (project / ".cache").exists()


def test_extensions_that_read_other_files_turn_the_cache_off():
    config = {
        "markdown_extensions": ["toc", "pymdownx.snippets"],
        "mdx_configs": {},
        "use_directory_urls": True,
        "validation": {},
    }
    assert settings_digest(config) is None
    config["markdown_extensions"] = ["toc"]
    assert settings_digest(config) == settings_digest(dict(config))


def test_the_cache_is_json_and_reading_it_runs_no_code(project, monkeypatch, tmp_path):
    """A pickle runs code when read; the cache is JSON lines, and a pickle put in its place is ignored."""
    import json
    import pickle

    converted(project, monkeypatch, tmp_path / "one")
    lines = (project / CACHE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8 and all(json.loads(line) is not None for line in lines)  # settings, then 7 posts
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (marker.write_text, ("code ran",))

    (project / CACHE).write_bytes(pickle.dumps(Payload()))
    assert len(converted(project, monkeypatch, tmp_path / "two")) == 7
    assert not marker.exists()


def test_nothing_in_the_cache_folder_is_code(tmp_path):
    """Data only (JSON lines, pictures, the last search index): no pickle, no Jinja bytecode
    (marshal), nothing that runs when the build reads it. The kept index holds Pagefind's own
    script and WebAssembly, which the build never runs: it links them back into the site only
    with the index they came with, made by the same Pagefind executable (searchkept.py)."""
    project = copy_site("basic", tmp_path)
    assert build(project, now=FROZEN_NOW).returncode == 0
    cached = [p for p in (project / ".cache").rglob("*") if p.is_file()]
    assert any(p.suffix == ".jsonl" for p in cached)
    data = {".jsonl", ".json", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"}
    data |= {".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"}  # the search index: gzip-compressed data
    index_code = {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind"}
    assert [p.name for p in cached if p.suffix not in data and p.name not in index_code] == []
    assert any(p.suffix == ".pf_fragment" for p in cached)
