"""The work on pictures, with Pillow: renditions without metadata, cropped and generated share cards.

Each function reads a source, writes its results into the cache folder under names from
images.py, and returns plain data. What is already in the cache is used as it is: its name says
what made it. Files are written aside and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import shutil
from dataclasses import asdict, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import PIL
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError, features

from . import images
from .images import Picture, Rendition

Image.MAX_IMAGE_PIXELS = 80_000_000  # a 40-megapixel phone photo is fine; a decompression bomb is not
JPEG = {"quality": 82, "optimize": True, "progressive": True}
WEBP = {"quality": 80, "method": 4}
FONT_PACKAGE = "font_source_sans_pro"  # pinned in pyproject.toml: every machine draws the same card
FONTS = {"bold": "SourceSansPro-Bold.ttf", "regular": "SourceSansPro-Regular.ttf"}


def identify(path: Path) -> tuple[str | None, int, int]:
    """The format Pillow finds in the file, and its size upright; (None, 0, 0) if unreadable.
    Reads the header only."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(0x0112) in (5, 6, 7, 8):  # EXIF orientation: turned a quarter
                width, height = height, width
            return image.format, width, height
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None, 0, 0


def decodes(path: Path) -> bool:
    """Whether the whole picture can be read, not only its header: a photo cut short by an
    interrupted copy opens, and fails only when decoded. A JPEG is decoded at an eighth of its size."""
    try:
        with Image.open(path) as image:
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            for frame in ImageSequence.Iterator(image):  # every frame of an animation
                frame.load()
        return True
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False


def made_before(path: Path, source: str, cache: Path) -> bool:
    """Whether a build made the renditions of this very file, published at `source`, already (the
    manifest is named by its content), which it could only do by reading the whole picture."""
    return manifest_path(cache / "images", picture_key(images.content_digest(path)), source).is_file()


def picture_key(content: str) -> str:
    """The key of what is made from a picture whose bytes have the digest `content`."""
    return images.digest(content, render_key())


def font_files() -> dict[str, Path]:
    folder = resources.files(FONT_PACKAGE) / "files"
    return {style: Path(str(folder / name)) for style, name in FONTS.items()}


@lru_cache(maxsize=1)
def render_key() -> str:
    """What decides the bytes made from a source besides the source itself: the widths, the
    encoders' settings, Pillow (and its codecs), the fonts and the text renderer."""
    return images.digest(
        images.VERSION,
        images.WIDTHS,
        images.FEED_WIDTH,
        JPEG,
        WEBP,
        PIL.__version__,
        features.version("freetype2"),
        features.version("webp"),
        features.version("jpg"),
        *(images.file_digest(p) for p in font_files().values()),
    )


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


def is_kept(path: Path) -> bool:
    """Whether the cache holds `path` as a build wrote it: a plain file, never a link to another
    (which could be anywhere). A file that is not is made again."""
    return path.is_file() and not path.is_symlink()


def link(source: Path, target: Path) -> None:
    """`target` becomes `source`: a hard link, or a copy on a file system without links, never a
    half-written file. For files that never change once written (their name says their content)."""
    if source.is_symlink():  # is_kept lets none through: the last guard before the site
        raise ValueError(f"{source} is a link to another file, not one a build made; delete the folder .cache")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # so nothing ever writes into a file both names share
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without links
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(source, partial)
        os.replace(partial, target)


def _encode(image: Image.Image, fmt: str, icc: bytes | None) -> bytes:
    """The image in `fmt`, with no metadata but its colour profile."""
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", **JPEG, **extra)
    elif fmt == "WEBP":
        image.save(out, "WEBP", **WEBP, **extra)
    elif fmt == "PNG":
        image.save(out, "PNG", compress_level=6, **extra)
    else:
        image.save(out, fmt)
    return out.getvalue()


