"""The Markdown report: machine, timings, ratios per run pair, and the issue's targets."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path
from statistics import median

from .figures import LABEL, OURS, WARM, ratios, transfer_kb, tree_mib
from .targets import targets


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = re.search(r"^model name\s*:\s*(.*)$", Path("/proc/cpuinfo").read_text(), re.M)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    return {
        "cpus": str(os.cpu_count()),
        "cpu_model": cpu.group(1) if cpu else "unknown",
        "memory": f"{int(mem.group(1)) / 1024**2:.1f} GiB" if mem else "unknown",
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def _baselines(runs: dict[str, list[dict]]) -> list[str]:
    return [t for t in runs if t not in LABEL]


def _peak_tree(runs: list[dict]) -> str:
    return f"{tree_mib(runs):.0f}" if any("tree_mib" in r for r in runs) else "n/a"


def render(res: dict) -> str:
    """Markdown for the README's Performance section, from one run's results."""
    m = res["machine"]
    out = [
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory']} memory, Python {m['python']}, "
        f"Linux {m['kernel']}.",
        "",
        f"Command: `{res['command']}`",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in res["versions"].items()) + ".",
        "",
        "Wall time is `time.perf_counter()` around the build process. CPU time is user + system "
        "from the rusage `os.wait4` returns for it, forked workers included. Peak memory is that "
        'rusage\'s `ru_maxrss` (the largest single process) and, as "tree", the largest sum of '
        "PSS over the process and its children, sampled every 0.1 s (pages that forked workers "
        "share with their parent count once), never less than `ru_maxrss`; the target uses "
        "the tree. Each run builds the tools in turn, from an "
        "emptied output directory (the old one moved aside, and deleted once every build is timed); "
        "peak memory is the largest of the runs."
        + (
            f" Ours builds twice in each run: first `{OURS}`, {LABEL[OURS]}, its render cache "
            f"`.cache/newsdesk` moved aside beforehand so that it starts from nothing as the baselines do; "
            f"then at once `{WARM}`, {LABEL[WARM]}."
            if any(WARM in runs for runs in res["builds"].values())
            else ""
        ),
        "",
        "| posts | tool | median s | min s | max s | median CPU s | peak MiB | tree MiB | pages "
        "| checked (posts, tags, feeds) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, runs in res["builds"].items():
        for tool, rs in runs.items():
            secs = [r["seconds"] for r in rs]
            v = rs[-1]["verified"]
            out.append(
                f"| {int(n):,} | {tool} | {median(secs):.2f} | {min(secs):.2f} | {max(secs):.2f} | "
                f"{median(r.get('cpu_seconds', float('nan')) for r in rs):.2f} | "
                f"{max(r['peak_mib'] for r in rs):.0f} | {_peak_tree(rs)} | {rs[-1]['pages']:,} | "
                f"{v['posts']}, {v['tags']}, {v['feeds']} |"
            )
    out += _warm_cache(res)
    pairs = [(n, runs) for n, runs in res["builds"].items() if OURS in runs and _baselines(runs)]
    if pairs:
        out += [
            "",
            "Time ratio of ours to each baseline, per run pair (the same run index); the targets "
            f"use the median wall-time ratio of the {LABEL[OURS]} build:",
            "",
            "| posts | baseline | ours | wall-time ratio per run | median | median CPU-time ratio |",
            "|---:|---|---|---|---:|---:|",
        ]
        for n, runs in pairs:
            for other in _baselines(runs):
                for ours in (s for s in LABEL if s in runs):
                    r, cpu = ratios(runs, other, ours=ours), ratios(runs, other, "cpu_seconds", ours)
                    out.append(
                        f"| {int(n):,} | {other} | {LABEL[ours]} | {', '.join(f'{x:.3f}' for x in r)} | "
                        f"{median(r):.3f} | {f'{median(cpu):.3f}' if cpu else 'n/a'} |"
                    )
    if res.get("transfer"):
        out += [
            "",
            "First visit to a post page, in KB (1,000 bytes) at gzip level 6: the HTML, the local "
            "CSS, JS and icons it references and the search worker, then `search/search_index.json`, "
            "then both (the target counts both):",
            "",
            "| tool | page | files | page and assets | search index | total | remote, not counted |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for tool, t in res["transfer"].items():
            index = t.get("index", 0)
            out.append(
                f"| {tool} | `{t['page']}` | {len(t['parts'])} | {(t['total'] - index) / 1000:.1f} | "
                f"{index / 1000:.1f} | {t['total'] / 1000:.1f} | {len(t['remote'])} |"
            )
    out += _search(res)
    rb = res.get("rebuild")
    if rb:
        serve = " ".join(["mkdocs serve", *rb.get("serve_args", [])])
        cache = (
            f", serve starting with the last build's render cache of {rb['cache_mib']:.1f} MiB"
            if rb.get("cache_mib")
            else ""
        )
        out += ["", f"Rebuild under `{serve}` at {res['detail_size']:,} posts (ours{cache}): "]
        if "skipped" in rb or "failed" in rb:
            out[-1] += rb.get("skipped") or f"**failed**: {rb['failed']}"
        else:
            e = rb["edits"]
            shown = ", ".join(k for k in ("post", "listing", "feed") if k not in rb["not_available"])
            out[-1] += (
                f"first build served after {rb['first_build_s']:.1f} s; after editing one post's "
                f"title, the new title showed in ({shown}) in median {median(e):.2f} s "
                f"(min {min(e):.2f}, max {max(e):.2f}, {len(e)} edits; mkdocs reported builds of "
                f"{', '.join(f'{s:.2f}' for s in rb['mkdocs_reported'])} s)."
                + (
                    f" Not available yet, so not checked: {', '.join(rb['not_available'])}."
                    if rb["not_available"]
                    else ""
                )
            )
    out += ["", *targets(res), *warmratios(res)]
    return "\n".join(out) + "\n"


def _search(res: dict) -> list[str]:
    """Search (Pagefind): indexing alone on ours' build, and what the search page downloads."""
    found = res.get("search") or {}
    if not found:
        return []
    out = [
        "",
        "Search (Pagefind). Indexing: Pagefind alone, as the plugin runs it, on ours' built site "
        "(median wall time of the runs, its share of ours' cold median, largest peak RSS). Transfer: "
        "Chromium on /search/ types a common word, then a rare one; each file from `pagefind/` at gzip "
        "level 6 (or as it is, if smaller), in KB. Opening is Pagefind's script, worker, WebAssembly, "
        "metadata and filters; each query adds its index chunks and result fragments.",
        "",
        "| posts | index s | share of cold build | index peak MiB | opening KB | common word KB | rare word KB | total KB | words (results) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, s in found.items():
        ix, tr = s.get("index", {}), s.get("transfer", {})
        cold = res["builds"].get(n, {}).get(OURS)
        if "seconds" in ix:
            secs = median(ix["seconds"])
            share = f"{secs / median(r['seconds'] for r in cold):.0%}" if cold else "n/a"
            index = f"{secs:.2f} | {share} | {max(ix['peak_mib']):.0f}"
        else:
            index = f"{ix.get('skipped', 'not measured')} | | "
        if "opening_kb" in tr:
            total = transfer_kb(found, n)
            words = f"'{tr['common']}' ({tr['common_status']}), '{tr['rare']}' ({tr['rare_status']})"
            transfer = f"{tr['opening_kb']:.1f} | {tr['common_kb']:.1f} | {tr['rare_kb']:.1f} | {total:.1f} | {words}"
        else:
            transfer = f"{tr.get('skipped', 'not measured')} | | | |"
        out.append(f"| {int(n):,} | {index} | {transfer} |")
    return out


def _warm_cache(res: dict) -> list[str]:
    """The cache each warm build started from; a warm build without one was a cold build too."""
    parts = []
    for n, runs in res["builds"].items():
        mibs = [r["cache_mib"] for r in runs.get(WARM, []) if "cache_mib" in r]
        if mibs:
            parts.append(f"{f'{min(mibs):.1f} MiB' if min(mibs) else '**none**'} at {int(n):,} posts")
    if not parts:
        return []
    none = any(p.startswith("**none**") for p in parts)
    return [
        "",
        f"Render cache each {WARM} build started from, the smallest over its runs: {', '.join(parts)}."
        + (" None means the cold build wrote no cache, so that warm build was cold too." if none else ""),
    ]


def warmratios(res: dict) -> list[str]:
    """The warm build's ratios at the detail size, as information: the targets are for the cold build."""
    runs = res["builds"].get(str(res["detail_size"]), {})
    found = [
        f"{WARM} / {other} {median(ratios(runs, other, ours=WARM)):.3f}"
        for other in ("material", "pelican", "hugo")
        if WARM in runs and other in runs
    ]
    if not found:
        return []
    return [
        "",
        f"For information, not judged against the targets (they are for the cold build): "
        f"{LABEL[WARM]} at {res['detail_size']:,} posts, median wall-time ratio {', '.join(found)}.",
    ]
