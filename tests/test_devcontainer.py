"""The dev container (.devcontainer/devcontainer.json): GitHub Codespaces, or any dev-container host,
sets the project up from the locked versions and shows the preview in the browser, with nothing
installed on the writer's computer (WRITING.md, "Write with nothing installed")."""

from __future__ import annotations

import json
import os
import re
import subprocess

import yaml

from sitekit import REPO, linux_only

CONFIG = json.loads((REPO / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
PORT = 8000


def test_the_image_has_the_project_s_python():
    """The Python CI tests with, which pyproject.toml allows, on Debian (scripts/setup-system.sh uses apt)."""
    image = CONFIG["image"]
    assert image.startswith("mcr.microsoft.com/devcontainers/python:")
    version = re.fullmatch(r".*:\d+-(3\.\d+)-(bookworm|trixie)", image)
    assert version, image
    ci = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    [python] = [
        step for step in ci["jobs"]["test"]["steps"] if step.get("uses", "").startswith("actions/setup-python@")
    ]
    assert version.group(1) == python["with"]["python-version"]
    requires = re.search(r'requires-python = ">=(3\.\d+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert tuple(map(int, version.group(1).split("."))) >= tuple(map(int, requires.group(1).split(".")))


def test_creating_it_installs_the_locked_versions_and_the_system_tools():
    steps = [step.strip() for step in CONFIG["postCreateCommand"].split("&&")]
    assert steps == ["make setup", "bash scripts/setup-system.sh", "npm ci --ignore-scripts --no-audit --no-fund"]


def test_the_preview_starts_and_its_port_is_forwarded_as_preview():
    assert CONFIG["postAttachCommand"] == "make serve"
    assert CONFIG["forwardPorts"] == [PORT]
    assert CONFIG["portsAttributes"][str(PORT)]["label"] == "Preview"


def test_newsdesk_can_be_typed_as_it_is_in_its_terminal():
    assert CONFIG["remoteEnv"]["PATH"].startswith("${containerWorkspaceFolder}/.venv/bin:")


def dry_serve(**env: str) -> str:
    """The command `make serve` would run, with these variables set (and SERVE_HOST unset otherwise)."""
    base = {key: value for key, value in os.environ.items() if key != "SERVE_HOST"}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-C", str(REPO), "serve"],
        capture_output=True,
        text=True,
        check=True,
        env={**base, **env},
    )
    return result.stdout.splitlines()[-1]


@linux_only("make")
def test_make_serve_listens_on_every_address_in_the_container_and_on_127_0_0_1_elsewhere():
    """In the container the forwarded port arrives from outside the preview's own address;
    everywhere else the preview stays private to the computer it runs on."""
    host = CONFIG["containerEnv"]["SERVE_HOST"]
    assert host == "0.0.0.0"
    assert dry_serve(SERVE_HOST=host).endswith(f"mkdocs serve --dirty --dev-addr 0.0.0.0:{PORT}")
    assert dry_serve().endswith(f"mkdocs serve --dirty --dev-addr 127.0.0.1:{PORT}")


def test_writing_md_walks_through_the_codespace_and_the_browser():
    writing = (REPO / "WRITING.md").read_text(encoding="utf-8")
    section = writing.split("\n## Write with nothing installed\n", 1)[1].split("\n## ", 1)[0]
    for words in ("Create codespace on main", "**Ports**", "Preview", "site-preview", "Files changed"):
        assert words in section, words
