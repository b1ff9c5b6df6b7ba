"""The plugin's options, in MkDocs' own schema so a bad value gets MkDocs' own message:
"Plugin 'newsdesk' option 'per_page': ..."."""
from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import dates
from .model import PostType, Problem, Settings
from .posts import Loaded, load_authors, load_posts
from .slugs import SLUG_PATTERN

RESERVED_PREFIXES = ("tags", "archive", "posts", "search", "assets")


class PositiveInt(c.Type):
    def __init__(self, default: int, minimum: int = 1):
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if value < self.minimum:
            raise c.ValidationError(f"expected a whole number of {self.minimum} or more, got {value}")
        return value


class TimeZone(c.Type):
    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise c.ValidationError(f"unknown time zone '{value}'; use a name such as 'Europe/London'") from None
        return value


class Prefix(c.Type):
    def __init__(self):
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not SLUG_PATTERN.match(value) or value in RESERVED_PREFIXES:
            raise c.ValidationError(
                f"expected a lowercase word for the URL such as 'news', not one of {', '.join(RESERVED_PREFIXES)}, got '{value}'"
            )
        return value


class FeedLogo(c.Type):
    """A GIF, JPEG or PNG in docs/: the only image formats RSS readers are bound to show."""

    def __init__(self):
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if value.rsplit(".", 1)[-1].lower() not in ("gif", "jpg", "jpeg", "png"):
            raise c.ValidationError(
                f"expected a GIF, JPEG or PNG file in the docs folder, such as 'assets/images/feed-logo.png', got '{value}'"
            )
        return value.lstrip("/")


class TypeConfig(base.Config):
    label = c.Type(str)  # 'Press release': shown on each post
    prefix = Prefix()  # 'news': the listing and post URLs start with it
    title = c.Type(str)  # 'News': the listing's heading and its nav entry
    summary_required = c.Type(bool, default=False)
    contact_required = c.Type(bool, default=False)


DEFAULT_TYPES = {
    "blog": {"label": "Blog post", "prefix": "blog", "title": "Blog"},
    "press-release": {"label": "Press release", "prefix": "news", "title": "News",
                      "summary_required": True, "contact_required": True},
}


class NewsdeskConfig(base.Config):
    posts_dir = c.Type(str, default="posts")  # relative to mkdocs.yml
    authors_file = c.Type(str, default="authors.yml")  # relative to mkdocs.yml
    default_author = c.Optional(c.Type(str))
    types = c.DictOfItems(c.SubConfig(TypeConfig), default=DEFAULT_TYPES)
    allowed_tags = c.Optional(c.ListOfItems(c.Type(str)))
    per_page = PositiveInt(10)
    home_count = PositiveInt(5)
    words_per_minute = PositiveInt(200)
    timezone = TimeZone("Europe/London")
    workers = PositiveInt(0, minimum=0)  # processes converting posts in `mkdocs build`; 0: one per CPU
    cache_dir = c.Type(str, default=".cache/newsdesk")  # relative to mkdocs.yml; '' turns the render cache off
    feed_items = PositiveInt(20)  # items in each feed, newest first
    feed_logo = c.Optional(FeedLogo())  # the channel image of every feed, relative to docs/


def settings_from(options: NewsdeskConfig, root: Path, docs_dir: Path | None = None) -> tuple[Settings, list[Problem]]:
    """The core's settings from the plugin's options, and any problem with the authors file.

    The build and the `newsdesk` command both start here, so they validate posts the same way.
    """
    authors, problems = load_authors(root / options.authors_file, root)
    settings = Settings(
        root=root, posts_dir=root / options.posts_dir, docs_dir=docs_dir, authors=authors, timezone=ZoneInfo(options.timezone),
        types={key: PostType(key=key, **dict(value)) for key, value in options.types.items()},
        authors_file=options.authors_file, default_author=options.default_author, words_per_minute=options.words_per_minute,
        allowed_tags=tuple(options.allowed_tags) if options.allowed_tags is not None else None,
    )
    if options.default_author and authors and options.default_author not in authors:
        problems.append(Problem("mkdocs.yml", "default_author", f"'{options.default_author}' is not in {options.authors_file}; use one of: {', '.join(authors)}"))
    return settings, problems


def load_site(options: NewsdeskConfig, root: Path, *, publishing: bool,
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
    return settings, loaded, problems + loaded.problems
