"""The files a build adds to MkDocs' own (on_files): the posts' pages and the files beside them, the
listing pages, the feeds, the editor, the published record, pictures and share cards, redirects;
and the check that none of them would be written outside the site folder."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..core.forking import workers_for
from ..core.model import Problem, report
from ..core.pages.search import index_glob
from ..core.pictures.imagecheck import image_warnings
from ..core.publishing.assets import asset_plan
from ..core.publishing.outputs import inside
from ..core.publishing.record import RECORD_PATH, updated_record
from ..core.publishing.record import render as render_record
from ..core.reading.sources import display
from .config import NewsdeskConfig
from .editor import editor_files
from .feedwiring import Feeds
from .generated import index_pages, post_file, redirect_files
from .loading import Build
from .pictures import Pictures
from .searchkept import store_for

log = get_plugin_logger(__name__)


def add_files(
    files: Files,
    config: MkDocsConfig,
    build: Build,
    options: NewsdeskConfig,
    *,
    serving: bool,
    feeds: Feeds,
    pictures: Pictures,
) -> None:
    settings = build.settings
    # Search reads the posts and the writers' own pages in docs/ (not the home page: it lists posts).
    docs_pages = [f.dest_uri for f in files.documentation_pages() if f.src_uri != "index.md"]
    build.search_glob = index_glob([t.prefix for t in settings.types.values()], docs_pages)
    build.search_store = store_for(settings.root / options.cache_dir if options.cache_dir else None)
    generated = [post_file(post, config) for post in build.site.posts]
    for rel in _assets(build, serving):
        generated.append(File.generated(config, f"posts/{rel}", abs_src_path=str(settings.posts_dir / rel)))
    generated += index_pages(config, build.listings, [post_type.prefix for post_type in settings.types.values()])
    if options.editor.enabled:
        generated += editor_files(options.editor, settings, config, files)
    generated += feeds.files(config)
    if not serving:  # the addresses this site has ever published, for the next build
        record = updated_record(build.record, build.loaded.posts, options.withdrawn)
        generated.append(File.generated(config, RECORD_PATH, content=render_record(record, options.commit)))
    for file in generated:
        files.append(file)
    _add_pictures(files, config, build, options, pictures, serving)
    for file in redirect_files(config, build.site.posts):
        files.append(file)
    outside = sorted(file.dest_uri for file in files if not inside(file.dest_uri))
    if outside:  # check_site refuses such paths; this guards against a path it did not foresee
        raise PluginError("newsdesk: these files would be written outside the site folder: " + ", ".join(outside))
    build.site_urls = {file.src_uri: file.url for file in files}
    build.known_urls = {url.rstrip("/") for url in build.site_urls.values()}


def _assets(build: Build, serving: bool) -> list[str]:
    """The files beside posts to copy: in a build, only those a published post or a docs page
    links to (assets.py); the preview shows drafts' and scheduled posts' files too."""
    if serving:
        return build.site.assets
    return list(asset_plan(build.settings, build.loaded).published)


def _add_pictures(
    files: Files, config: MkDocsConfig, build: Build, options: NewsdeskConfig, pictures: Pictures, serving: bool
) -> None:
    """Renditions of each picture the site publishes, beside posts or in docs/, and the files of
    every share card (started in on_config)."""
    sources = pictures.sources(files, Path(config.docs_dir))
    failed = pictures.make_pictures(sources, workers_for(options.workers), serving)
    if failed and serving:  # `newsdesk check` names the post; the preview shows the rest (problembanner.py)
        log.info("pictures the preview leaves out: " + ", ".join(source for source, _ in failed))
    elif failed:
        root = build.settings.root
        raise PluginError(
            report([Problem(display(sources[source], root), "file", message) for source, message in failed])
        )
    for file in pictures.files(config):
        files.append(file)
    pictures.strip_originals(files)
    for warning in image_warnings(build.site.posts, build.settings, options.image_size_limit):
        log.info(str(warning))  # `newsdesk check` shows it too; under --strict a warning would stop the build
