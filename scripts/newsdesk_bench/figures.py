"""What the report and its targets read from a run's results: our two series, the ratio of ours
to a baseline per run pair, the process tree's peak, and search's download."""

from __future__ import annotations

# Our two series. The targets are judged on the cold one; the warm one is shown for information.
OURS, WARM = "ours", "ours-warm"
LABEL = {OURS: "cold (no cache)", WARM: "warm (render cache from the previous build)"}


def ratios(runs: dict[str, list[dict]], other: str, key: str = "seconds", ours: str = OURS) -> list[float]:
    return [o[key] / b[key] for o, b in zip(runs[ours], runs[other]) if key in o and key in b]


def tree_mib(runs: list[dict]) -> float:
    """The tree peak, or ru_maxrss for results saved before the tree was sampled."""
    return max(r.get("tree_mib", r["peak_mib"]) for r in runs)


def transfer_kb(found: dict, size: str) -> float | None:
    """What opening search and a common and a rare query download at `size` posts, in KB."""
    transfer = (found.get(size) or {}).get("transfer") or {}
    return sum(transfer[k] for k in ("opening_kb", "common_kb", "rare_kb")) if "opening_kb" in transfer else None
