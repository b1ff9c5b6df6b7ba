"""The last search index, kept in the render cache: taken whole when the pages are the same, else
its page fragments laid out again so that Pagefind need not compress them anew.

A build whose pages Pagefind reads are byte for byte those of the last index (a push that changes
only code or the README, a build run again) takes that index as it is (`take`): Pagefind makes
the same index from the same pages (`input_key` says what it reads), so it is stopped.

Pagefind names each page's fragment (its text, address and metadata) after a hash of its content,
and leaves a fragment it finds in its output folder already as it is: the same name, the same bytes.
Compressing the fragments, one after another at zlib's highest level, is about a third of its time.
So a build keeps the index it made (`keep`, in the render cache, as links) and lays its fragments
into the new bundle before Pagefind starts (`lay_out`); `mkdocs serve` lays out those of the index
in the site. Afterwards `settle` removes the ones the new index does not use.

A name is only 7 hex digits, so a kept fragment could share it with a new page's different one,
and Pagefind would keep the old. `settle` catches that: each kept fragment the index uses must give
an address no other fragment gives, of a page in this site that Pagefind indexes. Otherwise the
caller makes the index again from nothing. (Index chunks are not kept: an edit to any post changes
nearly every one.)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote

from ..core.pages.search import BUNDLE, pagefind_args
from ..core.pictures.imaging import is_kept, link, write
from .pagefindorder import FormatChanged, read, unpack

FRAGMENTS = "fragment"  # the bundle's folder of page fragments
KEPT, RECORD = "bundle", "input.json"  # in the store: the last index, and what it was made from
# Pagefind's own configuration: files it reads from the folder it runs in, and its variables.
CONFIG_FILES = ("pagefind.json", "pagefind.yml", "pagefind.yaml", "pagefind.toml")
CONFIG_VARIABLES = "PAGEFIND_"
# What reading a damaged or foreign fragment raises: a truncated or corrupt gzip, no signature
# (FormatChanged), bad JSON or UTF-8 (ValueError), no address.
_UNREADABLE = (OSError, EOFError, zlib.error, FormatChanged, ValueError, KeyError, TypeError)


def store_for(cache: Path | None) -> Path | None:
    """Where a build keeps its index: in the render cache, by Pagefind's version (another
    version may compress the same text to other bytes)."""
    if cache is None:
        return None
    try:
        return cache / f"search-{metadata.version('pagefind_bin')}"
    except metadata.PackageNotFoundError:
        return None


def kept_fragments(store: Path | None) -> Path | None:
    return None if store is None else store / KEPT / FRAGMENTS


def lay_out(fragments: Path | None, bundle: Path) -> set[str]:
    """Link the fragments in the folder `fragments` into `bundle`, before Pagefind writes there; their names."""
    if fragments is None or not fragments.is_dir():
        return set()
    names = {path.name for path in fragments.glob("*.pf_fragment") if is_kept(path)}
    for name in names:
        link(fragments / name, bundle / FRAGMENTS / name)
    return names


def input_key(site: Path, executable: str, glob: str) -> str:
    """What Pagefind makes the site's index from: its executable (the file itself), its arguments
    (but the site's path), its configuration files here and variables, and every page it can
    read, by path and content. index_glob matches HTML files only, so every HTML file outside
    the index is read: a page outside the glob can only make the key change more often."""
    found = os.stat(executable)
    config = {name: Path(name).read_bytes().decode("latin-1") for name in CONFIG_FILES if Path(name).is_file()}
    variables = sorted((name, value) for name, value in os.environ.items() if name.startswith(CONFIG_VARIABLES))
    about = [executable, found.st_size, found.st_mtime_ns, pagefind_args(".", glob), config, variables]
    digest = hashlib.blake2b(json.dumps(about).encode("utf-8"), digest_size=20)
    for relative, path in _files(site, skip=BUNDLE, suffix=".html"):
        data = path.read_bytes()
        digest.update(f"\0{relative}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def take(store: Path | None, bundle: Path, key: str, *, before: Callable[[], object]) -> bool:
    """Link the kept index into `bundle` (in place of what is there, once `before` is called) if it
    was made from `key` and is whole (every file there, plain, at its size); whether it was."""
    if store is None:
        return False
    try:
        record = json.loads((store / RECORD).read_text(encoding="utf-8"))
        files = record["files"]
        if any(name.startswith("/") or ".." in name.split("/") for name in files):
            return False  # never linked to outside the bundle, whatever the record says
        if record["key"] != key or not all(_kept(store / KEPT / name, size) for name, size in files.items()):
            return False
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # none kept, or a damaged record
        return False
    before()
    shutil.rmtree(bundle, ignore_errors=True)
    for name in files:
        link(store / KEPT / name, bundle / name)
    return True


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


def keep(bundle: Path, store: Path | None, key: str | None) -> None:
    """Make `store` hold this index (links to its files, no others) and the `key` it was made from."""
    if store is None or key is None:
        return
    store.mkdir(parents=True, exist_ok=True)
    (store / RECORD).unlink(missing_ok=True)  # first: an index being changed is never taken
    for path in store.iterdir():  # what an older layout kept (the fragments alone)
        if path.is_dir() and path.name != KEPT:
            shutil.rmtree(path)
        elif path.is_file():
            path.unlink()
    files = dict(_files(bundle))
    for relative, path in _files(store / KEPT):
        if relative not in files:
            path.unlink()
    sizes = {}
    for relative, path in files.items():
        target = store / KEPT / relative
        if not (target.is_file() and os.path.samefile(path, target)):
            link(path, target)
        sizes[relative] = path.stat().st_size
    write(store / RECORD, json.dumps({"key": key, "files": sizes}).encode("utf-8"))


def _kept(path: Path, size: int) -> bool:
    """A file of the kept index as the build wrote it (imaging.is_kept), of `size` bytes."""
    return is_kept(path) and path.stat().st_size == size


def _files(root: Path, skip: str = "", suffix: str = "") -> list[tuple[str, Path]]:
    """Every file under `root` whose name ends with `suffix` (but in its folder `skip`), by its
    path from there, in a fixed order."""
    found, top = [], os.fspath(root)
    for folder, folders, names in os.walk(top):
        if folder == top and skip in folders:
            folders.remove(skip)
        folders.sort()
        at = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if at == "." else f"{at}/"
        found += [(prefix + name, Path(folder, name)) for name in sorted(names) if name.endswith(suffix)]
    return found


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
