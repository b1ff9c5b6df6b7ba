"""How many processes a build uses (the `workers` option), and work split with a forked process.
No MkDocs here."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
FEWEST = 100  # fewer items than this are not worth a fork (a few ms)
PIECE = 16  # results a message from the fork (see _received)


def workers_for(setting: int) -> int:
    """How many processes to use: the `workers` option, or one per CPU when it is 0."""
    if setting:
        return setting
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cpus or 1


def split_map(function: Callable[[Item], Result], items: Sequence[Item], workers: int) -> list[Result]:
    """[function(item) for item in items], in order: the second half on a forked process while this
    one does the first, when `workers` allows and there are enough items. Only for work that sends
    its results back as data and writes nothing; never from a process with threads (a fork copies
    one, and a lock another holds would never be let go) or a daemonic one (it may not fork).

    The forked process's results come back pickled. If it fails in any way, this process does its
    half again, so an error is raised here, as it would be without the fork."""
    if not _worth_forking(len(items), workers):
        return [function(item) for item in items]
    middle = len(items) // 2
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    forked = context.Process(target=_second_half, args=(function, items[middle:], sending), daemon=True)
    second: list[Any] | None = None
    try:
        gc.freeze()  # the fork's garbage collector would write to every object, copying its memory
        try:
            forked.start()
        except Exception:  # out of processes or memory, say: this process does it all
            pass
        finally:
            gc.unfreeze()
            sending.close()
        first = [function(item) for item in items[:middle]]
        if forked.pid is not None:
            second = _received(receiving, len(items) - middle)
    finally:
        receiving.close()  # a fork still sending stops on a broken pipe
        if forked.pid is not None:
            forked.terminate()  # it has sent its results, or failed
            forked.join()
    return first + (second if second is not None else [function(item) for item in items[middle:]])


def _worth_forking(count: int, workers: int) -> bool:
    return (
        workers >= 2
        and count >= FEWEST
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def _second_half(function: Callable[[Item], Result], items: Sequence[Item], sending: Connection) -> None:
    try:
        results = [function(item) for item in items]
        for start in range(0, len(results), PIECE):
            sending.send(results[start : start + PIECE])
    except BaseException:  # an error, or results that cannot be pickled: the forking process does them again
        pass
    sending.close()


def _received(receiving: Connection, count: int) -> list[Any] | None:
    """The fork's `count` results, or None if they did not all come. They come PIECE at a time:
    one message of them all (10 MB for 1,500 posts) would make glibc's allocator, once it is freed,
    keep that much more of the build's memory from then on (7 MB more at Pagefind's peak)."""
    received: list[Any] = []
    try:
        while len(received) < count:
            piece = receiving.recv()
            if not isinstance(piece, list):
                return None
            received += piece
    except Exception:  # the fork ended without sending them all, or sent what cannot be read
        return None
    return received
