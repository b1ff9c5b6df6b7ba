"""The preview's problem banner: under `mkdocs serve`, problems in posts, docs pages or authors.yml
do not stop the preview, they are listed at the top of every page instead.

MkDocs' server answers no page until a build succeeds, so a build that stops on a bad post leaves
the browser waiting. When serving, the plugin builds anyway: each post with a problem keeps its last
good version (or is left out if it never had one), each docs page with a problem keeps its last good
text (or shows a short notice), and every page carries the same lines `newsdesk check` prints
(model.report). `mkdocs build` still stops on them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from ..core.model import Post, Problem, report, sort_key
from ..core.reading.docs import read_docs
from ..core.reading.posts import Loaded

# Plain colours, not the theme's: the banner must read the same on every page and in dark mode.
# Text #0b0c0c on white is 19:1; the red is GOV.UK's error colour.
_STYLE = """<style>
.nd-problems{box-sizing:border-box;margin:0;padding:12px 16px;background:#fff;color:#0b0c0c;
border:4px solid #d4351c;border-left-width:10px;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;
overflow-wrap:anywhere;position:relative;z-index:10}
.nd-problems h2{margin:0 0 8px;font-size:19px;line-height:1.3;font-weight:700;color:#0b0c0c}
.nd-problems p{margin:0 0 8px}
.nd-problems ul{margin:0;padding-left:20px}
.nd-problems li{margin:0 0 4px}
.nd-problems code{font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;color:#0b0c0c;background:none}
</style>"""

_BANNER = jinja2.Environment(autoescape=True).from_string(
    """<section class="nd-problems" role="alert" aria-labelledby="nd-problems-heading" data-pagefind-ignore="all">
<h2 id="nd-problems-heading">{{ heading }}</h2>
<p>This is the preview only: pages with a problem show their last good version, or are left out.
Fix each line below and save; this box goes away when the preview rebuilds.
<code>newsdesk check</code> lists the same problems.</p>
<ul>
{%- for line in lines %}
<li><code>{{ line }}</code></li>
{%- endfor %}
</ul>
</section>"""
)

# What a docs page with a problem shows when the preview has no good version of it yet.
_NOTICE = "# This page has a problem to fix\n\nThe list at the top of the page says what to change.\n"

_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class ProblemBanner:
    """One per plugin object, kept across `mkdocs serve` rebuilds."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.html = ""  # the banner for this build's pages; empty when there is nothing to fix
        self.good_docs: dict[str, str] = {}  # docs page (its src_uri) -> its text when it last had no problem
        self.bad_docs: set[str] = set()
        self.last: list[Post] = []  # the posts the last build showed: stand-ins for those that broke since

    def start(self, problems: list[Problem], docs_dir: Path | None, docs_folder: str) -> bool:
        """This build's problems (every one `newsdesk check` would print); whether there are any.
        `docs_folder` is the docs folder as problems name it ('docs')."""
        self.problems = sorted(set(problems))
        prefix = docs_folder + "/"
        self.bad_docs = {p.source.removeprefix(prefix) for p in self.problems if p.source.startswith(prefix)}
        for page, text in read_docs(docs_dir).items():
            if page not in self.bad_docs:
                self.good_docs[page] = text
        self.html = banner_html(self.problems) if self.problems else ""
        return bool(self.problems)

    def keep_good(self, loaded: Loaded, config: MkDocsConfig) -> Loaded:
        """The posts to preview: each valid post, and for each post with a problem the version
        the last build showed, if there was one. Without a readable authors file posts
        load with no author (its own problem is the one reported), and none of them can be built."""
        failed = {problem.source for problem in self.problems}
        failed |= {post.source for post in loaded.posts if post.author is None}
        kept = [post for post in loaded.posts if post.source not in failed]
        pictures = {problem.source for problem in self.problems if problem.field == "image"}
        # A last good version still names its picture, which may be the file that broke: no card from it.
        kept += [
            replace(post, image=None) if post.source in pictures else post
            for post in self.last
            if post.source in failed
        ]
        # A post or page left out breaks links to it, which MkDocs would warn of (and --strict stop
        # on, leaving the preview stuck): the banner says why it is missing, and newsdesk's own
        # checks already cover every link in posts and docs pages.
        config.validation.links.not_found = config.validation.links.anchors = logging.INFO
        return Loaded(sorted(kept, key=sort_key), loaded.problems)

    def remember(self, posts: list[Post]) -> None:
        """The posts this build shows, good or kept from before: the next build's stand-ins."""
        self.last = posts

    def docs_source(self, src_uri: str) -> str | None:
        """What MkDocs should read for a docs page with a problem; None for any other page."""
        if src_uri not in self.bad_docs:
            return None
        return self.good_docs.get(src_uri) or _NOTICE

    def inject(self, output: str) -> str:
        """The page with the banner first in its body and its style in its head."""
        if not self.html:
            return output
        body = _BODY.search(output)
        if body is None:
            return output
        head_end = output.find("</head>", 0, body.start())
        output = output[: body.end()] + self.html + output[body.end() :]
        return output if head_end < 0 else output[:head_end] + _STYLE + output[head_end:]


def banner_html(problems: list[Problem]) -> str:
    """The banner: report()'s heading and lines, the same text `newsdesk check` prints, escaped."""
    heading, *lines = report(problems).splitlines()
    heading = heading.removeprefix("newsdesk: ").rstrip(":")
    return _BANNER.render(heading=heading[:1].upper() + heading[1:], lines=lines)
