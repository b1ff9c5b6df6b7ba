"""File names as the web server sees them: with their capitals.

Windows (and a Mac) find 'images/Photo.JPG' when a post says 'images/photo.jpg'; the server the
site is published on does not, so the picture would be missing only once it is live.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def name_on_disk(root: Path, rel: str) -> str | None:
    """`rel` (a file under `root`, parts joined by '/') as it is named on disk, when that differs
    from `rel` in capitals only; None when it is named exactly so, or when there is no such file."""
    path = root / rel
    parts = rel.split("/")
    if path.is_file():
        if sys.platform != "win32":
            return None  # a file system that tells capitals apart found it as written
        found = "/".join(Path(os.path.realpath(path)).parts[-len(parts) :])  # Windows: the names on disk
        return found if found != rel and found.casefold() == rel.casefold() else None
    folder, found_parts = root, []
    for part in parts:
        try:
            names = [name for name in os.listdir(folder) if name.casefold() == part.casefold()]
        except OSError:
            return None
        if len(names) != 1:
            return None
        found_parts.append(names[0])
        folder = folder / names[0]
    return "/".join(found_parts) if folder.is_file() else None


def capitals_fix(what: str, shown_root: str, found: str) -> str:
    """The message for a file named with other capitals than the post gives."""
    return (
        f"{what}: the file is named {shown_root}/{found}; write its name with the same capital letters, "
        "as the published site tells them apart"
    )
