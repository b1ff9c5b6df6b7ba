"""Work split with a forked process (core/forking.py), and posts read that way: the same results,
in the same order, as one process gives, whatever goes wrong in the fork."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsdesk.core import forking
from newsdesk.core.forking import FEWEST, split_map
from newsdesk.core.reading import posts
from newsdesk.core.reading.posts import load_posts
from test_validation import CONTACT, NOW, PNG, settings_for

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")
TESTS = Path(__file__).parent


def square(n: int) -> int:
    return n * n


def where(n: int) -> tuple[int, int]:
    return n, os.getpid()


@pytest.mark.parametrize("count", [0, 1, FEWEST - 1, FEWEST, 257])
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_the_results_are_a_plain_maps_in_order(count, workers):
    assert split_map(square, list(range(count)), workers) == [n * n for n in range(count)]


@pytest.mark.parametrize(("count", "workers"), [(FEWEST - 1, 2), (500, 1)])
def test_too_few_items_or_one_worker_stay_in_this_process(count, workers):
    assert {pid for _, pid in split_map(where, list(range(count)), workers)} == {os.getpid()}


def test_without_fork_everything_is_done_here(monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    assert {pid for _, pid in split_map(where, list(range(300)), 2)} == {os.getpid()}


def test_a_process_with_threads_does_not_fork():
    """A fork copies only the thread that forks: a lock another thread held would never be let go."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert {pid for _, pid in split_map(where, list(range(300)), 2)} == {os.getpid()}
    finally:
        release.set()
        other.join()


def _map_in_a_daemon(sending) -> None:
    sending.send({pid for _, pid in split_map(where, list(range(300)), 2)} == {os.getpid()})


def test_a_daemonic_process_does_not_fork():
    """multiprocessing forbids a daemonic process children: it maps everything itself."""
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    daemon = multiprocessing.get_context("fork").Process(target=_map_in_a_daemon, args=(sending,), daemon=True)
    daemon.start()
    assert receiving.recv() is True
    daemon.join()


# What needs a real fork runs in a fresh Python: this test process may have threads from other
# tests (pytest-xdist runs many files in one worker), and split_map rightly never forks then.
# Each scenario returns what it saw as JSON; `fork_ran` is a file only the fork writes, so a
# scenario cannot pass by never forking.


def fresh(scenario: str, folder: Path) -> dict:
    code = f"import json, sys; sys.path.insert(0, {str(TESTS)!r}); import test_forking as t; "
    code += f"print(json.dumps(t.{scenario}(sys.argv[1])))"
    done = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _in_the_fork(folder: str, parent: int) -> bool:
    """True in the fork, which leaves a mark in `folder`."""
    if os.getpid() == parent:
        return False
    Path(folder, "fork_ran").touch()
    return True


def _wait_for(path: Path) -> None:
    for _ in range(1000):
        if path.exists():
            return
        time.sleep(0.01)


