"""The pictures an old page used, copied from beside the saved page into images/ beside its post."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ...mkdocs.project import Project
from .shape import Draft


def save_images(draft: Draft, source: Path, path: Path, project: Project, copied: list[Path]) -> str:
    """Copy each image the page used from beside the saved page into images/ beside the post."""
    body = draft.body
    folder = path.parent / "images"
    for name, address in draft.images.items():
        found = (
            None
            if urlsplit(address).scheme or address.startswith("/")
            else source.parent / unquote(urlsplit(address).path)
        )
        target = free_name(folder / name, found)
        if target.name != name:
            body = body.replace(f"](images/{name}", f"](images/{target.name}")
        if found and found.is_file():
            if not target.exists():
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(found, target)
                copied.append(target)
        else:
            draft.notes.append(
                f"image '{address}' was not found beside {source.name}; save it there and import the page again"
            )
    return body


def free_name(target: Path, found: Path | None) -> Path:
    """The image's name beside the post, or name-2, -3 ... if another picture already has it."""
    number, candidate = 1, target
    while candidate.exists() and not (found and found.is_file() and candidate.read_bytes() == found.read_bytes()):
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
    return candidate
