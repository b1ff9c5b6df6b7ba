"""The site's own pages in docs/, held to the posts' standard: broken front matter stops the build
(MkDocs would show it as text on the page), and in the build that goes live, so does every
"Owner to complete" placeholder (`<mark class="nd-todo">`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from ..model import Post, Problem
from ..text.frontmatter import FrontMatterError, normalise, read_text, split
from ..text.slugs import did_you_mean

_PLACEHOLDER = re.compile(
    r"""<mark\b[^>]*\bclass\s*=\s*["'][^"']*\bnd-todo\b[^"']*["'][^>]*>(.*?)</mark>""", re.S | re.I
)
_SHOWN = 80  # characters of a placeholder quoted in its message


def docs_files(docs_dir: Path | None) -> list[tuple[str, Path]]:
    """Every Markdown page in docs/ that MkDocs builds, by its path there ('about.md'): not those
    in folders starting with '.', which MkDocs leaves out."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    pages = ((path.relative_to(docs_dir).as_posix(), path) for path in sorted(docs_dir.rglob("*.md")))
    return [(rel, path) for rel, path in pages if not any(part.startswith(".") for part in rel.split("/"))]


def read_docs(docs_dir: Path | None) -> dict[str, str]:
    """Every docs page's text by its path there; a page not saved as UTF-8 (pagelinks.py says so)
    is read with its odd characters replaced."""
    found = {}
    for rel, path in docs_files(docs_dir):
        try:
            found[rel] = read_text(path)
        except UnicodeDecodeError:
            found[rel] = normalise(path.read_bytes().decode("utf-8", errors="replace"))
    return found


def page_title(path: Path) -> str:
    """A docs page's title as its front matter or first heading gives it, else its file name."""
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError):
        text = ""
    if has_front_matter(text):
        try:
            parts = split(text)
            if isinstance(parts.meta.get("title"), str) and parts.meta["title"].strip():
                return str(parts.meta["title"]).strip()
            text = parts.body
        except FrontMatterError:
            pass
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip().rstrip("#").strip()
    return path.stem.replace("-", " ").replace("_", " ").capitalize()


def has_front_matter(text: str) -> bool:
    """MkDocs reads front matter only when the first line is '---'."""
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip() == "---"


def body_of(text: str) -> str:
    """A page without its front matter (all of it when the front matter is broken)."""
    try:
        return split(text).body if has_front_matter(text) else text
    except FrontMatterError:
        return text


# What MkDocs and Material read from a page's front matter (Material's "Setting up" pages list them).
DOCS_FIELDS = ("title", "description", "template", "hide", "search", "icon", "status", "subtitle")


def front_matter_problems(
    pages: dict[str, str], folder: str = "docs", template_exists: Callable[[str], bool] | None = None
) -> list[Problem]:
    """Each page whose front matter cannot be read, names a field nothing reads, or a template
    the theme does not have (`template_exists` asks the theme), with the line and the fix."""
    problems = []
    for page, text in pages.items():
        if not has_front_matter(text):
            continue
        source = f"{folder}/{page}"
        try:
            meta = split(text).meta
        except FrontMatterError as error:
            problems.append(Problem(source, "front matter", str(error)))
            continue
        for key in meta:
            if str(key) not in DOCS_FIELDS:
                hint = did_you_mean(str(key), DOCS_FIELDS) or f"; a page's fields are: {', '.join(DOCS_FIELDS)}"
                problems.append(Problem(source, str(key), f"unknown field{hint}"))
        template = meta.get("template")
        if template is not None and template_exists is not None:
            if not isinstance(template, str) or not template.strip():
                problems.append(
                    Problem(
                        source,
                        "template",
                        f"expected the name of a template, such as 'main.html', got {template!r}; or remove the line",
                    )
                )
            elif not template_exists(template.strip()):
                problems.append(
                    Problem(
                        source,
                        "template",
                        f"'{template}' does not exist in overrides/ or the theme; "
                        "remove the line to use the normal page, or save the template in overrides/",
                    )
                )
    return problems


def placeholders(source: str, text: str, first_line: int = 1) -> list[Problem]:
    """Each 'Owner to complete' marker in a page or post body; `first_line` is the body's line in the file."""
    found = []
    for match in _PLACEHOLDER.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())
        shown = words if len(words) <= _SHOWN else words[: _SHOWN - 3] + "..."
        found.append(
            Problem(
                source,
                "body",
                f"line {line} is still to complete: '{shown}'; "
                "write the real text in place of the highlighted marker, and remove the marker",
            )
        )
    return found


def unfinished(pages: dict[str, str], posts: list[Post], folder: str = "docs") -> list[Problem]:
    """Every placeholder in the docs pages and these (published) posts: the build that goes live stops on them."""
    found = [problem for page, text in pages.items() for problem in placeholders(f"{folder}/{page}", text)]
    found += [problem for post in posts for problem in placeholders(post.source, post.body, post.body_line)]
    return found
