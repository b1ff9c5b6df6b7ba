"""Which files under posts/ are posts and which are files beside them: the lists every build and
`newsdesk check` start from (core/reading/sources.py), walked with os.scandir for speed and held
here to what Path.rglob found before, on a folder with every awkward kind of entry."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from newsdesk.core.reading.sources import asset_files, post_files


def rglob_posts(posts_dir: Path) -> list[Path]:  # the lists as Path.rglob made them
    return sorted(
        path
        for path in posts_dir.rglob("*.md")
        if path.name.lower() != "readme.md"
        and not any(part.startswith((".", "_")) for part in path.relative_to(posts_dir).parts)
    )


def rglob_assets(posts_dir: Path) -> list[Path]:
    return sorted(
        path
        for path in posts_dir.rglob("*")
        if path.is_file()
        and path.suffix.lower() != ".md"
        and not any(part.startswith(".") for part in path.relative_to(posts_dir).parts)
    )


def write(path: Path, text: str = "x") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    posts = tmp_path / "posts"
    for rel in [
        "2026/2026-01-05-new-term.md",
        "2026/2026-02-01-half-term.md",
        "2026/Shouting.MD",  # not a post on Linux (the pattern is case-sensitive there), nor a file to copy
        "2026/_unfinished.md",
        "2026/.hidden-note.md",
        "2026/images/hall.png",
        "2026/images/.DS_Store",
        "2026/files/minutes.pdf",
        "_drafts/2026-03-01-idea.md",
        "_drafts/sketch.png",  # beside posts in a folder posts leave out: still a file to copy
        ".git/HEAD",
        ".git/notes.md",
        "README.md",
        "2025/readme.MD",
        "2025/2025-12-01-winter.md",
        "2025/odd.md/inside.md",  # a folder named like a post
        "2025/école/2025-09-01-rentrée.md",  # another script
    ]:
        write(posts / rel)
    outside = tmp_path / "elsewhere"
    write(outside / "linked.md")
    write(outside / "linked.png")
    if sys.platform != "win32":
        os.symlink(outside, posts / "2025" / "linked-folder")
        os.symlink(outside / "linked.md", posts / "2025" / "linked-file.md")
    return posts


def test_posts_are_the_markdown_files_rglob_found(awkward: Path) -> None:
    found = post_files(awkward)
    assert found == rglob_posts(awkward)
    names = {path.relative_to(awkward).as_posix() for path in found}
    assert {"2026/2026-01-05-new-term.md", "2025/école/2025-09-01-rentrée.md", "2025/odd.md/inside.md"} <= names
    assert not names & {"README.md", "2025/readme.MD", "2026/_unfinished.md", "_drafts/2026-03-01-idea.md"}
    assert not any(name.startswith(".") or "/." in name for name in names)


def test_files_beside_posts_are_what_rglob_found(awkward: Path) -> None:
    found = asset_files(awkward)
    assert found == rglob_assets(awkward)
    names = {path.relative_to(awkward).as_posix() for path in found}
    assert {"2026/images/hall.png", "2026/files/minutes.pdf", "_drafts/sketch.png"} <= names
    assert "2026/images/.DS_Store" not in names and ".git/HEAD" not in names


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights a Windows account rarely has")
def test_a_linked_folder_is_listed_but_not_entered(awkward: Path) -> None:
    posts = {path.relative_to(awkward).as_posix() for path in post_files(awkward)}
    assert "2025/linked-file.md" in posts  # a linked file is listed: reading it is where a link outside is refused
    assert not any(name.startswith("2025/linked-folder/") for name in posts)


def test_a_missing_or_unreadable_folder_lists_nothing(tmp_path: Path) -> None:
    assert post_files(tmp_path / "nowhere") == [] == asset_files(tmp_path / "nowhere")
