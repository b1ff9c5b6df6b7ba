"""The MkDocs plugin: wires MkDocs events to the core. The decisions live in posts.py, listings.py
and feeds.py."""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

import markdown
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..core.feeds.feeds import feeds_of_listing
from ..core.feeds.opml import OPML_PATH
from ..core.model import Post, Problem, report
from ..core.pages.listings import Site
from ..core.pages.parts import Link, closing_html, more_html, related_links, relative, share_links
from ..core.pages.search import SEARCH_PAGE, index_glob, search_filters
from ..core.pictures.imagecheck import image_warnings
from ..core.pictures.imagehtml import attributes, responsive
from ..core.publishing.assets import asset_plan
from ..core.publishing.outputs import inside
from ..core.publishing.record import RECORD_PATH, dropped, read_record, updated_record
from ..core.publishing.record import render as render_record
from ..core.reading.docs import read_docs, unfinished
from ..core.reading.posts import display
from ..core.site import check_site, load_site
from ..core.text import dates
from ..core.text.html import excerpt, rebase, resolve_source_urls
from .aside import AsideBuild
from .config import NewsdeskConfig
from .editor import editor_files, editor_problems
from .feedwiring import Feeds
from .generated import index_pages, post_file, redirect_files
from .internals import check_engine
from .outputs import engine_outputs, template_finder
from .pictures import Pictures
from .prerender import Conversions, workers_for, write_all
from .preview import Preview
from .rendercache import RenderCache, settings_digest
from .searchindex import Background, Indexing
from .skipping import WRITTEN, quiet_dirty_warning, skip_written
from .templatecache import TemplateCache
from .theme import fix_markup

log = get_plugin_logger(__name__)


