"""check_content.py [--base REV] [--format text|github]: the fast path for content changes.

What `make check-content` runs, and what CI runs for a pull request that changes only content
(scripts/ci_paths.py decides): newsdesk check, a strict build as of now (what would go live),
a strict preview build with every scheduled post out (NEWSDESK_NOW=2100-01-01T00:00), the links
and feeds of both, and axe on the pages of the posts and docs pages changed since REV, plus the
home page. With --format github every problem is also an annotation on its file. Exit 1 on any
problem. The full suite (`make test`) is for changes to code, templates and configuration.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_checks  # noqa: E402
from newsdesk.commands.annotations import escape_data, escape_property  # noqa: E402

PREVIEW_NOW = "2100-01-01T00:00"
_SOURCE = re.compile(r"\b((?:posts|docs)/[^\s:'\"]+\.md|mkdocs\.yml|authors\.yml)\b")


def changed_files(base: str, project: Path) -> list[str] | None:
    """Files changed since `base`, including uncommitted and new ones; None when git cannot tell."""

    def git(*args: str) -> list[str]:
        out = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout
        return [line for line in out.split("\0") if line]

    try:
        return sorted(
            set(git("diff", "--name-only", "--no-renames", "-z", base, "--"))
            | set(git("ls-files", "--others", "--exclude-standard", "-z", "posts", "docs"))
        )
    except (subprocess.CalledProcessError, OSError):
        return None


def pages_to_check(changed: list[str] | None, owners: dict[str, str]) -> list[str]:
    """The addresses of the changed posts and docs pages that the build made, and the home page."""
    by_source: dict[str, str] = {}
    for address, source in owners.items():
        by_source.setdefault(source, address)
    found = {by_source[path] for path in changed or [] if path in by_source}
    return sorted(found | {""})


def build(project: Path, out: Path, now: str | None) -> tuple[int, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if now:
        env["NEWSDESK_NOW"] = now
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    return result.returncode, result.stderr


def build_findings(stderr: str, label: str) -> list[site_checks.Finding]:
    """The build's warnings and errors, each on the file it names."""
    findings = []
    for line in stderr.splitlines():
        if line.startswith(("WARNING", "ERROR")):
            text = re.sub(r"^(WARNING|ERROR)\s+-\s+", "", line)
            match = _SOURCE.search(text)
            findings.append(site_checks.Finding("", match.group(1) if match else "", f"{label}: {text}"))
    return findings


def show(finding: site_checks.Finding, fmt: str) -> str:
    if fmt == "github":
        where = f"file={escape_property(finding.source)}," if finding.source else ""
        return f"::error {where}title={escape_property('check-content')}::{escape_data(finding.message)}"
    return f"{finding.source or finding.where or 'site'}: {finding.message}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="pages changed since this commit get axe (default: main)")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    parser.add_argument("--preview", help="keep the preview build here (CI uploads it); default: a temporary folder")
    parser.add_argument("--axe", default="node_modules/axe-core/axe.min.js")
    parser.add_argument("--chromium", default=os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    project = Path.cwd()
    started = time.monotonic()

    def step(name: str) -> None:
        print(f"check-content: {name} ({time.monotonic() - started:.1f} s)", flush=True)

    step("newsdesk check")
    status = subprocess.run(
        [sys.executable, "-m", "newsdesk.commands.check", "--format", args.format],
        cwd=project,
        stdin=subprocess.DEVNULL,
    ).returncode
    findings: list[site_checks.Finding] = []
    with tempfile.TemporaryDirectory(prefix="check-content-") as tmp:
        live = Path(tmp) / "site"
        preview = Path(args.preview).resolve() if args.preview else Path(tmp) / "preview"
        for label, out, now in (("build", live, None), ("preview build", preview, PREVIEW_NOW)):
            step(f"{label}, strict")
            code, stderr = build(project, out, now)
            findings += build_findings(stderr, label)
            if code and not findings:
                findings.append(site_checks.Finding("", "", f"{label} failed: {stderr.strip()[-2000:]}"))
        if not findings:
            from mkdocs.config import load_config

            site_url = load_config(str(project / "mkdocs.yml")).site_url or ""
            step("links and feeds")
            for out in (live, preview):
                owners = site_checks.sources(out, project)
                findings += site_checks.broken_links(out, owners) + site_checks.feed_problems(out, site_url)
            owners = site_checks.sources(preview, project)
            pages = pages_to_check(changed_files(args.base, project), owners)
            step(f"axe on {len(pages)} page(s): " + ", ".join(f"/{p}" for p in pages))
            findings += site_checks.axe_problems(preview, pages, owners, project / args.axe, args.chromium)
    unique = list(dict.fromkeys(findings))
    for finding in unique:
        print(show(finding, args.format))
    step(f"done: {len(unique)} problem(s) beyond newsdesk check's")
    return 1 if unique or status else 0


if __name__ == "__main__":
    sys.exit(main())
