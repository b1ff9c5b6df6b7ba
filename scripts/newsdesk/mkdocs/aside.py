"""Building beside the last good site, as Hugo does: `mkdocs build` writes into a fresh sibling
folder, which replaces `site/` only once everything succeeded. A build that fails at any point,
even in MkDocs' own checks after the pages are written, leaves the last good `site/` as it was.

`mkdocs serve` builds into its own temporary folder and is not touched.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs import utils


class AsideBuild:
    """One build's sibling folder: `start` points MkDocs at it, `finish` swaps it in, `abandon` removes it."""

    def __init__(self, site_dir: str, strict: bool) -> None:
        self.site = Path(site_dir).absolute()
        self.next = self.site.with_name(f".{self.site.name}.next")
        self.old = self.site.with_name(f".{self.site.name}.old")
        # MkDocs counts warnings under --strict only after the last event; count them here too,
        # so that a build about to be aborted is never swapped in.
        self.counter = utils.CountHandler() if strict else None

    def start(self) -> str:
        """Make the empty sibling folder (removing one a killed build left) and return its path."""
        for leftover in (self.next, self.old):
            shutil.rmtree(leftover, ignore_errors=True)
        self.next.mkdir(parents=True)
        if self.counter:
            self.counter.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.counter)
        return str(self.next)

    def finish(self) -> bool:
        """Swap the new site in, unless a warning will abort the build; True if it was swapped."""
        self._stop_counting()
        if self.counter and self.counter.get_counts():
            return False  # MkDocs raises Abort next, and on_build_error calls abandon
        if self.site.exists():
            os.replace(self.site, self.old)
        os.replace(self.next, self.site)
        shutil.rmtree(self.old, ignore_errors=True)
        return True

    def abandon(self) -> None:
        self._stop_counting()
        shutil.rmtree(self.next, ignore_errors=True)

    def _stop_counting(self) -> None:
        if self.counter:
            logging.getLogger("mkdocs").removeHandler(self.counter)
