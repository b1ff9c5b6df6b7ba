"""The three builders: our site and the two baselines, each in a throwaway virtual environment.

For each tool: how to install it (pinned), how to build one corpus, where its output goes, and which
files a complete build must contain in that tool's own URL scheme.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .corpus import SITE_URL, Post, slugify

TOOLS = ("ours", "material", "pelican", "hugo")
# Hugo's theme, PaperMod (MIT), from the shared anchors; Pagefind indexes Hugo's output as ours does.
HUGO_THEMES = Path("/work/shared/anchors")
LOCKS = Path(__file__).parent / "locks"
TRASH = "trash"  # in the work folder: outputs and caches set aside, deleted after the last build
OUTPUT = {"ours": "site", "material": "site", "pelican": "output", "hugo": "public"}
# Groups a complete build must have in full. "feeds" of ours may be wholly absent until they exist.
OPTIONAL_UNTIL_BUILT = {("ours", "feeds")}
# What a tool keeps between builds, beside mkdocs.yml: ours, its render cache. A cold build starts
# without it; the warm series builds again with what the cold build left.
CACHE = {"ours": ".cache/newsdesk"}


def install_args(tool: str, repo: Path) -> list[str]:
    """pip arguments: the baselines from their lock files, ours from the repo's constraints."""
    if tool == "ours":
        return ["-c", str(repo / "constraints.txt"), "-e", str(repo)]
    return ["-r", str(LOCKS / f"{tool}.txt")]


def ensure_venv(tool: str, work: Path, repo: Path) -> Path:
    """Create (or reuse, if its pins are unchanged) the tool's venv under the work dir."""
    venv = work / "venvs" / tool
    args = install_args(tool, repo)
    inputs = [LOCKS / f"{tool}.txt"] if tool != "ours" else [repo / "constraints.txt", repo / "pyproject.toml"]
    digest = hashlib.sha256(json.dumps(args).encode() + b"".join(p.read_bytes() for p in inputs))
    stamp = venv / ".bench-stamp"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
    )
    if pip.returncode:
        raise RuntimeError(f"installing {tool} into {venv} failed:\n{pip.stdout}{pip.stderr}")
    stamp.write_text(digest.hexdigest())
    return venv


def adopt_site(project: Path, repo: Path, default_author: str) -> None:
    """Ours builds the corpus with our site: the repo's mkdocs.yml, docs/ and overrides/.

    The corpus brings posts/ and authors.yml; the repo's mkdocs.yml is used as it is (theme,
    templates, Markdown extensions, nav, strict, every newsdesk option) except for default_author,
    which must name one of the corpus's authors. If the repo's config no longer has the contract's
    posts_dir and authors_file, stop rather than time a different site.
    """
    for name in ("docs", "overrides"):
        shutil.rmtree(project / name, ignore_errors=True)
        shutil.copytree(repo / name, project / name)
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    for option in ("posts_dir: posts", "authors_file: authors.yml"):
        if not re.search(rf"^\s+{option}\s*$", text, re.M):
            raise RuntimeError(f"{repo / 'mkdocs.yml'}: expected newsdesk option '{option}'")
    text, count = re.subn(r"^(\s+default_author:\s*)\S+\s*$", rf"\g<1>{default_author}", text, flags=re.M)
    if count != 1:
        raise RuntimeError(f"{repo / 'mkdocs.yml'}: expected one 'default_author:' line, found {count}")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    # The browser editor's script comes from npm (node_modules), which the build copies into /admin/.
    modules = project / "node_modules"
    if (repo / "node_modules").is_dir() and not modules.exists():
        modules.symlink_to(repo / "node_modules", target_is_directory=True)


def set_aside(path: Path, work: Path) -> None:
    """Move `path`, if it exists, into the work folder's trash, which `empty_trash` deletes once
    every build is timed. Deleting thousands of files just before a build slows the build's own
    file creation on ext4 without a journal (this machine's): for a minute or more, Linux keeps
    from reusing a freed inode and checks every one of them for each new file, and the cost grew
    from run to run. Moving a folder is one rename; the files' inodes stay in use."""
    if path.exists():
        trash = work / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        os.replace(path, Path(tempfile.mkdtemp(dir=trash)) / path.name)


