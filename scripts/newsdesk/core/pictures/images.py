"""The image plan, as plain data: which pictures a post shows, which formats are accepted, the
widths and names of their renditions, and what a share card says. imaging.py does the work with
Pillow; the plugin wires both to MkDocs.

Every name made here carries a hash of the content and of the settings that made it, so a
published file never changes under its name and a cached one is never stale.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..model import Post
from ..reading.links import resolve

VERSION = 3  # bump when imaging.py makes different bytes from the same source
ACCEPTED = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}
BODY_ONLY = (".svg",)  # a drawing in the body is fine; social media never show an SVG share image
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
WIDTHS = (480, 800, 1200, 1600)  # renditions, never wider than the original
FEED_WIDTH = 800  # the one rendition a feed carries, in the original format
# The content column is at most 52rem (about 1040 px) wide; below that a picture spans the screen.
SIZES = "(min-width: 1100px) 1000px, 100vw"
CARD_SIZE = (1200, 630)  # what Facebook, X and LinkedIn show large
SAVE_AS_JPEG = (
    "open it and save a copy as JPEG (.jpg): in Windows Photos, '...' > 'Save as'; on an "
    "iPhone, set Settings > Camera > Formats to 'Most Compatible' before taking photos"
)
_NAMED = {
    ".heic": "a HEIC photo",
    ".heif": "a HEIF photo",
    ".tif": "a TIFF file",
    ".tiff": "a TIFF file",
    ".bmp": "a BMP file",
    ".avif": "an AVIF file",
    ".psd": "a Photoshop file",
    ".raw": "a camera RAW file",
}


def format_problem(what: str, written: str, in_front_matter: bool) -> str | None:
    """What is wrong with an image's file type, from its name; None when browsers show it.
    `what` names it in the message: "image 'images/hall.heic' on line 4"."""
    suffix = PurePosixPath(written.split("#")[0].split("?")[0]).suffix.lower()
    if suffix in ACCEPTED:
        return None
    if suffix in BODY_ONLY:
        if not in_front_matter:
            return None
        return (
            f"{what} is an SVG drawing, which Facebook, X and LinkedIn do not show when the post is "
            "shared; save it as PNG or JPEG and give that file, or put the drawing in the body instead"
        )
    kind = _NAMED.get(suffix, f"a '{suffix}' file" if suffix else "a file without a type in its name")
    return f"{what} is {kind}, which browsers cannot show; {SAVE_AS_JPEG}, and give that file instead"


def content_problem(what: str, found: str | None) -> str | None:
    """What is wrong with an image whose content Pillow identified as `found` (None: unreadable)."""
    if found in ACCEPTED.values():
        return None
    inside = f"holds a {found} picture" if found else "cannot be read as a picture"
    return (
        f"{what} is named like a JPEG, PNG, WebP or GIF file but {inside}; {SAVE_AS_JPEG}, and give that file instead"
    )


def damaged_problem(what: str) -> str:
    """For a picture whose start is fine but which cannot be read to its end, usually a copy cut short."""
    return (
        f"{what} is damaged: it cannot be read to its end, as when a copy or download stops half way; "
        "open the original and save it again as JPEG or PNG, and give that file instead"
    )


def size_warning(what: str, size: int, limit_mb: float) -> str | None:
    """A warning for an image file over `limit_mb` megabytes: the site resizes it, but the
    repository and every download of it carry the whole file."""
    if size <= limit_mb * 1_000_000:
        return None
    return (
        f"warning: {what} is {size / 1_000_000:.1f} MB, more than {limit_mb:g} MB; the site makes smaller copies, "
        "but save a smaller version (at most 2000 pixels wide) to keep the repository quick to download"
    )


def is_raster(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in ACCEPTED  # asked of every file of the site and theme: no pathlib


def pictures_of(post: Post) -> list[str]:
    """The raster images a post shows, relative to the posts folder: its `image`, then the body's."""
    found = [resolve(post.rel, post.image)] if post.image else []
    found += [resolve(post.rel, link.path) for link in post.links if link.is_image]
    return [rel for rel in dict.fromkeys(found) if is_raster(rel) and not rel.startswith("../")]


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=10).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=10).hexdigest()


_digests: dict[tuple[Path, int, int], str] = {}  # (path, size, mtime) -> its file_digest


def content_digest(path: Path) -> str:
    """file_digest, read once per version of the file: `check_site`, the build and every `serve`
    rebuild of one process share it."""
    stat = path.stat()
    state = (path, stat.st_size, stat.st_mtime_ns)
    if state not in _digests:
        _digests[state] = file_digest(path)
    return _digests[state]


