"""The search index's page fragments from the last index, laid out again so that Pagefind need not
compress them anew.

Pagefind names each page's fragment (its text, address and metadata) after a hash of its content,
and leaves a fragment it finds in its output folder already as it is: the same name, the same bytes.
Compressing the fragments, one after another at zlib's highest level, is about a third of its time.
So a build keeps the fragments of the index it made (`keep`, in the render cache) and lays them
into the new bundle before Pagefind starts (`lay_out`); `mkdocs serve` lays out those of the index
in the site. Afterwards `settle` removes the ones the new index does not use.

A name is only 7 hex digits, so a kept fragment could share it with a new page's different one,
and Pagefind would keep the old. `settle` catches that: each kept fragment the index uses must give
an address no other fragment gives, of a page in this site that Pagefind indexes. Otherwise the
caller makes the index again from nothing. (Index chunks are not kept: an edit to any post changes
nearly every one.)
"""

from __future__ import annotations

import json
import zlib
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote

from ..core.pictures.imaging import link
from .pagefindorder import FormatChanged, read, unpack

FRAGMENTS = "fragment"  # the bundle's folder of page fragments
# What reading a damaged or foreign fragment raises: a truncated or corrupt gzip, no signature
# (FormatChanged), bad JSON or UTF-8 (ValueError), no address.
_UNREADABLE = (OSError, EOFError, zlib.error, FormatChanged, ValueError, KeyError, TypeError)


def store_for(cache: Path | None) -> Path | None:
    """Where a build keeps the fragments: in the render cache, by Pagefind's version (another
    version may compress the same text to other bytes)."""
    if cache is None:
        return None
    try:
        return cache / f"search-{metadata.version('pagefind_bin')}"
    except metadata.PackageNotFoundError:
        return None


def lay_out(store: Path | None, bundle: Path) -> set[str]:
    """Link the fragments in `store` into `bundle`, before Pagefind writes there; their names."""
    if store is None or not store.is_dir():
        return set()
    names = {path.name for path in store.glob("*.pf_fragment")}
    for name in names:
        link(store / name, bundle / FRAGMENTS / name)
    return names


def addresses(bundle: Path, laid: set[str], site: Path) -> dict[str, str | None]:
    """Each laid-out fragment's page address, or None if it is not a page of `site` that Pagefind
    indexes. Read while Pagefind runs (it never rewrites a laid-out fragment)."""
    found: dict[str, str | None] = {}
    for name in laid:
        try:
            url = _url(bundle / FRAGMENTS / name)
        except _UNREADABLE:
            url = None
        found[name] = url if url is not None and _indexed(site, url) else None
    return found


def settle(bundle: Path, laid: dict[str, str | None], used: set[str]) -> bool:
    """Remove the laid-out fragments the new index does not use (`laid`: `addresses`; `used`:
    `used_fragments`). False if one it uses fails the check above: the bundle is then not to be used."""
    folder = bundle / FRAGMENTS
    for name in laid.keys() - used:
        (folder / name).unlink(missing_ok=True)
    kept = laid.keys() & used
    if any(laid[name] is None for name in kept):
        return False
    try:
        urls = [laid[name] if name in laid else _url(folder / name) for name in used]
    except _UNREADABLE:
        return False
    return len(set(urls)) == len(urls)


def keep(bundle: Path, store: Path | None, used: set[str]) -> None:
    """Make `store` hold the fragments this index uses (`used`), and no others."""
    if store is None:
        return
    store.mkdir(parents=True, exist_ok=True)
    for path in store.iterdir():
        if path.name not in used:
            path.unlink()
    for name in used - {path.name for path in store.iterdir()}:
        link(bundle / FRAGMENTS / name, store / name)


def used_fragments(bundle: Path) -> set[str]:
    """The fragment files the bundle's metadata lists, for every language."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    for language in entry["languages"].values():
        pages = read(bundle / f"pagefind.{language['hash']}.pf_meta")[1]  # [[fragment hash, word count], ...]
        if not all(isinstance(page, list) and page and isinstance(page[0], str) for page in pages):
            raise FormatChanged("the metadata's pages are not where they were")
        names |= {f"{page[0]}.pf_fragment" for page in pages}
    return names


def _url(path: Path) -> str:
    return json.loads(unpack(path))["url"]


def _indexed(site: Path, url: str) -> bool:
    """Whether `url` is a page of `site` that Pagefind reads the text of."""
    relative = unquote(url).lstrip("/")
    if ".." in Path(relative).parts:
        return False
    page = site / relative / "index.html" if not relative or relative.endswith("/") else site / relative
    try:
        return b"data-pagefind-body" in page.read_bytes()
    except OSError:
        return False
