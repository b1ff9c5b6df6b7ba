"""Settings and posts from the plugin's options: the one place the build and `newsdesk check` load a site.

`options` is the plugin's validated configuration (mkdocs/config.py's NewsdeskConfig), read here only
by attribute, so the core needs no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import markdown

from .checks.active import published_file_problems
from .checks.pagelinks import page_link_problems
from .feeds.feeds import feed_specs
from .feeds.opml import OPML_PATH
from .forking import workers_for
from .model import PostType, Problem, Settings
from .pages.listings import Site, build_site
from .pictures.imagecheck import docs_picture_problems
from .publishing.outputs import SECTION_PAGES, output_problems
from .publishing.record import RECORD_PATH
from .reading.authors import load_authors
from .reading.docs import front_matter_problems, read_docs
from .reading.posts import Loaded, Reads, load_posts
from .reading.sources import asset_names, display
from .text import dates

NO_SITE_URL = (
    "missing; feeds need absolute URLs, and the site has no address to make them from: "
    "add a line such as 'site_url: https://schools.example.gov.uk/', the address the site is published at"
)


def settings_from(options: Any, root: Path, docs_dir: Path | None = None) -> tuple[Settings, list[Problem]]:
    """The core's settings from the plugin's options, and any problem with the authors file.

    The build and the `newsdesk` command both start here, so they validate posts the same way.
    """
    authors, problems = load_authors(root / options.authors_file, root)
    settings = Settings(
        root=root,
        posts_dir=root / options.posts_dir,
        docs_dir=docs_dir,
        authors=authors,
        timezone=ZoneInfo(options.timezone),
        types={key: PostType(key=key, **dict(value)) for key, value in options.types.items()},
        authors_file=options.authors_file,
        default_author=options.default_author,
        words_per_minute=options.words_per_minute,
        allowed_tags=tuple(options.allowed_tags) if options.allowed_tags is not None else None,
        attachment_limit_mb=options.attachment_limit_mb,
        formats_email=options.formats_email,
        authors_unreadable=any(problem.field == "file" for problem in problems),
        cache=root / options.cache_dir if options.cache_dir else None,
    )
    if options.default_author and authors and options.default_author not in authors:
        problems.append(
            Problem(
                "mkdocs.yml",
                "default_author",
                f"'{options.default_author}' is not in {options.authors_file}; use one of: {', '.join(authors)}",
            )
        )
    return settings, problems


def load_site(
    options: Any,
    root: Path,
    *,
    publishing: bool,
    docs_dir: Path | None = None,
    reads: Reads | None = None,
    template_exists: Callable[[str], bool] | None = None,
) -> tuple[Settings, Loaded, list[Problem]]:
    """Settings, every post and every problem, exactly as a build sees them.

    The build and `newsdesk check` both call this, so a post passes the check if and only if it
    builds. Raises ValueError, with the fix, when there is nothing to check (no posts folder, or a
    bad NEWSDESK_NOW). `reads` is load_posts' cache of unchanged files, for `mkdocs serve`;
    `template_exists` asks the theme whether a docs page's 'template:' is there.
    """
    settings, problems = settings_from(options, root, docs_dir)
    if not settings.posts_dir.is_dir():
        raise ValueError(
            f"the posts folder '{options.posts_dir}' does not exist beside mkdocs.yml; create it or set 'posts_dir'"
        )
    now = dates.current_time(settings.timezone)
    loaded = load_posts(settings, now=now, publishing=publishing, reads=reads, workers=workers_for(options.workers))
    pages = front_matter_problems(read_docs(docs_dir), display(docs_dir, root), template_exists) if docs_dir else []
    return settings, loaded, problems + pages + loaded.problems


def check_site(
    options: Any,
    settings: Settings,
    loaded: Loaded,
    *,
    site_url: str | None,
    publishing: bool,
    markdown_config: tuple[list[Any], dict[str, Any]] | None = None,
    directory_urls: bool = True,
    building: bool = True,
    engine: Callable[[], dict[str, str]] | None = None,
) -> tuple[Site, list[Problem]]:
    """The site's pages from the valid posts, and every problem of the site as a whole: a missing
    `site_url`, docs files and aliases clashing with generated pages, a missing feed logo, broken
    links in docs pages and links to anchors a page lacks (given mkdocs.yml's `markdown_config`:
    its markdown_extensions and mdx_configs). `building` is false for `newsdesk check`, which
    needs the site's addresses but not what only pages show. `engine` gives the files the engine,
    its theme and the editor write (mkdocs/outputs.py), which no alias may replace.

    The build and `newsdesk check` both call this after load_site, before anything is written.
    """
    shown = loaded.published() if publishing else loaded.posts
    site = build_site(shown, settings.types, per_page=options.per_page, home_count=options.home_count, related=building)
    problems = [] if site_url else [Problem("mkdocs.yml", "site_url", NO_SITE_URL)]
    if not directory_urls:
        problems.append(
            Problem(
                "mkdocs.yml",
                "use_directory_urls",
                "must be true, because post addresses such as "
                "/blog/2024/12/end-of-term/ are a contract; remove the line or write 'use_directory_urls: true'",
            )
        )
    feeds = [spec.path for spec in feed_specs("", settings.types, site.tags)] + [OPML_PATH, RECORD_PATH]
    assets = site.assets = asset_names(settings.posts_dir)
    problems += output_problems(
        site, settings, feed_paths=feeds, assets=assets, feed_logo=options.feed_logo, engine=engine
    )
    problems += docs_picture_problems(settings.docs_dir, settings.cache)
    problems += published_file_problems(
        settings.posts_dir, display(settings.posts_dir, settings.root), assets, settings.docs_dir
    )
    if markdown_config is not None:
        generated = {post.src_uri for post in site.posts} | {url + "index.md" for url in site.listings}
        generated |= {*SECTION_PAGES, *feeds, *(f"posts/{rel}" for rel in assets)}
        converter = markdown.Markdown(extensions=markdown_config[0], extension_configs=markdown_config[1])
        problems += page_link_problems(
            loaded.posts, settings, generated=generated, convert=lambda text: converter.reset().convert(text)
        )
    return site, problems
