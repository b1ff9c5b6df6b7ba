"""A writer's day in the editor, run as `make edit` runs it: scripts/editor/server.js (decap-server
on its own clone) and `mkdocs serve --dirty` on a checkout in tmp_path, driven by Debian's Chromium.

The walk: a press release with two tags typed key by key, a blog post (first saved with no title),
both saved while a private note lies untracked in posts/; the release moved Draft -> In review ->
Ready and published; then the blog draft opened again. Along the way: the checkout never changes
branch, the note is never committed, /admin/ is loaded once, and axe runs on every screen visited.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from test_axe import axe_violations, describe
from test_editor import DECAP_FINDINGS as EDITOR_FINDINGS

from browserkit import NODE_MODULES, ROOT
from newsdesk.commands.postfile import slug_for
from sitekit import BLOG, PRESS, QUIET, SAMPLE_POSTS, make_site

SERVER = ROOT / "scripts" / "editor" / "server.js"
NOTE = "Embargoed figures for the briefing: not for the repository.\n"
RELEASE = "Free school meals reach every infant class"
PDF = SAMPLE_POSTS / "2026" / "files" / "resource-bases-questions-and-answers.pdf"  # a real PDF, read only
DOCUMENT = "Lunch menus for the spring term"
RELEASE_DATE = "2099-12-10T00:01"  # scheduled: an embargo a minute past midnight, in the future whenever this runs
BLOG_POST = "A morning at the new breakfast club"
TAGS = ["Attendance", "Free school meals"]  # once run together as 'AttendanceFreeschoolmeals' (decap-cms #4646)

# What axe-core (WCAG 2.2 A and AA) finds on the screens the walk visits, all in Decap's own markup:
# the same screens as test_editor.py's, under the walk's names (docs-dev/editor.md lists them with
# their upstream issues). The preview is ours: nothing.
DECAP_FINDINGS = {
    "collection list": EDITOR_FINDINGS["collections"],
    "entry editor": EDITOR_FINDINGS["form"],
    "workflow board": EDITOR_FINDINGS["workflow"],
}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, done, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def start(command: list[str], cwd: Path, env: dict, log: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)

    def listening() -> bool:
        assert process.poll() is None, f"{command[1]} stopped:\n{log.read_text()[-2000:]}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            return False

    wait_for(f"{command[1]} on port {port}", listening, 120)
    return process


@pytest.fixture
def make_edit(tmp_path):
    """(checkout, admin URL, backend log, serve log): `make edit` on a fresh git checkout."""
    if not (NODE_MODULES / "decap-server").is_dir() or not shutil.which("node"):
        pytest.fail("decap-server or node is missing: run `npm ci --ignore-scripts` (make test does)", pytrace=False)
    checkout = tmp_path / "checkout"
    backend_port, site_port = free_port(), free_port()
    make_site(
        checkout,
        {"2025/2025-03-04-walking-buses.md": BLOG, "2025/2025-05-12-new-science-labs.md": PRESS},
        config={"extra_css": ["assets/newsdesk.css"]},
        options={
            "cache_dir": "",
            "editor": {
                "enabled": True,
                "repo": "city/newsdesk",
                "local_port": backend_port,
                "script_dir": str(NODE_MODULES / "decap-cms" / "dist"),
            },
        },
    )
    shutil.copytree(ROOT / "docs" / "assets", checkout / "docs" / "assets")  # the site's stylesheet
    (checkout / ".gitignore").write_text(".editor/\n")
    git(tmp_path, "init", "-q", "-b", "main", str(checkout))
    git(checkout, "config", "user.name", "Press Officer")
    git(checkout, "config", "user.email", "press.officer@example.gov.uk")
    git(checkout, "add", ".")
    git(checkout, "commit", "-qm", "Start")
    (checkout / "posts" / "private-note.txt").write_text(NOTE)  # untracked, as a writer's own notes are
    env = {**os.environ, **QUIET}
    backend_env = {**env, "PORT": str(backend_port), "BIND_HOST": "127.0.0.1", "NEWSDESK_CHECKOUT": str(checkout)}
    backend_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    backend = start(["node", str(SERVER)], checkout, backend_env, backend_log, backend_port)
    serve = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{site_port}"]
    try:
        site = start(serve, checkout, env, serve_log, site_port)
    except BaseException:
        backend.terminate()
        raise
    try:
        yield checkout, f"http://127.0.0.1:{site_port}/admin/", backend_log, serve_log
    finally:
        for process in (site, backend):
            process.terminate()
            process.wait(timeout=20)


def type_into(page, selector: str, text: str) -> None:
    box = page.locator(selector).first
    box.click()
    box.press_sequentially(text)


def type_body(page, text: str) -> None:
    page.locator("[data-slate-editor]").last.click()
    page.keyboard.type(text)


def save(page) -> None:
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Status: Draft").wait_for()  # Decap's sign that the draft is saved


def set_status(page, status: str) -> None:
    page.get_by_role("button", name="Status:").click()
    page.get_by_role("menuitem", name=status).click()
    page.get_by_role("button", name=f"Status: {status}").wait_for()


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---")[1])


def test_a_writers_day_in_the_editor(make_edit, browser, axe_source, tmp_path):
    checkout, admin, backend_log, serve_log = make_edit
    clone = checkout / ".editor" / "repo"
    start_commit = git(checkout, "rev-parse", "HEAD")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    loads: list[str] = []  # every load of /admin/ itself (a live reload is one); moves inside the editor are not
    page.on("request", lambda r: r.is_navigation_request() and r.frame == page.main_frame and loads.append(r.url))
    dialogs: list[str] = []  # Decap asks before publishing; nothing else ("Leave site?", "Restore?") may ask
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    screens: dict[str, list[dict]] = {}
    try:
        page.goto(admin)
        page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name="Walking buses in the north of the city").wait_for()
        screens["collection list"] = axe_violations(page, axe_source)

        # The press release: every box typed key by key, one box per tag.
        page.get_by_role("link", name="News").click()
        page.get_by_role("link", name="Create entry of type Press release").click()
        type_into(page, "[id^=title-field]", RELEASE)
        page.locator("[id^=date-field]").first.fill(RELEASE_DATE)  # a date box: Chromium's own picker
        type_into(page, "[id^=summary-field]", "Every infant class now has free school meals at lunch.")
        for tag in TAGS:
            page.get_by_role("button", name="Add tag").click()
            box = page.locator("[id^=tag-field]").last
            box.click()
            page.keyboard.type(tag)
        type_into(page, "[id^=name-field]", "Education Press Office")
        type_into(page, "[id^=email-field]", "press.office@example.gov.uk")
        type_body(page, "From January every infant class in the city has a free school lunch.")
        page.get_by_role("button", name="Add documents").click()  # a PDF for readers, chosen from the computer
        documents = page.locator("[id^=attachments-field]")
        documents.locator("[id^=title-field]").first.press_sequentially(DOCUMENT)
        shutil.copy(PDF, tmp_path / "lunch-menus.pdf")
        documents.get_by_role("button", name="Choose a file").click()
        page.locator("input[type=file]").set_input_files(str(tmp_path / "lunch-menus.pdf"))
        page.get_by_role("button", name="Choose selected").click()
        save(page)
        screens["entry editor"] = axe_violations(page, axe_source)
        preview = page.locator("#preview-pane").element_handle().content_frame()
        preview.locator(".nd-ends").wait_for()
        # The embargo is visible: the preview says the release is scheduled, and to the minute.
        scheduled = preview.get_by_text("Scheduled", exact=False).first
        scheduled.wait_for()
        assert "10 December 2099 at 00:01" in preview.locator("article").inner_text()
        preview.locator(".nd-attachments li").get_by_text(DOCUMENT).wait_for()  # the document, by its title
        screens["preview"] = axe_violations(preview, axe_source)

        # The blog post: Save with no title names the field, then the writer types it.
        page.get_by_role("link", name="Writing in News collection").click()  # back to the list, as a writer would
        page.get_by_role("link", name="Blog", exact=True).click()
        page.get_by_role("link", name="Create entry of type Blog post").click()
        page.locator("[id^=date-field]").first.fill("2026-12-04T08:30")
        type_body(page, "Forty children came to the first breakfast club this week.")
        page.get_by_role("button", name="Save").click()
        notice = page.locator("#nd-missing[role=alert]")
        notice.wait_for()
        assert "Title" in notice.inner_text()
        assert page.evaluate("document.activeElement.id").startswith("title-field")
        page.keyboard.type(BLOG_POST)
        save(page)

        # Through review on the workflow board: the release goes to In review, then Ready, then live.
        page.get_by_role("link", name="Writing in Blog collection").click()
        page.get_by_role("link", name="Workflow").click()
        page.get_by_text(RELEASE).wait_for()
        screens["workflow board"] = axe_violations(page, axe_source)
        page.get_by_text(RELEASE).click()
        set_status(page, "In review")
        set_status(page, "Ready")
        page.get_by_role("button", name="Publish").first.click()
        page.get_by_role("menuitem", name="Publish now").click()
        release = checkout / "posts" / "2099" / f"2099-12-10-{slug_for(RELEASE)}.md"
        wait_for("the publish to reach the checkout", release.is_file)
        wait_for("mkdocs serve to rebuild", lambda: "Reloading browsers" in serve_log.read_text())

        # The older draft still opens after the publish: no "Loading entry" for ever.
        page.get_by_role("link", name="Writing in News collection").click()
        page.get_by_role("link", name="Workflow").click()
        page.get_by_text(BLOG_POST).click()
        expect(page.locator("[id^=title-field]").first).to_have_value(BLOG_POST)
        expect(page.get_by_text("Loading entry")).to_have_count(0)
    except BaseException:  # what the writer saw, for whoever reads the failure
        (tmp_path / "screen.txt").write_text(page.locator("body").aria_snapshot())
        page.screenshot(path=tmp_path / "screen.png")
        raise
    finally:
        context.close()

    assert dialogs == ["Are you sure you want to publish this entry?"], dialogs
    meta = front(release.read_text(encoding="utf-8"))
    assert meta["tags"] == TAGS, meta["tags"]
    # The note: still in the folder, never in any commit of the checkout or of the editor's clone.
    assert (checkout / "posts" / "private-note.txt").read_text() == NOTE
    for folder in (checkout, clone):
        assert "private-note" not in git(folder, "log", "--all", "--name-only", "--format=")
    assert not (clone / "posts" / "private-note.txt").exists()
    # The checkout stayed on main all day; its HEAD moved once, by the publish's fast-forward.
    assert git(checkout, "symbolic-ref", "HEAD") == "refs/heads/main"
    moves = git(checkout, "reflog", "--format=%gs", "HEAD").splitlines()
    assert len(moves) == 2 and moves[0].startswith("pull") and moves[0].endswith(": Fast-forward"), moves
    assert git(checkout, "merge-base", "--is-ancestor", start_commit, "HEAD") == ""
    assert git(checkout, "branch", "--list", "cms/*") == ""  # the drafts are in the clone only
    # Only each entry's own files are committed: the publish brought the release and the PDF it
    # uploaded, and the blog draft, rebased onto the new main, differs from it by its own file alone.
    published = git(checkout, "diff", "--name-only", start_commit, "HEAD").splitlines()
    assert published == [release.relative_to(checkout).as_posix(), "posts/2099/files/lunch-menus.pdf"], published
    assert meta["attachments"] == [{"title": DOCUMENT, "file": "files/lunch-menus.pdf"}]
    blog = f"posts/2026/2026-12-04-{slug_for(BLOG_POST)}.md"
    assert git(clone, "diff", "--name-only", "main", f"cms/blog/2026/2026-12-04-{slug_for(BLOG_POST)}") == blog
    assert "published: your main now has it" in backend_log.read_text()
    # /admin/ was loaded once (the issue allows two): the rebuild after the publish did not reload it.
    assert loads == [admin], loads
    # axe: nothing of ours, and only Decap's known findings on its own screens.
    ours = screens.pop("preview")
    assert not ours, describe(ours)
    assert {name: {v["id"] for v in found} for name, found in screens.items()} == DECAP_FINDINGS, "\n".join(
        f"{name}:\n{describe(found)}" for name, found in screens.items()
    )
