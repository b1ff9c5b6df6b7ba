"""Runs Pagefind over the written site (see core/pages/search.py for what it indexes).

A build starts Pagefind once every page is written and waits for it, after doing its own last work
meanwhile. `mkdocs serve` indexes in the background instead, at low priority, into a folder beside
the site that then takes the place of the old index: the preview is never held up by search, and
the search page shows the last index until the new one is ready.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..core.pages.search import BUNDLE, UNUSED_FILES, pagefind_args
from .pagefindorder import FormatChanged, fix_order
from .searchkept import FRAGMENTS, addresses, input_key, keep, kept_fragments, lay_out, settle, take, used_fragments

log = get_plugin_logger(__name__)


def executable() -> str:
    """The Pagefind binary that the `pagefind[bin]` package installs."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except (ImportError, FileNotFoundError):
        raise PluginError(
            "newsdesk: search needs Pagefind, which is not installed; run `make setup` "
            "(or `pip install -c constraints.txt -e .`) in this project"
        ) from None


def _finish(bundle: Path) -> None:
    """Drop Pagefind's own search interfaces (the site has its own page); fix the filters' order."""
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    fix_order(bundle)


class Indexing:
    """One Pagefind run: start() once the pages are written, wait() before the end. It lays out the
    fragments of an earlier index first (from `kept`, else `store`; searchkept.py), indexes again
    from nothing if one of them did not fit, and leaves `store` holding this index. A build whose
    pages are those of the index in `store` takes that index, and stops Pagefind.

    A build indexes into the site; `mkdocs serve` into `output`, beside it, at the lowest priority."""

    def __init__(
        self,
        site_dir: str,
        glob: str,
        store: Path | None = None,
        *,
        kept: Path | None = None,
        output: Path | None = None,
        nice: bool = False,
    ) -> None:
        self.site, self.glob, self.store = Path(site_dir), glob, store
        self.bundle = output or self.site / BUNDLE
        shutil.rmtree(self.bundle, ignore_errors=True)  # never a stale index beside the new pages
        self.laid = lay_out(kept or kept_fragments(store), self.bundle)
        program = executable()
        self.command = [*(["nice", "-n", "19"] if nice and shutil.which("nice") else []), program]
        self.command += pagefind_args(str(self.site), self.glob, str(output) if output else None)
        # Its output goes to a file, not a pipe: nothing reads it until the end, and a full pipe
        # would stop Pagefind while the build waits for it. Pagefind writes UTF-8 (Windows' default
        # would be the console's code page).
        self.output = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")
        self.process: subprocess.Popen | None = self._start()
        # Started first, so that a build whose pages changed is not held up while they are read.
        self.key = input_key(self.site, program, glob) if store is not None and output is None else None
        if self.key is not None and take(store, self.bundle, self.key, before=self._stop):
            self.process = None
            log.debug("newsdesk: the pages search reads are the last build's: its index is taken as it is")

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, stdout=self.output, stderr=subprocess.STDOUT)

    def _stop(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait(self) -> None:
        if self.process is None:  # the kept index was taken
            self.output.close()
            return
        try:
            while not self._fits():
                log.info("newsdesk: a search fragment kept from the last build did not fit; indexing from nothing")
                shutil.rmtree(self.bundle)
                self.output.seek(0)
                self.output.truncate()
                self.laid, self.process = set(), self._start()
            self.output.close()
            _finish(self.bundle)
            keep(self.bundle, self.store, self.key)
        except FormatChanged as error:
            raise PluginError(f"newsdesk: search index: {error}") from None

    def _fits(self) -> bool:
        """Wait for this run: False if a fragment laid out for it did not fit."""
        assert self.process is not None
        laid = addresses(self.bundle, self.laid, self.site)  # while Pagefind runs
        self.process.wait()
        if self.process.returncode != 0 or not (self.bundle / "pagefind.js").is_file():
            self.output.seek(0)
            output = self.output.read()
            self.output.close()
            raise PluginError(
                f"newsdesk: Pagefind could not make the search index (exit {self.process.returncode}):\n{output.strip()}"
            )
        return not laid or settle(self.bundle, laid, used_fragments(self.bundle))


class Background:
    """`mkdocs serve`: index after each build, one run at a time, at the lowest CPU priority.

    A run starts once builds have paused for QUIET seconds, so a burst of saves is indexed once.
    """

    QUIET = 1.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wanted: tuple[str, str] | None = None
        self.thread: threading.Thread | None = None

    def request(self, site_dir: str, glob: str) -> None:
        with self.lock:
            self.wanted = (site_dir, glob)
            self.asked = time.monotonic()
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="newsdesk-pagefind", daemon=True)
                self.thread.start()

    def join(self, timeout: float | None = None) -> None:
        thread = self.thread
        if thread:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self.lock:
                wait = self.asked + self.QUIET - time.monotonic()
                if wait <= 0:
                    job, self.wanted = self.wanted, None
                    if job is None:
                        self.thread = None  # under the lock: the next request starts a new thread
                        return
            if wait > 0:
                time.sleep(wait)
                continue
            try:
                self._index(*job)
            except Exception as error:  # the preview goes on; the search page keeps the last index
                # Not a warning: it would count for the build running meanwhile (a rebuild that empties
                # the site makes Pagefind fail), which --strict would stop, leaving the preview stuck.
                log.info(f"newsdesk: search index not updated: {str(error).removeprefix('newsdesk: ')}")

    @staticmethod
    def _index(site_dir: str, glob: str) -> None:
        site = Path(site_dir)
        if not site.is_dir():
            return
        aside = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site.parent))
        try:
            new = aside / BUNDLE  # the index in the site lends its fragments: most pages are unchanged
            Indexing(site_dir, glob, kept=site / BUNDLE / FRAGMENTS, output=new, nice=True).wait()
            old = aside / "old"
            target = site / BUNDLE
            if target.exists():
                os.replace(target, old)
            os.replace(new, target)
        finally:
            shutil.rmtree(aside, ignore_errors=True)
