"""The benchmark corpus written in each tool's layout: ours, Material's blog plugin, Pelican, Hugo."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from .corpus import AUTHORS, DEFAULT_AUTHOR, SITE_NAME, SITE_URL, Post


def _q(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(value, ensure_ascii=False)


def _when(dt: datetime, has_time: bool) -> str:
    return f"{dt:%Y-%m-%d %H:%M}" if has_time else f"{dt:%Y-%m-%d}"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _press_tail(post: Post) -> str:
    """Contact and notes as body text, for tools without press-release fields."""
    if post.type != "press-release":
        return ""
    c = post.contact or {}
    return (
        f"\n## Media contact\n\n{c['name']}, {c['role']}  \n{c['email']}  \n{c['phone']}\n"
        f"\n## Notes to editors\n\n{post.notes}\n"
    )


def write_ours(posts: list[Post], root: Path) -> None:
    """Our content model: posts/<yyyy>/<yyyy-mm-dd>-<slug>.md with newsdesk front matter."""
    _write(
        root / "mkdocs.yml",
        f"site_name: {SITE_NAME}\nsite_url: {SITE_URL}\n"
        "theme:\n  name: material\n  custom_dir: overrides\nplugins:\n  - newsdesk:\n"
        f"      posts_dir: posts\n      authors_file: authors.yml\n      default_author: {DEFAULT_AUTHOR}\n",
    )
    _write(root / "docs/index.md", f"# {SITE_NAME}\n\nNews and blog posts from the education department.\n")
    (root / "overrides").mkdir(parents=True, exist_ok=True)
    _write(
        root / "authors.yml",
        "".join(f"{k}: {{name: {_q(n)}, role: {_q(r)}}}\n" for k, (n, r) in sorted(AUTHORS.items())),
    )
    for p in posts:
        lines = [f"title: {_q(p.title)}", f"date: {_when(p.date, p.has_time)}", f"type: {p.type}"]
        if p.summary:
            lines.append(f"summary: {_q(p.summary)}")
        lines.append("tags: [" + ", ".join(_q(t) for t in p.tags) + "]")
        if p.author:
            lines.append(f"author: {p.author}")
        if p.updated:
            lines.append(f"updated: {p.updated:%Y-%m-%d}")
        if p.contact:
            lines.append("contact: {" + ", ".join(f"{k}: {_q(v)}" for k, v in p.contact.items()) + "}")
            lines.append(f"notes_to_editors: {_q(p.notes)}")
        _write(root / f"posts/{p.date:%Y}/{p.stem}.md", "---\n" + "\n".join(lines) + "\n---\n\n" + p.body)


def write_material(posts: list[Post], root: Path) -> None:
    """Material's blog layout; our tags and types become categories (one page each) and tags."""
    _write(
        root / "mkdocs.yml",
        f"site_name: {SITE_NAME}\nsite_url: {SITE_URL}\n"
        "site_description: Blog and press releases\ntheme:\n  name: material\nplugins:\n"
        "  - search\n  - blog\n  - tags\n  - rss:\n      match_path: blog/posts/.*\n"
        "      use_git: false\n      date_from_meta:\n        as_creation: date.created\n"
        "        as_update: date.updated\n      categories: [categories, tags]\n",
    )
    _write(root / "docs/index.md", f"# {SITE_NAME}\n\nNews and blog posts from the education department.\n")
    _write(root / "docs/blog/index.md", "# Blog\n")
    _write(root / "docs/tags.md", "# Tags\n\n<!-- material/tags -->\n")
    _write(
        root / "docs/blog/.authors.yml",
        "authors:\n"
        + "".join(
            f"  {k}:\n    name: {_q(n)}\n    description: {_q(r)}\n"
            f"    avatar: https://www.example.org/avatars/{k}.png\n"
            for k, (n, r) in sorted(AUTHORS.items())
        ),
    )
    for p in posts:
        lines = [f"title: {_q(p.title)}", "date:", f"  created: {p.date:%Y-%m-%d %H:%M:%S}"]
        if p.updated:
            lines.append(f"  updated: {p.updated:%Y-%m-%d %H:%M:%S}")
        lines += [
            f"slug: {p.slug}",
            f"authors: [{p.author or DEFAULT_AUTHOR}]",
            "categories: [" + ", ".join(_q(c) for c in [p.category, *p.tags]) + "]",
            "tags: [" + ", ".join(_q(t) for t in p.tags) + "]",
        ]
        if p.summary:
            lines.append(f"description: {_q(p.summary)}")
        _write(
            root / f"docs/blog/posts/{p.stem}.md", "---\n" + "\n".join(lines) + "\n---\n\n" + p.body + _press_tail(p)
        )


