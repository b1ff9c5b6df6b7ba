"""Broken and hostile projects for tests/test_catalogue.py: each is the good base project of
`base_project` with a few files changed, as writers and a careless config edit change them."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from sitekit import BLOG, PRESS, make_site, tiny_png, write

# A change to one file: new text or bytes, None to delete it, or a function of its old text.
Change = str | bytes | None | Callable[[str], str]

BLOG_FILE = "posts/2025/2025-03-04-walking-buses.md"
PRESS_FILE = "posts/2025/2025-05-12-science-labs.md"
CASE = "posts/2025/2025-06-01-a-case.md"  # the file most cases add
FRONT = "title: A case\ndate: 2025-06-01\ntype: blog\n"
LOGO = tiny_png(size=(1, 1))


def post(front: str = FRONT, body: str = "\nSome words.\n") -> str:
    return f"---\n{front}---\n{body}"


def with_front(extra: str, body: str = "\nSome words.\n") -> str:
    """The base case's fields plus `extra` lines."""
    return post(FRONT + extra, body)


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"{old!r} not in the file"
        return text.replace(old, new, 1)

    return change


def base_project(root: Path) -> Path:
    """A small good site: a blog post with a heading, a press release, docs pages, a feed logo."""
    make_site(
        root,
        {
            BLOG_FILE.removeprefix("posts/"): BLOG + "\n## Routes\n\nThe routes are on the school gates.\n",
            PRESS_FILE.removeprefix("posts/"): PRESS,
        },
        options={"feed_logo": "images/logo.png", "workers": 1},
    )
    write(root / "docs/images/logo.png", LOGO)
    write(root / "docs/about.md", "# About\n\n## Who we are\n\nWho writes here.\n")
    return root


def apply(root: Path, changes: dict[str, Change]) -> None:
    for rel, change in changes.items():
        path = root / rel
        if change is None:
            path.unlink()
        elif callable(change):
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            write(path, change)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes] | None]:
    """Every file under `folder` with its mtime and bytes, and every folder (None), but the render
    and template caches, which a build may fill before it fails."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.read_bytes()) if path.is_file() else None
        for path in sorted(folder.rglob("*"))
        if ".cache" not in path.relative_to(folder).parts
    }


@dataclass
class Outcome:
    code: int
    output: str
    problems: list[str] = field(default_factory=list)  # the lines naming a file


FILES = ("posts/", "docs/", "mkdocs.yml", "authors.yml")


def problem_lines(output: str) -> list[str]:
    """The lines that report one problem each: those that start with the file they are about
    (after MkDocs' 'ERROR    -  ' and the commands' 'newsdesk check: ')."""
    found = []
    for line in output.splitlines():
        for prefix in ("ERROR   -  ", "ERROR    -  ", "newsdesk check: ", "newsdesk: "):
            line = line.removeprefix(prefix)
        if line.startswith(FILES) and ": warning:" not in line:
            found.append(line)
    return found


def run_check(root: Path) -> Outcome:
    from newsdesk.commands import check

    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = check.main(["--config-file", str(root / "mkdocs.yml")])
    output = out.getvalue() + err.getvalue()
    return Outcome(code, output, problem_lines(output))


def run_build(root: Path) -> Outcome:
    """`mkdocs build --strict` in this process, as the command runs it: MkDocs' own errors are
    logged and become exit 1; anything else (a traceback) fails the test."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=True)
        build(config)
        code = 0
    except (Abort, ConfigurationError, SystemExit) as error:
        messages.append(str(error))
        code = 1
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
    output = "\n".join(messages)
    return Outcome(code, output, problem_lines(output))


def copy_project(base: Path, destination: Path) -> Path:
    shutil.copytree(base, destination, symlinks=True)  # copy2: the same mtimes
    return destination


def quoted(text: str) -> str:
    """A YAML value that is exactly `text`, whatever it holds."""
    return json.dumps(text)
