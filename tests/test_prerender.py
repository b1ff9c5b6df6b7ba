"""Posts converted by worker processes build exactly the site MkDocs alone would, warnings included."""

from __future__ import annotations

import filecmp

import pytest

from newsdesk.core.forking import workers_for
from sitekit import FROZEN_NOW, add_warning_extension, build, copy_site

EXTRA = "---\ntitle: Extra post {n}\ndate: 2024-03-{n:02d}\ntype: blog\ntags: [Extras]\n---\n\n## Part {n}\n\nText of extra post {n}, with [a link](2024-03-01-extra-1.md#part-1).\n"


def project_with(tmp_path, workers: int, extra_body: str = ""):
    """The basic fixture with enough posts for workers, and the given `workers` option."""
    project = copy_site("basic", tmp_path / f"w{workers}")
    (project / "posts/2024").mkdir()
    for n in range(1, 13):
        (project / f"posts/2024/2024-03-{n:02d}-extra-{n}.md").write_text(EXTRA.format(n=n) + extra_body)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("      per_page: 3\n", f"      per_page: 3\n      workers: {workers}\n")
    )
    return project


def test_workers_build_the_same_bytes_as_one_process(tmp_path):
    one, two = project_with(tmp_path, 1), project_with(tmp_path, 2)
    assert build(one, tmp_path / "one", now=FROZEN_NOW).returncode == 0
    assert build(two, tmp_path / "two", now=FROZEN_NOW).returncode == 0
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert len(files) > 60
    assert sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file()) == files
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", files, shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.mark.parametrize("workers", [1, 2])
def test_mkdocs_warnings_from_workers_still_fail_a_strict_build(tmp_path, workers):
    """A warning logged while a worker converts a post (here by a Markdown extension; MkDocs' own
    link warnings are caught by the checks before the build) is logged again by the parent."""
    project = add_warning_extension(project_with(tmp_path, workers, "\nWARN-ME\n"))
    result = build(project, now=FROZEN_NOW)
    assert result.returncode == 1
    assert result.stderr.count("a paragraph says WARN-ME") == 12  # once per post: logged by the parent only
    assert "Aborted with 12 warnings in strict mode!" in result.stdout + result.stderr


def test_workers_option():
    assert workers_for(3) == 3
    assert workers_for(0) >= 1


def test_every_published_post_takes_its_html_from_the_workers(tmp_path, monkeypatch):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from newsdesk.mkdocs.speed.rendercache import Rendered

    project, applied, apply = project_with(tmp_path, 2), [], Rendered.apply
    monkeypatch.setattr(
        Rendered, "apply", lambda self, page, files: (applied.append(page.file.src_uri), apply(self, page, files))
    )
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out")))
    assert len(applied) == 19 and all(uri.startswith("posts/") for uri in applied)


def test_workers_write_every_post_and_listing_page_and_mkdocs_skips_them_quietly(tmp_path, monkeypatch, caplog):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    import newsdesk.mkdocs.plugin

    written, write_all = [], newsdesk.mkdocs.plugin.write_all
    monkeypatch.setattr(
        newsdesk.mkdocs.plugin, "write_all", lambda *args: written.append(write_all(*args)) or written[-1]
    )
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    project = project_with(tmp_path, 2)
    with caplog.at_level("INFO"):
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out")))
    [(pages, jobs)] = written
    assert {"feed.xml", "blog/feed.xml", "tags/extras/feed.xml"} <= set(jobs)  # feeds made beside the pages
    assert len([uri for uri in pages if uri.startswith("posts/")]) == 19
    assert {"blog/index.md", "blog/page/2/index.md", "tags/extras/index.md", "archive/2024/index.md"} <= pages
    assert not [r for r in caplog.records if "Page skipped" in r.getMessage()]
    assert "Extra post 7" in (tmp_path / "out/blog/2024/03/extra-7/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("workers", [1, 2])
def test_each_post_is_retargeted_and_its_excerpt_made_once(tmp_path, monkeypatch, workers):
    """Links to docs pages are rewritten once a post, and its excerpt made once, however many
    pages and feeds show it (the page reuses on_nav's text; feeds reuse the listing's excerpt)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    import newsdesk.core.feeds.items
    import newsdesk.mkdocs.plugin
    import newsdesk.mkdocs.speed.prerender

    retargeted, excerpts = [], []
    retarget, excerpt = newsdesk.mkdocs.speed.prerender.retarget, newsdesk.mkdocs.view.excerpt
    monkeypatch.setattr(
        newsdesk.mkdocs.speed.prerender,
        "retarget",
        lambda text, links: (retargeted.append(text), retarget(text, links))[1],
    )
    monkeypatch.setattr(newsdesk.mkdocs.view, "excerpt", lambda html: (excerpts.append(html), excerpt(html))[1])
    monkeypatch.setattr(newsdesk.core.feeds.items, "excerpt", lambda html: pytest.fail("feeds made an excerpt again"))
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    project = project_with(tmp_path, workers)
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out")))
    assert len(retargeted) == 19 and len(excerpts) == 19
