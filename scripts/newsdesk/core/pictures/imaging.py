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
import unicodedata
from dataclasses import asdict, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import PIL
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps, ImageSequence, UnidentifiedImageError, features

from . import images
from .images import CARD_SIZE, Card, Picture, Rendition

Image.MAX_IMAGE_PIXELS = 80_000_000  # a 40-megapixel phone photo is fine; a decompression bomb is not
JPEG = {"quality": 82, "optimize": True, "progressive": True}
WEBP = {"quality": 80, "method": 4}
FONT_PACKAGE = "font_source_sans_pro"  # pinned in pyproject.toml: every machine draws the same card
FONTS = {"bold": "SourceSansPro-Bold.ttf", "regular": "SourceSansPro-Regular.ttf"}
MISSING = "\uffff"  # a noncharacter: no font has it, so it shows what the font draws for a letter it lacks


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


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


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
        _write(folder / cached, data)
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
    _write(manifest, json.dumps(asdict(picture)).encode("utf-8"))
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
    if not all((folder / r.cached).is_file() for r in (*made, picture.original)):
        return None
    return picture


def make_card(card: Card, folder: Path, source: Path | None = None) -> Path:
    """The card's file in `folder`: made now, or found from a build before."""
    path = folder / card.name
    if path.is_file():
        return path
    if card.source is not None and source is not None:
        data = _cropped(source)
    else:
        data = _drawn(card)
    _write(path, data)
    return path


def _cropped(source: Path) -> bytes:
    """The post's picture, upright, without metadata, cut to fill 1200 x 630 (a little above the middle,
    where faces usually are)."""
    with Image.open(source) as opened:
        opened.draft("RGB", (CARD_SIZE[0] * 2, CARD_SIZE[1] * 2))  # JPEG: decode at a smaller scale, much faster
        image = ImageOps.exif_transpose(opened)
    if image.mode in ("RGBA", "LA", "PA", "P"):
        image = image.convert("RGBA")
        backed = Image.new("RGBA", image.size, "white")
        backed.alpha_composite(image)
        image = backed
    image = ImageOps.fit(image.convert("RGB"), CARD_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    out = io.BytesIO()
    image.save(out, "JPEG", **JPEG)
    return out.getvalue()


@lru_cache(maxsize=8)
def _font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_files()[style]), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def _drawing(style: str, text: str) -> tuple[tuple[float, float, float, float], bytes]:
    font = _font(style, 32)
    box = font.getbbox(text)
    image = Image.new("L", (max(int(box[2]), 1), max(int(box[3]), 1)))
    ImageDraw.Draw(image).text((0, 0), text, font=font, fill=255)
    return box, image.tobytes()


def _has(style: str, letter: str) -> bool:
    return letter.isspace() or _drawing(style, letter) != _drawing(style, MISSING)


def drawable(text: str, style: str = "bold") -> str:
    """`text` as the card's font can draw it, or '' if it cannot draw most of it. Source Sans covers
    Latin, Greek and Cyrillic; Arabic, Chinese or Gurmukhi letters would come out as empty boxes.
    Invisible characters (a zero-width space) go, and so do a few letters the font lacks (an emoji),
    as long as they are at most a fifth of the text."""
    text = "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) != "Cf")
    letters = [c for c in text if not c.isspace()]
    missing = {c for c in set(letters) if not _has(style, c)}
    if not missing:
        return text
    if 5 * sum(c in missing for c in letters) > len(letters):
        return ""
    return " ".join("".join(c for c in text if c not in missing).split())


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words on lines no wider than `width`; a word too long for a line is cut between letters."""
    lines: list[str] = []
    for word in text.split():
        while font.getlength(word) > width:  # a very long word, or a language without spaces
            cut = next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width or i == 1)
            if lines and font.getlength(f"{lines[-1]} {word[:cut]}") <= width:
                lines[-1] += f" {word[:cut]}"
            else:
                lines.append(word[:cut])
            word = word[cut:]
        if not word:
            continue
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest title size at which it fits in four lines; cut with '…' if even the smallest does not."""
    for size in (72, 64, 56, 48):
        font = _font("bold", size)
        lines = wrap(title, font, width)
        if len(lines) <= 4:
            return font, lines, size
    lines = lines[:4]
    while lines[-1] and font.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] = lines[-1].rstrip(" ,;:.-") + "…"
    return font, lines, size


@lru_cache(maxsize=8)
def _palette(accent: str) -> tuple[int, ...]:
    return tuple(_ramp(images.BRAND, images.BRAND_TEXT, 128) + _ramp(accent, images.BRAND_TEXT, 128))


def _ramp(start: str, end: str, steps: int) -> list[int]:
    """`steps` colours from `start` to `end`, as a flat RGB palette."""
    a, b = ImageColor.getrgb(start), ImageColor.getrgb(end)
    return [round(a[c] + (b[c] - a[c]) * i / (steps - 1)) for i in range(steps) for c in range(3)]


def _drawn(card: Card) -> bytes:
    """A generated card: a type label, the title, and the organisation and date, on the brand band.

    Text the font cannot draw is left out (`drawable`): a title mostly in another script gives way
    to the organisation's name (the card's alt text still gives the title).

    Drawn as palette indexes that work like grey levels: 0-127 run from the brand colour to white,
    128-255 from the accent colour to white, so anti-aliased white text blends into either
    background, and the PNG, one byte a pixel with long runs, is quick to write (about 3 ms a
    card; a build makes one per post)."""
    width, height = CARD_SIZE
    margin, on_brand, accent, on_accent = 80, 127, 128, 255
    image = Image.new("P", CARD_SIZE, 0)
    image.putpalette(_palette(card.accent))
    draw = ImageDraw.Draw(image)
    draw.fontmode = "L"  # anti-aliased: a pixel's index is blended like a grey level, along one ramp
    draw.rectangle((0, height - 16, width, height), fill=accent)
    title, label, organisation = drawable(card.title), drawable(card.label), drawable(card.organisation, "regular")
    if not title:
        title, organisation = drawable(organisation), ""
    y = 64
    if label:
        font = _font("bold", 30)
        box = draw.textbbox((margin + 20, y + 10), label.upper(), font=font)
        draw.rectangle((margin, y, box[2] + 20, y + 58), fill=accent)
        draw.text((margin + 20, y + 10), label.upper(), font=font, fill=on_accent)
        y += 100
    if title:
        font, lines, size = _title_lines(title, width - 2 * margin)
        for line in lines:
            draw.text((margin, y), line, font=font, fill=on_brand)
            y += round(size * 1.2)
    footer = " · ".join(part for part in (organisation if organisation != title else "", card.date) if part)
    if footer:
        small = _font("regular", 32)
        draw.text(
            (margin, height - 16 - 40 - 32), wrap(footer, small, width - 2 * margin)[0], font=small, fill=on_brand
        )
    out = io.BytesIO()
    # zlib's Z_RLE: long runs of one colour. (A hand-written writer that reuses the plain rows
    # between cards was measured slower than Pillow's C encoder.)
    image.save(out, "PNG", compress_level=6, compress_type=3)
    return out.getvalue()
