"""ci_paths.py [--base REV] [--head REV] [--github-output FILE]: which path a change takes in CI.

A pull request that changes only content (posts and the files beside them, the Markdown and
pictures of docs/, authors.yml) takes the fast path, `make check-content`: the checks that
content can break, in about a minute. Anything else, including code, templates, configuration,
the workflows and the test tools, takes the full path, `make test`. Unknown means full: a file
this list does not name runs everything.

Prints `content` or `full`; with --github-output also writes `path=...` there for later steps.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import PurePosixPath

# Files in docs/ that are content: what a writer edits. Its scripts and styles are code.
DOCS_CONTENT = {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"}
CONTENT_FILES = {"authors.yml"}


def is_content(path: str) -> bool:
    """posts/** (any file: posts, pictures, attachments), docs/ pages and pictures, authors.yml."""
    parts = PurePosixPath(path).parts
    if not parts or ".." in parts:
        return False
    if path in CONTENT_FILES:
        return True
    if parts[0] == "posts" and len(parts) > 1:
        return True
    if parts[0] == "docs" and len(parts) > 1:
        return PurePosixPath(path).suffix.lower() in DOCS_CONTENT
    return False


def classify(paths: list[str]) -> str:
    """'content' when every changed path is content; 'full' otherwise, and for no paths at all."""
    paths = [p.strip() for p in paths if p.strip()]
    if paths and all(is_content(p) for p in paths):
        return "content"
    return "full"


def changed_paths(base: str, head: str) -> list[str]:
    """Every path the change touches; a rename counts as both its old and its new name."""
    result = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", "-z", base, head], capture_output=True, text=True, check=True
    )
    return [p for p in result.stdout.split("\0") if p]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # A pull request's merge commit: its first parent is the base branch, so HEAD^1..HEAD is
    # exactly what merging the pull request would change.
    parser.add_argument("--base", default="HEAD^1")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--github-output", help="append path=content|full to this file")
    args = parser.parse_args(argv)
    try:
        path = classify(changed_paths(args.base, args.head))
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"ci_paths: cannot list the changed files ({error}); running everything", file=sys.stderr)
        path = "full"
    print(path)
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as out:
            out.write(f"path={path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
