"""Converting posts' Markdown, and writing their pages, on every core before MkDocs gets to them.

MkDocs converts and writes pages one at a time; with hundreds of posts those are most of a build.
Forked workers do both with MkDocs' own code, so every result and warning is what MkDocs would
have made. Only `mkdocs build` forks: `serve` runs server threads, which must not be forked.

- render_all converts the posts with `Page.render`, taking what it can from the render cache
  (rendercache.py) and converting the rest on the workers, or in this process to fill the cache.
  The plugin hands a result to a page only when the page's final Markdown is the text that was
  converted; otherwise MkDocs converts it as usual.
- write_all, once every page is converted, renders and writes pages with MkDocs' own page builder
  (internals.build_page), and makes the feeds beside them.
  MkDocs then skips those pages (skipping.py). A plugin's own state changed by those events in a
  worker stays there.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
from collections.abc import Callable

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ...core.reading.crosslinks import docs_links
from ...core.reading.links import retarget
from ..internals import build_page, render_blank, render_reused, render_with
from .rendercache import RecordingFiles, RenderCache, Rendered, render_cache

_shared: dict = {}  # what the forked workers read: set just before forking, cleared after


def fingerprint(text: str) -> bytes:
    """What identifies a page's Markdown, without keeping a second copy of it in memory."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _worth_forking(count: int, workers: int) -> bool:
    return workers >= 2 and count >= 4 * workers and "fork" in multiprocessing.get_all_start_methods()


