"""What `mkdocs serve` remembers between rebuilds to redo only what an edit changed: the digests of
what each page and feed shows (core/publishing/changes.py), of the last build that finished and of this one.
Under --dirty, the pages whose digest is unchanged are marked for MkDocs to skip (skipping.py).
A real build makes everything once and needs none of it."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ...core.pages.listings import Site
from ...core.pictures.images import CARD_FOLDER
from ...core.publishing.changes import home_digest, page_digests, post_digests, site_digest, tree_state
from ..problembanner import ProblemBanner
from .skipping import mark_unchanged


class Preview:
    def __init__(self) -> None:
        self.built: dict[str, bytes] = {}  # digests of the last complete build
        self.known_posts: dict = {}  # changes.post_digests' memory
        self.changes: dict[str, bytes] = {}
        self.reads: dict = {}  # load_posts' unchanged files
        self.banner = ProblemBanner()  # the problems every page lists instead of the build stopping

    def find(
        self, files: Files, config: MkDocsConfig, site: Site, listings: dict, site_urls: dict[str, str], dirty: bool
    ) -> None:
        """This build's digests; under --dirty, mark the pages that need not be built again. Every
        page shows the problem banner (problembanner.py), so a change to it rebuilds every page."""
        docs = [
            (f.src_uri, os.path.getsize(f.abs_src_path), os.path.getmtime(f.abs_src_path))
            for f in files
            if f.abs_src_path and not f.src_uri.startswith(("posts/", CARD_FOLDER + "/"))
        ]
        config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        config_text += self.banner.html.encode()
        theme = tree_state(Path(config.theme.custom_dir)) if config.theme.custom_dir else ()
        # A post's card is named after what it shows, so it changes with the post's own digest.
        files_shown = {src: url for src, url in site_urls.items() if not src.startswith(CARD_FOLDER + "/")}
        self.site_key = site_digest(config_text, theme, docs, files_shown, site, config.site_url)
        self.post_keys = post_digests(site.posts, self.known_posts)
        self.changes = {
            **page_digests(site, listings, self.site_key, self.post_keys),
            "index.md": home_digest(site, self.site_key, self.post_keys),
            "site": self.site_key,
        }
        if dirty:
            mark_unchanged(files, config.site_dir, self.built, self.changes)

    def finished(self) -> None:
        self.built = self.changes  # only a build that finished counts: see mark_unchanged

    def failed(self) -> None:
        self.built = {}  # half-built: the next build starts again from nothing
