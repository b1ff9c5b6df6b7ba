"""Parts of a post that its page and its feed items both show, made in one place so they cannot drift.

`closing_html` is everything after the body: "Ends", notes to editors, the media contact,
attachments, related content and the updates to the page, each part a macro of the autoescaped
templates/closing.html. The page's template places it after the body and the feed item carries it
after the body, so a reader of either sees the same words.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..model import Attachment, Change, Contact, Post
from ..reading.attachments import human_size
from ..reading.docs import page_title
from ..text.dates import human_datetime, machine_date


@dataclass(frozen=True)
class Link:
    """A link as a page shows it: its words and its address (relative to the page, or absolute)."""

    title: str
    href: str


# The closing parts' markup, autoescaped; each part is one of its macros.
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True, undefined=StrictUndefined
)
_PARTS: Any = _TEMPLATES.get_template("closing.html").module

# Kept as they are in an address: '/', '%' (an address MkDocs quoted already) and what RFC 3986 allows.
_SAFE = "/%#:@!$&'()*+,;=~"


def relative(target: str, page_url: str) -> str:
    """The address of `target` (a site path: 'blog/2025/01/x/', 'posts/a.pdf') from the page at
    `page_url`, percent-encoded: 'posts/2025/files/annual report.pdf' is linked as 'annual%20report.pdf'."""
    href = posixpath.relpath(target or ".", page_url or ".")
    folder = target == "" or target.endswith("/")  # a page's address: keep its trailing slash
    return quote(href + "/" if folder and not href.endswith("/") else href, safe=_SAFE)


def related_links(post: Post, by_rel: Mapping[str, Post], urls: Mapping[str, str], docs_dir: Path) -> list[Link]:
    """The post's "Related content" as its page shows it: another post by its title, a docs page
    by its own title (`urls`: each docs page's address, by its path in docs/), a web page as written."""
    links = []
    for item in post.related:
        if item.post and (other := by_rel.get(item.post)):
            links.append(Link(item.title or other.title, relative(other.url, post.url)))
        elif item.page:
            links.append(
                Link(item.title or page_title(docs_dir / item.page), relative(urls.get(item.page, ""), post.url))
            )
        elif not item.post:
            links.append(Link(item.title or item.target, item.target))
    return links


def contact_html(contact: Contact, phone_link: bool = True) -> str:
    """The media contact's lines, as the page's <address> and the feed item both carry them.

    Feeds get the number without its tel: link: feed readers' sanitizers drop tel: links, which
    would leave an empty link (feedparser, for one, does)."""
    return str(_PARTS.contact_lines(contact, phone_link))


def attachment_facts(attachment: Attachment) -> str:
    """'PDF, 245 KB, 12 pages': what a reader should know before opening a document."""
    facts = [attachment.kind] if attachment.kind else []
    if attachment.size is not None:
        facts.append(human_size(attachment.size))
    if attachment.pages is not None:
        facts.append(f"{attachment.pages} page{'s' if attachment.pages != 1 else ''}")
    return ", ".join(facts)


def _attachment(post: Post, attachment: Attachment) -> dict[str, str]:
    href = relative(attachment.file, post.url) if attachment.file else attachment.url or ""
    return {"href": href, "title": attachment.title, "facts": attachment_facts(attachment)}


def _change(change: Change) -> dict[str, str]:
    return {"machine": machine_date(change.date), "human": human_datetime(change.date), "note": change.note}


def closing_html(
    post: Post,
    notes_html: str = "",
    *,
    related: Sequence[Link] = (),
    formats_email: str | None = None,
    for_feed: bool = False,
) -> str:
    """Everything the post shows after its body, for its page and (`for_feed`) its feed items:
    each part is a macro of templates/closing.html, in this order."""
    parts = []
    if post.type and post.type.contact_required:
        parts.append(_PARTS.ends())
    if notes_html:
        parts.append(_PARTS.notes(Markup(notes_html)))  # rendered from Markdown already
    if post.contact:
        parts.append(_PARTS.contact(post.contact, not for_feed))
    if post.attachments:
        parts.append(_PARTS.attachments([_attachment(post, a) for a in post.attachments], formats_email))
    if related:
        parts.append(_PARTS.related(list(related)))
    if post.changes:
        parts.append(_PARTS.changes([_change(change) for change in post.changes]))
    return "\n".join(parts)


def more_html(links: list[Link]) -> str:
    """ "More on this topic": other posts that share tags with this one. The page shows it, feeds
    do not: it changes as other posts are published, and an item must not change for that."""
    return str(_PARTS.more(links)) if links else ""


def share_links(title: str, url: str) -> list[Link]:
    """Plain links that share the post (absolute `url`): nothing is loaded from these services
    until a reader follows one, and none opens a new window."""
    text, address = quote(title, safe=""), quote(url, safe="")
    return [
        Link("Email", f"mailto:?subject={text}&body={address}"),
        Link("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={address}"),
        Link("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={address}"),
        Link("X (formerly Twitter)", f"https://x.com/intent/post?text={text}&url={address}"),
        Link("WhatsApp", f"https://wa.me/?text={text}%20{address}"),
    ]
