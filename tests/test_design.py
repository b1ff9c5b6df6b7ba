"""docs-dev/design.md's house plan names every module of the package, and only modules that exist."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "scripts" / "newsdesk"


def planned() -> set[str]:
    text = (REPO / "docs-dev" / "design.md").read_text(encoding="utf-8")
    plan = text[text.index("## The house plan") :]
    plan = plan[: plan.index("\n## ", 4)]
    return set(re.findall(r"`((?:core|mkdocs|commands)/[a-z_/]+\.py)`", plan))


def test_every_module_is_in_the_house_plan_and_every_planned_module_exists():
    modules = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"}
    assert modules - planned() == set(), "add these to docs-dev/design.md's house plan"
    assert planned() - modules == set(), "docs-dev/design.md names modules that are not there"


def test_every_room_says_what_it_holds():
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent != PACKAGE:
            assert init.read_text(encoding="utf-8").startswith('"""'), (
                f"{init.relative_to(REPO)} needs a docstring: what the room holds"
            )