def empty_trash(work: Path) -> None:
    shutil.rmtree(work / TRASH, ignore_errors=True)


def clear_cache(tool: str, project: Path, work: Path) -> None:
    """Take the tool's cache away, if it has one, so that the next build is cold."""
    if tool in CACHE:
        set_aside(project / CACHE[tool], work)


def cache_mib(tool: str, project: Path) -> float:
    """Size of the tool's cache now; 0 if it has none or none was written."""
    folder = project / CACHE[tool] if tool in CACHE else None
    if folder is None or not folder.is_dir():
        return 0.0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024**2


def site_url(tool: str, project: Path) -> str:
    """The site's own address: absolute links to it are local files."""
    if tool in ("pelican", "hugo"):  # their configurations set it to SITE_URL (layouts.py)
        return SITE_URL
    found = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return found.group(1).strip("'\"") if found else SITE_URL


def build_command(tool: str, venv: Path) -> list[str]:
    """A cold build of the project in the current directory into OUTPUT[tool]."""
    if tool == "pelican":
        return [str(venv / "bin/pelican"), "content", "-o", "output", "-s", "pelicanconf.py"]
    if tool == "hugo":  # Hugo + PaperMod, then Pagefind on its output: like for like with our search
        return [
            "sh",
            "-c",
            f"'{venv}/bin/hugo' --quiet --themesDir '{HUGO_THEMES}' -d public && "
            f"'{venv}/bin/python' -m pagefind --site public --quiet",
        ]
    return [str(venv / "bin/mkdocs"), "build", "-f", "mkdocs.yml", "-d", "site"]


def serve_command(venv: Path, port: int, extra: list[str] | None = None) -> list[str]:
    """mkdocs serve with live reload (the default), on loopback only; extra: e.g. ['--dirty']."""
    return [str(venv / "bin/mkdocs"), "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}", *(extra or [])]


def post_path(tool: str, post: Post) -> str:
    """Where a post's page lands, relative to the output dir."""
    if tool == "ours":
        return f"{'blog' if post.type == 'blog' else 'news'}/{post.date:%Y/%m}/{post.slug}/index.html"
    if tool == "material":
        return f"blog/{post.date:%Y/%m/%d}/{post.slug}/index.html"
    if tool == "hugo":
        return f"posts/{post.date:%Y/%m}/{post.slug}/index.html"
    return f"{slugify(post.category)}/{post.date:%Y/%m}/{post.slug}/index.html"


