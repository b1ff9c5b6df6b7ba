"""How many processes a build uses (the `workers` option). No MkDocs here."""

from __future__ import annotations

import os


def workers_for(setting: int) -> int:
    """How many processes to use: the `workers` option, or one per CPU when it is 0."""
    if setting:
        return setting
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cpus or 1