def _run(job, items: list, workers: int, **shared):
    """job(item) for each item on `workers` forked processes, which read `shared`; results unordered."""
    _shared.update(shared)
    gc.freeze()  # the workers' garbage collector would write to every object, copying its memory
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_quiet) as pool:
            yield from pool.imap_unordered(job, items, chunksize=max(1, len(items) // (workers * 8)))
    finally:
        gc.unfreeze()
        _shared.clear()


def render_all(
    texts: dict[str, str], config: MkDocsConfig, files: Files, workers: int, cache: RenderCache | None = None
) -> dict[str, Rendered]:
    """Each src_uri's Markdown converted as MkDocs would: from `cache` when it has it, else on
    `workers` processes (or this one, to fill the cache). {} when neither is worth it."""
    done: dict[str, Rendered] = {}
    keys: dict[str, bytes] = {}
    if cache is not None:
        for src_uri, text in texts.items():
            keys[src_uri] = cache.key(src_uri, files.get_file_from_path(src_uri).url, fingerprint(text))
            if (found := cache.get(keys[src_uri], files)) is not None:
                done[src_uri] = found
    todo = sorted(set(texts) - set(done))
    if _worth_forking(len(todo), workers):
        results = _run(_render, todo, workers, config=config, files=files, texts=texts)
    elif cache is not None:
        results = _render_here(todo, config, files, texts)
    else:
        return {}
    for src_uri, rendered, looked_up in results:
        done[src_uri] = rendered
        if cache is not None:
            cache.put(keys[src_uri], looked_up, rendered)
    return done


def _render_here(todo: list[str], config: MkDocsConfig, files: Files, texts):
    """_render in this process, its warnings kept for the page to log as a worker's would be."""
    logger = logging.getLogger("mkdocs")
    handlers, propagate = logger.handlers, logger.propagate
    _shared.update(config=config, files=files, texts=texts)
    _quiet()
    try:
        return [_render(src_uri) for src_uri in todo]
    finally:
        logger.handlers, logger.propagate = handlers, propagate
        _shared.clear()


def write_all(
    pages: list,
    config: MkDocsConfig,
    nav: Navigation,
    env: Environment,
    files: Files,
    workers: int,
    jobs: dict[str, Callable[[], object]] | None = None,
) -> tuple[set[str], dict[str, object]]:
    """Render and write these pages as MkDocs would, on `workers` processes, and run `jobs` (other
    work that needs every page converted, such as feeds) beside them. The src_uris written and
    each job's result; nothing when forking is not worth it.

    One page of each template is written here first, so the workers share its compiled templates
    instead of each compiling them again.
    """
    jobs = jobs or {}
    if not _worth_forking(len(pages), workers):
        return set(), {}
    doc_files = files.documentation_pages()
    first: dict[str, Page] = {}
    for page in pages:
        first.setdefault(page.meta.get("template", "main.html"), page)
    for page in first.values():
        build_page(page, config, nav, env, doc_files)
    done = {page.file.src_uri for page in first.values()}
    todo = [("job", name) for name in sorted(jobs)]
    todo += [("page", src_uri) for src_uri in sorted(page.file.src_uri for page in pages) if src_uri not in done]
    results = {}
    for kind, name, value, records in _run(
        _write, todo, workers, config=config, nav=nav, env=env, files=files, doc_files=doc_files, jobs=jobs
    ):
        for logger, level, message in records:
            logging.getLogger(logger).log(level, message)
        if kind == "job":
            results[name] = value
    return {page.file.src_uri for page in pages}, results


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


def _write(item: tuple[str, str]) -> tuple[str, str, object, list[tuple[str, int, str]]]:
    kind, name = item
    _capture.records = []
    if kind == "job":
        return kind, name, _shared["jobs"][name](), _capture.records
    page = _shared["files"].get_file_from_path(name).page
    build_page(page, _shared["config"], _shared["nav"], _shared["env"], _shared["doc_files"])
    return kind, name, None, _capture.records


def _render(src_uri: str) -> tuple[str, Rendered, dict | None]:
    config, files, text = _shared["config"], _shared["files"], _shared["texts"][src_uri]
    page = Page(None, files.get_file_from_path(src_uri), config)
    page.markdown = text
    _capture.records = []
    recording = RecordingFiles(files)
    render_reused(page, config, recording)
    links = page.links_to_anchors
    page.file.page = None  # Page() attached itself to the worker's copy of the file: let it go
    return (
        src_uri,
        Rendered(
            fingerprint=fingerprint(text),
            content=page.content,
            toc=page.toc,
            anchors=page.present_anchor_ids,
            records=_capture.records,
            links_to_anchors=None if links is None else {file.src_uri: found for file, found in links.items()},
        ),
        recording.looked_up,
    )


class Conversions:
    """One build's converted posts, for the plugin: each post's Markdown with its links to docs
    pages retargeted once, converted by render_all, and handed to its page if still current."""

    def __init__(self) -> None:
        self.rendered: dict[str, Rendered] = {}
        self.retargeted: dict[str, tuple[str, str]] = {}  # src_uri -> (Markdown, retargeted)
        self.cache: RenderCache | None = None
        self.cache_dir, self.serving, self.rebuild = "", False, False  # set by begin

    def begin(self, settings, cache_dir: str, *, serving: bool, rebuild: bool) -> None:
        """A new build (a `rebuild` under `serve --dirty` remakes only what an edit changed): docs
        pages may have moved since the last. `cache_dir`: the render cache's folder, or ''."""
        self.settings, self.retargeted = settings, {}
        self.cache_dir, self.serving, self.rebuild = cache_dir, serving, rebuild

    def start(self, posts, config: MkDocsConfig, files: Files, workers: int) -> None:
        """Convert every post now, from the render cache or on `workers` CPUs; pages pick the
        results up. `serve` keeps the cache in memory between rebuilds, and a rebuild converts
        only the posts whose pages MkDocs builds again."""
        if self.rebuild:
            posts = [post for post in posts if files.get_file_from_path(post.src_uri).is_modified()]
        texts = {post.src_uri: self.markdown(post, post.body.lstrip("\n"), keep=True) for post in posts}
        kept = self.cache if self.serving else None
        self.cache = render_cache(config, self.settings.root, self.cache_dir, kept)
        self.rendered = render_all(texts, config, files, workers, self.cache)

    def markdown(self, post, text: str, keep: bool = False) -> str:
        """A post's Markdown as MkDocs must see it: links to docs pages made relative to its place.
        Done once a post: start keeps what it made (`keep`) for the page to take."""
        source, done = self.retargeted.pop(post.src_uri, (None, None))
        if source != text:
            done = retarget(text, docs_links(post, self.settings))
        if keep:
            self.retargeted[post.src_uri] = (text, done)
        return done

    def use(self, page: Page, markdown_text: str) -> None:
        """Have the page take its post's converted HTML, if it was converted from this very text;
        a page with no Markdown needs no conversion at all."""
        done = self.rendered.pop(page.file.src_uri, None)
        if done and done.fingerprint == fingerprint(markdown_text):
            render_with(page, lambda files: done.apply(page, files))
        elif not markdown_text.strip():  # a listing's page: its body comes from its template
            render_with(page, lambda files: render_blank(page))

    def finished(self) -> None:
        """A build writes the cache it used; `serve` its first build's, then what it added when it
        stops (`stopped`), not at every rebuild."""
        if self.cache is not None and not (self.serving and self.cache.written):
            self.cache.save()

    def stopped(self) -> None:
        if self.serving and self.cache is not None and self.cache.changed:
            self.cache.save()
