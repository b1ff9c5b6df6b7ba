"""Work split with a forked process (core/forking.py), and posts read that way: the same results,
in the same order, as one process gives, whatever goes wrong in the fork."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading

import pytest

from newsdesk.core import forking
from newsdesk.core.forking import FEWEST, split_map
from newsdesk.core.reading import posts
from newsdesk.core.reading.posts import load_posts
from test_validation import CONTACT, NOW, PNG, settings_for

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def square(n: int) -> int:
    return n * n


def where(n: int) -> tuple[int, int]:
    return n, os.getpid()


@pytest.mark.parametrize("count", [0, 1, FEWEST - 1, FEWEST, 257])
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_the_results_are_a_plain_maps_in_order(count, workers):
    assert split_map(square, list(range(count)), workers) == [n * n for n in range(count)]


def test_the_second_half_is_done_by_one_forked_process():
    results = split_map(where, list(range(201)), 2)
    assert [n for n, _ in results] == list(range(201))
    here = {pid for _, pid in results[:100]}
    there = {pid for _, pid in results[100:]}
    assert here == {os.getpid()}
    assert len(there) == 1 and there != here
    assert multiprocessing.active_children() == []  # nothing left running
    assert gc.get_freeze_count() == 0  # this process's garbage collector sees every object again


@pytest.mark.parametrize(("count", "workers"), [(FEWEST - 1, 2), (500, 1)])
def test_too_few_items_or_one_worker_stay_in_this_process(count, workers):
    assert {pid for _, pid in split_map(where, list(range(count)), workers)} == {os.getpid()}


def test_without_fork_everything_is_done_here(monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    assert {pid for _, pid in split_map(where, list(range(300)), 2)} == {os.getpid()}


def test_a_fork_that_fails_has_its_half_done_here():
    parent = os.getpid()

    def fails_in_the_fork(n: int) -> tuple[int, int]:
        if os.getpid() != parent:
            raise RuntimeError("only in the fork")
        return n, os.getpid()

    results = split_map(fails_in_the_fork, list(range(300)), 2)
    assert results == [(n, parent) for n in range(300)]
    assert multiprocessing.active_children() == []


def test_results_that_cannot_be_pickled_are_made_here():
    parent = os.getpid()
    results = split_map(lambda n: (n, os.getpid(), lambda: n), list(range(300)), 2)
    assert [(n, pid) for n, pid, _ in results] == [(n, parent) for n in range(300)]


def test_a_fork_that_sends_only_some_of_its_results_has_its_half_done_here():
    """Results come PIECE at a time: one that cannot be pickled, late in the half, stops the rest."""
    parent = os.getpid()

    def late_unpicklable(n: int):
        return (n, os.getpid(), (lambda: n) if n == 280 and os.getpid() != parent else None)

    results = split_map(late_unpicklable, list(range(300)), 2)
    assert [(n, pid) for n, pid, _ in results] == [(n, parent) for n in range(300)]
    assert multiprocessing.active_children() == []


def test_an_error_is_raised_here_as_without_the_fork():
    def bad_item(n: int) -> int:
        if n == 250:
            raise ValueError("item 250")
        return n

    with pytest.raises(ValueError, match="item 250"):
        split_map(bad_item, list(range(300)), 2)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("error", [OSError("Resource temporarily unavailable"), AssertionError("no children")])
def test_a_fork_that_cannot_start_leaves_the_work_here(monkeypatch, error):
    def no_fork(self):
        raise error

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_fork)
    assert {pid for _, pid in split_map(where, list(range(300)), 2)} == {os.getpid()}
    assert gc.get_freeze_count() == 0


def _explodes_here(parent: int) -> None:
    if os.getpid() == parent:
        raise RuntimeError("cannot be read here")


class Unreadable:
    """Pickled in the fork, it fails to unpickle in the process that forked it."""

    def __init__(self, parent: int) -> None:
        self.parent = parent

    def __reduce__(self):
        return (_explodes_here, (self.parent,))


def test_results_that_cannot_be_unpickled_here_are_made_here():
    parent = os.getpid()
    results = split_map(
        lambda n: (n, os.getpid(), Unreadable(parent) if os.getpid() != parent else None), list(range(300)), 2
    )
    assert [(n, pid) for n, pid, _ in results] == [(n, parent) for n in range(300)]


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


def test_an_error_here_while_the_fork_waits_to_send_does_not_hang():
    """The fork's results fill the pipe before this process reads it; an error in the first half
    closes the pipe, which stops the fork."""
    parent = os.getpid()

    def big(n: int) -> bytes:
        if n == 10 and os.getpid() == parent:
            raise ValueError("item 10")
        return bytes(100_000)

    with pytest.raises(ValueError, match="item 10"):
        split_map(big, list(range(300)), 2)
    assert multiprocessing.active_children() == []
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


def test_posts_read_on_two_processes_are_those_read_on_one(tmp_path, monkeypatch):
    write_posts(tmp_path, 230)
    settings = settings_for(tmp_path)
    one = load_posts(settings, now=NOW, publishing=True, workers=1)
    read_here = []
    real_read = posts.read_post
    monkeypatch.setattr(posts, "read_post", lambda *args: read_here.append(os.getpid()) or real_read(*args))
    two = load_posts(settings, now=NOW, publishing=True, workers=2)
    assert len(read_here) == 115  # the other half came from the fork: its posts, not ones read again
    assert len(one.posts) > 100 and len(one.problems) > 10  # good posts and broken ones
    assert two.posts == one.posts
    assert two.problems == one.problems
    assert [str(problem) for problem in two.problems] == [str(problem) for problem in one.problems]


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
