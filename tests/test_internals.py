"""Each part of MkDocs that the adapter uses without MkDocs promising it (internals.py), held to the
installed MkDocs: if an upgrade changes one, a test here fails and names it."""

from __future__ import annotations

import inspect

import mkdocs
import pytest
from mkdocs.commands import build as mkdocs_build

from newsdesk.mkdocs import internals
from sitekit import FROZEN_NOW, build, copy_site


def test_the_installed_engine_is_one_the_internals_were_written_for():
    assert internals.check_engine() is None, internals.check_engine()
    assert internals.engine() == ("mkdocs", mkdocs.__version__)


@pytest.mark.parametrize("name, version", [("mkdocs", "1.7.0"), ("mkdocs", "2.0.0"), ("zensical", "0.1.0")])
def test_another_engine_is_stopped_with_what_to_do(monkeypatch, name, version):
    monkeypatch.setattr(internals, "engine", lambda: (name, version))
    message = internals.check_engine()
    assert message.startswith(
        f"newsdesk: this site is built with {name} {version}, but the newsdesk plugin was written for MkDocs 1.6 or ProperDocs 1.6"
    )
    assert "constraints.txt" in message and "internals.py" in message


def test_a_build_on_another_engine_fails_with_that_message(tmp_path):
    """The check is wired into the build: a sitecustomize pretends MkDocs is 1.7.0."""
    project = copy_site("basic", tmp_path / "p")
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text("import mkdocs\nmkdocs.__version__ = '1.7.0'\n")
    result = build(project, now=FROZEN_NOW, env={"PYTHONPATH": str(shim)})
    assert result.returncode != 0
    assert "this site is built with mkdocs 1.7.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_page_is_mkdocs_own_with_the_arguments_we_pass():
    parameters = list(inspect.signature(mkdocs_build._build_page).parameters)
    assert parameters[:5] == ["page", "config", "doc_files", "nav", "env"]


def test_mkdocs_converts_a_page_by_calling_its_render_once():
    """render_with relies on it: the build converts a page's Markdown through page.render(config, files)."""
    source = inspect.getsource(mkdocs_build._populate_page)
    assert source.count("page.render(config, files)") == 1 and ".render(" not in source.replace("page.render(", "")


def test_page_skipped_wording_is_mkdocs_own():
    source = inspect.getsource(mkdocs_build._build_page)
    assert "log.info(f\"Page skipped: '{page.file.src_uri}'. Generated empty output.\")" in source
    assert internals.skipped_page("Page skipped: 'posts/a b.md'. Generated empty output.") == "posts/a b.md"
    assert internals.skipped_page("Template skipped: 'x.html' generated empty output.") is None


def test_dirty_warning_wording_is_mkdocs_own():
    source = inspect.getsource(mkdocs_build.build)
    assert "\"A 'dirty' build is being performed, this will likely lead" in source
    assert internals.is_dirty_warning(
        "A 'dirty' build is being performed, this will likely lead to inaccurate navigation"
    )


def test_a_build_on_workers_says_nothing_of_the_pages_they_wrote(tmp_path):
    """The Page skipped filter works in a real build: the note would appear for every post."""
    project = copy_site("basic", tmp_path / "p")
    (project / "posts/2024").mkdir()
    for n in range(1, 13):
        (project / f"posts/2024/2024-03-{n:02d}-extra-{n}.md").write_text(
            f"---\ntitle: Extra {n}\ndate: 2024-03-{n:02d}\ntype: blog\n---\n\nText {n}.\n"
        )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      per_page: 3\n", "      per_page: 3\n      workers: 2\n"))
    result = build(project, now=FROZEN_NOW, args=["--verbose"])
    assert result.returncode == 0, result.stderr
    assert "Page skipped" not in result.stderr
    assert (project / "site/blog/2024/03/extra-1/index.html").is_file()


def test_the_build_logger_is_the_one_mkdocs_build_logs_through():
    assert internals.BUILD_LOGGER == "mkdocs.commands.build"
    assert mkdocs_build.log.name == internals.BUILD_LOGGER


def test_the_live_reload_script_asks_the_address_the_editor_never_asks():
    from mkdocs import livereload

    assert f'"{internals.LIVERELOAD_POLL}" + epoch' in livereload._SCRIPT_TEMPLATE_STR
    assert "location.reload()" in livereload._SCRIPT_TEMPLATE_STR


