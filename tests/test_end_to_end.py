"""A writer's day in a fresh clone: `newsdesk new`, `newsdesk check`, then the README's preview
(`mkdocs serve`) shows the new post, and `mkdocs build --strict` publishes it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sitekit import build, copy_sample

SCRIPTS = Path(sys.executable).parent  # the console scripts pyproject.toml declares: newsdesk, mkdocs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, seconds: float = 60) -> str:
    """The page at `url` once the preview server answers (it builds the site first)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local address
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_new_then_check_then_preview_and_build_show_the_post(tmp_path):
    site = copy_sample(tmp_path)  # as a fresh clone has it
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("NEWSDESK_NOW", None)

    new = subprocess.run(
        [str(SCRIPTS / "newsdesk"), "new", "Walking buses reach every primary school", "--tags", "Attendance"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert new.returncode == 0, new.stderr
    created = new.stdout.splitlines()[0].removeprefix("Created ")
    preview = new.stdout.splitlines()[-1].split()[3]
    assert (site / created).is_file() and preview.startswith("http://127.0.0.1:8000/blog/")

    checked = subprocess.run(
        [str(SCRIPTS / "newsdesk"), "check"], cwd=site, env=env, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout
    assert "; no problems, " in checked.stdout.splitlines()[-1]

    port = free_port()
    server = subprocess.Popen(
        [str(SCRIPTS / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = fetch(preview.replace(":8000/", f":{port}/"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "<h1>Walking buses reach every primary school</h1>" in page

    built = build(site, tmp_path / "published")
    assert built.returncode == 0, built.stderr
    url = preview.removeprefix("http://127.0.0.1:8000/")
    assert "Walking buses reach every primary school" in (tmp_path / "published" / url / "index.html").read_text(
        encoding="utf-8"
    )
