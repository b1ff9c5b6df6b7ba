"""`newsdesk due --record FILE`: has a scheduled post become due since the last deploy?

The deploy workflow runs it every 15 minutes, with FILE the live site's published.json, and builds
only when it exits 0. It reads the posts' front matter as `newsdesk check` does, and nothing else:
no Markdown is converted and no page is written, so it is quick when nothing is due.

With --commit (the workflow passes the commit it would deploy), a site built from another commit is
due too: a push whose own deploy failed, or was replaced in the deploy queue, is deployed this way.

Exit status: 0 something is due (or there is no record to compare with: build to be safe);
1 nothing is due; 2 the project cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.publishing.record import address, newly_due, read_published
from ..mkdocs.project import add_config_argument, load_project, run_command


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newsdesk due",
        description="Say whether a post has become due since the last deploy: exit 0 if the site must be "
        "built and deployed, 1 if nothing is due.",
    )
    parser.add_argument(
        "--record", required=True, metavar="FILE", help="the published.json of the last deploy (the live site's copy)"
    )
    parser.add_argument(
        "--commit",
        metavar="SHA",
        default="",
        help="the commit to deploy; due if the last deploy was built from another one",
    )
    add_config_argument(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_command("due", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    _, loaded, problems = project.load()
    try:
        record, deployed = read_published(Path(args.record), args.record)
    except ValueError as error:
        print(f"newsdesk due: {error}; building to be safe")
        return 0
    if args.commit and deployed != args.commit:
        # A push whose own deploy failed or was replaced in the queue: deploy it now.
        print(f"newsdesk due: the live site was built from commit {deployed or '(unknown)'}, not {args.commit}")
        return 0
    if problems:  # such a post cannot be built; the build that publishes it again will say why
        print(f"newsdesk due: {len(problems)} problem(s) in the posts; run 'newsdesk check'", file=sys.stderr)
    due = newly_due(record, loaded.posts)
    if not due:
        print("newsdesk due: nothing has become due since the last deploy")
        return 1
    print(f"newsdesk due: {len(due)} post{'s' if len(due) != 1 else ''} due since the last deploy:")
    for post in due:
        print(f"  {post.source} ({address(post.url)}, {post.date:%Y-%m-%d %H:%M})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
