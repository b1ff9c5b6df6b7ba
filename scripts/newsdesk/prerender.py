"""Converting posts' Markdown on every core before MkDocs asks for it.

MkDocs converts pages one at a time; with hundreds of posts that is the largest part of a build.
During `mkdocs build` (never `serve`, whose server runs threads that must not be forked) the posts
are converted by forked workers with MkDocs' own `Page.render`, so each result, its table of
contents, anchors and any warnings are exactly what MkDocs would have produced. The plugin hands a
result to a page only when the page's final Markdown is the text that was converted; otherwise
MkDocs converts it as usual.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from dataclasses import dataclass

from mkdocs.structure.pages import Page

_shared: dict = {}  # what the forked workers read: set just before forking, cleared after


def fingerprint(text: str) -> bytes:
    """What identifies a page's Markdown, without keeping a second copy of it in memory."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


@dataclass
class Rendered:
    fingerprint: bytes  # of the Markdown that was converted
    content: str
    toc: object
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: list[tuple[str, int, str]]  # warnings MkDocs logged while converting, to log again

    def apply(self, page: Page, files) -> None:
        """Give `page` what Page.render would have set, and log what it would have logged."""
        page.content, page.toc, page._title_from_render = self.content, self.toc, self.title
        page.present_anchor_ids = self.anchors
        if self.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in self.links_to_anchors.items()}
        for name, level, message in self.records:
            logging.getLogger(name).log(level, message)


def workers_for(setting: int) -> int:
    """How many processes to use: the `workers` option, or one per CPU when it is 0."""
    if setting:
        return setting
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cpus or 1


def render_all(texts: dict[str, str], config, files, workers: int) -> dict[str, Rendered]:
    """Each src_uri's Markdown converted as MkDocs would, on `workers` processes; {} if not worth it."""
    if workers < 2 or len(texts) < 4 * workers or "fork" not in multiprocessing.get_all_start_methods():
        return {}
    _shared.update(config=config, files=files, texts=texts)
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_quiet) as pool:
            chunk = max(1, len(texts) // (workers * 8))
            return dict(pool.imap_unordered(_render, sorted(texts), chunksize=chunk))
    finally:
        _shared.clear()


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_capture = _Capture()


def _quiet() -> None:
    """In a worker: keep MkDocs' messages instead of printing them; the parent logs them once."""
    logger = logging.getLogger("mkdocs")
    logger.handlers = [_capture]
    logger.propagate = False


def _render(src_uri: str) -> tuple[str, Rendered]:
    config, files, text = _shared["config"], _shared["files"], _shared["texts"][src_uri]
    page = Page(None, files.get_file_from_path(src_uri), config)
    page.markdown = text
    _capture.records = []
    page.render(config, files)
    links = page.links_to_anchors
    page.file.page = None  # Page() attached itself to the worker's copy of the file: let it go
    return src_uri, Rendered(
        fingerprint=fingerprint(text), content=page.content, toc=page.toc, title=page._title_from_render,
        anchors=page.present_anchor_ids, records=_capture.records,
        links_to_anchors=None if links is None else {file.src_uri: found for file, found in links.items()},
    )
