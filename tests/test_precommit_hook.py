"""The pre-commit hooks run `newsdesk check` on the posts a commit changes; run what they name."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import BLOG, REPO, make_site

SCRIPT = Path(sys.executable).parent / "newsdesk"  # the console script pyproject.toml declares


def hooks() -> list[dict]:
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return [hook for repo in local["repos"] for hook in repo["hooks"]] + published


def code_hooks() -> list[dict]:
    return [hook for hook in hooks() if hook["id"] != "newsdesk-check"]


@pytest.mark.parametrize(
    "hook", [hook for hook in hooks() if hook["id"] == "newsdesk-check"], ids=lambda hook: hook["entry"]
)
def test_hook_runs_check_on_changed_posts(hook, tmp_path):
    assert hook["id"] == "newsdesk-check" and hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("posts/2025/2025-03-04-walking-buses.md")
    assert not files.search("docs/about.md") and not files.search("posts/2025/images/bus.jpg")

    program, *args = shlex.split(hook["entry"])
    assert Path(program).name == "newsdesk" and args == ["check"]
    make_site(
        tmp_path,
        {
            "2025/2025-03-04-walking-buses.md": BLOG,
            "2025/2025-03-05-bad.md": BLOG.replace("date: 2025-03-04", "date: 5 March"),
        },
    )
    env = {**os.environ, "NEWSDESK_NOW": "2026-01-01T00:00"}

    def run(*paths: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(SCRIPT), *args, *paths], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    good = run("posts/2025/2025-03-04-walking-buses.md")
    assert (good.returncode, good.stdout) == (0, "newsdesk check: 1 post checked; no problems, no warnings\n")
    bad = run("posts/2025/2025-03-05-bad.md")
    assert bad.returncode == 1
    assert (
        "posts/2025/2025-03-05-bad.md: 'date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '5 March'"
        in bad.stdout.splitlines()
    )


@pytest.mark.parametrize("hook", code_hooks(), ids=lambda hook: hook["id"])
def test_the_code_hooks_run_the_suite_s_own_checks(hook, tmp_path):
    """ruff and lint-imports as the hook runs them, from .venv: they pass on the repository, so a
    commit that breaks them is stopped before CI."""
    program, *args = shlex.split(hook["entry"])
    assert program.startswith(".venv/bin/") and hook["id"] in ("ruff", "ruff-format", "import-contracts")
    tool = Path(sys.executable).parent / Path(program).name
    files = (
        [str(path.relative_to(REPO)) for path in sorted((REPO / "scripts").rglob("*.py"))]
        if hook["pass_filenames"]
        else []
    )
    assert all(re.search(hook["files"], name) for name in files)
    env = {**os.environ, "RUFF_CACHE_DIR": str(tmp_path / "ruff")}  # the checkout stays as it was
    result = subprocess.run([str(tool), *args, *files], cwd=REPO, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
