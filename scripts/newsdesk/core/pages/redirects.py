"""Old addresses of renamed posts: a small page at each alias that sends readers to the post."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from ..model import Post


def alias_path(alias: str) -> str:
    """Where the redirect page for an alias is written: '/news/2015/10/launch/' -> 'news/2015/10/launch/index.html'.

    An alias whose last part has a dot ('/old/launch.html') is written as that file.
    """
    path = alias.strip("/")
    return path if "." in path.rsplit("/", 1)[-1] else f"{path}/index.html"


def redirect_page(target: str) -> str:
    """A page that redirects to the absolute URL `target`: canonical link, meta refresh, a plain link.

    The script keeps a '#section' of the old link; without scripts the meta refresh still works.
    """
    url = html.escape(target)
    return (
        "<!doctype html>\n"
        '<html lang="en-GB">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>This page has moved</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f"<script>location.replace({json.dumps(target)} + location.hash)</script>\n"
        "</head>\n"
        "<body>\n"
        f'<p>This page has moved to <a href="{url}">{url}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def redirects(posts: Iterable[Post], site_url: str) -> dict[str, str]:
    """Each alias's output path and its redirect page, for every post that lists aliases."""
    base = site_url.rstrip("/") + "/"
    return {alias_path(alias): redirect_page(base + post.url) for post in posts for alias in post.aliases}
