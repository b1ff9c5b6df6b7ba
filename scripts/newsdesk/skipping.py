"""How the plugin has MkDocs skip pages it need not build, and the log lines that go with it.

- Under `mkdocs serve --dirty`, a generated page whose digest is unchanged (changes.py) is a
  PageFile that says it is not modified, so MkDocs neither converts nor writes it again.
- In `mkdocs build`, pages the workers have written (prerender.write_all) get the empty template
  WRITTEN, so MkDocs writes nothing over them.
"""
from __future__ import annotations

import logging
import os

import jinja2
from mkdocs.structure.files import File

WRITTEN = "newsdesk/written.html"
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


class PageFile(File):
    """A generated page that `mkdocs serve --dirty` rebuilds only when what it shows has changed."""
    unchanged = False  # set by the plugin from changes.py's digests

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


class _WrittenPages(logging.Filter):
    """MkDocs notes 'Page skipped ... Generated empty output' for a page whose template gives
    nothing, as WRITTEN does; for pages the workers wrote that is expected, not news."""

    def __init__(self) -> None:
        super().__init__()
        self.written: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '")
                    and message[len("Page skipped: '"):].rsplit("'. ", 1)[0] in self.written)


class _DirtyIsComplete(logging.Filter):
    """MkDocs warns that a --dirty build may leave pages stale; with this plugin it rebuilds every
    page an edit shows on, and everything when a change is outside posts/ (see changes.py).
    Dropping the warning also lets `--dirty` work with `strict: true`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


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
