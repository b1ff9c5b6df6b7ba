"""Where a project's posts and the files beside them are, and how messages name a file."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path


def display(path: Path, root: Path) -> str:
    """The path as a writer sees it in the repository: 'posts/2024/x.md'."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def post_files(posts_dir: Path) -> list[Path]:
    """Markdown files under posts/, in a fixed order; a README there is for people, not a post.
    A file or folder whose name starts with '.' or '_' is left out, with all it holds."""
    return sorted(
        posts_dir / rel
        for rel, entry in _entries(posts_dir, (".", "_"))
        if fnmatch.fnmatch(entry.name, "*.md") and entry.name.lower() != "readme.md"
    )


def asset_files(posts_dir: Path) -> list[Path]:
    """Images and other files kept beside posts; they are copied into the site as they are."""
    return sorted(
        posts_dir / rel
        for rel, entry in _entries(posts_dir, (".",))
        if entry.is_file() and not entry.name.lower().endswith(".md")
    )


def _entries(folder: Path, hidden: tuple[str, ...]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Everything under `folder` ('2026/hall.png', its entry) but what is named with a `hidden`
    start and what that holds. Like Path.rglob, it lists a linked folder but does not go into it.
    os.scandir: Path.rglob made these lists a tenth of a rebuild under `mkdocs serve`."""
    folders = [("", os.fspath(folder))]
    while folders:
        prefix, path = folders.pop()
        try:
            with os.scandir(path) as found:
                entries = list(found)
        except (PermissionError, FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.name.startswith(hidden):
                continue
            yield prefix + entry.name, entry
            if entry.is_dir(follow_symlinks=False):
                folders.append((prefix + entry.name + "/", entry.path))


def asset_names(posts_dir: Path) -> list[str]:
    """asset_files by their paths in the posts folder: '2026/images/hall.png'."""
    return [path.relative_to(posts_dir).as_posix() for path in asset_files(posts_dir)]
