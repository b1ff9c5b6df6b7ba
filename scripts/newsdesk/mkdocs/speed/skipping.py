"""How the plugin has MkDocs skip pages it need not build, and the log lines that go with it.

- Under `mkdocs serve --dirty`, a generated page whose digest is unchanged (changes.py) is a
  PageFile that says it is not modified, so MkDocs neither converts nor writes it again
  (mark_unchanged).
- In `mkdocs build`, pages the workers have written (prerender.write_all) get the empty template
  WRITTEN, so MkDocs writes nothing over them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from ..internals import BUILD_LOGGER, is_dirty_warning, skipped_page

WRITTEN = "newsdesk/written.html"
_BUILD_LOG = logging.getLogger(BUILD_LOGGER)
log = get_plugin_logger(__name__)


class PageFile(File):
    """A generated page that `mkdocs serve --dirty` rebuilds only when what it shows has changed."""

    unchanged = False  # set by the plugin from changes.py's digests

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


def mark_unchanged(files: Files, site_dir: str, built: dict[str, bytes], now: dict[str, bytes]) -> None:
    """Under `serve --dirty`, from the digests of the last complete build (`built`) and of this one
    (`now`, by src_uri, with the site's as "site" and the home page's as "index.md"): mark each
    generated page that need not be built again, or empty site_dir when the site's digest changed."""
    if built.get("site") != now["site"]:
        clean_directory(site_dir)  # something every page shows changed: rebuild it all
        if built:
            log.info("a change outside the posts: rebuilding every page")
    elif built.get("index.md") != now["index.md"] and (home := files.get_file_from_path("index.md")):
        Path(home.abs_dest_path).unlink(missing_ok=True)  # a docs page: MkDocs rebuilds it when its output is gone
    pages = [file for file in files if isinstance(file, PageFile)]
    for file in pages:
        file.unchanged = built.get(file.src_uri) == now.get(file.src_uri, b"")
    if built.get("site") == now["site"]:
        log.info(f"rebuilding {sum(not file.unchanged for file in pages)} of {len(pages)} generated pages")


class _WrittenPages(logging.Filter):
    """MkDocs notes 'Page skipped ... Generated empty output' for a page whose template gives
    nothing, as WRITTEN does; for pages the workers wrote that is expected, not news."""

    def __init__(self) -> None:
        super().__init__()
        self.written: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return skipped_page(record.getMessage()) not in self.written


class _DirtyIsComplete(logging.Filter):
    """MkDocs warns that a --dirty build may leave pages stale; with this plugin it rebuilds every
    page an edit shows on, and everything when a change is outside posts/ (see changes.py).
    Dropping the warning also lets `--dirty` work with `strict: true`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not is_dirty_warning(record.getMessage())


_written = _WrittenPages()
_dirty = _DirtyIsComplete()


def skip_written(env: jinja2.Environment, pages: list) -> None:
    """Have MkDocs write nothing for these pages, which are written already, and say nothing of it."""
    _written.written = {page.file.src_uri for page in pages}
    _BUILD_LOG.addFilter(_written)  # once: a logger keeps a filter only once
    if pages:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({WRITTEN: ""}), env.loader])
        for page in pages:
            page.meta["template"] = WRITTEN


def quiet_dirty_warning() -> None:
    _BUILD_LOG.addFilter(_dirty)