def widths_for(width: int) -> tuple[int, ...]:
    """The rendition widths for an original `width` pixels wide: never wider than it."""
    largest = min(width, WIDTHS[-1])
    return tuple(w for w in WIDTHS if w < largest) + (largest,)


def scaled(width: int, height: int, new_width: int) -> tuple[int, int]:
    return new_width, max(1, round(height * new_width / width))


@dataclass(frozen=True)
class Rendition:
    path: str  # in the site: 'posts/2025/images/corner-800.1a2b3c4d5e.webp'
    width: int
    height: int
    format: str  # 'JPEG', 'WEBP'...
    cached: str  # the file's name in the cache folder
    size: int = 0  # bytes

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class Picture:
    """One source image made ready to publish: its renditions, the feed's copy, and the original
    (oriented, without metadata) that replaces the writer's file at its own address."""

    source: str  # its address in the site: 'posts/2025/images/corner.jpg', or 'images/team.jpg' from docs/
    width: int  # of the original, upright
    height: int
    renditions: tuple[Rendition, ...]  # narrowest first
    feed: Rendition
    original: Rendition  # published at `source`, its own address

    @property
    def src(self) -> Rendition:
        """The rendition old browsers load: the one nearest the content column's width."""
        return min(self.renditions, key=lambda r: abs(r.width - 1000))

    def srcset(self, url: Callable[[str], str]) -> str:
        """`url(path)` makes each rendition's address as the page needs it."""
        return ", ".join(f"{url(r.path)} {r.width}w" for r in self.renditions)


def rendition_path(source: str, key: str, label: str, fmt: str) -> str:
    """'posts/2025/images/corner.jpg' -> 'posts/2025/images/corner-800.<key>.webp' (paths in the site)."""
    stem = posixpath.splitext(source)[0]
    return f"{stem}-{label}.{key}.{EXTENSION[fmt]}"


def is_rendition_of(path: str, source: str) -> bool:
    """Whether `path` is named as rendition_path names the copies of `source`, whatever the key."""
    stem = posixpath.splitext(source)[0]
    name = path[len(stem) :] if path.startswith(stem) else ""
    label, _, rest = name.rpartition(".")[0].rpartition(".")
    return name.startswith("-") and bool(label) and rest.isalnum() and name.rsplit(".", 1)[-1] in EXTENSION.values()


@dataclass(frozen=True)
class Card:
    """A share card: what it shows and where it is published. Either `source` (the post's own
    picture, cropped to fit) or a generated card with title, label, date and organisation."""

    path: str  # in the site: 'assets/cards/<key>.png'
    alt: str
    title: str = ""
    label: str = ""  # 'Press release'
    date: str = ""  # '4 March 2025'
    organisation: str = ""
    accent: str = "#1d70b8"
    source: str | None = None  # the post's picture, relative to the posts folder
    source_key: str = ""  # its content digest

    @property
    def mime(self) -> str:
        return "image/jpeg" if self.path.endswith(".jpg") else "image/png"

    @property
    def name(self) -> str:
        """Its file's name, in the site and in the cache: '<key>.png'."""
        return posixpath.basename(self.path)


# The brand, from docs/assets/newsdesk.css: the header band, white text, the type labels' colours.
BRAND = "#0b3a5d"
BRAND_TEXT = "#ffffff"
STRIPE = "#1d70b8"
ACCENTS = {"blog": "#00703c", "press-release": "#1d70b8"}
CARD_FOLDER = "assets/cards"


def card_for(post: Post, organisation: str, date_text: str, source_key: str | None, render_key: str) -> Card:
    """The post's card: its own picture cropped to 1200 x 630 when it has one, else a generated one."""
    if source_key and post.image and is_raster(post.image):
        source = resolve(post.rel, post.image)
        key = digest("crop", source_key, render_key)
        return Card(f"{CARD_FOLDER}/{key}.jpg", post.image_alt or post.title, source=source, source_key=source_key)
    accent = ACCENTS.get(post.type.key, STRIPE)
    alt = f"{post.type.label}: {post.title}. {organisation}, {date_text}"
    key = digest("card", post.title, post.type.label, date_text, organisation, accent, render_key)
    return Card(f"{CARD_FOLDER}/{key}.png", alt, post.title, post.type.label, date_text, organisation, accent)


def site_card(site_name: str, organisation: str, render_key: str) -> Card:
    """The card of docs pages, listings and the home page."""
    title = site_name
    key = digest("card", title, "", "", organisation, STRIPE, render_key)
    alt = site_name if organisation == site_name else f"{site_name}: {organisation}"
    return Card(f"{CARD_FOLDER}/{key}.png", alt, title, "", "", organisation, STRIPE)
