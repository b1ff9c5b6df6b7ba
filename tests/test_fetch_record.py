"""scripts/fetch-record.sh, which the deploy workflow runs: the live site's record saved, an empty one
for a first deploy (404), and a failure for anything else. Served from this machine, no internet."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
from pathlib import Path

import pytest

from sitekit import REPO, linux_only

pytestmark = linux_only("scripts/fetch-record.sh is a bash script, run by the deploy workflow on Ubuntu")

SCRIPT = REPO / "scripts" / "fetch-record.sh"


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        if "broken" in self.path:
            self.send_error(500)
        else:
            super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    live = tmp_path / "live"
    (live / "ok").mkdir(parents=True)
    (live / "ok" / "published.json").write_text('{"addresses": {"/blog/2025/03/a/": "posts/2025/a.md"}}')
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(live)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def fetch(url: str, file: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FETCH_RECORD_RETRIES": "0"}  # the script's own default tries a server error 3 more times
    return subprocess.run(
        ["bash", str(SCRIPT), url, str(file)], capture_output=True, text=True, timeout=120, check=False, env=env
    )


def test_the_live_record_is_saved(server, tmp_path):
    result = fetch(f"{server}/ok/", tmp_path / "got/published.json")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "got/published.json").read_text() == '{"addresses": {"/blog/2025/03/a/": "posts/2025/a.md"}}'


def test_a_first_deploy_starts_an_empty_record(server, tmp_path):
    result = fetch(f"{server}/never-deployed", tmp_path / "published.json")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "published.json").read_text() == '{"addresses": {}}\n'


def test_a_server_error_fails_and_leaves_no_file(server, tmp_path):
    result = fetch(f"{server}/broken", tmp_path / "published.json")
    assert result.returncode == 1
    assert "could not fetch" in result.stderr and "HTTP status 500" in result.stderr
    assert list(tmp_path.glob("published.json*")) == []
