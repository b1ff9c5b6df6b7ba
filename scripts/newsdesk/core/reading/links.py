"""Finding the local links and images in a post's Markdown, so broken ones fail before the build."""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import normpath
from urllib.parse import unquote

_FENCED = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
# Starts with the literal '[' (an image's '!' is checked before it), so the regex engine can skip
# ahead to each '[' instead of trying every position: most of a post's text has no links.
_INLINE = re.compile(
    r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.M)
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""\b(src|alt)\s*=\s*("[^"]*"|'[^']*')""", re.I)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|/)", re.I)
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass(frozen=True)
class Link:
    target: str  # as written
    path: str  # the local path part, URL-decoded, without '#...' or '?...'
    is_image: bool
    alt: str | None  # images only
    line: int  # 1-based, within the body

    @property
    def absolute(self) -> bool:
        """'/about/': an address on this site rather than a file, which MkDocs cannot check or rewrite."""
        return self.target.startswith("/") and not self.target.startswith("//")

    @property
    def fragment(self) -> str:
        """'who-we-are' for '../docs/about.md#who-we-are'; '' without one."""
        return self.target.split("#", 1)[1] if "#" in self.target and not _SCHEME.match(self.target) else ""


def _blank(match: re.Match[str]) -> str:
    """Keep line numbers while hiding code, where link-like text is not a link."""
    return re.sub(r"[^\n]", " ", match.group(0))


def local_links(body: str) -> list[Link]:
    """Every link and image in `body` to this site: by a relative path, by an address ('/about/',
    which the checks refuse), or to a part of the same page ('#section')."""
    text = body
    if "```" in text or "~~~" in text:  # each check spares a scan of the whole text when it cannot match
        text = _FENCED.sub(_blank, text)
    if "`" in text:
        text = _CODE_SPAN.sub(_blank, text)
    found: list[Link] = []
    for match in _INLINE.finditer(text):
        label, target = match.groups()
        start = match.start()
        is_image = start > 0 and text[start - 1] == "!"
        found.append(_link(text, start - is_image, target, is_image, label if is_image else None))
    for match in _REFERENCE.finditer(text) if "]:" in text else ():
        found.append(_link(text, match.start(), match.group(1), False, None))
    for match in _HTML_IMG.finditer(text) if "<" in text else ():
        attrs = {name.lower(): value[1:-1] for name, value in _ATTR.findall(match.group(0))}
        if "src" in attrs:
            found.append(_link(text, match.start(), attrs["src"], True, attrs.get("alt")))
    return sorted(
        (link for link in found if link.path or link.absolute or link.target.startswith("#")),
        key=lambda link: (link.line, link.target),
    )


def _link(text: str, start: int, target: str, is_image: bool, alt: str | None) -> Link:
    target = target.strip("<>")
    path = "" if _EXTERNAL.match(target) else unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    return Link(target, path, is_image, alt, text.count("\n", 0, start) + 1)


def is_local(target: str) -> bool:
    """A relative path to a file of this site, not 'https:', 'mailto:', '//host', '#part' or '/root'."""
    return not _EXTERNAL.match(target)


def retarget(body: str, targets: dict[str, str]) -> str:
    """The body with the links to each old target pointing at its new one."""
    for old, new in targets.items():
        body = body.replace(f"]({old}", f"]({new}").replace(f"]: {old}", f"]: {new}")
    return body


def slash_fix(path: str) -> str | None:
    """The fix for a path written the Windows way ('images\\photo.jpg'), or None for one without a
    backslash. Web addresses use '/', and a backslash found on Windows would break on the server.
    Pictures, documents, links and aliases all answer with these words."""
    if "\\" not in path:
        return None
    fixed = path.replace("\\", "/")
    return f"use / instead of \\: write {fixed}"


def resolve(post_rel: str, path: str) -> str:
    """A link's target relative to the posts folder: ('2024/a.md', '../2023/b.md') -> '2023/b.md'."""
    folder = post_rel.rsplit("/", 1)[0] if "/" in post_rel else ""
    return normpath(f"{folder}/{path}" if folder else path)
