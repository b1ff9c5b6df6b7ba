"""Where a project's posts and the files beside them are, and how messages name a file."""

from __future__ import annotations

from pathlib import Path


def display(path: Path, root: Path) -> str:
    """The path as a writer sees it in the repository: 'posts/2024/x.md'."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def post_files(posts_dir: Path) -> list[Path]:
    """Markdown files under posts/, in a fixed order; a README there is for people, not a post."""
    return sorted(
        path
        for path in posts_dir.rglob("*.md")
        if path.name.lower() != "readme.md"
        and not any(part.startswith((".", "_")) for part in path.relative_to(posts_dir).parts)
    )


def asset_files(posts_dir: Path) -> list[Path]:
    """Images and other files kept beside posts; they are copied into the site as they are."""
    return sorted(
        path
        for path in posts_dir.rglob("*")
        if path.is_file()
        and path.suffix.lower() != ".md"
        and not any(part.startswith(".") for part in path.relative_to(posts_dir).parts)
    )


def asset_names(posts_dir: Path) -> list[str]:
    """asset_files by their paths in the posts folder: '2026/images/hall.png'."""
    return [path.relative_to(posts_dir).as_posix() for path in asset_files(posts_dir)]