PELICAN_CONF = f"""AUTHOR = {AUTHORS[DEFAULT_AUTHOR][0]!r}
SITENAME = {SITE_NAME!r}
SITEURL = {SITE_URL.rstrip("/")!r}
FEED_DOMAIN = SITEURL
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
USE_FOLDER_AS_CATEGORY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
ARTICLE_URL = "{{category}}/{{date:%Y}}/{{date:%m}}/{{slug}}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
CATEGORY_URL = "{{slug}}/"
CATEGORY_SAVE_AS = "{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
TAGS_SAVE_AS = "tags/index.html"
YEAR_ARCHIVE_SAVE_AS = "archive/{{date:%Y}}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
FEED_MAX_ITEMS = 20
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{{slug}}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{{slug}}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{{slug}}.rss.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
"""


def write_pelican(posts: list[Post], root: Path) -> None:
    """Pelican's layout: Markdown with Pelican metadata; the two types are its two categories."""
    _write(root / "pelicanconf.py", PELICAN_CONF)
    for p in posts:
        meta = [
            f"Title: {p.title}",
            f"Date: {p.date:%Y-%m-%d %H:%M}",
            f"Category: {p.category}",
            "Tags: " + ", ".join(p.tags),
            f"Slug: {p.slug}",
            f"Author: {AUTHORS[p.author or DEFAULT_AUTHOR][0]}",
        ]
        if p.updated:
            meta.append(f"Modified: {p.updated:%Y-%m-%d %H:%M}")
        if p.summary:
            meta.append(f"Summary: {p.summary}")
        _write(root / f"content/{p.date:%Y}/{p.stem}.md", "\n".join(meta) + "\n\n" + p.body + _press_tail(p))


HUGO_CONF = f"""baseURL = "{SITE_URL}"
title = "{SITE_NAME}"
theme = "hugo-PaperMod"
languageCode = "en-gb"
enableRobotsTXT = true
capitalizeListTitles = false
titleCaseStyle = "none"
[pagination]
  pagerSize = 10
[permalinks]
  [permalinks.page]
    posts = "/:section/:year/:month/:slug/"
[taxonomies]
  tag = "tags"
  category = "categories"
[outputs]
  home = ["HTML", "RSS", "JSON"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML", "RSS"]
  term = ["HTML", "RSS"]
[params]
  ShowReadingTime = true
  ShowBreadCrumbs = true
  ShowPostNavLinks = true
  ShowToc = true
"""


def write_hugo(posts: list[Post], root: Path) -> None:
    """Hugo with PaperMod: content/posts/, the two types as categories, tags as tags. The theme is
    not copied: the bench passes its folder with --themesDir."""
    _write(root / "hugo.toml", HUGO_CONF)
    _write(root / "content/archives.md", '---\ntitle: "Archive"\nlayout: "archives"\nsummary: "archives"\n---\n')
    for p in posts:
        lines = [
            f"title: {_q(p.title)}",
            f"date: {p.date:%Y-%m-%dT%H:%M:00}",
            f"slug: {_q(p.slug)}",
            f"categories: [{_q(p.category)}]",
            "tags: [" + ", ".join(_q(t) for t in p.tags) + "]",
            f"author: {_q(AUTHORS[p.author or DEFAULT_AUTHOR][0])}",
        ]
        if p.updated:
            lines.append(f"lastmod: {p.updated:%Y-%m-%d}")
        if p.summary:
            lines.append(f"summary: {_q(p.summary)}")
        _write(root / f"content/posts/{p.stem}.md", "---\n" + "\n".join(lines) + "\n---\n\n" + p.body + _press_tail(p))


LAYOUTS = {"ours": write_ours, "material": write_material, "pelican": write_pelican, "hugo": write_hugo}
