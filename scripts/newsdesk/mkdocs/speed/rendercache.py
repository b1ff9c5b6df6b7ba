"""The render cache: each post's converted Markdown (a `Rendered`: what Page.render sets, which
prerender.py gives a page), kept in `.cache/newsdesk/` from one build to the next.

An entry is found by everything its conversion read: the Markdown itself, the page's address, the
Markdown settings in mkdocs.yml and the version of every installed package (extensions included).
It also records each file the conversion looked up (a link's target) and the address it found, and
is used only while every one of those files still has that address. So an entry cannot go stale,
and deleting the folder only means the next build converts every post again.

Extensions that read other files while converting (snippets, includes) would make that untrue: with
one of them configured, the cache is not used.

The file is JSON, one entry a line: reading it can never run code, as reading a pickle can.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import sys
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

READS_FILES = ("pymdownx.snippets", "markdown_include.include", "mdx_include")
FORMAT = 3  # bump when what an entry holds changes


class RecordingFiles:
    """MkDocs' Files, noting each lookup a conversion makes and what it found. A conversion that
    uses Files any other way depends on more than it can note: `looked_up` is then None."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.looked_up: dict[str, tuple[str, str] | None] | None = {}

    def get_file_from_path(self, path: str):
        found = self.files.get_file_from_path(path)
        if self.looked_up is not None:
            self.looked_up[path] = _address(found)
        return found

    def __getattr__(self, name: str):
        self.looked_up = None
        return getattr(self.files, name)


@dataclasses.dataclass
class Rendered:
    fingerprint: bytes  # of the Markdown that was converted
    content: str
    toc: object
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: list[tuple[str, int, str]]  # warnings MkDocs logged while converting, to log again

    def apply(self, page: Page, files: Files) -> None:
        """Give `page` what Page.render would have set, and log what it would have logged.

        Page.render also notes the first heading as a title; a post's title is always in its
        metadata (plugin.on_page_read_source), which wins, so that is not needed."""
        page.content, page.toc = self.content, self.toc
        page.present_anchor_ids = self.anchors
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): links for uri, links in self.links_to_anchors.items()
            }
        for name, level, message in self.records:
            logging.getLogger(name).log(level, message)


def _address(file) -> tuple[str, str] | None:
    return None if file is None else (file.url, file.inclusion.name)


def settings_digest(config: MkDocsConfig) -> bytes | None:
    """What, besides a page's Markdown, decides its HTML; None if the cache must not be used."""
    extensions = [str(name) for name in config["markdown_extensions"]]
    if any(name in READS_FILES for name in extensions):
        return None
    parts = (
        FORMAT,
        sys.version,
        _packages(),
        extensions,
        config["mdx_configs"],
        config["use_directory_urls"],
        dict(config["validation"]),
    )
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


@functools.cache
def _packages() -> list[tuple[str, str]]:
    """The installed packages' versions, read once a process: the ones it imported stay loaded."""
    return sorted((dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions())


def render_cache(
    config: MkDocsConfig, root: Path, cache_dir: str, kept: RenderCache | None = None
) -> RenderCache | None:
    """The render cache: `cache_dir`, beside mkdocs.yml, or None without one; `kept` (the last
    rebuild's, under `mkdocs serve`) when it is the same file and settings, so as not to read it again.
    No compiled templates are kept there: Jinja's bytecode cache is code that runs when loaded, and
    the cache is restored in CI."""
    settings = settings_digest(config) if cache_dir else None
    if not settings:
        return None
    path = root / cache_dir / "render.jsonl"
    if kept is not None and kept.path == path and kept.settings == settings:
        return kept
    return RenderCache(path, settings)


class RenderCache:
    """Entries by key; `used` are the ones this build read or added, the only ones saved."""

    def __init__(self, path: Path, settings: bytes) -> None:
        self.path, self.settings = path, settings
        self.entries: dict[bytes, tuple[dict, object]] = {}
        self.used: set[bytes] = set()
        self.changed = False  # since read or saved
        self.written = False  # by this object
        try:
            with open(path, encoding="utf-8") as stream:
                if json.loads(stream.readline()) == settings.hex():
                    for line in stream:
                        key, looked_up, rendered = json.loads(line)
                        self.entries[bytes.fromhex(key)] = (
                            {k: tuple(v) if v else None for k, v in looked_up.items()},
                            _decode(rendered),
                        )
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}  # no cache yet, or an unreadable one: convert everything

    @staticmethod
    def key(src_uri: str, url: str, fingerprint: bytes) -> bytes:
        return hashlib.blake2b(repr((src_uri, url, fingerprint)).encode("utf-8"), digest_size=16).digest()

    def get(self, key: bytes, files: Files):
        """The stored result for `key`, if every file its conversion looked up is where it was."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        looked_up, rendered = entry
        if any(_address(files.get_file_from_path(path)) != found for path, found in looked_up.items()):
            return None
        if key not in self.used:
            self.used.add(key)
            self.changed = True  # the next save keeps it; an entry no build uses is dropped
        return rendered

    def put(self, key: bytes, looked_up: dict | None, rendered) -> None:
        if looked_up is not None and _encodable(rendered):
            self.entries[key] = (looked_up, rendered)
            self.used.add(key)
            self.changed = True

    def save(self) -> None:
        """Keep what this build used, replacing the file in one step so a reader never sees half of it.

        Entries are written one at a time, one JSON line each, so saving needs little memory.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with open(partial, "w", encoding="utf-8") as stream:
            stream.write(json.dumps(self.settings.hex()) + "\n")
            for key in sorted(self.used):
                looked_up, rendered = self.entries[key]
                stream.write(json.dumps([key.hex(), looked_up, _encode(rendered)], ensure_ascii=False) + "\n")
        os.replace(partial, self.path)
        self.changed, self.written = False, True


def _encodable(rendered) -> bool:
    return isinstance(rendered.toc, TableOfContents)


def _encode(rendered) -> dict:
    """A Rendered as plain JSON values: bytes as hex, sets as sorted lists, the table of
    contents as nested lists."""
    data = {field.name: getattr(rendered, field.name) for field in dataclasses.fields(rendered)}
    data["fingerprint"] = rendered.fingerprint.hex()
    data["toc"] = [_link(item) for item in rendered.toc]
    data["anchors"] = None if rendered.anchors is None else sorted(rendered.anchors)
    return data


def _decode(data: dict):
    items = [_anchor(item) for item in data["toc"]]
    if items:
        items[0].active = True  # as mkdocs.structure.toc.get_toc marks it
    return Rendered(
        **{
            **data,
            "fingerprint": bytes.fromhex(data["fingerprint"]),
            "toc": TableOfContents(items),
            "anchors": None if data["anchors"] is None else set(data["anchors"]),
            "records": [tuple(record) for record in data["records"]],
        }
    )


def _link(item: AnchorLink) -> list:
    return [item.title, item.id, item.level, [_link(child) for child in item.children]]


def _anchor(data: list) -> AnchorLink:
    title, id_, level, children = data
    link = AnchorLink(title, id_, level)
    link.children = [_anchor(child) for child in children]
    return link
