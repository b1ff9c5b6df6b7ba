"""Checks over a built site for the content fast path (check_content.py): links, feeds, axe.

Each check returns Findings: the page or feed, the source file it came from when known (so CI
can put an annotation on it), and a message a writer can act on. Nothing here builds a site.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_URL = re.compile(r'\b(?:href|src)="([^"]+)"')
_SKIP = ("http://", "https://", "mailto:", "tel:", "#", "data:", "javascript:")


@dataclass(frozen=True)
class Finding:
    where: str  # the page's address in the site ('blog/2025/09/x/') or a feed's file
    source: str  # 'posts/...md', 'docs/...md', or '' when no source file is known
    message: str


def sources(site: Path, project: Path) -> dict[str, str]:
    """Page address ('blog/2025/09/x/') -> the file it was made from: posts from the site's own
    published.json, docs pages from their file names (MkDocs' directory URLs)."""
    found = {
        docs_address(p.relative_to(project).as_posix()): p.relative_to(project).as_posix()
        for p in sorted((project / "docs").rglob("*.md"))
    }
    record = site / "published.json"
    if record.is_file():
        for address, source in json.loads(record.read_text(encoding="utf-8"))["addresses"].items():
            found.setdefault(address.strip("/") + "/" if address.strip("/") else "", source)
    return found


def docs_address(rel: str) -> str:
    """'docs/about.md' -> 'about/', 'docs/index.md' -> '', 'docs/a/index.md' -> 'a/'."""
    path = Path(rel).relative_to("docs").with_suffix("")
    parts = list(path.parts)
    if parts and parts[-1] in ("index", "README"):
        parts.pop()
    return "".join(part + "/" for part in parts)


def page_address(site: Path, html_file: Path) -> str:
    rel = html_file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def main_part(html: str) -> str:
    """The page's own content; the theme's navigation is the theme's tests' business."""
    start = html.find('id="main-content"')
    return html[start:] if start >= 0 else html


def broken_links(site: Path, owners: dict[str, str]) -> list[Finding]:
    """Every relative link and picture in a page's content that names no file of the site."""
    findings = []
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site)
        if rel.parts[0] in ("assets", "admin", "pagefind") or rel.as_posix() == "404.html":
            continue
        address = page_address(site, html_file)
        for url in _URL.findall(main_part(html_file.read_text(encoding="utf-8"))):
            if url.startswith(_SKIP) or url.startswith("/"):
                continue
            path = unquote(urlsplit(url).path)
            if not path:
                continue
            target = (html_file.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                findings.append(
                    Finding(
                        address,
                        owners.get(address, ""),
                        f"the page /{address} links to '{url}', which is not in the built site; "
                        "correct the link or add the file it names",
                    )
                )
    return findings


def feed_problems(site: Path, site_url: str) -> list[Finding]:
    """Every feed parses, and every item's link is a page of this site that was built."""
    import feedparser

    base = site_url.rstrip("/") + "/"
    findings = []
    feeds = [p for p in sorted(site.rglob("*.xml")) if p.name != "sitemap.xml"]
    for feed_file in feeds:
        rel = feed_file.relative_to(site).as_posix()
        parsed = feedparser.parse(feed_file.read_bytes())
        if parsed.bozo:
            findings.append(Finding(rel, "", f"the feed {rel} is not valid XML ({parsed.bozo_exception})"))
            continue
        for entry in parsed.entries:
            link = entry.get("link", "")
            if not link.startswith(base):
                findings.append(
                    Finding(
                        rel,
                        "",
                        f"the feed {rel} has an item '{entry.get('title', '')}' whose link '{link}' is not on {base}",
                    )
                )
                continue
            target = site / unquote(link[len(base) :])
            if not (target / "index.html" if not target.suffix else target).is_file():
                findings.append(Finding(rel, "", f"the feed {rel} links to {link}, which was not built"))
    if not feeds:
        findings.append(Finding("", "", "the built site has no feeds (feed.xml); the build went wrong"))
    return findings


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def axe_problems(
    site: Path, addresses: list[str], owners: dict[str, str], axe_js: Path, chromium: str
) -> list[Finding]:
    """axe-core's WCAG 2.2 A and AA rules on each address, in the light and the dark scheme."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    axe = axe_js.read_text(encoding="utf-8")
    findings = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for scheme in ("light", "dark"):
                page = browser.new_context(color_scheme=scheme).new_page()
                for address in addresses:
                    page.goto(root + address, wait_until="load")
                    page.add_script_tag(content=axe)
                    violations = page.evaluate(
                        """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
                            resultTypes: ['violations']})).violations.map(v => ({id: v.id, help: v.help,
                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""",
                        WCAG_TAGS,
                    )
                    for v in violations:
                        findings.append(
                            Finding(
                                address,
                                owners.get(address, ""),
                                f"accessibility ({scheme} scheme) on /{address}: {v['help']} "
                                f"[{v['id']}] at {', '.join(v['nodes'])}",
                            )
                        )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return findings
