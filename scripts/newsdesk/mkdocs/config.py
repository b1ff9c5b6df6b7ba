"""The plugin's options, in MkDocs' own schema so a bad value gets MkDocs' own message:
"Plugin 'newsdesk' option 'per_page': ..."."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.model import DEFAULT_TYPES
from ..core.publishing.editor import AUTH_SCOPES
from ..core.text.slugs import SLUG_PATTERN

RESERVED_PREFIXES = ("tags", "archive", "posts", "search", "assets")


KINDS = {str: "text", bool: "true or false", int: "a whole number"}


class Plain(c.Type):
    """MkDocs' Type check, in words a writer can act on: not "Expected type: <class 'int'>"."""

    def __init__(self, kind: type, **kwargs: object) -> None:
        super().__init__(kind, **kwargs)
        self.kind = kind  # our own name for it: c.Type keeps it as a private attribute

    def run_validation(self, value: object) -> object:
        if not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            example = f", such as {self.default!r}" if self.default not in (None, "") and self.kind is not bool else ""
            raise c.ValidationError(
                f"expected {KINDS.get(self.kind, self.kind.__name__)}{example}, got {value!r}; change it in mkdocs.yml"
            )
        return value


class PositiveInt(Plain):
    def __init__(self, default: int, minimum: int = 1):
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if value < self.minimum:
            raise c.ValidationError(f"expected a whole number of {self.minimum} or more, got {value}")
        return value


class TimeZone(Plain):
    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise c.ValidationError(f"unknown time zone '{value}'; use a name such as 'Europe/London'") from None
        return value


class Prefix(Plain):
    def __init__(self):
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not SLUG_PATTERN.match(value) or value in RESERVED_PREFIXES:
            raise c.ValidationError(
                f"expected a lowercase word for the URL such as 'news', not one of {', '.join(RESERVED_PREFIXES)}, got '{value}'"
            )
        return value


class FeedLogo(Plain):
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
    label = Plain(str)  # 'Press release': shown on each post
    prefix = Prefix()  # 'news': the listing and post URLs start with it
    title = Plain(str)  # 'News': the listing's heading and its nav entry
    summary_required = Plain(bool, default=False)
    contact_required = Plain(bool, default=False)
    plural = c.Optional(Plain(str))  # 'Press releases'; default: the label with an 's'


class EditorConfig(base.Config):
    """The browser editor at /admin/ (docs-dev/editor.md)."""

    enabled = Plain(bool, default=False)
    repo = c.Optional(Plain(str))  # 'owner/name' on GitHub: where the editor saves
    branch = Plain(str, default="main")
    auth_url = c.Optional(Plain(str))  # the OAuth proxy's address (the GitHub backend's base_url)
    auth_endpoint = c.Optional(Plain(str))  # its path, when not 'auth'
    # The GitHub access signing in grants (docs-dev/sign-in.md): public_repo for a public repository,
    # repo for a private one; the sign-in service's OAUTH_SCOPE must say the same.
    auth_scope = c.Choice(AUTH_SCOPES, default="public_repo")
    local_port = PositiveInt(8081)  # decap-server's port on 127.0.0.1 for `make edit`
    script_dir = Plain(str, default="node_modules/decap-cms/dist")  # relative to mkdocs.yml


class NewsdeskConfig(base.Config):
    posts_dir = Plain(str, default="posts")  # relative to mkdocs.yml
    authors_file = Plain(str, default="authors.yml")  # relative to mkdocs.yml
    default_author = c.Optional(Plain(str))
    types = c.DictOfItems(c.SubConfig(TypeConfig), default=DEFAULT_TYPES)
    allowed_tags = c.Optional(c.ListOfItems(Plain(str)))
    per_page = PositiveInt(10)
    home_count = PositiveInt(5)
    words_per_minute = PositiveInt(200)
    timezone = TimeZone("Europe/London")
    workers = PositiveInt(0, minimum=0)  # processes converting posts in `mkdocs build`; 0: one per CPU
    cache_dir = Plain(str, default=".cache/newsdesk")  # relative to mkdocs.yml; '' turns the render cache off
    feed_items = PositiveInt(20)  # items in each feed, newest first
    image_size_limit = PositiveInt(5)  # megabytes: a bigger image beside a post gets a warning
    feed_logo = c.Optional(FeedLogo())  # the channel image of every feed, relative to docs/
    attachment_limit_mb = PositiveInt(20)  # the largest attachment a post may carry, in MB
    formats_email = c.Optional(Plain(str))  # where readers ask for an attachment in an accessible format
    # True in the build that goes live (deploy.yml): 'Owner to complete' placeholders stop it.
    deploy = Plain(bool, default=False)
    # The live site's /published.json, fetched by the deploy workflow (relative to mkdocs.yml; ''
    # for none): every address published before, which this build must keep (core/publishing/record.py).
    published_record = Plain(str, default="")
    withdrawn = c.ListOfItems(Plain(str), default=[])  # published addresses taken down on purpose
    commit = Plain(str, default="")  # the commit a deploy builds, written into published.json
    editor = c.SubConfig(EditorConfig)
