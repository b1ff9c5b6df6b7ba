"""How long `newsdesk check` takes on a site of many posts: run it, and read the median.

    .venv/bin/python scripts/bench_check.py [--posts 1000] [--runs 11]

It copies this project's mkdocs.yml, authors.yml, docs/ and overrides/ into a temporary folder,
writes generated posts (blog posts and press releases, with tags, links and images), and times
the real console script end to end, Python start-up included, as a writer or a hook runs it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAGS = ["SEND", "Attendance", "Careers", "Early years", "Inclusion", "Apprenticeships", "Governors", "Reading"]
PARAGRAPH = (
    "Schools across the city shared what worked this term, from breakfast clubs to reading "
    "volunteers, and the notes are collected here for anyone who wants to try the same. "
) * 3


def write_site(folder: Path, count: int) -> None:
    for name in ("mkdocs.yml", "authors.yml"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    for number in range(count):
        year, month, day = 2015 + number % 10, 1 + number % 12, 1 + number % 28
        folder_of_year = folder / "posts" / str(year)
        (folder_of_year / "images").mkdir(parents=True, exist_ok=True)
        press = number % 3 == 0
        lines = [
            "---",
            f"title: Post {number} on the city's schools",
            f"date: {year}-{month:02d}-{day:02d} 09:30",
            f"type: {'press-release' if press else 'blog'}",
            f"summary: What happened in schools in week {number}, in two short sentences.",
            f"tags: [{TAGS[number % 8]}, {TAGS[(number + 3) % 8]}]",
        ]
        if press:
            lines += [
                "author: press-office",
                "contact:",
                "  name: Education Press Office",
                "  email: press.office@example.gov.uk",
                "  phone: 0300 555 0100",
            ]
        body = "\n\n".join([PARAGRAPH] * 6)
        if number % 10 == 0:
            (folder_of_year / "images" / f"picture-{number}.svg").write_text(
                "<svg xmlns='http://www.w3.org/2000/svg'/>"
            )
            body += f"\n\n![A class reading together](images/picture-{number}.svg)\n"
        if number % 7 == 1 and number > 7:
            earlier = number - 7
            e_year, e_month, e_day = 2015 + earlier % 10, 1 + earlier % 12, 1 + earlier % 28
            body += (
                f"\n\nSee also [an earlier post](../{e_year}/{e_year}-{e_month:02d}-{e_day:02d}-post-{earlier}.md).\n"
            )
        text = "\n".join(lines + ["---", "", body, ""])
        (folder_of_year / f"{year}-{month:02d}-{day:02d}-post-{number}.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args(argv)
    command = [str(Path(sys.executable).parent / "newsdesk"), "check"]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_site(folder, args.posts)
        env = {**os.environ, "NEWSDESK_NOW": "2026-01-01T00:00"}
        first = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)
        print(first.stdout.splitlines()[-1] if first.stdout else first.stderr)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, cwd=folder, env=env, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
    print(
        f"newsdesk check, {args.posts} posts, {args.runs} runs: median {statistics.median(times):.3f} s "
        f"(fastest {min(times):.3f} s, slowest {max(times):.3f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