def _seen(results: list, parent: int, folder: str, **more) -> dict:
    return {
        "in_order": [r[0] for r in results] == list(range(len(results))),
        "here": sorted({r[1] for r in results[: len(results) // 2]} - {parent}),
        "there_is_parent": {r[1] for r in results[len(results) // 2 :]} == {parent},
        "there_count": len({r[1] for r in results[len(results) // 2 :]}),
        "fork_ran": Path(folder, "fork_ran").exists(),
        "children": len(multiprocessing.active_children()),
        "frozen": gc.get_freeze_count(),
        **more,
    }


def scenario_plain(folder: str) -> dict:
    parent = os.getpid()
    results = split_map(lambda n: (n, os.getpid(), _in_the_fork(folder, parent)), list(range(201)), 2)
    return _seen(results, parent, folder)


def scenario_fails_in_the_fork(folder: str) -> dict:
    parent = os.getpid()

    def fails(n: int):
        if _in_the_fork(folder, parent):
            raise RuntimeError("only in the fork")
        return n, os.getpid()

    return _seen(split_map(fails, list(range(300)), 2), parent, folder)


def scenario_unpicklable(folder: str) -> dict:
    parent = os.getpid()
    made = lambda n: (n, os.getpid(), (lambda: n) if _in_the_fork(folder, parent) else None)  # noqa: E731
    return _seen(split_map(made, list(range(300)), 2), parent, folder)


def scenario_late_unpicklable(folder: str) -> dict:
    """Results come PIECE at a time: one that cannot be pickled, late in the half, stops the rest."""
    parent = os.getpid()

    def late(n: int):
        there = _in_the_fork(folder, parent)
        return n, os.getpid(), (lambda: n) if there and n == 280 else None

    return _seen(split_map(late, list(range(300)), 2), parent, folder)


def _explodes_here(parent: int) -> None:
    if os.getpid() == parent:
        raise RuntimeError("cannot be read here")


class Unreadable:
    """Pickled in the fork, it fails to unpickle in the process that forked it."""

    def __init__(self, parent: int) -> None:
        self.parent = parent

    def __reduce__(self):
        return (_explodes_here, (self.parent,))


def scenario_unreadable(folder: str) -> dict:
    parent = os.getpid()
    made = lambda n: (n, os.getpid(), Unreadable(parent) if _in_the_fork(folder, parent) else None)  # noqa: E731
    return _seen(split_map(made, list(range(300)), 2), parent, folder)


def _raised(function, folder: str, parent: int) -> dict:
    try:
        split_map(function, list(range(300)), 2)
    except ValueError as error:
        return _seen([], parent, folder, raised=str(error))
    return _seen([], parent, folder, raised=None)


def scenario_error_in_both(folder: str) -> dict:
    parent = os.getpid()

    def bad_item(n: int) -> int:
        _in_the_fork(folder, parent)
        if n == 250:
            raise ValueError("item 250")
        return n

    return _raised(bad_item, folder, parent)


def scenario_error_here_while_the_fork_waits(folder: str) -> dict:
    """The fork's results fill the pipe before this process reads it; an error in the first half
    closes the pipe, which stops the fork."""
    parent = os.getpid()

    def big(n: int) -> bytes:
        if n == 10 and os.getpid() == parent:
            _wait_for(Path(folder, "fork_ran"))
            time.sleep(0.3)  # the fork makes its results in a few ms, then waits on the full pipe
            raise ValueError("item 10")
        _in_the_fork(folder, parent)
        return bytes(100_000)

    return _raised(big, folder, parent)


def test_the_second_half_is_done_by_one_forked_process(tmp_path):
    seen = fresh("scenario_plain", tmp_path)
    assert seen["in_order"] and seen["fork_ran"]
    assert seen["here"] == [] and not seen["there_is_parent"] and seen["there_count"] == 1
    assert seen["children"] == 0  # nothing left running
    assert seen["frozen"] == 0  # this process's garbage collector sees every object again


@pytest.mark.parametrize(
    "scenario",
    ["scenario_fails_in_the_fork", "scenario_unpicklable", "scenario_late_unpicklable", "scenario_unreadable"],
)
def test_a_fork_that_fails_has_its_half_done_here(tmp_path, scenario):
    """It raises, sends what cannot be pickled (at once, or after some pieces), or sends what
    cannot be unpickled here: this process does its half, and the results are whole."""
    seen = fresh(scenario, tmp_path)
    assert seen["fork_ran"] and seen["in_order"] and seen["there_is_parent"]
    assert seen["children"] == 0 and seen["frozen"] == 0


@pytest.mark.parametrize(
    ("scenario", "message"),
    [("scenario_error_in_both", "item 250"), ("scenario_error_here_while_the_fork_waits", "item 10")],
)
def test_an_error_is_raised_here_and_nothing_hangs(tmp_path, scenario, message):
    seen = fresh(scenario, tmp_path)
    assert seen["fork_ran"] and seen["raised"] == message
    assert seen["children"] == 0 and seen["frozen"] == 0


@pytest.mark.parametrize("error", [OSError("Resource temporarily unavailable"), AssertionError("no children")])
def test_a_fork_that_cannot_start_leaves_the_work_here(monkeypatch, error):
    def no_fork(self):
        raise error

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_fork)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as in a build: it would fork
    assert {pid for _, pid in split_map(where, list(range(300)), 2)} == {os.getpid()}
    assert gc.get_freeze_count() == 0


POST = "---\ntitle: {title}\ndate: 2024-{month:02d}-{day:02d}\ntype: {kind}\ntags: [Reading, Term {month}]\n---\n\n{body}\n"


def write_posts(root, count: int) -> int:
    """`count` posts of every kind a writer makes: good ones, broken ones, Windows line endings,
    other scripts, a file beside the drafts. Returns the number of Markdown files."""
    folder = root / "posts" / "2024"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "present.png").write_bytes(PNG)
    for n in range(count):
        month, day = 1 + n % 12, 1 + n % 28
        title = ["Term dates", "Úrok školy", "Школьный день", "مدرسة جديدة", "A: colon"][n % 5] + f" {n}"
        kind = "blog" if n % 3 else "press-release"
        body = f"Post {n}, with [a link](2024-02-02-post-1.md) and ![a picture](images/present.png)."
        text = POST.format(title=title, month=month, day=day, kind=kind, body=body)
        if kind == "press-release":
            text = text.replace("tags:", f"summary: Release {n}.\n{CONTACT}tags:")
        if n % 7 == 0:
            text = text.replace("\n", "\r\n")
        if n % 11 == 0:
            text = text.replace("type: ", "type: nonsense")  # a problem for the writer
        if n % 13 == 0:
            text = text.replace("date: 2024", "date: 2099")  # scheduled
        (folder / f"2024-{month:02d}-{day:02d}-post-{n}.md").write_text(text, encoding="utf-8", newline="")
    (folder / "notes.txt").write_text("not a post\n", encoding="utf-8")
    return count


def scenario_posts(folder: str) -> dict:
    settings = settings_for(Path(folder))
    one = load_posts(settings, now=NOW, publishing=True, workers=1)
    read_here = []
    real_read = posts.read_post
    posts.read_post = lambda *args: read_here.append(os.getpid()) or real_read(*args)
    two = load_posts(settings, now=NOW, publishing=True, workers=2)
    return {
        "read_here": len(read_here),
        "posts": len(one.posts),
        "problems": len(one.problems),
        "same_posts": two.posts == one.posts,
        "same_problems": two.problems == one.problems,
        "same_messages": [str(p) for p in two.problems] == [str(p) for p in one.problems],
    }


def test_posts_read_on_two_processes_are_those_read_on_one(tmp_path):
    write_posts(tmp_path, 230)
    seen = fresh("scenario_posts", tmp_path)
    assert seen["read_here"] == 115  # the other half came from the fork: its posts, not ones read again
    assert seen["posts"] > 100 and seen["problems"] > 10  # good posts and broken ones
    assert seen["same_posts"] and seen["same_problems"] and seen["same_messages"]


def test_posts_are_read_on_two_processes(tmp_path, monkeypatch):
    write_posts(tmp_path, 230)
    used = []
    real = forking.split_map

    def spy(function, items, workers):
        used.append((len(items), workers))
        return real(function, items, workers)

    monkeypatch.setattr("newsdesk.core.reading.posts.split_map", spy)
    load_posts(settings_for(tmp_path), now=NOW, publishing=True, workers=2)
    assert used == [(230, 2)]


def test_serve_reads_in_its_own_process_and_keeps_every_read(tmp_path):
    """`mkdocs serve` has threads (no fork), and keeps what it read for the next rebuild."""
    write_posts(tmp_path, 230)
    reads: dict = {}
    loaded = load_posts(settings_for(tmp_path), now=NOW, publishing=True, reads=reads, workers=2)
    assert len(reads) == 230  # a fork's reads would not have come back
    again = load_posts(settings_for(tmp_path), now=NOW, publishing=True, reads=reads, workers=2)
    assert again.posts == loaded.posts and again.problems == loaded.problems


@pytest.mark.parametrize("workers", [1, 2])
def test_the_build_and_check_read_posts_with_the_workers_option(tmp_path, monkeypatch, workers):
    """load_site, which the build and `newsdesk check` share, passes mkdocs.yml's `workers` on."""
    from newsdesk.commands import check
    from test_prerender import project_with

    project = project_with(tmp_path, workers)
    for n in range(FEWEST):
        text = f"---\ntitle: More {n}\ndate: 2024-04-{1 + n % 28:02d}\ntype: blog\n---\n\nText {n}.\n"
        (project / f"posts/2024/2024-04-{1 + n % 28:02d}-more-{n}.md").write_text(text, encoding="utf-8")
    used = []
    real = forking.split_map
    monkeypatch.setattr(
        "newsdesk.core.reading.posts.split_map", lambda f, items, w: used.append(w) or real(f, items, w)
    )
    assert check.main(["--config-file", str(project / "mkdocs.yml")]) == 0
    assert used == [workers]
