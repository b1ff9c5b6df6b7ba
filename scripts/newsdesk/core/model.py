"""Plain data: what a post is, and the settings the core needs. No MkDocs here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, total_ordering
from pathlib import Path
from zoneinfo import ZoneInfo

from .reading.links import Link, resolve

PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"


@dataclass(frozen=True)
class PostType:
    key: str  # 'press-release', as written in front matter
    label: str  # 'Press release', shown on the post
    prefix: str  # 'news': URLs are /news/<yyyy>/<mm>/<slug>/ and the listing is /news/
    title: str  # 'News': the listing's heading and nav entry
    summary_required: bool = False
    contact_required: bool = False
    plural: str | None = None  # 'Press releases': "All press releases" on the home page

    @property
    def many(self) -> str:
        """The label for several posts: `plural`, or the label with an 's'."""
        return self.plural or f"{self.label}s"


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    role: str = ""
    contact: Contact | None = None  # the media contact of the press releases this author signs


@dataclass(frozen=True)
class Change:
    """One dated note under "Updates to this page": what changed, for readers."""

    date: datetime
    note: str


@dataclass(frozen=True)
class Attachment:
    """A document published with a post: a file beside it, or a document elsewhere by its URL."""

    title: str
    kind: str | None = None  # 'PDF', 'Word', ...: None for a link whose type is not known
    file: str | None = None  # the file's place in the site: 'posts/2025/files/report.pdf'
    url: str | None = None  # an absolute URL, for a document on another site
    size: int | None = None  # bytes, for a file
    pages: int | None = None  # for a PDF


@dataclass(frozen=True)
class Related:
    """A link under "Related content": another post or docs page by its file, or a URL."""

    title: str | None  # None: the linked post's or page's own title
    target: str  # as written: '../2025/2025-01-15-x.md', '../../docs/about.md' or 'https://...'
    post: str | None = None  # the linked post's rel, once resolved
    page: str | None = None  # the linked docs page, relative to docs/: 'about.md'


@dataclass(frozen=True)
class Tag:
    name: str  # as the writer spelled it
    slug: str  # its identity: 'SEND' and 'send' are one tag


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder: messages name files relative to it
    posts_dir: Path
    types: dict[str, PostType]
    authors: dict[str, Author]
    default_author: str | None = None
    allowed_tags: tuple[str, ...] | None = None
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/London"))
    words_per_minute: int = 200
    authors_file: str = "authors.yml"  # as messages name it
    docs_dir: Path | None = None  # posts may link to the pages in it
    authors_unreadable: bool = False  # the authors file is missing or broken: reported once, not per post
    attachment_limit_mb: int = 20  # the largest attachment a post may carry
    formats_email: str | None = None  # where readers ask for an attachment in an accessible format
    cache: Path | None = None  # the render cache folder, if any: pictures made before need no second look


@dataclass(frozen=True)
class Post:
    """One post as read and checked: made once (load_posts sets its status and related links by
    making a new one) and never changed after."""

    source: str  # 'posts/2024/2024-12-19-end-of-term.md', as messages name it
    rel: str  # '2024/2024-12-19-end-of-term.md', relative to the posts folder
    path: Path
    title: str
    date: datetime  # timezone-aware, Europe/London
    type: PostType
    slug: str
    author: Author
    body: str
    body_line: int = 1  # where the body starts in the file, for messages about links
    summary: str | None = None
    tags: tuple[Tag, ...] = ()
    updated: datetime | None = None
    draft: bool = False
    image: str | None = None  # relative to the post's file, as written
    image_alt: str | None = None
    image_caption: str | None = None  # shown under the picture
    image_credit: str | None = None  # 'Photo: Sam Example', shown under the picture
    aliases: tuple[str, ...] = ()
    contact: Contact | None = None
    notes_to_editors: str | None = None
    changes: tuple[Change, ...] = ()  # newest first
    attachments: tuple[Attachment, ...] = ()
    related: tuple[Related, ...] = ()
    status: str = PUBLISHED
    reading_minutes: int = 1
    links: tuple[Link, ...] = ()  # the local links and images of the body, found once
    notes: tuple[tuple[str, str], ...] = ()  # (field, warning) found while reading, such as an ambiguous time

    @cached_property  # a page, a listing and a feed each ask; the post never changes
    def url(self) -> str:
        """Site-relative URL without a leading slash: 'blog/2024/12/end-of-term/'."""
        return post_url(self.type, self.date, self.slug)

    @property
    def src_uri(self) -> str:
        """Where MkDocs thinks the file lives, so relative links between posts resolve."""
        return f"posts/{self.rel}"

    @property
    def image_src(self) -> str | None:
        """The post image's place in the site: 'posts/2024/images/hall.png'."""
        return f"posts/{resolve(self.rel, self.image)}" if self.image else None

    @property
    def image_leads(self) -> bool:
        """Whether `image` shows above the body, on the page and in feeds: yes, unless the writer
        placed the same picture in the body already."""
        if not self.image:
            return False
        source = resolve(self.rel, self.image)
        return not any(link.is_image and resolve(self.rel, link.path) == source for link in self.links)

    @property
    def last_modified(self) -> datetime:
        """The later of 'updated' and 'date': a same-day 'updated' without a time is not earlier."""
        return max(self.updated, self.date) if self.updated else self.date


def post_url(post_type: PostType, date: datetime, slug: str) -> str:
    """The address contract: '<prefix>/<yyyy>/<mm>/<slug>/', also for a post not written yet."""
    return f"{post_type.prefix}/{date:%Y}/{date:%m}/{slug}/"


def sort_key(post: Post) -> tuple[float, str]:
    """Newest first; ties broken by path so the order never depends on the file system."""
    return (-post.date.timestamp(), post.source)


_LINE = re.compile(r"\bline (\d+)")
PARTS = ("file", "front matter", "body")  # problems about a part of the file rather than a field


@total_ordering
@dataclass(frozen=True)
class Problem:
    """One line a writer can act on: 'posts/x.md: 'date': expected YYYY-MM-DD, got ...'.

    Problems sort by file, then by the line they name as a number (line 9 before line 10), so a
    writer reads them from the top of the file down."""

    source: str
    field: str
    message: str

    @cached_property
    def ordering(self) -> tuple[str, int, str, str]:
        """Worked out once per problem, however many comparisons a sort makes."""
        found = _LINE.search(self.message)
        return self.source, int(found.group(1)) if found else 0, self.field, self.message

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self.ordering < other.ordering

    def __str__(self) -> str:
        label = self.field if self.field in PARTS else f"'{self.field}'"
        return f"{self.source}: {label}: {self.message}"


def report(problems: list[Problem]) -> str:
    """Every problem on its own line, so the writer can fix them all in one go."""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return f"newsdesk: {count} to fix before the site can be built:\n" + "\n".join(map(str, problems))


# The post types a site has unless mkdocs.yml names its own (the plugin's `types` option).
DEFAULT_TYPES = {
    "blog": {"label": "Blog post", "prefix": "blog", "title": "Blog", "plural": "Blog posts"},
    "press-release": {
        "label": "Press release",
        "prefix": "news",
        "title": "News",
        "plural": "Press releases",
        "summary_required": True,
        "contact_required": True,
    },
}