class NewsdeskPlugin(BasePlugin[NewsdeskConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = self.dirty = False
        self.building = False  # `mkdocs build` without --dirty: build aside, swap in at the end
        self.aside: AsideBuild | None = None
        self.site = Site(posts=[])
        self.conversions = Conversions()  # each post's Markdown converted once (prerender.py)
        # Kept across `mkdocs serve` rebuilds (a build uses each once): what a page that MkDocs
        # does not convert again, under --dirty, had from the build that converted it.
        self.excerpts: dict[str, str] = {}  # post.source -> its excerpt's HTML
        self.notes_html: dict[str, str] = {}  # post.source -> its notes to editors, rendered
        self.reads: dict = {}  # load_posts' unchanged files
        self.preview = Preview()  # what `serve` redoes after an edit (preview.py)
        self.pictures = Pictures()  # pictures and share cards (pictures.py)
        self.feeds = Feeds()  # keeps feed items and feeds across `serve` builds
        self.background = Background()  # `serve`'s search indexing (searchindex.py)
        self.templates = TemplateCache()  # `serve`'s compiled templates, in memory (templatecache.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        self.building = command in ("build", "gh-deploy") and not dirty
        if self.dirty:
            quiet_dirty_warning()

    @event_priority(100)  # first: bad posts must stop the build before MkDocs empties site_dir
    def on_config(self, config):
        if message := check_engine():
            raise PluginError(message)
        try:
            self.settings, loaded, problems = load_site(
                self.config,
                Path(config.config_file_path).absolute().parent,
                publishing=not self.serving,
                docs_dir=Path(config.docs_dir),
                reads=self.reads if self.serving else None,
                template_exists=template_finder(config),
            )
        except ValueError as error:
            raise PluginError(f"newsdesk: {error}") from None
        if self.config.deploy and not self.serving:  # the build that goes live: nothing left to complete
            problems = problems + unfinished(
                read_docs(Path(config.docs_dir)), loaded.published(), display(Path(config.docs_dir), self.settings.root)
            )
        try:
            self.record = self._record()
        except ValueError as error:
            raise PluginError(f"newsdesk: {error}") from None
        problems = problems + dropped(self.record, loaded.posts, self.config.withdrawn, {p.source for p in problems})
        problems += editor_problems(
            self.config.editor, self.settings.root, serving=self.serving, live=self.config.deploy and not self.serving
        )

        # The same checks as `newsdesk check`, all before anything is written.
        def check(loaded):
            return check_site(
                self.config,
                self.settings,
                loaded,
                site_url=config.site_url,
                publishing=not self.serving,
                directory_urls=config.use_directory_urls,
                markdown_config=(config.markdown_extensions, config.mdx_configs),
                engine=lambda: engine_outputs(config, self.config, self.settings.root),
            )

        self.site, site_problems = check(loaded)
        problems = sorted(set(problems + site_problems))
        if self.serving and self.preview.banner.start(
            problems, Path(config.docs_dir), display(Path(config.docs_dir), self.settings.root)
        ):
            log.info(
                report(problems).removeprefix("newsdesk: ")
            )  # not a warning: under --strict that would stop the preview
            loaded = self.preview.banner.keep_good(loaded, config)
            self.site = check(loaded)[0]
        elif problems:
            raise PluginError(report(problems))
        self.loaded = loaded
        self.preview.banner.remember(self.site.posts)
        self.posts = {post.src_uri: post for post in self.site.posts}
        self.conversions.begin(self.settings)
        self.by_rel = self.site.by_rel
        self.listings = {url + "index.md": listing for url, listing in self.site.listings.items()}
        self.notes = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        self.feeds.start(
            config,
            self.settings.types,
            self.site,
            logo=self.config.feed_logo,
            limit=self.config.feed_items,
            serving=self.serving,
        )
        self._start_cards(config)
        if self.building:  # every check passed: from here on, write beside the last good site
            self.aside = AsideBuild(config.site_dir, config.strict)
            config.site_dir = self.aside.start()
        return config

    def _start_cards(self, config) -> None:
        """Every page's share card, started as early as possible: `mkdocs build` makes them in the
        background while MkDocs works in one process, and on_env waits for them (pictures.py)."""
        self.pictures.start(self._cache_folder() if self.config.cache_dir else None, self.settings.posts_dir)
        organisation = (config.extra or {}).get("organisation") or config.site_name
        self.pictures.plan_cards(self.site.posts, config.site_name, organisation)
        self.pictures.make_cards(workers_for(self.config.workers), self.serving)

    def on_files(self, files: Files, *, config) -> Files:
        # Search reads the posts and the writers' own pages in docs/ (not the home page: it lists posts).
        docs_pages = [f.dest_uri for f in files.documentation_pages() if f.src_uri != "index.md"]
        self.search_glob = index_glob([t.prefix for t in self.settings.types.values()], docs_pages)
        generated = [post_file(post, config) for post in self.site.posts]
        for rel in self._assets():
            path = self.settings.posts_dir / rel
            generated.append(File.generated(config, f"posts/{rel}", abs_src_path=str(path)))
        generated += index_pages(
            config, self.listings, [post_type.prefix for post_type in self.settings.types.values()]
        )
        if self.config.editor.enabled:
            generated += editor_files(self.config.editor, self.settings, config, files)
        generated += self.feeds.files(config)
        if not self.serving:  # the addresses this site has ever published, for the next build
            record = updated_record(self.record, self.loaded.posts, self.config.withdrawn)
            generated.append(File.generated(config, RECORD_PATH, content=render_record(record, self.config.commit)))
        for file in generated:
            files.append(file)
        self._make_pictures(files, config)
        for file in redirect_files(config, self.site.posts):
            files.append(file)
        outside = sorted(file.dest_uri for file in files if not inside(file.dest_uri))
        if outside:  # check_site refuses such paths; this guards against a path it did not foresee
            raise PluginError("newsdesk: these files would be written outside the site folder: " + ", ".join(outside))
        self.site_urls = {file.src_uri: file.url for file in files}
        self.known_urls = {url.rstrip("/") for url in self.site_urls.values()}
        if self.serving:
            self.preview.find(files, config, self.site, self.listings, self.site_urls, self.dirty)
        return files

    def _make_pictures(self, files: Files, config) -> None:
        """Renditions of each picture the site publishes, beside posts or in docs/, and the files of
        every share card (started in on_config)."""
        sources = self.pictures.sources(files, Path(config.docs_dir))
        failed = self.pictures.make_pictures(sources, workers_for(self.config.workers), self.serving)
        if failed and self.serving:  # `newsdesk check` names the post; the preview shows the rest (problembanner.py)
            log.info("pictures the preview leaves out: " + ", ".join(source for source, _ in failed))
        elif failed:
            raise PluginError(
                report(
                    [
                        Problem(display(sources[source], self.settings.root), "file", message)
                        for source, message in failed
                    ]
                )
            )
        for file in self.pictures.files(config):
            files.append(file)
        self.pictures.strip_originals(files)
        for warning in image_warnings(self.site.posts, self.settings, self.config.image_size_limit):
            log.info(str(warning))  # `newsdesk check` shows it too; under --strict a warning would stop the build

    def _record(self) -> dict[str, str]:
        """The addresses published before this build (record.py): none in the preview or without a record."""
        if self.serving or not self.config.published_record:
            return {}
        return read_record(self.settings.root / self.config.published_record, self.config.published_record)

    def _assets(self) -> list[str]:
        """The files beside posts to copy: in a build, only those a published post or a docs page
        links to (assets.py); the preview shows drafts' and scheduled posts' files too."""
        if self.serving:
            return self.site.assets
        return list(asset_plan(self.settings, self.loaded).published)

    def on_page_read_source(self, *, page, config) -> str | None:
        """A post's source was read and checked already: hand MkDocs the body, not the file again."""
        if post := self.posts.get(page.file.src_uri):
            return f"---\ntitle: {json.dumps(post.title)}\n---\n{post.body}"
        return self.preview.banner.docs_source(page.file.src_uri)  # under `serve`, a docs page with a problem

    def on_nav(self, nav, *, config, files):
        """Convert every post's Markdown now, from the render cache or on all CPUs; pages pick the
        results up. `mkdocs serve` does it for its first build only, in its own process (its
        server's threads must not be forked); later, MkDocs converts the posts an edit changes."""
        self.nav = nav
        if self.serving and self.preview.built:
            return nav
        workers = 1 if self.serving else workers_for(self.config.workers)
        self.conversions.start(self.site.posts, config, files, workers, self._render_cache(config))
        return nav

    def _render_cache(self, config) -> RenderCache | None:
        settings = settings_digest(config) if self.config.cache_dir else None
        return RenderCache(self._cache_folder() / "render.jsonl", settings) if settings else None

    def _cache_folder(self) -> Path:
        """The render cache: `cache_dir`, beside mkdocs.yml. No compiled templates are kept there:
        Jinja's bytecode cache is code that runs when loaded, and the cache is restored in CI."""
        return self.settings.root / self.config.cache_dir

    def _prepare_page(self, markdown_text: str, *, page, config, files) -> str:
        post = self.posts.get(page.file.src_uri)
        if post:
            page.meta["template"] = "newsdesk/post.html"
            markdown_text = self.conversions.markdown(post, markdown_text)
        elif page.is_homepage and "template" not in page.meta:
            page.meta["template"] = "newsdesk/home.html"
        page.update_date = self._last_change(page) or page.update_date
        return markdown_text

    @event_priority(-100)  # last: the text compared must be the one MkDocs is about to convert
    def _use_prerendered(self, markdown_text: str, *, page, config, files) -> str:
        self.conversions.use(page, markdown_text)
        return markdown_text

    on_page_markdown = CombinedEvent(_prepare_page, _use_prerendered)

    def _last_change(self, page) -> str | None:
        """The sitemap's lastmod, from the posts rather than the clock, so rebuilds are identical.

        Other pages take the newest post's date unless SOURCE_DATE_EPOCH says otherwise.
        """
        src_uri = page.file.src_uri
        if post := self.posts.get(src_uri):
            shown = [post]
        elif listing := self.listings.get(src_uri):
            shown = listing.posts
        elif "SOURCE_DATE_EPOCH" in os.environ:
            return None
        else:
            shown = self.site.posts
        return max(p.last_modified for p in shown).date().isoformat() if shown else None

    def on_page_content(self, html: str, *, page, config, files) -> str:
        post = self.posts.get(page.file.src_uri)
        if post:
            html = resolve_source_urls(html, post.url, posixpath.dirname(post.src_uri), self.site_urls, self.known_urls)
            self.feeds.keep_body(post, html)  # as converted: feeds make their own copy from it
            html = responsive(html, post.url, self.pictures.pictures, first_is_eager=self._hero(post) is None)
            self.excerpts[post.source] = excerpt(html)  # rendered once; every listing reuses it
            self.notes_html[post.source] = (
                self.notes.reset().convert(post.notes_to_editors) if post.notes_to_editors else ""
            )
            if not self.serving:
                page.markdown = None  # converted, and a build needs it no more: a few MB per thousand posts
        elif "<img" in html:  # a page of docs/: its pictures get their renditions too
            html = responsive(html, page.url, self.pictures.pictures, first_is_eager=True)
        return html

    def _prepare_env(self, env, *, config, files):
        if self.serving:
            env.bytecode_cache = self.templates
        env.filters["nd_date"] = dates.human_date
        env.filters["nd_datetime"] = dates.machine_date
        env.filters["nd_datetime_text"] = dates.human_datetime
        env.globals["newsdesk_feeds"] = {"feeds": self.feeds.specs, "opml": OPML_PATH}  # 404.html has no page context
        env.globals["newsdesk_url"] = self.site_urls.get  # a file's URL, or None: link only what exists
        env.globals["newsdesk_card"] = self.pictures.site_card  # docs pages', listings' and 404.html's share card
        fragments: dict[str, str] = {}  # this build's: see overrides/main.html
        env.globals["nd_once"] = lambda key, render: (
            fragments[key] if key in fragments else fragments.setdefault(key, render())
        )
        self._feed_items()
        self.feeds.prepare(
            config.site_name,
            self.site.posts,
            self.pictures,
            (self.preview.site_key, self.preview.post_keys) if self.serving else None,
        )
        return env

    @event_priority(-100)  # last: pages are written with the environment every plugin has set up
    def _write_pages(self, env, *, config, files):
        """The feeds, and in a real build the posts' and listings' pages too, on all CPUs; MkDocs
        then skips those pages. Feeds are generated files: MkDocs copies them after this event."""
        done = {}
        if not self.serving:
            pages = [files.get_file_from_path(src_uri).page for src_uri in [*self.posts, *self.listings]]
            written, done = write_all(
                pages, config, self.nav, env, files, workers_for(self.config.workers), self.feeds.jobs
            )
            skip_written(env, pages if written else [])
        self.feeds.finish(done)
        self.pictures.finish()  # MkDocs copies the cards after this event
        return env

    on_env = CombinedEvent(_prepare_env, _write_pages)

    def _feed_items(self) -> None:
        """What each post in a feed carries after its body (parts.py); made once every page is read,
        so that related links have their pages' titles. Pages make their own closing (`view`)."""
        for post in self.site.posts:
            if post.source in self.feeds.carried:
                self.feeds.add_item(
                    post,
                    self.notes_html.get(post.source, ""),
                    self._related(post),
                    self.settings.formats_email,
                    self.excerpts.get(post.source),
                    self.pictures.pictures,
                )

    def _related(self, post: Post) -> list[Link]:
        return related_links(post, self.by_rel, self.site_urls, self.settings.docs_dir)

    def _hero(self, post: Post):
        """The post's picture above its body, unless the writer placed it in the body already."""
        return self.pictures.of(post) if post.image_leads else None

    def on_page_context(self, context, *, page, config, nav):
        if page.meta.get("template") != WRITTEN:  # a page the workers wrote needs nothing more
            context["newsdesk"] = self.view(page)
        return context

    def view(self, page) -> dict:
        """What the templates under overrides/newsdesk/ get as `newsdesk`."""
        view: dict = {"site": self.site, "types": self.settings.types}
        src_uri = page.file.src_uri
        if post := self.posts.get(src_uri):
            older, newer = self.site.neighbours.get(post.source, (None, None))
            hero = self._hero(post)
            view.update(
                post=post,
                older=older,
                newer=newer,
                card=self.pictures.cards.get(post.source),
                hero=Markup(attributes(hero, post.url, lazy=False)) if hero else None,
                closing_html=Markup(
                    closing_html(
                        post,
                        self.notes_html.get(post.source, ""),
                        related=self._related(post),
                        formats_email=self.settings.formats_email,
                    )
                ),
                more_html=Markup(
                    more_html([Link(p.title, relative(p.url, post.url)) for p in self.site.more.get(post.source, ())])
                ),
                share=share_links(post.title, self.feeds.channel.absolute(post.url)),
            )
        elif listing := self.listings.get(src_uri):
            view.update(
                listing=listing,
                entries=self.entries(listing.posts, listing.url),
                feeds=feeds_of_listing(self.feeds.specs, listing.kind, listing.key),
            )
        elif page.is_homepage:
            view["latest"] = {key: self.entries(posts, page.url) for key, posts in self.site.latest.items()}
        elif src_uri == SEARCH_PAGE:
            view["search_filters"] = search_filters(self.site, self.settings.types)
        return view

    def entries(self, posts, page_url: str) -> list[dict]:
        return [
            {"post": post, "excerpt": rebase(self.excerpts.get(post.source, ""), post.url, page_url)} for post in posts
        ]

    def on_post_page(self, output: str, *, page, config) -> str:
        return self.preview.banner.inject(fix_markup(output))  # fix_markup: Material's base.html's invalid markup

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        html = template_name.endswith(".html")  # 404.html
        return self.preview.banner.inject(fix_markup(output_content)) if html else output_content

    @event_priority(-100)  # last: every page is written, so search can read them
    def on_post_build(self, *, config) -> None:
        # A build starts Pagefind and saves the render cache while it runs; `serve` indexes in
        # the background, so that the preview shows an edit without waiting for search.
        indexing = None if self.serving else Indexing(config.site_dir, self.search_glob)
        if self.serving:
            self.background.request(config.site_dir, self.search_glob)
            self.preview.finished()
        self.conversions.save()
        if indexing:
            indexing.wait()  # before the swap: the site and its index go live together
        self.pictures.done()
        if self.aside is not None and self.aside.finish():  # not swapped: --strict aborts next
            config.site_dir = str(self.aside.site)  # `gh-deploy` publishes it next
            self.aside = None

    def on_build_error(self, *, error) -> None:
        self.preview.failed()
        if self.aside is not None:
            self.aside.abandon()  # the last good site stays as it was
            self.aside = None

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.settings.posts_dir))
        server.watch(str(self.settings.root / self.config.authors_file))
        return server
