"""`mkdocs serve` hears of a save at once where the system can tell it.

MkDocs looks for changes by listing every watched file twice a second (watchdog's polling
observer), so a save waits a quarter of a second on average before its rebuild starts, and lists
a thousand posts twice a second meanwhile. It polls because on network drives and some container
mounts the system's own notices never come. On Linux, when every watched path is on a local disk,
`use_notices` hands the server an inotify observer instead; anywhere else, MkDocs' polling stays.
"""

from __future__ import annotations

import os
import sys

from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)

from ..internals import replace_observer, watched_paths

log = get_plugin_logger(__name__)

# File systems on a local disk or in memory, whose changes inotify reports (not nfs, cifs, 9p, fuse).
LOCAL = frozenset({"ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "f2fs", "bcachefs"})
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent]
CHANGES += [DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def file_system(path: str, mountinfo: str) -> str | None:
    """The type of the file system `path` is on, from /proc/self/mountinfo's text."""
    path, best, kind = os.path.realpath(path), "", None
    for line in mountinfo.splitlines():
        fields, _, after = line.partition(" - ")
        parts = fields.split()
        if len(parts) < 5 or not after:
            continue
        mount = parts[4].replace("\\040", " ")
        inside = path == mount or path.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, kind = mount, after.split()[0]
    return kind


def use_notices(server: LiveReloadServer, mountinfo_path: str = "/proc/self/mountinfo") -> bool:
    """Give `server` an inotify observer if every path it watches is on a local file system."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        from watchdog.observers.inotify import InotifyObserver  # Linux's alone

        with open(mountinfo_path, encoding="utf-8") as stream:
            mountinfo = stream.read()
    except (ImportError, OSError):
        return False
    paths = watched_paths(server)
    if not all(file_system(path, mountinfo) in LOCAL for path in paths):
        return False
    try:  # a trial first: the system may have no watches to spare (fs.inotify.max_user_watches)
        trial = _Observer(InotifyObserver)
        for path in paths:
            trial.schedule(FileSystemEventHandler(), path, recursive=True)
        trial.start()
        trial.stop()
        trial.join(5)
    except OSError as error:
        log.info(f"newsdesk: watching for changes by polling, as MkDocs does ({error})")
        return False
    replace_observer(server, _Observer(InotifyObserver))
    server.build_delay = 0.05  # the notices of one save come within milliseconds: wait this long for the last
    log.debug("newsdesk: watching for changes with inotify")
    return True


def _Observer(base):
    """An observer of `base`'s kind that passes on changes only: inotify also reports a file opened
    or read, and every build reads the posts, which would start the next build."""

    class Observer(base):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=CHANGES)

    return Observer()