@pytest.mark.parametrize("blank", ["", "\n", "  \n\t\n"])
@pytest.mark.parametrize("debug", [False, True])
def test_a_blank_page_gets_what_mkdocs_render_sets(tmp_path, blank, debug, monkeypatch):
    """render_blank stands in for Page.render on a page with no Markdown (a listing's): the same
    content, contents, anchors, links and title, with `--verbose` too."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from sitekit import make_site

    config = load_config(str(make_site(tmp_path / "site")))
    config.markdown_extensions.append("newsdesk.core.text.quickinline")
    if debug:
        monkeypatch.setattr(logging.getLogger("mkdocs.structure.pages"), "level", logging.DEBUG)
    pages = []
    for name in ("rendered.md", "blank.md"):
        (tmp_path / name).write_text(blank, encoding="utf-8")
        page = Page(
            None, File(name, src_dir=str(tmp_path), dest_dir=str(tmp_path / "out"), use_directory_urls=True), config
        )
        page.markdown = blank  # as read_source leaves it: no metadata, so the title is looked for in the HTML
        pages.append(page)
    rendered, stood_in = pages
    rendered.render(config, Files([rendered.file]))
    internals.render_blank(stood_in)
    for name in ("content", "present_anchor_ids", "links_to_anchors", "_title_from_render"):
        assert getattr(stood_in, name) == getattr(rendered, name), name
    assert list(stood_in.toc) == list(rendered.toc) == [] and type(stood_in.toc) is type(rendered.toc)


# Each text leaves something behind that a badly reset instance would carry into the next:
# footnotes, abbreviations, reference links, heading ids, stashed HTML, an admonition, a title.
REUSE_TEXTS = [
    "# First page\n\nA note[^1] and *HTML* with [a ref][r].\n\n[^1]: The note.\n\n*[HTML]: Hyper Text\n\n[r]: https://example.org/r\n",
    "## Second\n\nA note[^1], HTML again and [a ref][r], none defined here.\n\n## Second\n\n## Second\n",
    '<div id="kept" markdown="1">\n\n**Inside**\n\n</div>\n\n!!! note "Careful"\n    Said "twice" -- and \'quoted\'.\n',
    "Term\n:   Its meaning\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint('<x>')\n```\n\n[Other](other.md#heading) and [here](#second){: .x }\n",
    "No heading at all, so no title from the HTML.\n\n1. one\n2. two\n\n* a\n* b\n",
    "# First page\n\nThe same heading as page one: its id starts again at first-page.\n",
]


@pytest.mark.parametrize("debug", [False, True])
def test_a_reused_markdown_instance_renders_each_page_as_a_fresh_one_does(tmp_path, debug, monkeypatch):
    """render_reused stands in for Page.render on the workers: page after page, with every
    extension it reuses an instance for, each page gets what MkDocs' own fresh instance gives."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from sitekit import make_site

    config = load_config(str(make_site(tmp_path / "site")))
    config.markdown_extensions[:] = sorted(internals.RESETS_CLEANLY)
    if debug:
        monkeypatch.setattr(logging.getLogger("mkdocs.structure.pages"), "level", logging.DEBUG)
    (tmp_path / "other.md").write_text("# Heading\n", encoding="utf-8")
    files = Files(
        [File(n, src_dir=str(tmp_path), dest_dir=str(tmp_path / "out"), use_directory_urls=True) for n in ("other.md",)]
    )
    names = [f"page{number}.md" for number in range(len(REUSE_TEXTS))]
    for name in names:
        files.append(File(name, src_dir=str(tmp_path), dest_dir=str(tmp_path / "out"), use_directory_urls=True))
    for order in (REUSE_TEXTS, REUSE_TEXTS[::-1]):
        for name, text in zip(names, order):
            fresh, reused = (Page(None, files.get_file_from_path(name), config) for _ in range(2))
            fresh.markdown = reused.markdown = text
            fresh.render(config, files)
            internals.render_reused(reused, config, files)
            for field in ("content", "present_anchor_ids", "_title_from_render", "links_to_anchors"):
                assert getattr(reused, field, None) == getattr(fresh, field, None), (field, text)
            assert [(item.id, item.title, item.level) for item in reused.toc] == [
                (item.id, item.title, item.level) for item in fresh.toc
            ]
    assert internals._kept and internals._kept[0][0] is config  # it did reuse one


def test_with_an_extension_not_known_to_reset_cleanly_each_page_gets_a_fresh_instance(tmp_path, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from sitekit import make_site

    config = load_config(str(make_site(tmp_path / "site")))
    config.markdown_extensions.append("pymdownx.caret")
    file = File("a.md", src_dir=str(tmp_path), dest_dir=str(tmp_path / "out"), use_directory_urls=True)
    page = Page(None, file, config)
    page.markdown = "^^inserted^^"
    calls = []
    monkeypatch.setattr(Page, "render", lambda self, config, files: calls.append(self))
    internals.render_reused(page, config, Files([file]))
    assert calls == [page]


def test_render_reused_registers_what_mkdocs_page_render_registers():
    """If an upgrade adds a processor to Page.render, render_reused must add it too."""
    import re

    from mkdocs.structure.pages import Page

    def registered(function) -> list[str]:
        source = inspect.getsource(function)
        return sorted(re.findall(r"(_\w+(?:Preprocessor|Treeprocessor|Extension))\(", source))

    assert registered(Page.render) == registered(internals.render_reused) != []
    assert "md.convert(self.markdown)" in inspect.getsource(Page.render)
