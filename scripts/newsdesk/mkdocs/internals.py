"""Everything the adapter takes from MkDocs that MkDocs does not promise, in one place.

Each is a private function or the wording of a log line, used where MkDocs has no public way:

- build_page: MkDocs' own `_build_page`, so the workers (speed/prerender.py) render and write a page
  exactly as MkDocs would (context, `page_context` and `post_page` events, template).
- render_with: a page's conversion replaced by one made before (on the workers, or in the render
  cache), relying on MkDocs' build converting a page with one `page.render(config, files)` call.
- render_blank: what `Page.render` sets for a page with no Markdown (a listing's), without the
  Python-Markdown instance it would build for nothing.
- render_reused: `Page.render` with one Python-Markdown instance kept for the next page.
- PAGE_SKIPPED: how MkDocs says it wrote nothing for a page whose template gave nothing, as the
  pages the workers already wrote do (speed/skipping.py hides that note for them).
- DIRTY_WARNING: how `--dirty` warns that pages may be stale (speed/skipping.py drops it: the plugin
  rebuilds everything an edit shows on).
- LIVERELOAD_POLL: the address the script `mkdocs serve` adds to each page asks whether to reload
  (the editor's page never asks: editor.py).
- watched_paths, replace_observer: what `mkdocs serve` watches, and with what (speed/watching.py).

They were written for MkDocs 1.6 and ProperDocs 1.6 (its fork, which answers to `import mkdocs`).
On another version `check_engine` stops the build with what to do, instead of a wrong site;
tests/test_internals.py holds each of them to the installed MkDocs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import markdown
import mkdocs
from jinja2 import Environment
from mkdocs.commands import build as _build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure import pages as _pages
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

WRITTEN_FOR = {"mkdocs": "1.6.", "properdocs": "1.6."}  # engine (module name) -> version prefix

# The logger MkDocs' build logs both through: 'mkdocs.commands.build', or under ProperDocs
# 'properdocs.commands.build' (it answers to `import mkdocs` but logs under its own name).
BUILD_LOGGER = _build.__name__

PAGE_SKIPPED = "Page skipped: '"  # then the page's src_uri, "'. Generated empty output."
DIRTY_WARNING = "A 'dirty' build is being performed"
LIVERELOAD_POLL = "/livereload/"  # then the page's build and its own number: answered after a rebuild


def engine() -> tuple[str, str]:
    """The engine that is running and its version: ('mkdocs', '1.6.1') or ('properdocs', '1.6.7')."""
    return mkdocs.__name__.split(".")[0], getattr(mkdocs, "__version__", "unknown")


def check_engine() -> str | None:
    """None on an engine these internals were written for, else the message that says what to do."""
    name, version = engine()
    prefix = WRITTEN_FOR.get(name)
    if prefix and version.startswith(prefix):
        return None
    return (
        f"newsdesk: this site is built with {name} {version}, but the newsdesk plugin was written for "
        "MkDocs 1.6 or ProperDocs 1.6 and uses parts of them that other versions may have changed "
        "(scripts/newsdesk/mkdocs/internals.py). Install the versions in constraints.txt "
        "(make setup), or check each part in that file against the new version and add it to WRITTEN_FOR."
    )


def build_page(page: Page, config: MkDocsConfig, nav: Navigation, env: Environment, doc_files) -> None:
    """Render and write one page exactly as `mkdocs build` does."""
    _build._build_page(page, config, doc_files, nav, env)


def render_with(page: Page, render: Callable[[Files], None]) -> None:
    """Have MkDocs' build call `render(files)` instead of converting this page's Markdown:
    _populate_page calls `page.render(config, files)` once, after on_page_markdown and before
    on_page_content."""
    page.render = lambda config, files: render(files)  # type: ignore[method-assign]


def render_blank(page: Page) -> None:
    """What `Page.render` sets when the page's Markdown is blank: Python-Markdown returns '' for
    a blank text before any extension runs, so there is no heading, anchor, link or title."""
    page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()
    if _pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


# Extensions whose state Python-Markdown's reset() clears (tests/test_internals.py holds each to a
# fresh instance's output); with any other, each page gets a fresh instance, as MkDocs gives it.
RESETS_CLEANLY = frozenset(
    "toc tables fenced_code attr_list admonition md_in_html footnotes abbr def_list sane_lists smarty "
    "newsdesk.core.text.quickinline newsdesk.core.text.quickblock".split()
)
_kept: list = []  # [(config, its extensions, the Markdown instance or None)]: the last build's


def _instance(config: MkDocsConfig) -> markdown.Markdown | None:
    """The Markdown instance kept for this build's config; None if an extension may not reset cleanly.
    Decided once a config, not once a page."""
    extensions = config["markdown_extensions"]
    if not _kept or _kept[0][0] is not config or _kept[0][1] != extensions:
        reusable = all(
            isinstance(name, str) and name.removeprefix("markdown.extensions.") in RESETS_CLEANLY for name in extensions
        )
        md = (
            markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"] or {})
            if reusable
            else None
        )
        _kept[:] = [(config, list(extensions), md)]
    return _kept[0][2]


def render_reused(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What `Page.render` does, on a Python-Markdown instance kept from the last page and reset,
    rather than one built with every extension for each page (about 0.2 ms a page)."""
    md = _instance(config)
    if md is None:
        page.render(config, files)
        return
    md.reset()
    raw_html = _pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative = _pages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(md)
    title = _pages._ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if _pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors


def skipped_page(message: str) -> str | None:
    """The src_uri in MkDocs' note that a page's output was empty, or None for any other message."""
    if not message.startswith(PAGE_SKIPPED):
        return None
    return message[len(PAGE_SKIPPED) :].rsplit("'. ", 1)[0]


def is_dirty_warning(message: str) -> bool:
    return message.startswith(DIRTY_WARNING)


def watched_paths(server: LiveReloadServer) -> list[str]:
    """The paths `mkdocs serve` watches for changes."""
    return list(server._watched_paths)


def replace_observer(server: LiveReloadServer, observer) -> None:
    """Have `server` watch its paths with `observer`, before it starts: LiveReloadServer makes a
    polling observer in __init__, schedules each path on it in watch(), starts it in serve()."""
    counts = dict(server._watched_paths)
    server.observer = observer
    server._watched_paths, server._watch_refs = {}, {}
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
