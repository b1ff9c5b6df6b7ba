"""What a build knows once every check has passed: the site as `newsdesk check` reads and checks it
(core/site.py), the published record and the editor's options; or one report of every problem,
before MkDocs writes anything."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Navigation

from ..core.model import Post, Settings, report
from ..core.pages.listings import ListingPage, Site
from ..core.publishing.record import dropped, read_record
from ..core.reading.docs import read_docs, unfinished
from ..core.reading.posts import Loaded, Reads
from ..core.reading.sources import display
from ..core.site import check_site, load_site
from ..core.text import quickblock, quickinline
from .config import NewsdeskConfig
from .editor import editor_problems
from .internals import check_engine
from .outputs import engine_outputs, template_finder
from .problembanner import ProblemBanner

log = get_plugin_logger(__name__)


@dataclass
class Build:
    """One build's site, by the names MkDocs' events look things up with."""

    settings: Settings
    loaded: Loaded  # every valid post, as read (the published record counts them all)
    site: Site  # what the pages show
    record: dict[str, str]  # the addresses published before this build
    posts: dict[str, Post] = field(init=False)  # by src_uri
    listings: dict[str, ListingPage] = field(init=False)  # by src_uri: 'tags/send/index.md'
    # Filled in by on_files and on_nav:
    site_urls: dict[str, str] = field(default_factory=dict)  # every file's src_uri -> its URL
    known_urls: set[str] = field(default_factory=set)
    search_glob: str = ""
    search_store: Path | None = None  # where the build keeps the search index's fragments (searchkept.py)
    nav: Navigation | None = None

    def __post_init__(self) -> None:
        self.posts = {post.src_uri: post for post in self.site.posts}
        self.listings = {url + "index.md": listing for url, listing in self.site.listings.items()}

    def last_change(self, src_uri: str) -> str | None:
        """A page's sitemap lastmod, from the posts rather than the clock, so rebuilds are identical.

        Other pages take the newest post's date unless SOURCE_DATE_EPOCH says otherwise.
        """
        if post := self.posts.get(src_uri):
            shown = [post]
        elif listing := self.listings.get(src_uri):
            shown = listing.posts
        elif "SOURCE_DATE_EPOCH" in os.environ:
            return None
        else:
            shown = self.site.posts
        return max(p.last_modified for p in shown).date().isoformat() if shown else None


def load_build(
    options: NewsdeskConfig,
    config: MkDocsConfig,
    *,
    serving: bool,
    reads: Reads,
    banner: ProblemBanner | None = None,
) -> Build:
    """Read and check everything, as `newsdesk check` does; raises PluginError listing every problem.
    Under `mkdocs serve`, `banner` takes the problems instead and the build goes on with the posts
    that can be built, the last build's versions standing in for the broken ones (problembanner.py)."""
    if message := check_engine():
        raise PluginError(message)
    for quick in (quickinline.NAME, quickblock.NAME):  # the same HTML, sooner
        if quick not in config.markdown_extensions:
            config.markdown_extensions.append(quick)
    try:
        settings, loaded, problems = load_site(
            options,
            Path(config.config_file_path).absolute().parent,
            publishing=not serving,
            docs_dir=Path(config.docs_dir),
            reads=reads if serving else None,
            template_exists=template_finder(config),
        )
        record = _record(options, settings.root, serving)
    except ValueError as error:
        raise PluginError(f"newsdesk: {error}") from None
    live = options.deploy and not serving  # the build that goes live: nothing left to complete
    if live:
        docs_dir = Path(config.docs_dir)
        problems = problems + unfinished(read_docs(docs_dir), loaded.published(), display(docs_dir, settings.root))
    problems = problems + dropped(record, loaded.posts, options.withdrawn, {p.source for p in problems})
    problems += editor_problems(options.editor, settings.root, serving=serving, live=live)

    def check(loaded: Loaded) -> tuple[Site, list]:
        return check_site(
            options,
            settings,
            loaded,
            site_url=config.site_url,
            publishing=not serving,
            directory_urls=config.use_directory_urls,
            markdown_config=(config.markdown_extensions, config.mdx_configs),
            engine=lambda: engine_outputs(config, options, settings.root),
        )

    site, site_problems = check(loaded)
    problems = sorted(set(problems + site_problems))
    docs_dir = Path(config.docs_dir)
    if serving and banner is not None and banner.start(problems, docs_dir, display(docs_dir, settings.root)):
        log.info(report(problems).removeprefix("newsdesk: "))  # not a warning: --strict would stop on it
        loaded = banner.keep_good(loaded, config)
        site = check(loaded)[0]
    elif problems:
        raise PluginError(report(problems))
    if banner is not None:
        banner.remember(site.posts)
    return Build(settings, loaded, site, record)


def _record(options: NewsdeskConfig, root: Path, serving: bool) -> dict[str, str]:
    """The addresses published before this build (record.py): none in the preview or without a record."""
    if serving or not options.published_record:
        return {}
    return read_record(root / options.published_record, options.published_record)
