"""`make edit`'s backend (scripts/editor/server.js): decap-server's git mode on its own clone.

Driven through decap-server's own API, as the editor drives it: the writer's checkout never changes
branch, an untracked file in posts/ is never committed, a draft still opens after another entry is
published, and the publish reaches the checkout's main by fast-forward.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from sitekit import linux_only

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "scripts" / "editor" / "server.js"
pytestmark = [
    pytest.mark.skipif(
        not shutil.which("node") or not (ROOT / "node_modules" / "decap-server").is_dir(),
        reason="needs node and npm ci",
    ),
    linux_only("the editor's backend is started by `make edit`, which needs make"),
]


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def backend(tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "posts").mkdir(parents=True)
    git(tmp_path, "init", "-q", "-b", "main", str(checkout))
    git(checkout, "config", "user.name", "Test Writer")
    git(checkout, "config", "user.email", "writer@example.gov.uk")
    (checkout / ".gitignore").write_text(".editor/\n")
    (checkout / "posts" / "old.md").write_text("old\n")
    git(checkout, "add", ".")
    git(checkout, "commit", "-q", "-m", "start")
    (checkout / "posts" / "private-note.md").write_text("embargoed: not for the repository\n")
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "NEWSDESK_CHECKOUT": str(checkout),
        "NODE_PATH": str(ROOT / "node_modules"),
    }
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(["node", str(SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.1)

    def api(action: str, **params):
        body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)

    yield checkout, api, tmp_path / "server.log"
    server.terminate()
    server.wait(10)


def save(api, collection: str, slug: str, text: str):
    return api(
        "persistEntry",
        entry={"slug": slug, "path": f"posts/{slug}.md", "raw": text},
        assets=[],
        options={
            "useWorkflow": True,
            "collectionName": collection,
            "commitMessage": f"Create {slug}",
            "status": "draft",
        },
    )


def test_drafts_live_in_the_editors_clone_and_a_publish_reaches_main(backend):
    checkout, api, log = backend
    save(api, "blog", "blog-draft", "a blog draft\n")
    save(api, "press", "release", "a press release\n")
    assert git(checkout, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(checkout, "branch", "--list", "cms/*") == ""  # drafts are in .editor/repo, not here
    api("publishUnpublishedEntry", collection="press", slug="release")
    time.sleep(0.5)  # the fast-forward runs once the answer is sent
    # The older draft still opens: its diff against main is its own file only.
    entry = api("unpublishedEntry", collection="blog", slug="blog-draft")
    assert [d["path"] for d in entry["diffs"]] == ["posts/blog-draft.md"]
    assert (
        api(
            "unpublishedEntryDataFile",
            collection="blog",
            slug="blog-draft",
            id="posts/blog-draft.md",
            path="posts/blog-draft.md",
        )["data"]
        == "a blog draft\n"
    )
    # The publish is on the checkout's main; the private note is still there, never committed anywhere.
    assert (checkout / "posts" / "release.md").read_text() == "a press release\n"
    assert git(checkout, "symbolic-ref", "--short", "HEAD") == "main"
    assert (checkout / "posts" / "private-note.md").read_text() == "embargoed: not for the repository\n"
    clone = checkout / ".editor" / "repo"
    for folder in (checkout, clone):
        assert "private-note" not in git(folder, "log", "--all", "--name-only", "--format=")
    assert "published: your main now has it" in log.read_text()


def test_a_checkout_off_main_is_left_alone_and_told_what_to_run(backend):
    checkout, api, log = backend
    git(checkout, "switch", "-q", "-c", "my-work")
    save(api, "press", "release", "a press release\n")
    api("publishUnpublishedEntry", collection="press", slug="release")
    time.sleep(0.5)
    assert git(checkout, "symbolic-ref", "--short", "HEAD") == "my-work"
    assert not (checkout / "posts" / "release.md").exists()
    assert "run: git pull --ff-only .editor/repo main" in log.read_text()


def test_a_clone_left_on_a_drafts_branch_is_back_on_main_and_that_draft_still_publishes(backend):
    """decap-server's way back to main fails if another program holds git's index lock at that
    moment (an editor polling `git status`). Left on the draft's branch, publishing that draft
    failed: git will not delete the branch that is checked out."""
    checkout, api, log = backend
    clone = checkout / ".editor" / "repo"
    save(api, "blog", "first-draft", "the first draft\n")
    git(clone, "checkout", "-q", "cms/blog/first-draft")  # where a failed way back leaves it
    api("publishUnpublishedEntry", collection="blog", slug="first-draft")
    time.sleep(0.5)  # the fast-forward runs once the answer is sent
    assert git(clone, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(clone, "branch", "--list", "cms/*") == ""
    assert (checkout / "posts" / "first-draft.md").read_text() == "the first draft\n"