def _upright(path: Path) -> tuple[Image.Image, str, bytes | None, bool]:
    """The picture turned as its EXIF orientation says, with every piece of metadata dropped."""
    with Image.open(path) as opened:
        fmt, animated = opened.format, getattr(opened, "n_frames", 1) > 1
        icc = opened.info.get("icc_profile")
        image = ImageOps.exif_transpose(opened) if not animated else opened.copy()
    image.info = {}  # EXIF (GPS, camera, author), XMP, comments: none of it is published
    if not animated and image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "transparency" in opened.info or image.mode in ("P", "PA") else "RGB")
    return image, fmt or "", icc, animated


def manifest_path(folder: Path, key: str, source: str) -> Path:
    """What was made from one file's content (`key`) for one address: the same photo at two
    addresses has two manifests, or each build would take the other's and make both again."""
    return folder / f"{images.digest(key, source)}.json"


def make_picture(path: Path, source: str, key: str, folder: Path) -> Picture:
    """Renditions of the image at `path`, published at `source` in the site, in `folder`; or the
    ones made before under `key`."""
    manifest = manifest_path(folder, key, source)
    if found := read_manifest(manifest, folder, source, key):
        return found
    image, fmt, icc, animated = _upright(path)
    width, height = image.size
    own = "PNG" if fmt == "GIF" and not animated else fmt  # a still GIF is resized as PNG

    def store(label: str, size: tuple[int, int], fmt: str, data: bytes) -> Rendition:
        path_in_site = images.rendition_path(source, key, label, fmt)
        cached = posixpath.basename(path_in_site)
        write(folder / cached, data)
        return Rendition(path_in_site, *size, fmt, cached, len(data))

    def save(label: str, picture: Image.Image, choices: tuple[str, ...]) -> Rendition:
        smallest = min(((f, _encode(picture, f, icc)) for f in choices), key=lambda e: len(e[1]))
        return store(label, picture.size, *smallest)

    if animated:  # resized frame by frame it would lose its timing: published whole, without metadata
        only = store("full", (width, height), fmt, _animation(path, fmt))
        picture = Picture(source, width, height, (only,), only, replace(only, path=source))
    else:
        renditions = tuple(save(str(w), _resized(image, w), (own, "WEBP")) for w in images.widths_for(width))
        feed = save("feed", _resized(image, min(width, images.FEED_WIDTH)), (own,))
        original = save("original", image, (fmt if fmt != "GIF" else "PNG",))
        picture = Picture(source, width, height, renditions, feed, replace(original, path=source))
    write(manifest, json.dumps(asdict(picture)).encode("utf-8"))
    return picture


def _animation(path: Path, fmt: str) -> bytes:
    """An animated GIF, WebP or PNG with every frame and its timing, in its own format, and without
    its metadata: each frame is copied bare, and only the timing is written back."""
    with Image.open(path) as opened:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(opened):
            bare = frame.copy()  # loaded: a WebP frame's duration is known only then
            durations.append(frame.info.get("duration", 100))
            bare.info = {}
            frames.append(bare)
        loop = opened.info.get("loop", 0)
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=durations, loop=loop)
    return out.getvalue()


def _resized(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    return image.resize(images.scaled(image.width, image.height, width), Image.Resampling.LANCZOS, reducing_gap=3.0)


def read_manifest(manifest: Path, folder: Path, source: str, key: str) -> Picture | None:
    """A picture made before, if its manifest is what this build would write (the cache folder may
    come from elsewhere, such as CI's cache) and every file it names is still there."""
    try:
        data = json.loads(manifest.read_bytes())
        parts = {name: Rendition(**data[name]) for name in ("feed", "original")}
        renditions = tuple(Rendition(**r) for r in data["renditions"])
        picture = Picture(data["source"], data["width"], data["height"], renditions, **parts)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    stem = f"{source.rsplit('.', 1)[0]}-"
    made = (*renditions, picture.feed)
    if (
        picture.source != source
        or picture.original.path != source
        or not all(
            r.path.startswith(stem) and f".{key}." in r.path and posixpath.basename(r.path) == r.cached for r in made
        )
        or any("/" in r.cached or r.cached.startswith(".") for r in (*made, picture.original))
    ):
        return None
    if not all(is_kept(folder / r.cached) for r in (*made, picture.original)):
        return None
    return picture
