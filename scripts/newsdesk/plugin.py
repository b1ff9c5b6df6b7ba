"""The MkDocs plugin: wires MkDocs events to the core. The decisions live in posts.py and listings.py."""
from __future__ import annotations

import os
from pathlib import Path

import markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import dates
from .config import NewsdeskConfig, load_site
from .html import excerpt, rebase
from .links import resolve, rewrite_html_images
from .listings import Site, build_site
from .model import Post, report
from .posts import asset_files

log = get_plugin_logger(__name__)

SECTION_TEMPLATES = {"tags/": "newsdesk/tags.html", "archive/": "newsdesk/archive.html"}


def front_matter(title: str, template: str) -> str:
    """The source of a generated page: only a title and a template; its body comes from the template."""
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{escaped}"\ntemplate: {template}\n---\n'


class NewsdeskPlugin(BasePlugin[NewsdeskConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.site = Site(posts=[])

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    @event_priority(100)  # first: bad posts must stop the build before MkDocs empties site_dir
    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError("newsdesk: 'use_directory_urls' must be true: post URLs such as /blog/2024/12/end-of-term/ are a contract")
        try:
            self.settings, loaded, problems = load_site(self.config, Path(config.config_file_path).parent,
                                                        publishing=not self.serving)
        except ValueError as error:
            raise PluginError(f"newsdesk: {error}") from None
        if problems:
            raise PluginError(report(problems))
        shown = loaded.posts if self.serving else loaded.published()
        self.site = build_site(shown, self.settings.types, per_page=self.config.per_page, home_count=self.config.home_count)
        self.posts = {post.src_uri: post for post in shown}
        self.listings = {url + "index.md": listing for url, listing in self.site.listings.items()}
        self.excerpts: dict[str, str] = {}
        self.notes = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        generated = [self._post_file(post, config) for post in self.site.posts]
        for path in asset_files(self.settings.posts_dir):
            rel = path.relative_to(self.settings.posts_dir).as_posix()
            generated.append(File.generated(config, f"posts/{rel}", abs_src_path=str(path)))
        sections = {post_type.prefix + "/" for post_type in self.settings.types.values()} | set(SECTION_TEMPLATES)
        for src_uri, listing in self.listings.items():
            title = listing.title if listing.number == 1 else f"{listing.title} (page {listing.number})"
            template = "newsdesk/archive.html" if listing.kind == "year" else "newsdesk/listing.html"
            generated.append(self._page(config, src_uri, title, template, listing.url in sections))
        generated.append(self._page(config, "tags/index.md", "Tags", SECTION_TEMPLATES["tags/"], True))
        generated.append(self._page(config, "archive/index.md", "Archive", SECTION_TEMPLATES["archive/"], True))
        clashes = [file.src_uri for file in generated if files.get_file_from_path(file.src_uri)]
        if clashes:
            raise PluginError("newsdesk: these files in docs/ would replace generated pages; rename or remove them: " + ", ".join(f"docs/{c}" for c in clashes))
        for file in generated:
            files.append(file)
        return files

    def _post_file(self, post: Post, config) -> File:
        file = File.generated(config, post.src_uri, abs_src_path=str(post.path), inclusion=InclusionLevel.NOT_IN_NAV)
        file.dest_uri = post.url + "index.html"  # the URL contract, independent of where the file sits
        # "Edit this page" opens the post's own file: MkDocs joins edit_uri (which names docs_dir in
        # the repository) with this path, and the URL join resolves the '..'. No repo_url, no link.
        file.edit_uri = os.path.relpath(post.path, config.docs_dir).replace(os.sep, "/") if config.repo_url else None
        return file

    @staticmethod
    def _page(config, src_uri: str, title: str, template: str, in_nav: bool) -> File:
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        return File.generated(config, src_uri, content=front_matter(title, template), inclusion=inclusion)

    def on_page_markdown(self, markdown_text: str, *, page, config, files) -> str:
        post = self.posts.get(page.file.src_uri)
        if post:
            page.meta["template"] = "newsdesk/post.html"
            page.update_date = post.last_modified.date().isoformat()  # the sitemap's lastmod
            folder = post.src_uri.rsplit("/", 1)[0] + "/"
            markdown_text = rewrite_html_images(markdown_text, lambda tag: rebase(tag, folder, post.url))
        elif page.file.src_uri in self.listings:
            newest = self.listings[page.file.src_uri].posts[:1]
            page.update_date = newest[0].last_modified.date().isoformat() if newest else page.update_date
        elif page.is_homepage and "template" not in page.meta:
            page.meta["template"] = "newsdesk/home.html"
        return markdown_text

    def on_page_content(self, html: str, *, page, config, files) -> str:
        post = self.posts.get(page.file.src_uri)
        if post:
            self.excerpts[post.source] = excerpt(html)  # rendered once; every listing reuses it
        return html

    def on_env(self, env, *, config, files):
        env.filters["nd_date"] = dates.human_date
        env.filters["nd_datetime"] = dates.machine_date
        return env

    def on_page_context(self, context, *, page, config, nav):
        context["newsdesk"] = self.view(page)
        return context

    def view(self, page) -> dict:
        """What the templates under overrides/newsdesk/ get as `newsdesk`."""
        view: dict = {"site": self.site, "types": self.settings.types}
        src_uri = page.file.src_uri
        if post := self.posts.get(src_uri):
            older, newer = self.site.neighbours.get(post.source, (None, None))
            view.update(post=post, older=older, newer=newer, image_url=self._image_url(post),
                        notes_html=self.notes.reset().convert(post.notes_to_editors) if post.notes_to_editors else "")
        elif listing := self.listings.get(src_uri):
            view.update(listing=listing, entries=self.entries(listing.posts, listing.url))
        elif page.is_homepage:
            view["latest"] = {key: self.entries(posts, page.url) for key, posts in self.site.latest.items()}
        return view

    def entries(self, posts, page_url: str) -> list[dict]:
        return [{"post": post, "excerpt": rebase(self.excerpts.get(post.source, ""), post.url, page_url)} for post in posts]

    @staticmethod
    def _image_url(post: Post) -> str | None:
        return f"posts/{resolve(post.rel, post.image)}" if post.image else None

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.settings.posts_dir))
        server.watch(str(self.settings.root / self.config.authors_file))
        return server
