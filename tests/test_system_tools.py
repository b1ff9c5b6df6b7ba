"""The system programs that scripts/setup-system.sh installs really run here.

A failure names the program, so a broken browser shows up as itself rather than as a confusing
failure in some page test later.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sitekit import linux_only

pytestmark = linux_only("scripts/setup-system.sh installs Debian's chromium, Java and Node for the browser tests")

# Flags that make Debian's chromium work headless as root, on a machine with no network but
# the package registries: without the background-networking ones it keeps trying to call out.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: run `bash scripts/setup-system.sh` (make test does)")
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL)


def test_chromium_runs_a_page_headless(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><title>t</title><p id=p>newsdesk</p>"
        "<script>document.getElementById('p').textContent += ' rendered'</script>",
        encoding="utf-8",
    )
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    result = run(program("chromium"), *CHROMIUM_FLAGS, profile, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr
    assert "newsdesk rendered" in result.stdout  # the script ran: a real render, not a copy


@pytest.mark.parametrize("command", [["java", "-version"], ["node", "--version"]])
def test_runtime_starts(command: list[str]) -> None:
    result = run(program(command[0]), *command[1:])
    assert result.returncode == 0, result.stderr
