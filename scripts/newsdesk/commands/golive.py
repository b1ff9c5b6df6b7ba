"""`newsdesk go-live`: everything an owner must put in place of the examples before the first deploy.

It reads the project's files as text (no build): the example addresses and names in mkdocs.yml,
authors.yml, .github/CODEOWNERS, the docs pages and the posts; site_url, repo_url and the editor's
sign-in; every "Owner to complete" marker; and the sample posts still present. Each finding names
the file, the line and what to put there. Exit 1 while anything is left, 0 when nothing is.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core.reading.docs import docs_files, placeholders
from . import samples

CONFIG_FILE = "mkdocs.yml"
# example.gov.uk, schools.example.gov.uk, name@example.com, x.example.workers.dev, example.org ...
_EXAMPLE_DOMAIN = re.compile(r"(?<![\w-])(?:[\w.-]+\.)?example\.[a-z]{2,}(?:\.[a-z]{2,})*", re.I)
_OWNER = re.compile(r"@OWNER\b")
_COUNCIL = re.compile(r"\bexample-council\b")
_KEY = re.compile(r"^(\s*)([A-Za-z_]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newsdesk go-live",
        description="List everything still to replace before the site goes live: example addresses "
        "and names, site_url, repo_url, the editor's sign-in, 'Owner to complete' markers "
        "and the sample posts (exit 1 while anything is left, 0 when nothing is).",
    )
    parser.add_argument(
        "--config-file", "-f", metavar="FILE", help=f"the site's {CONFIG_FILE} (default: ./{CONFIG_FILE})"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = Path(args.config_file or CONFIG_FILE)
    if not config.is_file():
        print(
            f"newsdesk go-live: there is no {config} here; run the command in the project folder "
            f"(where {CONFIG_FILE} is) or name the file with --config-file",
            file=sys.stderr,
        )
        return 2
    found = findings(config.resolve().parent, config.name)
    for finding in found:
        print(finding)
    if found:
        print(
            f"newsdesk go-live: {len(found)} thing{'' if len(found) == 1 else 's'} to do before the site goes live "
            "(docs-dev/make-it-yours.md walks through them)"
        )
        return 1
    print("newsdesk go-live: nothing left to replace; the site is ready to go live")
    return 0


def findings(root: Path, config_name: str = CONFIG_FILE) -> list[Finding]:
    """Every finding in the project at `root`, sorted by file, then line."""
    sample_posts, sample_files = samples.present(root)
    found = config_findings(root, config_name)
    found += text_findings(root, "authors.yml", _read(root / "authors.yml"), comments="#")
    found += marker_findings("authors.yml", _read(root / "authors.yml"))
    found += text_findings(root, ".github/CODEOWNERS", _read(root / ".github" / "CODEOWNERS"), comments="#")
    docs_dir = root / "docs"
    for rel, path in docs_files(docs_dir):
        found += page_findings(f"docs/{rel}", _read(path))
    for path in sorted((root / "posts").rglob("*.md")) if (root / "posts").is_dir() else []:
        shown = path.relative_to(root).as_posix()
        if shown not in sample_posts:
            found += page_findings(shown, _read(path))
    found += [
        Finding(
            path,
            1,
            "a sample post: delete it, or run 'newsdesk remove-samples' to delete every sample "
            "post with its pictures and files",
        )
        for path in sample_posts
    ]
    found += [
        Finding(path, 1, "a sample post's picture or file: 'newsdesk remove-samples' deletes it")
        for path in sample_files
    ]
    return sorted(set(found))


def config_findings(root: Path, name: str) -> list[Finding]:
    """mkdocs.yml: site_url, repo_url, the editor's repository and sign-in, and any example address."""
    lines = _read(root / name).splitlines()
    keys = _top_keys(lines)
    found = []
    if "site_url" not in keys:
        found.append(
            Finding(
                name, 1, "site_url is not set: add 'site_url: https://...' with the address the site is published at"
            )
        )
    elif _EXAMPLE_DOMAIN.search(keys["site_url"][1]):
        found.append(
            Finding(
                name,
                keys["site_url"][0],
                f"site_url is the example address '{keys['site_url'][1]}': "
                "put the address the site is published at (the one GitHub Pages shows)",
            )
        )
    if "repo_url" not in keys:
        found.append(
            Finding(
                name,
                1,
                "repo_url is not set: add 'repo_url: https://github.com/<organisation>/<repository>', "
                "the repository the site is built from, so each page gets its 'Edit this page' link",
            )
        )
    found += _editor_findings(name, lines)
    skip = {keys["site_url"][0]} if "site_url" in keys else set()
    found += [f for f in text_findings(root, name, "\n".join(lines), comments="#") if f.line not in skip]
    return found


