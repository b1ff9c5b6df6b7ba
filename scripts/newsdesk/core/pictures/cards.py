"""Share cards drawn with Pillow: a post's title over its picture, or over the site's colours,
in the pinned Source Sans Pro, so every machine draws the same card."""

from __future__ import annotations

import io
import json
import os
import sys
import unicodedata
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from . import images, pngwrite
from .images import CARD_SIZE, Card
from .imaging import JPEG, font_files, is_kept, write

MARGIN, TOP = 80, 64  # where a generated card's text starts
ON_BRAND, ACCENT, ON_ACCENT = 127, 128, 255  # palette indexes: white on the brand colour, the accent, white on it
LABEL_BAND = TOP + 100  # rows: the label is drawn above, the title below
MISSING = "\uffff"  # a noncharacter: no font has it, so it shows what the font draws for a letter it lacks
# For the background processes: glibc's allocator keeps a card's large buffers (its pixels, about
# 0.75 MB) in its heap instead of mapping fresh pages for each one, which costs about 0.4 ms a card.
# Other C libraries ignore these variables.
ALLOCATOR = {"MALLOC_MMAP_THRESHOLD_": str(32 << 20), "MALLOC_TRIM_THRESHOLD_": str(64 << 20)}


def make_card(card: Card, folder: Path, source: Path | None = None) -> Path:
    """The card's file in `folder`: made now, or found from a build before."""
    path = folder / card.name
    if is_kept(path):
        return path
    if card.source is not None and source is not None:
        data = _cropped(source)
    else:
        data = _drawn(card)
    write(path, data)
    return path


def write_todo(path: Path, cards: list[tuple[Card, Path | None]]) -> None:
    """The cards for a background process to draw (`main`), as JSON: data, never code."""
    todo = [
        {"card": asdict(card), "source": None if source is None else str(source.absolute())} for card, source in cards
    ]
    path.write_text(json.dumps(todo), encoding="utf-8")


def main(todo: str, folder: str, build: str, priority: str) -> None:
    """`python -m newsdesk.core.pictures.cards TODO FOLDER BUILD PRIORITY`: a build's background
    process, which draws the cards in TODO (write_todo) into FOLDER at PRIORITY (19, the lowest,
    takes only the CPU time the build leaves idle), and stops if BUILD, the process that started it,
    has ended (stopped with Ctrl+C, say). A fresh process: it holds Pillow and this module, not the build."""
    os.nice(int(priority))
    started_by = int(build)
    for item in json.loads(Path(todo).read_text(encoding="utf-8")):
        if os.getppid() != started_by:
            return
        make_card(Card(**item["card"]), Path(folder), None if item["source"] is None else Path(item["source"]))


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


@lru_cache(maxsize=8192)
def _width(font: ImageFont.FreeTypeFont, text: str) -> float:
    return font.getlength(text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words on lines no wider than `width`; a word too long for a line is cut between letters.

    Each word is measured once, for every card a process draws: a line is as wide as its words and
    spaces added up, exactly, since the card fonts kern no letter against a space (a test holds
    every letter they draw to that)."""
    space = _width(font, " ")
    lines: list[str] = []
    widths: list[float] = []

    def place(word: str, word_width: float) -> None:
        if lines and widths[-1] + space + word_width <= width:
            lines[-1] += f" {word}"
            widths[-1] += space + word_width
        else:
            lines.append(word)
            widths.append(word_width)

    for word in text.split():
        while _width(font, word) > width:  # a very long word, or a language without spaces
            cut = next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width or i == 1)
            place(word[:cut], font.getlength(word[:cut]))
            word = word[cut:]
        if word:
            place(word, _width(font, word))
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


def _draw_label(draw: ImageDraw.ImageDraw, label: str) -> None:
    """The type label's box and text, at the top left (indexes as in `_drawn`)."""
    font = _font("bold", 30)
    box = draw.textbbox((MARGIN + 20, TOP + 10), label, font=font)
    draw.rectangle((MARGIN, TOP, box[2] + 20, TOP + 58), fill=ACCENT)
    draw.text((MARGIN + 20, TOP + 10), label, font=font, fill=ON_ACCENT)


@lru_cache(maxsize=16)
def _label_band(label: str) -> Image.Image | None:
    """The card's top 164 rows with the label drawn, as `_drawn` would draw them: drawn once for
    all the cards of a type. None if the label reaches below (a taller script): drawn each time."""
    band = Image.new("P", (CARD_SIZE[0], LABEL_BAND), 0)
    draw = ImageDraw.Draw(band)
    draw.fontmode = "L"
    if draw.textbbox((MARGIN + 20, TOP + 10), label, font=_font("bold", 30))[3] > LABEL_BAND:
        return None
    _draw_label(draw, label)
    return band


def _drawn(card: Card) -> bytes:
    """A generated card: a type label, the title, and the organisation and date, on the brand band.

    Text the font cannot draw is left out (`drawable`): a title mostly in another script gives way
    to the organisation's name (the card's alt text still gives the title).

    Drawn as palette indexes that work like grey levels: 0-127 run from the brand colour to white,
    128-255 from the accent colour to white, so anti-aliased white text blends into either
    background, and the PNG, one byte a pixel with long runs, is quick to write (about 2.6 ms a
    card in all in a background process; a build makes one per post)."""
    width, height = CARD_SIZE
    margin, on_brand, accent = MARGIN, ON_BRAND, ACCENT
    image = Image.new("P", CARD_SIZE, 0)
    image.putpalette(_palette(card.accent))
    draw = ImageDraw.Draw(image)
    draw.fontmode = "L"  # anti-aliased: a pixel's index is blended like a grey level, along one ramp
    draw.rectangle((0, height - 16, width, height), fill=accent)
    title, label, organisation = drawable(card.title), drawable(card.label), drawable(card.organisation, "regular")
    if not title:
        title, organisation = drawable(organisation), ""
    y = TOP
    if label:
        band = _label_band(label.upper())
        if band is not None:
            image.paste(band, (0, 0))
        else:
            _draw_label(draw, label.upper())
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
    return pngwrite.png(image)  # most rows are one colour: written once, reused (pngwrite.py)


if __name__ == "__main__":
    main(*sys.argv[1:])
