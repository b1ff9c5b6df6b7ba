"""Working on a post's rendered HTML: its excerpt, its plain text, and moving its relative URLs
to another page or making them absolute for feeds."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MORE = "<!-- more -->"
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'\s(?:id|aria-labelledby)="[^"]*"')
# A start tag, and one attribute in it: values are consumed whole, so text that merely looks like
# an attribute (in a code sample, or inside another attribute's value) is never rewritten.
_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*(?:"[^"]*"|'[^']*'|[^'">])*>""")
_ATTR = re.compile(r"""(\s)([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG_NAME = re.compile(r"<[^\s/>]*")
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "cite", "xlink:href"})
_BLOCKS = frozenset(
    {
        "p",
        "br",
        "div",
        "li",
        "dd",
        "dt",
        "tr",
        "td",
        "th",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figcaption",
    }
)


def excerpt(html: str) -> str:
    """What listings show of a post: everything before '<!-- more -->', or else its first paragraph.

    Ids and permalink anchors are dropped so a listing of many excerpts has no duplicate ids.
    """
    part = html.split(MORE, 1)[0] if MORE in html else (_FIRST_PARAGRAPH.search(html) or [""])[0]
    return _ID.sub("", _HEADERLINK.sub("", part)).strip()


def rewrite_urls(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to every URL in the tags' href, src, poster, cite and each srcset candidate.

    Attribute names are matched in any case, values in double, single or no quotes; the quoting is kept.
    """

    def url_value(name: str, value: str) -> str:
        if name != "srcset":
            return change(value)
        parts = [candidate.strip().split(None, 1) for candidate in value.split(",") if candidate.strip()]
        return ", ".join(" ".join([change(p[0]), *p[1:]]) for p in parts)

    def attribute(match: re.Match[str]) -> str:
        space, name, equals, raw = match.groups()
        if raw is None or name.lower() not in URL_ATTRIBUTES:
            return str(match.group(0))
        quoted = raw[0] in "\"'"
        value = url_value(name.lower(), raw[1:-1] if quoted else raw)
        quote = raw[0] if quoted else '"'
        return f"{space}{name}{equals}{quote}{value}{quote}"

    def tag(match: re.Match[str]) -> str:
        text: str = match.group(0)
        lower = text.lower()
        if "href" not in lower and "src" not in lower and "poster" not in lower and "cite" not in lower:
            return text  # most tags (<p>, <li>, <h2 id=...>) have no URL: spare the attribute scan
        name_end = found.end() if (found := _TAG_NAME.match(text)) else 0
        return text[:name_end] + _ATTR.sub(attribute, text[name_end:])

    changed = _TAG.sub(tag, html)
    return html if changed == html else changed  # the same object: a copy would double a site's HTML in memory


def _is_relative(url: str) -> bool:
    split = urlsplit(url)
    return not (split.scheme or split.netloc or url.startswith("/") or url == "")


def rebase(html: str, from_url: str, to_url: str) -> str:
    """Relative URLs written for the page at `from_url` ('blog/2024/12/x/'), made right at `to_url`."""
    if from_url == to_url:
        return html
    base, here = "/" + from_url, "/" + posixpath.dirname(to_url.rstrip("/") + "/x")

    def change(url: str) -> str:
        if not _is_relative(url):
            return url
        target = urljoin(base, url)
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath(path, here) + ("/" if path.endswith("/") and path != "/" else "")
        return relative + (f"#{fragment}" if fragment else "")

    return rewrite_urls(html, change)


def resolve_source_urls(
    html: str, page_url: str, source_dir: str, site_urls: Mapping[str, str], known: set[str] | None = None
) -> str:
    """Relative URLs in a post's raw HTML, made right for its page.

    MkDocs rewrites Markdown links and images for the page's URL, but leaves raw HTML (an <img> with
    a srcset, say) as written: relative to the post's file. A URL that already names a file of the
    site from the page is left alone; one that names a file from `source_dir` ('posts/2025') is
    pointed at it. `site_urls` maps each file's source path to its URL ('posts/2025/a.png');
    `known` is the set of those URLs without a trailing slash, for callers that reuse it.
    """
    known = known if known is not None else {url.rstrip("/") for url in site_urls.values()}
    here = "/" + page_url

    def change(url: str) -> str:
        cut = match.start() if (match := re.search(r"[?#]", url)) else len(url)
        path, rest = url[:cut], url[cut:]
        if not path or not _is_relative(url):
            return url
        if urljoin(here, path).lstrip("/").rstrip("/") in known:
            return url
        target = site_urls.get(posixpath.normpath(posixpath.join(source_dir, path)))
        if target is None:
            return url
        relative = posixpath.relpath("/" + target, here) + ("/" if target.endswith("/") else "")
        return relative + rest

    return rewrite_urls(html, change)


def absolutize(html: str, page_url: str, site_url: str) -> str:
    """Every URL absolute, for feeds: readers and RSS-to-email tools ignore xml:base."""
    base = urljoin(site_url.rstrip("/") + "/", page_url)
    return rewrite_urls(html, lambda url: url if urlsplit(url).scheme else urljoin(base, url))


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def strip_comments(html: str) -> str:
    """HTML without its comments: <!-- more --> and notes writers leave are not for readers."""
    return _COMMENT.sub("", html)


def strip_permalinks(html: str) -> str:
    """Without the '¶' anchors beside headings: in a feed reader they are noise, not navigation."""
    return _HEADERLINK.sub("", html)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")


def plain_text(html: str) -> str:
    """The words of an HTML fragment, entities decoded, on one line: feed descriptions are plain text."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with '…' when anything was cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(None, 1)[0] if " " in head else head
    return cut.rstrip(" ,;:.-–—") + "…"
