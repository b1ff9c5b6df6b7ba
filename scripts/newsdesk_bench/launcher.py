"""Runs the benchmark's builds, one JSON request per line on stdin, one JSON result per line out.

It is a separate small process so that each build's ru_maxrss is the build's own (see
measure._Launcher). Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import threading
import time

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _tree(pid: int) -> list[int]:
    """pid and all its descendants, from /proc/<pid>/task/<tid>/children."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:  # exited meanwhile
            pass
    return found


PSS = re.compile(r"^Pss:\s+(\d+) kB", re.M)


def _tree_pss_kib(pid: int) -> int:
    """Summed PSS of the tree: a page shared by k processes counts 1/k in each, so forked workers'
    copy-on-write pages count once in all. Falls back to RSS where smaps_rollup is unreadable."""
    total = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += int(PSS.search(f.read()).group(1))
        except (OSError, AttributeError):
            try:
                with open(f"/proc/{p}/statm") as f:
                    total += int(f.read().split()[1]) * PAGE_KIB
            except (OSError, IndexError, ValueError):
                pass
    return total


class _TreeSampler(threading.Thread):
    """Largest summed PSS of a process tree, sampled every `interval` seconds until stopped.

    Reading smaps_rollup costs about 1.5 ms for a 300 MB process, so 0.1 s keeps the sampler near
    2% of one CPU."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kib = max(self.peak_kib, _tree_pss_kib(self.pid))
            self.done.wait(self.interval)


def timed_run(cmd: list[str], cwd: str, log: str, timeout: float, env: dict[str, str]) -> dict:
    """Run cmd to completion: wall and CPU seconds, and peak memory two ways (KiB).

    Wall time is time.perf_counter() around the child's whole life. CPU time is user + system from
    the rusage os.wait4 returns, which includes the children it waited for (forked workers). That
    rusage's ru_maxrss is the largest single process; a build that forks workers needs the sum, so
    a thread also samples the summed PSS of the whole tree every 0.1 s ("tree"). A peak shorter
    than that can be missed, so "tree" is never reported below ru_maxrss. "floor_kib" is this
    launcher's own peak, which every child inherits as the least ru_maxrss it can report.
    """
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        timer = threading.Timer(timeout, proc.kill)
        sampler = _TreeSampler(proc.pid)
        timer.start()
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.done.set()
        seconds = time.perf_counter() - start
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "returncode": proc.returncode,
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "maxrss_kib": usage.ru_maxrss,
        "tree_kib": max(sampler.peak_kib, usage.ru_maxrss),
        "floor_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def main() -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for line in sys.stdin:
        request = json.loads(line)
        try:
            result = timed_run(request["cmd"], request["cwd"], request["log"], request["timeout"], env)
        except Exception as error:  # reported to the harness, which raises it there
            result = {"error": repr(error)}
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
