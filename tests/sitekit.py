"""Small sites in tmp_path for the command and build tests: never the repository's own folders."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WINDOWS = sys.platform == "win32"


def linux_only(why: str) -> pytest.MarkDecorator:
    """For a test of a tool only the Linux machines have (make, a bash script, Debian's chromium):
    skipped on Windows, with the reason, by CI's Windows job (which proves the writers' commands)."""
    return pytest.mark.skipif(WINDOWS, reason=f"Linux only: {why}")


FIXTURES = Path(__file__).resolve().parent / "fixtures"
FROZEN_NOW = "2026-11-23T12:00"  # the sample and fixture sites are checked as of this moment

AUTHORS = {
    "director": {"name": "Sam Example", "role": "Director of Schools and Employability"},
    "press-office": {"name": "Education Press Office", "role": "Media relations"},
}

BLOG = """---
title: Walking buses in the north of the city
date: 2025-03-04
type: blog
summary: Parents and volunteers now walk a hundred children to school each morning.
tags: [Attendance, Partnerships]
---

Three primary schools started walking buses this term, and late arrivals have halved.
"""

PRESS = """---
title: New science labs open at two secondary schools
date: 2025-05-12 10:00
type: press-release
summary: Two secondary schools open rebuilt science labs after a year of building work.
tags: [Partnerships]
author: press-office
contact:
  name: Education Press Office
  email: press.office@example.gov.uk
  phone: 0300 555 0100
---

Two secondary schools open their rebuilt science labs this week.
"""


def make_site(
    root: Path, posts: dict[str, str | bytes] | None = None, *, options: dict | None = None, config: dict | None = None
) -> Path:
    """A site at `root` with the repository's theme overrides and these posts; returns its mkdocs.yml."""
    settings = {
        "site_name": "Test schools site",
        "site_url": "https://schools.example.gov.uk/",
        "use_directory_urls": True,
        "strict": True,
        "theme": {"name": "material", "custom_dir": "overrides", "features": ["content.action.edit"]},
        "plugins": [{"newsdesk": {"default_author": "director", **(options or {})}}],
        "markdown_extensions": ["toc", "attr_list", "md_in_html"],
        "validation": {
            "omitted_files": "warn",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        **(config or {}),
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    (root / "authors.yml").write_text(yaml.safe_dump(AUTHORS, sort_keys=False), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nNews from the director.\n", encoding="utf-8")
    (root / "docs" / "about.md").write_text("# About\n\nWho writes here.\n", encoding="utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides", dirs_exist_ok=True)
    (root / "posts").mkdir(exist_ok=True)
    for rel, content in (posts or {}).items():
        write(root / "posts" / rel, content)
    return root / "mkdocs.yml"


def tiny_png(colour: str = "#1d70b8", size: tuple[int, int] = (8, 6)) -> bytes:
    """A real PNG: the build checks and resizes pictures, so a few fake bytes no longer pass."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# What the Makefile exports: Material's end-of-life notice (NO_MKDOCS_2_WARNING) and ProperDocs'
# "MkDocs 2" notice (DISABLE_MKDOCS_2_WARNING, honoured only as "true") stay out of the output.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
ENGINES = ("mkdocs", "properdocs")  # MkDocs 1.6 and its fork ProperDocs 1.6 (docs-dev/engines.md)


def build(
    root: Path,
    site_dir: Path | None = None,
    *,
    now: str | None = None,
    env: dict | None = None,
    args: list[str] = (),
    engine: str = "mkdocs",
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, as `make build` runs it, into `site_dir` (default root/site).

    `now` freezes the moment the build publishes at (NEWSDESK_NOW), for scheduled posts; `env`
    adds environment variables and `args` command-line options; `engine` "properdocs" runs
    `properdocs build` on the same mkdocs.yml, as `make build-properdocs` does.
    """
    site_dir = site_dir or root / "site"
    for folder in (root, site_dir):  # a build writes its site and its cache (.cache/) beside mkdocs.yml
        assert not folder.resolve().is_relative_to(REPO), f"tests build copies, never the repository: {folder}"
    assert engine in ENGINES, engine
    env = {**os.environ, **QUIET, **({"NEWSDESK_NOW": now} if now else {}), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
        timeout=300,
    )


# The sample posts as a fresh clone has them, kept here so that the tests still pass after an
# owner deletes the repository's own with `newsdesk remove-samples` (docs-dev/make-it-yours.md).
SAMPLE_POSTS = FIXTURES / "sample" / "posts"


def copy_sample(destination: Path) -> Path:
    """The sample site, as a fresh clone has it, in `destination`/sample: the repository's
    configuration, pages and theme, with the sample posts from tests/fixtures/sample/posts."""
    site = destination / "sample"
    site.mkdir(parents=True)
    for name in ("mkdocs.yml", "authors.yml"):
        shutil.copy(REPO / name, site / name)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, site / name)
    shutil.copytree(SAMPLE_POSTS, site / "posts")
    try:
        (site / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)  # as after `npm ci`
    except OSError:  # Windows without Developer Mode: a copy of the editor's script instead
        if (REPO / "node_modules" / "decap-cms").is_dir():
            shutil.copytree(REPO / "node_modules" / "decap-cms", site / "node_modules" / "decap-cms")
    return site


def copy_site(name: str, destination: Path) -> Path:
    """The fixture site tests/fixtures/<name> in `destination`, with the project's theme overrides."""
    site = destination / name
    shutil.copytree(FIXTURES / name, site)
    if not (site / "overrides").exists():
        shutil.copytree(REPO / "overrides", site / "overrides")
    return site


# A Markdown extension that warns while converting a paragraph saying WARN-ME: a warning MkDocs
# logs during conversion that newsdesk's own checks do not foresee (they catch MkDocs' link
# warnings before the build), for the tests of warnings from workers and from the render cache.
WARNING_EXTENSION = """
import logging
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class Warn(Treeprocessor):
    def run(self, root):
        if any("WARN-ME" in (element.text or "") for element in root.iter("p")):
            logging.getLogger("mkdocs.warnext").warning("a paragraph says WARN-ME")


class WarnExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(Warn(md), "warn_me", 0)


def makeExtension(**kwargs):
    return WarnExtension(**kwargs)
"""


def add_warning_extension(project: Path) -> Path:
    (project / "warnext.py").write_text(WARNING_EXTENSION, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - warnext\n", encoding="utf-8")
    return project
