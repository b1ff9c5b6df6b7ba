"""`newsdesk check [PATH ...]`: every problem the build would stop on, and an editor's warnings.

It runs the build's own validation (config.load_site through project.Project) without building.
Given paths, it reports only on those files, but still reads every post, because an address or a
link can clash with a post that was not named.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.checks.advice import advise
from ..core.model import report
from ..core.pictures.imagecheck import image_warnings
from ..core.publishing.assets import asset_plan, unlinked_warnings
from ..core.reading.sources import display, post_files
from ..mkdocs.project import add_config_argument, load_project, run_command
from .annotations import annotation


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newsdesk check",
        description="Check posts without building the site: every problem the build would stop on (exit 1), "
        "then warnings an editor would give (exit 0).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="posts or folders to report on (default: every post)")
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: each problem as a GitHub Actions annotation on its file and line",
    )
    add_config_argument(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_command("check", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    settings, loaded, problems = project.load()
    sources = [display(path, project.root) for path in post_files(settings.posts_dir)]
    paths = [Path(path) for path in args.paths]
    for path in paths:
        if not path.exists():
            print(f"newsdesk check: {path.as_posix()} does not exist", file=sys.stderr)
            return 2
        if not project.covers([settings.posts_dir])(project.show(path)):
            print(
                f"newsdesk check: {path.as_posix()} is not in the posts folder, {project.show(settings.posts_dir)}/",
                file=sys.stderr,
            )
            return 2
    if paths:
        problems = project.problems_in(problems, paths)
        sources = list(filter(project.covers(paths), sources))
    unlinked = unlinked_warnings(asset_plan(settings, loaded), project.show(settings.posts_dir))
    if paths:
        unlinked = [warning for warning in unlinked if project.covers(paths)(warning.source)]
    shown = set(sources)
    found = advise(loaded.posts) + image_warnings(loaded.posts, settings, project.options.image_size_limit)
    warnings = sorted([warning for warning in found if warning.source in shown] + unlinked)
    if args.format == "github":
        for problem in [*problems, *warnings]:
            print(annotation(problem, project.root))
    else:
        if problems:
            print(report(problems))
        for warning in warnings:
            print(warning)
    print(
        f"newsdesk check: {_count(len(sources), 'post')} checked; {_count(len(problems), 'problem')}, {_count(len(warnings), 'warning')}"
    )
    return 1 if problems else 0


def _count(number: int, noun: str) -> str:
    return f"{number if number else 'no'} {noun}{'' if number == 1 else 's'}"


if __name__ == "__main__":
    sys.exit(main())
