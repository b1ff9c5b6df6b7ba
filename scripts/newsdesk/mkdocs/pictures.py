"""Pictures and share cards for one build: planned from the posts (core/pictures/images.py), made with Pillow
(core/pictures/imaging.py) into the cache folder, and handed to MkDocs as files.

Nothing reads a card until the site is published. So `mkdocs build` draws them from on_config in
background processes at the lowest CPU priority, which take only the CPU time the build leaves idle
(while MkDocs works in one process), and MkDocs' copy of them waits (CardFile). At post_build, once
Pagefind has started, those processes stop, so that they never add to the memory Pagefind takes:
the build's own process, which would only wait, draws cards until Pagefind is done, and new
processes draw the rest on every CPU. Pictures are made in on_files, on the build's CPUs: pages
need their renditions' names and sizes. `mkdocs serve` makes both in its own process (its server's
threads must not be forked); there, the cache leaves only what changed to make.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from PIL import Image

from ..core.model import Post
from ..core.pictures import cards, images, imaging
from ..core.pictures.cards import make_card
from ..core.pictures.images import Card, Picture
from ..core.text import dates

log = get_plugin_logger(__name__)


class CachedFile(File):
    """A rendition or card from the cache, linked into the site rather than copied where the file
    system allows: a cached file never changes once written (new content gets a new name), and the
    site's name is removed before it is linked, so nothing ever writes into a file both names share."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        imaging.link(Path(self.abs_src_path), Path(self.abs_dest_path))


def _picture_job(item: tuple[Path, str, str, Path]) -> tuple[str, Picture | str]:
    path, source, key, folder = item
    try:
        return source, imaging.make_picture(path, source, key, folder)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:  # a damaged file
        return source, f"cannot be read as a picture ({error}); open it and save it again as JPEG or PNG"


class CardFile(CachedFile):
    """A card: copied when MkDocs copies files, or, while the background processes still draw,
    set aside for `Pictures.finish` to copy."""

    pictures: Pictures

    def copy_file(self, dirty: bool = False) -> None:
        if self.pictures.running:
            self.pictures.late.append((self, dirty))
        else:
            super().copy_file(dirty)


