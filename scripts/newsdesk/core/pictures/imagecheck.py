"""Checking an image a post shows before anything is built: a type browsers show, content that is
what its name says, and a file that can be read to its end. Reads each version of a file once, and
reads a whole picture only when the render cache shows no build made it before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Post, Problem, Settings
from ..publishing.outputs import docs_outputs
from ..reading.links import resolve
from .images import content_problem, damaged_problem, format_problem, is_raster, pictures_of, size_warning
from .imaging import decodes, identify, made_before

_seen: dict[tuple[Path, int, int], str | None] = {}  # (path, size, mtime) -> the format found
_whole: dict[tuple[Path, int, int], bool] = {}  # (path, size, mtime) -> the whole picture can be read


def image_problems(
    what: str, written: str, path: Path, in_front_matter: bool, source: str = "", cache: Path | None = None
) -> Iterator[str]:
    """Each thing to fix about the image at `path`, written as `written`, named in messages by `what`.
    The whole picture is read once, unless a build with the render cache `cache` made it already
    for its address in the site, `source`."""
    if problem := format_problem(what, written, in_front_matter):
        yield problem
        return
    if not is_raster(written):
        return
    stat = path.stat()
    state = (path, stat.st_size, stat.st_mtime_ns)
    if state not in _seen:
        _seen[state] = identify(path)[0]
    if problem := content_problem(what, _seen[state]):
        yield problem
        return
    if state not in _whole:
        _whole[state] = (cache is not None and made_before(path, source, cache)) or decodes(path)
    if not _whole[state]:
        yield damaged_problem(what)


def image_warnings(posts: list[Post], settings: Settings, limit_mb: float) -> list[Problem]:
    """A warning for each image a post shows whose file is over `limit_mb` megabytes."""
    found = []
    for post in posts:
        for source in pictures_of(post):
            path = settings.posts_dir / source
            if path.is_file() and (message := size_warning(f"image 'posts/{source}'", path.stat().st_size, limit_mb)):
                found.append(
                    Problem(
                        post.source,
                        "image" if post.image and resolve(post.rel, post.image) == source else "body",
                        message,
                    )
                )
    return sorted(found)


def docs_picture_problems(docs_dir: Path | None, cache: Path | None = None) -> list[Problem]:
    """Each picture file in docs/ that is not what its name says. The build publishes every one
    without its metadata, which it can only do for a picture it can read."""
    found = []
    for dest, source in docs_outputs(docs_dir).items():
        if docs_dir and is_raster(dest):
            found += [
                Problem(source, "file", message)
                for message in image_problems("the file", dest, docs_dir / dest, False, dest, cache)
            ]
    return found
