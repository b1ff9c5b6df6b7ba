"""What the browser tests share: the browser, the pages of each type, and where the tools are."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The moment the sample site is built at: the 2027 post stays scheduled, so it is not published.
NOW = "2026-11-23T12:00"
# Small pages so that the sample's six blog posts make a page 2.
PER_PAGE = 4

# Every kind of page the theme renders, by a name the test ids show, and its address.
PAGES = {
    "home": "",
    "blog-listing": "blog/",
    "blog-page-2": "blog/page/2/",
    "news-listing": "news/",
    "blog-post": "blog/2026/03/reading-corners/",
    "press-release": "news/2025/11/careers-week-comes-to-every-secondary/",
    "press-release-updated": "news/2026/04/send-support-in-mainstream-schools/",  # changes, attachments, related
    "tag-index": "tags/",
    "tag-page": "tags/send/",
    "archive-index": "archive/",
    "archive-year": "archive/2026/",
    "about": "about/",
    "subscribe": "subscribe/",
    "search": "search/",
    "accessibility": "accessibility/",
    "404": "no-such-page/",
}
SCHEMES = ("light", "dark")


def built_file(site_dir: Path, path: str) -> Path:
    """The file the server sends for `path` (404.html for an address that does not exist)."""
    candidate = site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path
    return candidate if candidate.is_file() else site_dir / "404.html"
