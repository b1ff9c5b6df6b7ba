#!/usr/bin/env python3
"""Benchmark our site against Material's blog plugin and Pelican on one generated corpus.

    python3 scripts/bench.py --sizes 100,1000,3000 --runs 3 --report bench.md

Each tool is installed in a throwaway venv under --work (outside the repository), the same posts are
written in each tool's layout, and every run index builds the tools in turn so that each pair of runs
shares machine conditions. Ours builds twice in each run: "ours" cold, with its render cache
(.cache/newsdesk) deleted first, then "ours-warm" with the cache that build left. Every build is
checked for every post, tag page and feed. At --detail-size it also measures a post page's
first-visit transfer and (ours) the rebuild after an edit under `mkdocs serve`. Only the standard
library is needed to run it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsdesk_bench import corpus, layouts, measure, report, searchcost, tools  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT = 1800.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000,3000", help="post counts, comma-separated")
    p.add_argument(
        "--runs", type=int, default=3, help="timed builds per tool and size (at least 3 for the README's numbers)"
    )
    p.add_argument(
        "--only",
        default=",".join(tools.TOOLS),
        help="tools to build, comma-separated: ours, material, pelican, hugo (Hugo + PaperMod + Pagefind; ours builds cold and warm)",
    )
    p.add_argument(
        "--work",
        default="~/.cache/newsdesk-bench",
        help="venvs, corpora and build output; must be outside the repository",
    )
    p.add_argument("--report", help="write the Markdown report here too (it is always printed)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed")
    p.add_argument("--detail-size", type=int, default=1000, help="size at which transfer and rebuild are measured")
    p.add_argument("--edits", type=int, default=5, help="edits timed under mkdocs serve")
    p.add_argument("--no-rebuild", action="store_true", help="skip the mkdocs serve measurement")
    p.add_argument(
        "--serve-arg",
        action="append",
        default=None,
        metavar="ARG",
        help="argument for mkdocs serve, repeatable; replaces the default --dirty, as `make serve` runs it "
        "(--serve-arg=--livereload times a plain `mkdocs serve`)",
    )
    p.add_argument(
        "--from-results",
        metavar="JSON",
        help="only render the report from an earlier run's results.json; build nothing",
    )
    args = p.parse_args(argv)
    args.serve_arg = ["--dirty"] if args.serve_arg is None else args.serve_arg
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.only = [t.strip() for t in args.only.split(",") if t.strip()]
    unknown = set(args.only) - set(tools.TOOLS)
    if unknown or not args.only:
        p.error(f"--only takes {', '.join(tools.TOOLS)}; got {', '.join(sorted(unknown)) or 'nothing'}")
    if args.runs < 1 or not args.sizes or min(args.sizes) < 1:
        p.error("--runs and every size must be at least 1")
    args.work = Path(args.work).expanduser().resolve()
    if args.work.is_relative_to(REPO):
        p.error(f"--work {args.work} is inside the repository; build output must stay out of it")
    return args


def say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def versions(selected: list[str]) -> dict[str, str]:
    """Pinned versions of what is compared, from the lock files and the repo."""
    out = {}
    if "ours" in selected:
        git = ["git", "-C", str(REPO)]
        rev = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
        ).stdout.strip()
        out["newsdesk"] = f"at {rev or 'unknown'}{' with uncommitted changes' if dirty else ''}"
    for tool, names in (
        ("material", ("mkdocs", "mkdocs-material", "mkdocs-rss-plugin")),
        ("pelican", ("pelican", "Markdown")),
        ("hugo", ("hugo", "pagefind")),
    ):
        if tool in selected:
            pins = dict(
                line.split("==", 1) for line in (tools.LOCKS / f"{tool}.txt").read_text().split() if "==" in line
            )
            out.update({f"{n} ({tool})" if n == "Markdown" else n: pins[n] for n in names})
    return out


def prepare(work: Path, n: int, seed: int, tool: str, posts: list[corpus.Post]) -> Path:
    """A fresh project of the corpus in the tool's layout; regenerated every time, it is cheap."""
    project = work / "corpus" / f"n{n}-seed{seed}" / tool
    tools.set_aside(project, work)
    layouts.LAYOUTS[tool](posts, project)
    if tool == "ours":
        tools.adopt_site(project, REPO, corpus.DEFAULT_AUTHOR)
    return project


def series(selected: list[str]) -> list[tuple[str, str]]:
    """(series, tool) in build order: a tool with a cache builds warm right after its cold build."""
    out = []
    for tool in selected:
        out.append((tool, tool))
        if tool in tools.CACHE:
            out.append((f"{tool}-warm", tool))
    return out


def start_build(tool: str, project: Path, warm: bool, work: Path) -> None:
    """Empty the output folder; unless warm, take the tool's cache away too, so the build is cold.
    Both are set aside in `work`, not deleted (tools.set_aside)."""
    tools.set_aside(project / tools.OUTPUT[tool], work)
    if not warm:
        tools.clear_cache(tool, project, work)