def _editor_findings(name: str, lines: list[str]) -> list[Finding]:
    """With the browser editor enabled and no auth_url, nobody can sign in to it."""
    start = next((n for n, line in enumerate(lines) if re.match(r"^\s+editor\s*:\s*$", line)), None)
    if start is None:
        return []
    indent = len(lines[start]) - len(lines[start].lstrip())
    block = []
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip()) <= indent:
            break
        block.append((number + 1, line))
    values = {m.group(2): (n, m.group(3)) for n, line in block if (m := _KEY.match(line))}
    enabled = values.get("enabled", (0, "true"))[1].strip()
    if env := re.match(r"^!ENV\s*\[\s*\w+\s*,\s*(\w+)\s*\]", enabled):  # !ENV [NEWSDESK_EDITOR, false]: its default
        enabled = env.group(1)
    if enabled.lower() in ("false", "no", "off"):
        return []
    if "auth_url" in values:
        return []
    commented = next((n for n, line in block if re.match(r"^\s*#\s*auth_url\s*:", line)), start + 1)
    return [
        Finding(
            name,
            commented,
            "the editor's auth_url is not set, so nobody can sign in at /admin/: set "
            "'auth_url:' under 'editor:' to your sign-in service's address (docs-dev/sign-in.md), "
            "or set 'enabled: false'",
        )
    ]


def text_findings(root: Path, name: str, text: str, comments: str | None = None) -> list[Finding]:
    """Each line with an example address or name, with what to put instead; comment lines are skipped."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if comments and line.lstrip().startswith(comments):
            continue
        if match := _OWNER.search(line):
            found.append(
                Finding(
                    name,
                    number,
                    f"'{line.strip()}' names the example team '{match.group(0)}': put your "
                    "organisation's name in its place, such as '@my-council/press-office'",
                )
            )
        elif match := _COUNCIL.search(line):
            found.append(
                Finding(
                    name,
                    number,
                    f"'{match.group(0)}' is the example organisation: put your GitHub "
                    "organisation (or user) name in its place",
                )
            )
        elif match := _EXAMPLE_DOMAIN.search(line):
            found.append(
                Finding(
                    name, number, f"'{_whole(line, match)}' is an example address: put the real address in its place"
                )
            )
    return found


def marker_findings(name: str, text: str) -> list[Finding]:
    """Values left as 'Owner to complete', such as the role of an author `newsdesk import` added."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if (match := _KEY.match(line)) and match.group(3).strip("'\"").lower().startswith("owner to complete"):
            found.append(
                Finding(
                    name,
                    number,
                    f"'{match.group(2)}' is still '{match.group(3)}': write the real {match.group(2)} in its place",
                )
            )
    return found


def page_findings(name: str, text: str) -> list[Finding]:
    """A docs page or post: its 'Owner to complete' markers, then example addresses on other lines."""
    marked = []
    for problem in placeholders(name, text):
        line = int(re.search(r"line (\d+)", problem.message).group(1))
        words = problem.message.split("'", 1)[1].rsplit("'", 1)[0]
        marked.append(
            Finding(
                name,
                line,
                f"'{words}': write the real text in place of the highlighted "
                'marker (<mark class="nd-todo">...</mark>), and remove the marker',
            )
        )
    lines = {finding.line for finding in marked}
    return marked + [f for f in text_findings(Path("."), name, text) if f.line not in lines]


def _whole(line: str, match: re.Match[str]) -> str:
    """The whole address around an example domain: 'name@example.gov.uk', 'https://x.example.org/'."""
    start, end = match.start(), match.end()
    while start and not line[start - 1].isspace() and line[start - 1] not in "'\"(<[`":
        start -= 1
    while end < len(line) and not line[end].isspace() and line[end] not in "'\")>]`,":
        end += 1
    return line[start:end].rstrip(".;:")


def _top_keys(lines: list[str]) -> dict[str, tuple[int, str]]:
    keys = {}
    for number, line in enumerate(lines, start=1):
        if (match := _KEY.match(line)) and not match.group(1):
            keys[match.group(2)] = (number, match.group(3).split(" #")[0].strip().strip("'\""))
    return keys


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


if __name__ == "__main__":
    sys.exit(main())
