"""preview_offline.py SITE_DIR: make a built site browsable from a downloaded folder (file://).

The pull-request workflow runs it on the preview it uploads for reviewers. A browser opening
files does not turn a link to 'blog/' into 'blog/index.html' as a web server does, so every
relative link to a folder gets 'index.html' added. Only the preview is changed; the published
site keeps its addresses. Search does not work from files (browsers block it); everything else does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from newsdesk.core.text.html import rewrite_urls


def offline_url(url: str) -> str:
    """'../blog/' -> '../blog/index.html', '..' -> '../index.html'; other URLs are left alone."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "#")) or not parts.path:
        return url
    path = parts.path
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    if not path.endswith("/"):
        return url
    return urlunsplit(parts._replace(path=path + "index.html"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: preview_offline.py SITE_DIR", file=sys.stderr)
        return 2
    for page in sorted(Path(args[0]).rglob("*.html")):
        # Bytes in and out: only the links change, never the line ends (text mode writes CRLF on Windows).
        text = page.read_bytes().decode("utf-8")
        changed = rewrite_urls(text, offline_url)
        if changed != text:
            page.write_bytes(changed.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
