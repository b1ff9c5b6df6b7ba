"""Parts of a post that its page and its feed items both show, made in one place so they cannot drift."""
from __future__ import annotations

from html import escape

from .model import Contact


def contact_html(contact: Contact, phone_link: bool = True) -> str:
    """The media contact's lines, as the page's <address> and the feed item both carry them.

    Feeds get the number without its tel: link: feed readers' sanitizers drop tel: links, which
    would leave an empty link (feedparser, for one, does)."""
    name = escape(contact.name) + (f", {escape(contact.role)}" if contact.role else "")
    lines = [f"<p>{name}</p>"]
    if contact.email:
        lines.append(f'<p>Email: <a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a></p>')
    if contact.phone:
        number = escape(contact.phone)
        if phone_link:
            number = f'<a href="tel:{escape(contact.phone.replace(" ", ""))}">{number}</a>'
        lines.append(f"<p>Telephone: {number}</p>")
    return "\n".join(lines)


def contact_section(contact: Contact) -> str:
    """The whole "Media contact" block of a feed item; the page's template wraps contact_html alike."""
    return f"<h2>Media contact</h2>\n<address>\n{contact_html(contact, phone_link=False)}\n</address>"
