"""The golden output tree: every file the 'content' fixture site builds, with a digest of its bytes.

tests/test_golden.py builds the fixture and compares; a change to any page, feed, picture or index
shows as the files it touched. When the change is meant, write the tree again and commit it:

    .venv/bin/python tests/golden/tree.py
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sitekit import FROZEN_NOW, build, copy_site  # noqa: E402

GOLDEN = HERE / "content.json"


def built_tree(workdir: Path) -> dict[str, str]:
    """Build the 'content' fixture in `workdir` and digest every file of its site."""
    project = copy_site("content", workdir)
    result = build(project, now=FROZEN_NOW)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    site = project / "site"
    return {
        path.relative_to(site).as_posix(): hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        tree = built_tree(Path(workdir))
    GOLDEN.write_text(json.dumps(tree, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(HERE.parent.parent)}: {len(tree)} files")


if __name__ == "__main__":
    main()
