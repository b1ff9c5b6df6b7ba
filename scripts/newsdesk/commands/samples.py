"""The sample posts shipped with newsdesk, with their pictures and files: `newsdesk go-live` lists
the ones still present, and `newsdesk remove-samples` deletes them. Paths are from the project
folder (where mkdocs.yml is), written with '/'."""

from __future__ import annotations

from pathlib import Path

SAMPLE_POSTS = (
    "posts/2025/2025-09-08-a-new-term-and-a-new-blog.md",
    "posts/2025/2025-10-14-every-day-counts.md",
    "posts/2025/2025-11-20-careers-week-comes-to-every-secondary.md",
    "posts/2025/2025-12-18-thank-you-before-the-break.md",
    "posts/2026/2026-01-27-new-advisers-start-work.md",
    "posts/2026/2026-03-05-reading-corners.md",
    "posts/2026/2026-04-16-send-support-in-mainstream-schools.md",
    "posts/2026/2026-06-11-apprenticeships-that-stay-local.md",
    "posts/2026/2026-07-20-summer-reading-challenge.md",
    "posts/2026/2026-09-30-governors-evenings.md",
    "posts/2026/2026-11-02-draft-budget-letter.md",
    "posts/2027/2027-09-01-welcome-back-2027.md",
)
# The pictures and attached files only the sample posts use.
SAMPLE_FILES = (
    "posts/2026/images/reading-corner.png",
    "posts/2026/files/resource-bases-questions-and-answers.pdf",
)


def present(root: Path) -> tuple[list[str], list[str]]:
    """The sample posts, and the samples' pictures and files, still in the project at `root`."""
    return (
        [path for path in SAMPLE_POSTS if (root / path).is_file()],
        [path for path in SAMPLE_FILES if (root / path).is_file()],
    )


def remove(root: Path) -> list[str]:
    """Delete the sample posts and their pictures and files at `root`, and the folders they leave
    empty in posts/; returns what was deleted."""
    posts, files = present(root)
    for path in posts + files:
        (root / path).unlink()
    folders = sorted({(root / path).parent for path in posts + files}, key=lambda p: len(p.parts), reverse=True)
    posts_dir = (root / "posts").resolve()
    for folder in folders:
        while folder.resolve() != posts_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return posts + files


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="newsdesk remove-samples",
        description="Delete the sample posts that come with newsdesk, with their pictures and files.",
    )
    parser.add_argument("--config-file", "-f", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    args = parser.parse_args(argv)
    config = Path(args.config_file or "mkdocs.yml")
    if not config.is_file():
        print(
            f"newsdesk remove-samples: there is no {config} here; run the command in the project folder "
            "(where mkdocs.yml is) or name the file with --config-file",
            file=sys.stderr,
        )
        return 2
    removed = remove(config.resolve().parent)
    for path in removed:
        print(f"removed {path}")
    print(f"newsdesk remove-samples: {len(removed) or 'no'} sample file{'' if len(removed) == 1 else 's'} removed")
    return 0