def expected(tool: str, posts: list[Post]) -> dict[str, list[tuple[str, str | None]]]:
    """Files a complete build writes, by group, each with a text its page must show (or None)."""
    tags = sorted({t for p in posts for t in p.tags})
    years = sorted({f"{p.date:%Y}" for p in posts})
    n_blog = sum(p.type == "blog" for p in posts)
    n_news = len(posts) - n_blog
    newest = max(posts, key=lambda p: p.date).title  # the whole-site feed must carry it
    out: dict[str, list[tuple[str, str | None]]] = {"posts": [(post_path(tool, p), p.title) for p in posts]}
    if tool == "ours":
        out["listings"] = (
            [
                ("blog/index.html", None),
                ("news/index.html", None),
                ("tags/index.html", None),
                ("archive/index.html", None),
            ]
            + [(f"blog/page/{k}/index.html", None) for k in range(2, math.ceil(n_blog / 10) + 1)]
            + [(f"news/page/{k}/index.html", None) for k in range(2, math.ceil(n_news / 10) + 1)]
            + [(f"archive/{y}/index.html", None) for y in years]
        )
        out["tags"] = [(f"tags/{slugify(t)}/index.html", t) for t in tags]
        out["feeds"] = (
            [("feed.xml", newest), ("atom.xml", newest)]
            + [(f, None) for f in ("blog/feed.xml", "blog/atom.xml", "news/feed.xml", "news/atom.xml")]
            + [(f"tags/{slugify(t)}/feed.xml", None) for t in tags]
        )
    elif tool == "material":
        pages = math.ceil(len(posts) / 10)
        out["listings"] = (
            [
                ("blog/index.html", None),
                ("blog/category/blog/index.html", None),
                ("blog/category/press-release/index.html", None),
            ]
            + [(f"blog/page/{k}/index.html", None) for k in range(2, pages + 1)]
            + [(f"blog/archive/{y}/index.html", None) for y in years]
        )
        # Material has no page per tag: tags become blog categories (a page each) and entries
        # on the tags plugin's index page.
        out["tags"] = [(f"blog/category/{slugify(t)}/index.html", t) for t in tags] + [
            ("tags/index.html", t) for t in tags
        ]
        out["feeds"] = [("feed_rss_created.xml", newest)] + [
            (f, None) for f in ("feed_rss_updated.xml", "feed_json_created.json", "feed_json_updated.json")
        ]
    elif tool == "hugo":
        out["listings"] = [("index.html", None), ("posts/index.html", None), ("archives/index.html", None)] + [
            (f"page/{k}/index.html", None) for k in range(2, math.ceil(len(posts) / 10) + 1)
        ]
        out["tags"] = [(f"tags/{slugify(t)}/index.html", t) for t in tags]
        out["feeds"] = [("index.xml", newest)] + [(f"tags/{slugify(t)}/index.xml", None) for t in tags]
        out["search"] = [("pagefind/pagefind-entry.json", None)]
    else:
        pages = math.ceil(len(posts) / 10)
        out["listings"] = (
            [
                ("index.html", None),
                ("blog/index.html", None),
                ("press-release/index.html", None),
                ("tags/index.html", None),
                ("archives.html", None),
            ]
            + [(f"index{k}.html", None) for k in range(2, pages + 1)]
            + [(f"archive/{y}/index.html", None) for y in years]
        )
        out["tags"] = [(f"tags/{slugify(t)}/index.html", t) for t in tags]
        out["feeds"] = (
            [("feeds/all.atom.xml", newest)]
            + [
                (f"feeds/{f}", None)
                for f in (
                    "all.rss.xml",
                    "blog.atom.xml",
                    "blog.rss.xml",
                    "press-release.atom.xml",
                    "press-release.rss.xml",
                )
            ]
            + [(f"feeds/tag/{slugify(t)}.{k}.xml", None) for t in tags for k in ("atom", "rss")]
        )
    return out


def verify(tool: str, out_dir: Path, posts: list[Post]) -> dict[str, str]:
    """Check every expected file exists and shows its text; raise listing what is missing."""
    summary, problems = {}, []
    cache: dict[str, str] = {}
    for group, items in expected(tool, posts).items():
        missing = []
        for rel, text in items:
            path = out_dir / rel
            if not path.is_file():
                missing.append(rel)
            elif text is not None:
                if rel not in cache:
                    cache[rel] = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
                if text not in cache[rel]:
                    missing.append(f"{rel} (without {text!r})")
        if (tool, group) in OPTIONAL_UNTIL_BUILT and len(missing) == len(items):
            summary[group] = "not available"
        elif missing:
            summary[group] = f"{len(items) - len(missing)}/{len(items)}"
            problems.append(f"{group}: {len(missing)} missing, e.g. {', '.join(missing[:3])}")
        else:
            summary[group] = f"{len(items)}/{len(items)}"
    if problems:
        raise RuntimeError(f"{tool}: incomplete build in {out_dir}: " + "; ".join(problems))
    return summary


def count_pages(out_dir: Path) -> int:
    """HTML pages written (feeds, assets and the search index are not counted)."""
    return sum(1 for _ in out_dir.rglob("*.html"))