def build_once(name: str, tool: str, venv: Path, project: Path, posts: list[corpus.Post], run: int, work: Path) -> dict:
    """One timed, checked build; name is the series ("ours", "ours-warm", ...)."""
    warm = name != tool
    start_build(tool, project, warm, work)
    cache = tools.cache_mib(tool, project) if warm else None
    out_dir = project / tools.OUTPUT[tool]
    log = project.parent / f"{name}-build-{run}.log"
    m = measure.timed_run(tools.build_command(tool, venv), project, log, BUILD_TIMEOUT)
    checked = tools.verify(tool, out_dir, posts)
    r = {
        "seconds": m["seconds"],
        "cpu_seconds": m["cpu_seconds"],
        "peak_mib": m["maxrss_kib"] / 1024,
        "tree_mib": m["tree_kib"] / 1024,
        "floor_mib": m["floor_kib"] / 1024,
        "pages": tools.count_pages(out_dir),
        "verified": checked,
    }
    if warm:  # 0 means the cold build wrote no cache, so this build was cold too
        r["cache_mib"] = cache
    return r


def detail(
    args: argparse.Namespace, venvs: dict[str, Path], projects: dict[str, Path], posts: list[corpus.Post]
) -> tuple[dict, dict | None]:
    """First-visit transfer for every tool, and the rebuild under mkdocs serve for ours.

    Serve starts with the render cache that ours' last (warm) build left, as a writer's would.
    """
    newest = [p for p in posts if p.type == "blog"][-1]
    transfer = {}
    for tool, project in projects.items():
        page = tools.post_path(tool, newest)
        transfer[tool] = {
            "page": page,
            **measure.first_visit_transfer(project / tools.OUTPUT[tool], page, tools.site_url(tool, project)),
        }
    if "ours" not in projects:
        return transfer, None
    if args.no_rebuild:
        return transfer, {"skipped": "skipped (--no-rebuild)."}
    port = measure.free_port()
    project = projects["ours"]
    urls = {
        "post": "/" + tools.post_path("ours", newest).removesuffix("index.html"),
        "listing": "/blog/",
        "feed": "/feed.xml",
    }
    cache = tools.cache_mib("ours", project)
    say(f"rebuild: mkdocs serve on 127.0.0.1:{port}, editing {newest.stem}")
    try:
        rebuild = measure.serve_rebuild(
            tools.serve_command(venvs["ours"], port, args.serve_arg),
            port,
            project,
            project / f"posts/{newest.date:%Y}/{newest.stem}.md",
            urls,
            args.edits,
            project.parent / "ours-serve.log",
        )
    except RuntimeError as error:  # a result, not a crash: keep the builds measured so far
        say(f"rebuild FAILED: {error}")
        rebuild = {"failed": str(error).splitlines()[0]}
    rebuild["serve_args"], rebuild["cache_mib"] = args.serve_arg, cache
    return transfer, rebuild


def search_cost(args: argparse.Namespace, venv: Path, project: Path, posts: list[corpus.Post]) -> dict:
    """Pagefind's indexing time on ours' last build, and a reader's download for two searches."""
    site = project / tools.OUTPUT["ours"]
    say("search: indexing time, and transfer in Chromium")
    found = {
        "index": searchcost.index_cost(venv, REPO, project, site, args.runs),
        "transfer": searchcost.transfer(REPO, site, searchcost.rare_word([p.title + "\n" + p.body for p in posts])),
    }
    say(f"search: {json.dumps(found)}")
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.from_results:
        return emit(json.loads(Path(args.from_results).read_text(encoding="utf-8")), args.report)
    selected = [t for t in tools.TOOLS if t in args.only]
    if "ours" in selected and not (REPO / "scripts/newsdesk/mkdocs/plugin.py").is_file():
        say("ours cannot build yet: scripts/newsdesk/mkdocs/plugin.py does not exist; use --only material,pelican")
        return 2
    measure.start_launcher()  # while this process is small: builds inherit its peak memory
    args.work.mkdir(parents=True, exist_ok=True)
    venvs = {}
    for tool in selected:
        say(f"venv: {tool}")
        venvs[tool] = tools.ensure_venv(tool, args.work, REPO)
    res: dict = {
        "machine": report.machine(),
        "versions": versions(selected),
        "seed": args.seed,
        "command": "python3 scripts/bench.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "detail_size": args.detail_size,
        "builds": {},
    }
    for n in args.sizes:
        posts = corpus.generate(n, args.seed)
        projects = {t: prepare(args.work, n, args.seed, t, posts) for t in selected}
        runs: dict[str, list[dict]] = {name: [] for name, _ in series(selected)}
        for run in range(args.runs):
            for name, tool in series(selected):
                r = build_once(name, tool, venvs[tool], projects[tool], posts, run, args.work)
                runs[name].append(r)
                say(
                    f"n={n} run={run + 1} {name}: {r['seconds']:.2f}s (CPU {r['cpu_seconds']:.2f}s) "
                    f"{r['peak_mib']:.0f} MiB (tree {r['tree_mib']:.0f}) "
                    f"{r['pages']} pages {r['verified']}"
                )
        res["builds"][str(n)] = runs
        if "ours" in projects:
            res.setdefault("search", {})[str(n)] = search_cost(args, venvs["ours"], projects["ours"], posts)
        if n == args.detail_size:
            res["transfer"], res["rebuild"] = detail(args, venvs, projects, posts)
        (args.work / "results.json").write_text(json.dumps(res, indent=1))
    say(f"raw results: {args.work / 'results.json'}")
    tools.empty_trash(args.work)  # every build is timed: now what was set aside can go
    emit(res, args.report)
    return 1 if "failed" in (res.get("rebuild") or {}) else 0


def emit(res: dict, path: str | None) -> int:
    """Print the Markdown report, and write it to path if given."""
    text = report.render(res)
    print(text)
    if path:
        Path(path).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
