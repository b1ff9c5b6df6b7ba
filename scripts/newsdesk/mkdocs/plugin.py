"""The MkDocs plugin: MkDocs' events, wired to the modules that do each job. What is read and
checked: loading.py; the files a build adds: sitefiles.py; what templates get: view.py; feeds:
feedwiring.py; pictures and cards: pictures.py; the speed work: speed/ (prerendering, the caches, skipping, the preview)."""

from __future__ import annotations

import json
import posixpath

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.forking import workers_for
from ..core.pictures.imagehtml import responsive
from ..core.text.html import resolve_source_urls
from .aside import AsideBuild
from .config import NewsdeskConfig
from .feedwiring import Feeds
from .loading import Build, load_build
from .pictures import Pictures
from .searchindex import Background, Indexing
from .sitefiles import add_files
from .speed.prerender import Conversions, write_all
from .speed.preview import Preview
from .speed.skipping import WRITTEN, quiet_dirty_warning, skip_written
from .speed.templatecache import TemplateCache
from .speed.watching import use_notices
from .theme import fix_markup
from .view import RenderedParts, feed_items, hero, template_globals, view


class NewsdeskPlugin(BasePlugin[NewsdeskConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = self.dirty = False
        self.building = False  # `mkdocs build` without --dirty: build aside, swap in at the end
        self.aside: AsideBuild | None = None
        self.conversions = Conversions()  # this and all below kept across `serve` rebuilds (speed/prerender.py)
        self.rendered = RenderedParts()  # each post's excerpt and notes (view.py)
        self.preview = Preview()  # what `serve` redoes after an edit (speed/preview.py)
        self.pictures = Pictures()  # pictures and share cards (pictures.py)
        self.feeds = Feeds()  # feed items and feeds (feedwiring.py)
        self.background = Background()  # `serve`'s search indexing (searchindex.py)
        self.templates = TemplateCache()  # the theme listed once; `serve`'s compiled templates (speed/templatecache.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        self.building = command in ("build", "gh-deploy") and not dirty
        if self.dirty:
            quiet_dirty_warning()

    @event_priority(100)  # first: bad posts must stop the build before MkDocs empties site_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.build: Build = load_build(
            self.config, config, serving=self.serving, reads=self.preview.reads, banner=self.preview.banner
        )
        site, settings = self.build.site, self.build.settings
        rebuild = self.dirty and bool(self.preview.built)
        self.conversions.begin(settings, self.config.cache_dir, serving=self.serving, rebuild=rebuild)
        self.templates.list_once(config.theme, settings.root)
        self.rendered.begin(config)
        limit, logo = self.config.feed_items, self.config.feed_logo
        self.feeds.start(config, settings.types, site, logo=logo, limit=limit, serving=self.serving)
        cache = settings.root / self.config.cache_dir if self.config.cache_dir else None  # cards start early:
        organisation = (config.extra or {}).get("organisation") or config.site_name
        self.pictures.start(cache, settings.posts_dir)
        self.pictures.plan_cards(site.posts, config.site_name, organisation)
        self.pictures.make_cards(workers_for(self.config.workers), self.serving)  # drawn while MkDocs works on
        if self.building:  # every check passed: from here on, write beside the last good site
            self.aside = AsideBuild(config.site_dir, config.strict)
            config.site_dir = self.aside.start()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.build
        add_files(files, config, build, self.config, serving=self.serving, feeds=self.feeds, pictures=self.pictures)
        if self.serving:
            self.preview.find(files, config, build.site, build.listings, build.site_urls, self.dirty)
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A post's source was read and checked already: hand MkDocs the body, not the file again."""
        if post := self.build.posts.get(page.file.src_uri):
            return f"---\ntitle: {json.dumps(post.title)}\n---\n{post.body}"
        return self.preview.banner.docs_source(page.file.src_uri)  # under `serve`, a docs page with a problem

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Every post's Markdown converted now, from the render cache or on all CPUs (`serve`: here, never forked)."""
        self.build.nav = nav
        workers = 1 if self.serving else workers_for(self.config.workers)
        self.conversions.start(self.build.site.posts, config, files, workers)
        return nav

    def _prepare_page(self, markdown_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        post = self.build.posts.get(page.file.src_uri)
        if post:
            page.meta["template"] = "newsdesk/post.html"
            markdown_text = self.conversions.markdown(post, markdown_text)
        elif page.is_homepage and "template" not in page.meta:
            page.meta["template"] = "newsdesk/home.html"
        page.update_date = self.build.last_change(page.file.src_uri) or page.update_date
        return markdown_text

    @event_priority(-100)  # last: the text compared must be the one MkDocs is about to convert
    def _use_prerendered(self, markdown_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.conversions.use(page, markdown_text)
        return markdown_text

    on_page_markdown = CombinedEvent(_prepare_page, _use_prerendered)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build, pictures = self.build, self.pictures.pictures
        if post := build.posts.get(page.file.src_uri):
            folder = posixpath.dirname(post.src_uri)
            html = resolve_source_urls(html, post.url, folder, build.site_urls, build.known_urls)
            self.feeds.keep_body(post, html)  # as converted: feeds make their own copy from it
            html = responsive(html, post.url, pictures, first_is_eager=hero(post, self.pictures) is None)
            self.rendered.keep(post, html)  # rendered once; every listing reuses its excerpt
            if not self.serving:
                page.markdown = None  # converted, and a build needs it no more: a few MB per thousand posts
        elif "<img" in html:  # a page of docs/: its pictures get their renditions too
            html = responsive(html, page.url, pictures, first_is_eager=True)
        return html

    def _prepare_env(self, env: Environment, *, config: MkDocsConfig, files: Files):
        if self.serving:
            env.bytecode_cache = self.templates
        template_globals(env, self.build, self.feeds, self.pictures)
        feed_items(self.build, self.rendered, self.pictures, self.feeds)
        keys = (self.preview.site_key, self.preview.post_keys) if self.serving else None
        self.feeds.prepare(config.site_name, self.build.site.posts, self.pictures, keys)
        return env

    @event_priority(-100)  # last: pages are written with the environment every plugin has set up
    def _write_pages(self, env: Environment, *, config: MkDocsConfig, files: Files):
        """The feeds, and in a real build the posts' and listings' pages too, on all CPUs; MkDocs
        then skips those pages. Feeds are generated files: MkDocs copies them after this event."""
        done = {}
        if not self.serving:
            pages = [files.get_file_from_path(src_uri).page for src_uri in [*self.build.posts, *self.build.listings]]
            workers = workers_for(self.config.workers)
            written, done = write_all(pages, config, self.build.nav, env, files, workers, self.feeds.jobs)
            skip_written(env, pages if written else [])
        self.feeds.finish(done)
        return env

    on_env = CombinedEvent(_prepare_env, _write_pages)

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if page.meta.get("template") != WRITTEN:  # a page the workers wrote needs nothing more
            context["newsdesk"] = view(page, self.build, self.rendered, self.pictures, self.feeds)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.preview.banner.inject(fix_markup(output))  # fix_markup: Material's base.html's invalid markup

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        html = template_name.endswith(".html")  # 404.html
        return self.preview.banner.inject(fix_markup(output_content)) if html else output_content

    @event_priority(-100)  # last: every page is written, so search can read them
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # A build draws the cards left and saves the render cache while Pagefind runs; `serve` indexes aside.
        indexing = None if self.serving else Indexing(config.site_dir, self.build.search_glob, self.build.search_store)
        self.conversions.finished()
        self.pictures.finish(workers_for(self.config.workers), busy=indexing.running if indexing else None)
        if self.serving:
            self.background.request(config.site_dir, self.build.search_glob)
            self.preview.finished()
        if indexing:
            indexing.wait()  # before the swap: the site and its index go live together
        self.pictures.done()
        if self.aside is not None and self.aside.finish():  # not swapped: --strict aborts next
            config.site_dir = str(self.aside.site)  # `gh-deploy` publishes it next
            self.aside = None

    def on_build_error(self, *, error: Exception) -> None:
        self.preview.failed()
        self.pictures.done()  # no card is drawn on for a build that failed
        if self.aside is not None:
            self.aside.abandon()  # the last good site stays as it was
            self.aside = None

    def on_shutdown(self) -> None:
        self.conversions.stopped()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(str(self.build.settings.posts_dir))
        server.watch(str(self.build.settings.root / self.config.authors_file))
        use_notices(server)  # a save is seen at once, where the system can say so
        return server
