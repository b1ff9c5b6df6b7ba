"""Settings and posts from the plugin's options: the one place the build and `newsdesk check` load a site.

`options` is the plugin's validated configuration (mkdocs/config.py's NewsdeskConfig), read here only
by attribute, so the core needs no MkDocs import.
"""
from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from . import dates
from .model import PostType, Problem, Settings
from .docs import front_matter_problems, read_docs
from .posts import Loaded, display, load_authors, load_posts


def settings_from(options, root: Path, docs_dir: Path | None = None) -> tuple[Settings, list[Problem]]:
    """The core's settings from the plugin's options, and any problem with the authors file.

    The build and the `newsdesk` command both start here, so they validate posts the same way.
    """
    authors, problems = load_authors(root / options.authors_file, root)
    settings = Settings(
        root=root, posts_dir=root / options.posts_dir, docs_dir=docs_dir, authors=authors, timezone=ZoneInfo(options.timezone),
        types={key: PostType(key=key, **dict(value)) for key, value in options.types.items()},
        authors_file=options.authors_file, default_author=options.default_author, words_per_minute=options.words_per_minute,
        allowed_tags=tuple(options.allowed_tags) if options.allowed_tags is not None else None,
        attachment_limit_mb=options.attachment_limit_mb, formats_email=options.formats_email,
    )
    if options.default_author and authors and options.default_author not in authors:
        problems.append(Problem("mkdocs.yml", "default_author", f"'{options.default_author}' is not in {options.authors_file}; use one of: {', '.join(authors)}"))
    return settings, problems


def load_site(options, root: Path, *, publishing: bool,
              docs_dir: Path | None = None, reads: dict | None = None) -> tuple[Settings, Loaded, list[Problem]]:
    """Settings, every post and every problem, exactly as a build sees them.

    The build and `newsdesk check` both call this, so a post passes the check if and only if it
    builds. Raises ValueError, with the fix, when there is nothing to check (no posts folder, or a
    bad NEWSDESK_NOW). `reads` is load_posts' cache of unchanged files, for `mkdocs serve`.
    """
    settings, problems = settings_from(options, root, docs_dir)
    if not settings.posts_dir.is_dir():
        raise ValueError(f"the posts folder '{options.posts_dir}' does not exist beside mkdocs.yml; create it or set 'posts_dir'")
    loaded = load_posts(settings, now=dates.current_time(settings.timezone), publishing=publishing, reads=reads)
    pages = front_matter_problems(read_docs(docs_dir), display(docs_dir, root)) if docs_dir else []
    return settings, loaded, problems + pages + loaded.problems
