"""What the templates under overrides/newsdesk/ get as `newsdesk`, and the parts of a post's page
and feed items made from more than the post itself: its picture, its closing and the excerpts
of the posts a listing shows (rendered once each, as pages are converted: `Rendered`)."""

from __future__ import annotations

import markdown
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..core.feeds.feeds import feeds_of_listing
from ..core.feeds.opml import OPML_PATH
from ..core.model import Post
from ..core.pages.parts import Link, closing_html, more_html, related_links, relative, share_links
from ..core.pages.search import SEARCH_PAGE, search_filters
from ..core.pictures.imagehtml import attributes
from ..core.text import dates
from ..core.text.html import excerpt, rebase
from .feedwiring import Feeds
from .loading import Build
from .pictures import Pictures


class RenderedParts:
    """Each post's excerpt and notes to editors as HTML. Kept across `mkdocs serve` rebuilds: a
    page that MkDocs does not convert again, under --dirty, keeps what the build before made."""

    def __init__(self) -> None:
        self.excerpts: dict[str, str] = {}  # post.source -> its excerpt's HTML
        self.notes_html: dict[str, str] = {}  # post.source -> its notes to editors, rendered

    def begin(self, config: MkDocsConfig) -> None:
        self.notes = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def keep(self, post: Post, html: str) -> None:
        """The post's page body is converted: its excerpt for every listing, and its notes."""
        self.excerpts[post.source] = excerpt(html)
        self.notes_html[post.source] = (
            self.notes.reset().convert(post.notes_to_editors) if post.notes_to_editors else ""
        )


def template_globals(env: Environment, build: Build, feeds: Feeds, pictures: Pictures) -> None:
    """The filters and names every template may use, 404.html included (it has no page context)."""
    env.filters["nd_date"] = dates.human_date
    env.filters["nd_datetime"] = dates.machine_date
    env.filters["nd_datetime_text"] = dates.human_datetime
    env.globals["newsdesk_feeds"] = {"feeds": feeds.specs, "opml": OPML_PATH}
    env.globals["newsdesk_url"] = build.site_urls.get  # a file's URL, or None: link only what exists
    env.globals["newsdesk_card"] = pictures.site_card  # docs pages', listings' and 404.html's share card
    fragments: dict[str, str] = {}  # this build's: see overrides/main.html
    env.globals["nd_once"] = lambda key, render: (
        fragments[key] if key in fragments else fragments.setdefault(key, render())
    )


def hero(post: Post, pictures: Pictures):
    """The post's picture above its body, unless the writer placed it in the body already."""
    return pictures.of(post) if post.image_leads else None


def related(post: Post, build: Build) -> list[Link]:
    return related_links(post, build.site.by_rel, build.site_urls, build.settings.docs_dir)


def feed_items(build: Build, rendered: RenderedParts, pictures: Pictures, feeds: Feeds) -> None:
    """What each post in a feed carries after its body (parts.py); made once every page is read,
    so that related links have their pages' titles. Pages make their own closing (`view`)."""
    for post in build.site.posts:
        if post.source in feeds.carried:
            feeds.add_item(
                post,
                rendered.notes_html.get(post.source, ""),
                related(post, build),
                build.settings.formats_email,
                rendered.excerpts.get(post.source),
                pictures.pictures,
            )


def view(page: Page, build: Build, rendered: RenderedParts, pictures: Pictures, feeds: Feeds) -> dict:
    """What the templates under overrides/newsdesk/ get as `newsdesk`."""
    site = build.site
    result: dict = {"site": site, "types": build.settings.types}
    src_uri = page.file.src_uri

    def entries(posts: list[Post], page_url: str) -> list[dict]:
        return [
            {"post": post, "excerpt": rebase(rendered.excerpts.get(post.source, ""), post.url, page_url)}
            for post in posts
        ]

    if post := build.posts.get(src_uri):
        older, newer = site.neighbours.get(post.source, (None, None))
        picture = hero(post, pictures)
        closing = closing_html(
            post,
            rendered.notes_html.get(post.source, ""),
            related=related(post, build),
            formats_email=build.settings.formats_email,
        )
        more = [Link(p.title, relative(p.url, post.url)) for p in site.more.get(post.source, ())]
        result.update(
            post=post,
            older=older,
            newer=newer,
            card=pictures.cards.get(post.source),
            hero=Markup(attributes(picture, post.url, lazy=False)) if picture else None,
            closing_html=Markup(closing),
            more_html=Markup(more_html(more)),
            share=share_links(post.title, feeds.channel.absolute(post.url)),
        )
    elif listing := build.listings.get(src_uri):
        result.update(
            listing=listing,
            entries=entries(listing.posts, listing.url),
            feeds=feeds_of_listing(feeds.specs, listing.kind, listing.key),
        )
    elif page.is_homepage:
        result["latest"] = {key: entries(posts, page.url) for key, posts in site.latest.items()}
    elif src_uri == SEARCH_PAGE:
        result["search_filters"] = search_filters(site, build.settings.types)
    return result