class Pictures:
    """This build's pictures (by their addresses in the site) and cards (by post source)."""

    def __init__(self) -> None:
        self.pictures: dict[str, Picture] = {}
        self.cards: dict[str, Card] = {}
        self.site_card: Card | None = None
        self.running: list = []  # the processes drawing cards
        self.late: list[tuple[CardFile, bool]] = []  # cards MkDocs would have copied before they were drawn
        self.scratch: str | None = None

    def start(self, folder: Path | None, posts_dir: Path) -> None:
        """A new build: cached files in `folder`, or in a scratch folder when the cache is off."""
        if folder is None:
            self.scratch = tempfile.mkdtemp(prefix="newsdesk-images-")
            folder = Path(self.scratch)
        self.folder, self.cards_folder, self.posts_dir = folder / "images", folder / "cards", posts_dir
        self.pictures, self.cards, self.running, self.late = {}, {}, [], []

    @staticmethod
    def sources(files: Files, docs_dir: Path) -> dict[str, Path]:
        """Every picture the site publishes, beside posts or in docs/, by its address in the site."""
        return {
            file.src_uri: Path(file.abs_src_path)
            for file in files  # thousands, with the theme's: the cheap test first
            if images.is_raster(file.src_uri)
            and file.abs_src_path
            and not file.is_documentation_page()
            and (file.src_uri.startswith("posts/") or Path(file.abs_src_path).is_relative_to(docs_dir))
        }

    def make_pictures(self, sources: dict[str, Path], workers: int, serving: bool) -> list[tuple[str, str]]:
        """Renditions of every picture the site publishes, from its address in the site to its file;
        (address, problem) for those that fail."""
        todo = [
            (path, source, imaging.picture_key(images.content_digest(path)), self.folder)
            for source, path in sources.items()
        ]
        if serving or workers < 2 or len(todo) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            results = map(_picture_job, todo)  # Windows cannot fork: one process
        else:
            with multiprocessing.get_context("fork").Pool(min(workers, len(todo))) as pool:
                results = pool.map(_picture_job, todo)
        failed = []
        for source, result in results:
            if isinstance(result, Picture):
                self.pictures[source] = result
            else:
                failed.append((source, result))
        return failed

    def plan_cards(self, posts: list[Post], site_name: str, organisation: str) -> None:
        key = imaging.render_key()
        for post in posts:  # checked already: a post's raster `image` exists
            source = images.resolve(post.rel, post.image) if post.image and images.is_raster(post.image) else None
            self.cards[post.source] = images.card_for(
                post,
                organisation,
                dates.human_date(post.date),
                images.content_digest(self.posts_dir / source) if source else None,
                key,
            )
        self.site_card = images.site_card(site_name, organisation, key)

    def _all_cards(self) -> list[Card]:
        """Each card once: posts alike in all a card shows share it."""
        return list({card.path: card for card in [*self.cards.values(), self.site_card]}.values())

    def make_cards(self, workers: int, serving: bool) -> None:
        """Start making the cards not in the cache; `finish` draws the rest."""
        todo = self._todo()
        if serving or not self._start(todo, workers, priority=19):
            for card, source in todo:
                make_card(card, self.cards_folder, source)

    def _todo(self) -> list[tuple[Card, Path | None]]:
        """The cards not drawn yet, with their source pictures."""
        return [
            (card, self.posts_dir / card.source if card.source else None)
            for card in self._all_cards()
            if not imaging.is_kept(self.cards_folder / card.name)
        ]

    def _start(self, todo: list[tuple[Card, Path | None]], workers: int, priority: int) -> bool:
        """Draw `todo` on `workers` background processes at `priority` (19 is the lowest); False if
        not worth it, or if they cannot start (the build's process draws them then).

        Fresh processes, not forks of the build: they live on while it works, and a fork would keep
        its own copy of every page of the build's memory that the build changes meanwhile."""
        if workers < 2 or len(todo) < 8 or not hasattr(os, "nice"):
            return False
        folder = self.cards_folder.absolute()
        folder.mkdir(parents=True, exist_ok=True)
        atexit.register(self._stop, wait=False)  # an interrupted build leaves no drawing behind
        environment = {**cards.ALLOCATOR, **os.environ}  # the caller's own settings win
        for part in range(workers):
            todo_file = folder / f".todo-{os.getpid()}-{part}.json"
            cards.write_todo(todo_file, todo[part::workers])
            arguments = [str(todo_file), str(folder), str(os.getpid()), str(priority)]
            try:  # cwd: no project folder shadows ours
                command = [sys.executable, "-m", cards.__name__, *arguments]
                process = subprocess.Popen(command, stdin=subprocess.DEVNULL, cwd=folder, env=environment)
            except OSError as error:  # out of processes or memory
                log.info(f"newsdesk: share cards drawn in the build's own process: {error}")
                todo_file.unlink(missing_ok=True)
                self._stop(wait=False)
                return False
            self.running.append((process, todo_file))
        return True

    def _stop(self, *, wait: bool) -> None:
        """End the background drawing: wait for it, or stop it (removing the card it was writing)."""
        for process, todo_file in self.running:
            if not wait:
                process.terminate()
            if process.wait() not in (0, -signal.SIGTERM):  # the build draws what it left (finish)
                log.info(f"newsdesk: a share card process ended with exit code {process.returncode}")
            todo_file.unlink(missing_ok=True)
            for partial in self.cards_folder.glob(f"*.{process.pid}.tmp"):
                partial.unlink(missing_ok=True)
        self.running = []
        atexit.unregister(self._stop)

    def finish(self, workers: int = 1, busy: Callable[[], bool] | None = None) -> None:
        """At post_build: stop the background drawing, which would add to the memory Pagefind
        takes; draw the cards left here while `busy()` (Pagefind runs), then on `workers` processes;
        copy the cards MkDocs set aside. A card that failed is drawn here last, so its error shows."""
        drawing = bool(self.running)  # if not, make_cards drew every card
        self._stop(wait=False)
        left = self._todo() if drawing else []
        while left and busy is not None and busy():
            card, source = left.pop()
            make_card(card, self.cards_folder, source)
        if self._start(left, workers, priority=0):
            self._stop(wait=True)
        for card, source in left:  # each is found in the cache now, unless it failed
            make_card(card, self.cards_folder, source)
        for file, dirty in self.late:
            file.copy_file(dirty)
        self.late = []

    def files(self, config: MkDocsConfig) -> list[File]:
        """The renditions, the feeds' copies and the cards, as MkDocs files. (A post may show a
        picture from docs/, so docs' pictures have feed copies too.)"""
        found = {}
        for picture in self.pictures.values():
            for rendition in (*picture.renditions, picture.feed):
                found[rendition.path] = self.folder / rendition.cached
        files = [CachedFile.generated(config, path, abs_src_path=str(source)) for path, source in sorted(found.items())]
        for card in sorted(self._all_cards(), key=lambda card: card.path):
            file = CardFile.generated(config, card.path, abs_src_path=str(self.cards_folder / card.name))
            file.pictures = self
            files.append(file)
        return files

    def strip_originals(self, files: Files) -> None:
        """The writers' own files, at their own addresses, replaced by copies without metadata."""
        for source, picture in self.pictures.items():
            if file := files.get_file_from_path(source):
                file.abs_src_path = str(self.folder / picture.original.cached)

    def of(self, post: Post) -> Picture | None:
        """The post's own picture (its `image`), if the site made renditions of it."""
        return self.pictures.get("posts/" + images.resolve(post.rel, post.image)) if post.image else None

    def done(self) -> None:
        """The build's end, or its failure: no drawing goes on, no scratch folder stays."""
        self._stop(wait=False)
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None
