"""The same posts build the same site, byte for byte, across refactors: the 'content' fixture's
output against tests/golden/content.json (tests/golden/tree.py writes it again when a change is meant)."""

from __future__ import annotations

import json

from golden.tree import GOLDEN, built_tree


def test_the_site_is_the_golden_tree(tmp_path):
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = built_tree(tmp_path)
    changed = sorted(path for path in expected.keys() & found.keys() if expected[path] != found[path])
    added, removed = sorted(found.keys() - expected.keys()), sorted(expected.keys() - found.keys())
    assert not (changed or added or removed), (
        f"changed: {changed}\nadded: {added}\nremoved: {removed}\n"
        "if this change is meant, run: .venv/bin/python tests/golden/tree.py, and commit tests/golden/content.json"
    )
