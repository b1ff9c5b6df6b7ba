"""Puts Pagefind's filter files in a fixed order, so that two builds of the same posts are identical.

Pagefind 1.5 writes each filter's values (tags, years, types) in hash-map order, which changes from
run to run; the file's name is a hash of its content, the metadata file lists those names, and
pagefind-entry.json names the metadata file. This rewrites the filter files with their values
sorted, names them by their content, and updates the two files that point at them. What a search
finds is unchanged. It reads Pagefind's private file format, so it checks the version it was
written for and stops with a clear message on another.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

WRITTEN_FOR = "1.5.2"
SIGNATURE = b"pagefind_dcd"


class FormatChanged(Exception):
    pass


# ---- the little of CBOR that these files use: unsigned integers, text, byte strings, arrays ----
def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise FormatChanged(f"number too large: {value}")


def encode(item) -> bytes:
    if isinstance(item, bool) or item is None:
        raise FormatChanged(f"unexpected value {item!r}")
    if isinstance(item, int):
        return _head(0, item)
    if isinstance(item, str):
        data = item.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, list):
        return _head(4, len(item)) + b"".join(encode(part) for part in item)
    raise FormatChanged(f"unexpected value {item!r}")


def decode(data: bytes, at: int = 0):
    """(item, position after it)."""
    first = data[at]
    major, extra = first >> 5, first & 31
    at += 1
    if extra < 24:
        value = extra
    elif extra in (24, 25, 26, 27):
        size = 1 << (extra - 24)
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise FormatChanged(f"unexpected CBOR byte {first:#x}")
    if major == 0:
        return value, at
    if major in (2, 3):
        raw = data[at : at + value]
        return (raw.decode("utf-8") if major == 3 else bytes(raw)), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise FormatChanged(f"unexpected CBOR type {major}")


def unpack(path: Path) -> bytes:
    """A Pagefind file's content after its signature (the files are gzip, then the signature)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise FormatChanged(f"{path.name} has no Pagefind signature")
    return data[len(SIGNATURE) :]


def read(path: Path):
    """A Pagefind file of CBOR: the metadata, a filter."""
    data = unpack(path)
    item, end = decode(data)
    if end != len(data):
        raise FormatChanged(f"{path.name} has data after its content")
    return item


def _write(path: Path, item) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + encode(item), compresslevel=6, mtime=0))


def _digest(item, length: int) -> str:
    return hashlib.sha256(encode(item)).hexdigest()[:length]


def fix_order(bundle: Path) -> None:
    """Rewrite the filter files of the Pagefind bundle in `bundle` in sorted order, renamed to match."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if entry.get("version") != WRITTEN_FOR:
        raise FormatChanged(
            f"this index was made by Pagefind {entry.get('version')}, and newsdesk's "
            f"mkdocs/pagefindorder.py reads the files of Pagefind {WRITTEN_FOR}; check the "
            "new format and update it, with its test"
        )
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = read(meta_path)
        filters = meta[3]  # [[name, file hash], ...]
        if not (isinstance(filters, list) and all(isinstance(f, list) and len(f) == 2 for f in filters)):
            raise FormatChanged(f"{meta_path.name}: filters are not where they were")
        for pair in filters:
            old = bundle / "filter" / f"{pair[1]}.pf_filter"
            name, values = read(old)
            values = sorted(values, key=lambda value: value[0])
            prefix = pair[1].rsplit("_", 1)[0]
            pair[1] = f"{prefix}_{_digest([name, values], 7)}"
            old.unlink()
            _write(bundle / "filter" / f"{pair[1]}.pf_filter", [name, values])
        filters.sort(key=lambda pair: pair[0])
        meta[4].sort(key=lambda pair: pair[0])  # sort keys: [[name, page order], ...]
        prefix = language["hash"].rsplit("_", 1)[0]
        language["hash"] = f"{prefix}_{_digest(meta, 10)}"
        meta_path.unlink()
        _write(bundle / f"pagefind.{language['hash']}.pf_meta", meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
