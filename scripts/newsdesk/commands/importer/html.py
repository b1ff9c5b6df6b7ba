"""A page of the old CMS saved as HTML -> a Draft. Pure: HTML in, fields and Markdown out.

BeautifulSoup finds the article and its title, date, summary and tags; markdownify turns the
article into Markdown (headings, paragraphs, lists, links, images with their alt text). The
press-release furniture ("Ends", the contact block, "Tags:") is then read as in plain text.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag
from markdownify import markdownify

from ...core.text.dates import written_date
from ...core.text.slugs import slugify
from .byline import find_byline
from .shape import Draft, find_date, shape, split_title

ARTICLE = ("article", "main", "[role=main]", "#content", ".content", ".entry-content", ".article-body", "body")
NOISE = (
    "script",
    "style",
    "noscript",
    "nav",
    "form",
    "button",
    "iframe",
    "aside",
    "footer",
    "[role=navigation]",
    ".breadcrumb",
    ".breadcrumbs",
    ".share",
    ".social",
    ".tags",
    ".pagination",
    ".byline",
    ".post-meta",
    ".entry-meta",
)
_H1 = re.compile(r"^# ", re.M)
_LOCAL_TIME = ZoneInfo("Europe/London")


def read_html(html: str | bytes) -> Draft:
    soup = BeautifulSoup(html, "html.parser")
    draft = Draft()
    page_url = _attr(soup.find("link", rel="canonical"), "href") or _meta(soup, "og:url")
    article = next((found for selector in ARTICLE if (found := soup.select_one(selector))), soup)
    heading = article.find("h1") or soup.find("h1")
    title = heading.get_text(" ", strip=True) if heading else _meta(soup, "og:title") or _page_title(soup)
    draft.title, draft.date, _ = split_title(title) if title else (None, None, None)
    draft.date = _published(article, soup) or draft.date
    draft.summary = _meta(soup, "description") or _meta(soup, "og:description")
    draft.tags = [a.get_text(" ", strip=True) for a in soup.select("a[rel~=tag]") if a.get_text(strip=True)]
    if page_url and (path := urlsplit(page_url).path) not in ("", "/"):
        draft.aliases = [path]
        draft.notes.append(
            f"aliases: {path}, the page's old address, so old links keep working; remove it if the old site was on another domain"
        )
    signed = article.select_one("[rel~=author], .byline, .author")
    recorded = (signed.get_text(" ", strip=True) if signed else None) or _meta(soup, "author")
    if isinstance(heading, Tag) and article.find("h1") is heading:
        heading.decompose()
    for noise in article.select(", ".join(NOISE)):
        noise.decompose()
    _images(article, draft)
    _links(article, page_url, draft)
    markdown = _H1.sub("## ", markdownify(str(article), heading_style="ATX", bullets="-"))
    blocks = [block.strip("\n") for block in re.split(r"\n[ \t]*\n", markdown) if block.strip()]
    body = shape(blocks, draft)
    if draft.date is None:
        draft.date, written = find_date("\n".join(body))
        if draft.date:
            draft.notes.append(f"date: {draft.date}, from '{written}' in the text; check it is the day of publication")
    draft.byline = find_byline(draft.title, body, recorded)
    draft.body = "\n\n".join(body)
    return draft


def _attr(tag: object, name: str) -> str | None:
    value = tag.get(name) if isinstance(tag, Tag) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    return _attr(soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name}), "content")


def _page_title(soup: BeautifulSoup) -> str | None:
    """'Launch day | City Council' -> 'Launch day': the site's name is not the post's."""
    if not soup.title or not soup.title.get_text(strip=True):
        return None
    return re.split(r"\s+[|–—-]\s+", soup.title.get_text(" ", strip=True))[0]


def _published(article: Tag, soup: BeautifulSoup) -> str | None:
    """The publication date the CMS recorded: <time datetime>, or article:published_time."""
    for value in (
        _attr(article.find("time"), "datetime"),
        _meta(soup, "article:published_time"),
        _meta(soup, "date"),
        _meta(soup, "DC.date.issued"),
    ):
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            date, _ = find_date(value)
            if date:
                return date
            continue
        if moment.tzinfo:
            moment = moment.astimezone(_LOCAL_TIME)
        return written_date(moment)
    return None


def _images(article: Tag, draft: Draft) -> None:
    """Each image will be saved beside the post as images/<name>; the page keeps its alt text."""
    names: dict[str, str] = {}  # old address -> name
    for image in article.find_all("img"):
        source = _attr(image, "src")
        if not source:
            image.decompose()
            continue
        if source not in names:
            stem, suffix = posixpath.splitext(posixpath.basename(unquote(urlsplit(source).path)))
            base = slugify(stem) or "image"
            name, number = f"{base}{suffix.lower()}", 1
            while name in draft.images:
                number += 1
                name = f"{base}-{number}{suffix.lower()}"
            names[source] = name
            draft.images[name] = source
        image["src"] = f"images/{names[source]}"


def _links(article: Tag, page_url: str | None, draft: Draft) -> None:
    """Links into the old site become full addresses on it, since this site has other addresses."""
    for link in article.find_all("a", href=True):
        href = link["href"].strip()
        split = urlsplit(href)
        if split.scheme or href.startswith(("#", "//")) or not href:
            continue
        if page_url:
            link["href"] = urljoin(page_url, href)
            draft.notes.append(
                f"link '{href}' now points to the old site at {link['href']}; link to the post's file instead once it is imported"
            )
        else:
            draft.notes.append(
                f"link '{href}' points into the old site, which this site cannot resolve; "
                "link to the post's file (../2015/2015-10-19-launch.md) or to a full https:// address"
            )
