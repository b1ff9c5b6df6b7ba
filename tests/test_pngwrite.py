"""The share cards' PNG writer (core/pictures/pngwrite.py): every file it writes is a valid PNG
(each chunk's CRC, zlib's own checksum over the pixels) of exactly the image it was given."""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image

from newsdesk.core.pictures import cards, images, pngwrite


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The file's chunks, each CRC checked, as a strict decoder reads them."""
    assert data.startswith(pngwrite.SIGNATURE)
    found, at = [], len(pngwrite.SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        found.append((kind, body))
        at += 12 + length
    return found


def check(image: Image.Image) -> bytes:
    """Write `image`; assert the file holds exactly its rows, its palette and nothing else."""
    data = pngwrite.png(image)
    found = chunks(data)
    assert [kind for kind, _ in found] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    width, height = image.size
    assert found[0][1] == struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    assert found[1][1] == bytes(image.getpalette())
    raw = image.tobytes()
    rows = b"".join(b"\0" + raw[y * width : (y + 1) * width] for y in range(height))
    assert zlib.decompress(found[2][1]) == rows  # zlib checks the Adler-32 and the end of the stream
    with Image.open(io.BytesIO(data)) as opened:  # and Pillow reads it as the same picture
        assert opened.mode == "P" and opened.tobytes() == raw and opened.getpalette() == image.getpalette()
    return data


def palette_image(rows: list[bytes], width: int) -> Image.Image:
    image = Image.frombytes("P", (width, len(rows)), b"".join(rows))
    image.putpalette([value % 256 for value in range(768)])
    return image


@pytest.mark.parametrize("seed", range(12))
def test_any_mix_of_plain_and_busy_rows_is_written_exactly(seed):
    rng = random.Random(seed)
    width = rng.choice([1, 2, 7, 64, 1200])
    rows = []
    for _ in range(rng.randint(1, 40)):
        kind = rng.random()
        count = rng.randint(1, 30)
        if kind < 0.4:  # plain rows, of one index or another
            rows += [bytes([rng.choice([0, 128, 255])]) * width] * count
        elif kind < 0.7:  # rows that are plain but for one pixel, at the start or the end
            row = bytearray([0]) * width
            row[rng.choice([0, width - 1])] = rng.randint(1, 255)
            rows += [bytes(row)] * count
        else:
            rows += [bytes(rng.randint(0, 255) for _ in range(width)) for _ in range(count)]
    check(palette_image(rows, width))


def test_one_row_and_all_plain_images():
    check(palette_image([b"\x05" * 30], 30))
    check(palette_image([b"\x00" * 30] * 500, 30))
    check(palette_image([bytes(range(30))], 30))


def test_cards_are_written_exactly_and_plain_rows_once_compressed_are_reused(monkeypatch):
    drawn = []
    monkeypatch.setattr(pngwrite, "png", lambda image: drawn.append(image.copy()) or b"")
    titles = ["Ångström week: pupils weigh the sky", "A", "Пресс-релиз о школах " * 8, "Holiday clubs open"]
    for title in titles:
        for label in ("Press release", ""):
            cards._drawn(images.Card("assets/cards/x.png", "", title, label, "3 March 2025", "The council"))
    monkeypatch.undo()
    pngwrite._plain_rows.cache_clear()
    for image in drawn:
        check(image)
    assert pngwrite._plain_rows.cache_info().hits > 0


def test_only_palette_images():
    with pytest.raises(ValueError, match="palette images, not RGB"):
        pngwrite.png(Image.new("RGB", (4, 4)))


@pytest.mark.parametrize("seed", range(5))
def test_checksums_of_two_pieces_combine_as_zlib_computes_the_whole(seed):
    rng = random.Random(seed)
    first, second = rng.randbytes(rng.randint(0, 70000)), rng.randbytes(rng.randint(0, 70000))
    combined = pngwrite._adler_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)
