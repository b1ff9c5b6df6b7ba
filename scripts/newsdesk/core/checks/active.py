"""Files the site publishes as they are, which a browser could run as a program from the site's own
address: the same address as the editor at /admin/, where a writer's sign-in is kept.

An SVG drawing is XML, and may hold scripts, event handlers, links to `javascript:` and other files
to load; such a drawing is refused, not cleaned, so the published file is the one the writer gave.
It is read with defusedxml, which refuses entity declarations (a "billion laughs" file cannot hang
the build). Beside posts, web pages, scripts and other files a browser runs are refused outright.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..model import Problem
from ..publishing.outputs import docs_outputs

SVG_FIX = "export it again as a plain SVG (without scripts, links or embedded files), or use PNG"
# Beside posts: files a browser would open as a page or run, rather than show or download.
RUNNABLE = {
    ".html": "a web page",
    ".htm": "a web page",
    ".xhtml": "a web page",
    ".xht": "a web page",
    ".shtml": "a web page",
    ".mht": "a web page",
    ".js": "a script",
    ".mjs": "a script",
    ".xml": "an XML file",
    ".xsl": "an XSLT stylesheet",
    ".xslt": "an XSLT stylesheet",
    ".svgz": "a compressed SVG drawing",
    ".swf": "a Flash file",
    ".hta": "a Windows program",
}
_FORBIDDEN = {
    "script": "holds a script",
    "foreignObject": "holds a foreignObject (a web page inside the drawing)",
    "iframe": "holds an iframe",
    "embed": "embeds another file",
    "object": "embeds another file",
    "handler": "holds a script",
    "listener": "holds a script",
}
_ANIMATIONS = {"set", "animate", "animateTransform", "animateMotion"}
_LINKS = {"href", "src", "action", "formaction"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
_SPACE = re.compile(r"[\x00-\x20]+")

_seen: dict[tuple[Path, int, int], str | None] = {}  # (path, size, mtime) -> its problem


def runnable_problem(name: str) -> str | None:
    """Why a file kept beside posts may not be published, from its name; None when it may."""
    kind = RUNNABLE.get(posixpath.splitext(name)[1].lower())
    if kind is None:
        return None
    return (
        f"is {kind}, which a browser would run as part of this site; the site does not publish such files: "
        "save it as a PDF and list it under 'attachments', or move it out of the posts folder"
    )


def svg_file_problem(path: Path) -> str | None:
    """svg_problem for a file, read once per version of it."""
    stat = path.stat()
    state = (path, stat.st_size, stat.st_mtime_ns)
    if state not in _seen:
        _seen[state] = svg_problem(path.read_bytes())
    return _seen[state]


def svg_problem(data: bytes) -> str | None:
    """What makes an SVG drawing more than a picture, with the fix; None for a plain drawing."""
    if b"<?xml-stylesheet" in data:
        return (
            f"is an SVG drawing that loads a stylesheet, which can run as a program with this site's rights; {SVG_FIX}"
        )
    try:
        root = fromstring(data)  # a DOCTYPE, as Illustrator writes, is fine; entities are not
    except DefusedXmlException:
        return f"is an SVG drawing that declares its own entities (text that expands as it is read), which the site does not read; {SVG_FIX}"
    except (ParseError, ValueError):
        return f"cannot be read as an SVG drawing: it is not well-formed XML; {SVG_FIX}"
    if _local(root.tag) != "svg":
        return f"is named like an SVG drawing but is not one (it starts with <{_local(root.tag)}>); {SVG_FIX}"
    for element in root.iter():
        if why := _element_problem(element):
            return (
                f"is an SVG drawing that {why}; the site publishes only plain drawings, because a drawing "
                f"opened at its own address runs with this site's rights; {SVG_FIX}"
            )
    return None


def _element_problem(element: Element) -> str | None:
    name = _local(element.tag) if isinstance(element.tag, str) else ""
    if name in _FORBIDDEN:
        return _FORBIDDEN[name]
    if name in _ANIMATIONS and _local(element.get("attributeName", "")) in _LINKS:
        return "changes a link as it plays"
    if name == "style" and (why := _style_problem(element.text or "")):
        return why
    for key, value in element.attrib.items():
        attribute = _local(key)
        if attribute.lower().startswith("on"):
            return f"has an event handler ('{attribute}')"
        if attribute in _LINKS and (why := _link_problem(value)):
            return why
        if attribute == "style" and (why := _style_problem(value)):
            return why
    return None


def _link_problem(value: str) -> str | None:
    """A link inside the drawing may only point at a part of the drawing itself ('#shape')."""
    target = _SPACE.sub("", value).lower()
    if target.startswith("#") or not target:
        return None
    scheme = target.split(":", 1)[0] if ":" in target else ""
    if scheme in ("javascript", "vbscript", "data"):
        return f"has a '{scheme}:' link"
    return f"refers to another file ('{value.strip()[:60]}')"


def _style_problem(css: str) -> str | None:
    if "@import" in css.lower():
        return "imports a stylesheet"
    for target in _URL.findall(css):
        if not target.startswith("#"):
            return f"refers to another file in its style ('{target[:60]}')"
    return None


def _local(name: str) -> str:
    """'{http://www.w3.org/2000/svg}script' -> 'script'; 'xlink:href' keeps only 'href'."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def published_file_problems(
    posts_dir: Path, posts_label: str, assets: list[str], docs_dir: Path | None
) -> list[Problem]:
    """Each file beside posts (`assets`, by their paths in the posts folder, named in messages
    under `posts_label`) or drawing in docs/ that could run in a reader's browser. The site's own
    scripts and stylesheets in docs/ are the owner's code, not checked here."""
    found = []
    for rel in assets:
        if why := runnable_problem(rel):
            found.append(Problem(f"{posts_label}/{rel}", "file", why))
        elif rel.lower().endswith(".svg") and (why := svg_file_problem(posts_dir / rel)):
            found.append(Problem(f"{posts_label}/{rel}", "file", why))
    for dest, source in docs_outputs(docs_dir).items():  # none without a docs folder
        if docs_dir and dest.lower().endswith(".svg") and (why := svg_file_problem(docs_dir / dest)):
            found.append(Problem(source, "file", why))
    return found
