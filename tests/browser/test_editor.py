"""The browser editor end to end: /admin/ of a small site, decap-server (git mode, 127.0.0.1) on a
copy of the site in tmp_path that is its own git repository, driven by Debian's Chromium.

Never the repository itself: decap-server in git mode commits with `git add .`.
"""

from __future__ import annotations

import base64
import functools
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from test_axe import axe_violations, describe

from browserkit import NODE_MODULES
from newsdesk.commands import check
from newsdesk.commands.postfile import slug_for
from newsdesk.core.reading.attachments import human_size
from sitekit import AUTHORS, BLOG, PRESS, REPO, SAMPLE_POSTS, make_site

SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
BLOG_TITLE = "Куточки читання: reading corners in every primary"  # the slug spells every script, as newsdesk new does
PDF = SAMPLE_POSTS / "2026" / "files" / "resource-bases-questions-and-answers.pdf"  # a real PDF, read only
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PRESS_OFFICE = {**AUTHORS["press-office"], "contact": {"name": "Education Press Office", "phone": "0300 555 0100"}}
GIT = dict(
    GIT_AUTHOR_NAME="Test",
    GIT_AUTHOR_EMAIL="test@example.org",
    GIT_COMMITTER_NAME="Test",
    GIT_COMMITTER_EMAIL="test@example.org",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(project: Path, out: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=True))


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def editor(tmp_path_factory, browser, axe_source):
    """(page, project, site URL): the editor signed in to decap-server on a fresh project."""
    if not SERVER.is_file():
        pytest.fail(
            f"decap-server is missing at {SERVER}: run `npm ci --ignore-scripts` (make test does)", pytrace=False
        )
    base = tmp_path_factory.mktemp("editor")
    project, site = base / "project", base / "site"
    site_port, server_port = free_port(), free_port()
    # An older blog post with a press-only field the blog form no longer shows: editing must keep it.
    older_blog = BLOG.replace("tags:", "notes_to_editors: Older background for journalists.\ntags:")
    make_site(
        project,
        {"2025/2025-03-04-walking-buses.md": older_blog, "2025/2025-05-12-new-science-labs.md": PRESS},
        config={"extra_css": ["assets/newsdesk.css"]},
        options={
            "cache_dir": "",
            "formats_email": "formats@example.gov.uk",
            "editor": {
                "enabled": True,
                "repo": "city/newsdesk",
                "local_port": server_port,
                "script_dir": str(NODE_MODULES / "decap-cms" / "dist"),
            },
        },
    )
    shutil.copytree(REPO / "docs" / "assets", project / "docs" / "assets")  # the site's stylesheet, for the preview
    # The press office has a contact of its own, the director (the default author) none.
    (project / "authors.yml").write_text(yaml.safe_dump({**AUTHORS, "press-office": PRESS_OFFICE}, sort_keys=False))
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "."], ["git", "commit", "-qm", "Start"]):
        subprocess.run(command, cwd=project, check=True, env={**os.environ, **GIT})
    build(project, site)
    http = ThreadingHTTPServer(("127.0.0.1", site_port), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=http.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        **GIT,
        "PORT": str(server_port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(project),
        "LOG_LEVEL": "warn",
    }
    server = subprocess.Popen(
        ["node", str(SERVER)], cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", server_port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"decap-server did not start: {server.stderr.read().decode()[-500:]}", pytrace=False)
            time.sleep(0.1)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/London")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # Leave a form when asked; but a new form starts empty: Decap offers the last unsaved one's backup.
    page.on("dialog", lambda dialog: dialog.dismiss() if "local backup" in dialog.message else dialog.accept())
    url = f"http://127.0.0.1:{site_port}/admin/"
    page.goto(url)
    page.get_by_role("button", name="Login").wait_for()
    screens = {"sign-in": axe_violations(page, axe_source)}
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Blog").first.wait_for()
    try:
        yield page, project, url, requests, screens, server
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=10)
        http.shutdown()
        http.server_close()


# Decap's backups of unsaved forms (localForage's IndexedDB store), forgotten.
FORGET_BACKUPS = """async () => {
  if (!(await indexedDB.databases()).some(db => db.name === "localforage")) return;
  await new Promise((done, failed) => {
    const open = indexedDB.open("localforage");
    open.onerror = () => failed(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains("keyvaluepairs")) { db.close(); return done(); }
      const change = db.transaction("keyvaluepairs", "readwrite");
      const store = change.objectStore("keyvaluepairs");
      store.getAllKeys().onsuccess = event => {
        for (const key of event.target.result) if (String(key).startsWith("backup")) store.delete(key);
      };
      change.oncomplete = () => { db.close(); done(); };
      change.onerror = () => { db.close(); failed(change.error); };
    };
  });
}"""


def open_form(page, address: str) -> None:
    """A fresh load: moving between Decap's forms by address alone keeps the last one's state.

    A form left unsaved leaves a backup, and the next form of its kind opens with "restore it?".
    Keys sent while that question is open are lost (Chromium drops them), and when it comes depends
    on the machine's load. So each form starts from the collections list, where nothing asks, with
    the backups forgotten, as on a writer's first visit."""
    page.goto("about:blank")
    page.goto(address.partition("#")[0])
    page.get_by_text("Blog").first.wait_for()
    page.evaluate(FORGET_BACKUPS)
    page.goto(address)
    page.locator("[id^=title-field]").wait_for()


def fill(page, selector: str, value: str) -> None:
    """Playwright's fill() appends to a field that has a value in Decap's inputs: clear it first."""
    field = page.locator(selector).first
    field.fill("")
    field.fill(value)


def type_date(page, selector: str, text: str) -> None:
    """Day/month/year, key by key, as a writer in the UK types it; then Tab out of the box."""
    box = page.locator(selector).first
    box.click()
    box.press_sequentially(text)
    box.press("Tab")
    assert box.input_value() == text  # shown as typed, stored as YYYY-MM-DD HH:MM


def add_tags(page, *tags: str) -> None:
    """One box per tag, typed key by key: a comma-separated box once ate the commas (decap-cms #4646)."""
    for tag in tags:
        page.get_by_role("button", name="Add tag").click()
        box = page.locator("[id^=tag-field]").last
        box.click()
        box.press_sequentially(tag)


def type_body(page, text: str) -> None:
    page.locator("[data-slate-editor]").last.click()
    page.keyboard.type(text)


def save_for_review(page, project: Path, branch: str) -> None:
    """Editorial workflow: Save commits the draft on its own branch (on GitHub, its pull request)."""
    page.get_by_role("button", name="Save").click()
    deadline = time.monotonic() + 20
    # decap-server commits on the draft's branch, then checks out main again: wait for both.
    while f"cms/{branch}" not in (branches := _branches(project)) or _current(project) != "main":
        assert time.monotonic() < deadline, branches
        page.wait_for_timeout(100)


def on_branch(project: Path, branch: str, path: str) -> bytes:
    """A file as the draft's branch has it, read without checking anything out (decap-server may be)."""
    return subprocess.run(["git", "show", f"cms/{branch}:{path}"], cwd=project, capture_output=True, check=True).stdout


def front(text: bytes) -> dict:
    return yaml.safe_load(text.decode("utf-8").split("---")[1])


def _branches(project: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "branch", "--list", "cms/*"], cwd=project, capture_output=True, text=True, check=True
    )
    return listed.stdout.replace("*", "").split()


def _status(project: Path, branch: str) -> str:
    """The draft's workflow status, which decap-server keeps in the branch's description."""
    return subprocess.run(
        ["git", "config", f"branch.cms/{branch}.description"], cwd=project, capture_output=True, text=True
    ).stdout.strip()


def _current(project: Path) -> str:
    return subprocess.run(
        ["git", "branch", "--show-current"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_a_press_release_made_in_the_editor_is_filed_as_newsdesk_new_files_it(editor, tmp_path):
    page, project, url, *_ = editor
    open_form(page, url + "#/collections/press-release/new")
    title = "Summer school's new timetable"
    fill(page, "[id^=title-field]", title)
    type_date(page, "[id^=date-field]", "01/07/2026 00:30")  # 00:30 BST is 23:30 UTC the day before
    fill(page, "[id^=summary-field]", "A new timetable for summer school.")
    add_tags(page, "SEND", "Early years")
    fill(page, "[id^=name-field]", "Education Press Office")
    fill(page, "[id^=email-field]", "press.office@example.gov.uk")
    fill(page, "[id^=phone-field]", "0300 555 0100")
    (tmp_path / "pupils.png").write_bytes(PNG)
    page.get_by_role("button", name="Choose an image").click()
    page.locator("input[type=file]").set_input_files(str(tmp_path / "pupils.png"))
    page.get_by_role("button", name="Choose selected").click()
    fill(page, "[id^=image_alt-field]", "Pupils reading a timetable")
    page.get_by_role("button", name="Add documents").click()
    documents = page.locator("[id^=attachments-field]")
    fill(documents, "[id^=title-field]", "Summer school questions and answers")
    shutil.copy(PDF, tmp_path / "summer-school-qa.pdf")
    documents.get_by_role("button", name="Choose a file").click()
    page.locator("input[type=file]").set_input_files(str(tmp_path / "summer-school-qa.pdf"))
    page.get_by_role("button", name="Choose selected").click()
    type_body(page, "The timetable starts in July.")
    branch = f"press-release/2026/2026-07-01-{slug_for(title)}"
    save_for_review(page, project, branch)
    # The press office's sign-off: draft, in review, ready, then published (the pull request merged).
    for status, label in (("In review", "pending_review"), ("Ready", "pending_publish")):
        page.get_by_role("button", name="Status:").click()
        page.get_by_role("menuitem", name=status).click()
        page.get_by_role("button", name=f"Status: {status}").wait_for()
        assert _status(project, branch) == f"decap-cms/{label}"
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_role("menuitem", name="Publish now").click()
    path = project / "posts" / "2026" / f"2026-07-01-{slug_for(title)}.md"
    deadline = time.monotonic() + 20
    while f"cms/{branch}" in _branches(project) or _current(project) != "main":
        assert time.monotonic() < deadline, "the draft was not published"
        page.wait_for_timeout(100)

    meta = front(path.read_bytes())
    assert meta["title"] == title and meta["type"] == "press-release" and str(meta["date"]) == "2026-07-01 00:30"
    assert meta["tags"] == ["SEND", "Early years"]
    assert meta["contact"] == {
        "name": "Education Press Office",
        "email": "press.office@example.gov.uk",
        "phone": "0300 555 0100",
    }
    assert meta["image"] == "images/pupils.png" and meta["image_alt"] == "Pupils reading a timetable"
    assert (path.parent / "images" / "pupils.png").read_bytes() == PNG
    assert meta["attachments"] == [
        {"title": "Summer school questions and answers", "file": "files/summer-school-qa.pdf"}
    ]
    assert (path.parent / "files" / "summer-school-qa.pdf").read_bytes() == PDF.read_bytes()


def test_a_blog_post_made_in_the_editor(editor):
    page, project, url, *_ = editor
    open_form(page, url + "#/collections/blog/new")
    fill(page, "[id^=title-field]", BLOG_TITLE)
    type_date(page, "[id^=date-field]", "02/03/2026 09:00")
    type_body(page, "Every primary school now has a reading corner.")
    branch = f"blog/2026/2026-03-02-{slug_for(BLOG_TITLE)}"
    save_for_review(page, project, branch)
    meta = front(on_branch(project, branch, f"posts/2026/2026-03-02-{slug_for(BLOG_TITLE)}.md"))
    assert meta["type"] == "blog" and meta["author"] == "director"


def test_editing_a_post_keeps_its_file_and_records_the_change(editor):
    page, project, url, *_ = editor
    open_form(page, url + "#/collections/blog/entries/2025/2025-03-04-walking-buses")
    fill(page, "[id^=title-field]", "Walking buses reach every school")
    page.get_by_role("button", name="Add changes").click()
    changes = page.locator("[id^=changes-field]")
    type_date(changes, "[id^=date-field]", "10/03/2025 09:00")
    fill(changes, "[id^=note-field]", "Walking buses now run at every primary school")
    branch = "blog/2025/2025-03-04-walking-buses"
    save_for_review(page, project, branch)
    text = on_branch(project, branch, "posts/2025/2025-03-04-walking-buses.md")
    meta = front(text)
    assert meta["title"] == "Walking buses reach every school"
    assert meta["changes"] == [{"date": "2025-03-10 09:00", "note": "Walking buses now run at every primary school"}]
    assert "Three primary schools started walking buses" in text.decode("utf-8")
    assert meta["notes_to_editors"] == "Older background for journalists."  # not on the blog form, still kept


# What axe-core (WCAG 2.2 A and AA rules) finds on Decap's own screens, by screen: all of it in Decap's
# markup, none in ours (docs-dev/editor.md lists them). A new finding fails, and so does one that is
# gone, so that the list in docs-dev/editor.md stays true when Decap is upgraded.
DECAP_FINDINGS = {
    "sign-in": {"color-contrast"},
    "collections": {"color-contrast"},
    "form": {
        "aria-command-name",
        "aria-input-field-name",
        "aria-required-attr",
        "button-name",
        "color-contrast",
        "frame-title",
        "nested-interactive",
    },
    "workflow": {"color-contrast"},
}


def test_axe_on_the_editors_screens_finds_only_decaps_known_problems(editor, axe_source):
    page, project, url, _, screens, _ = editor
    page.goto("about:blank")
    page.goto(url + "#/collections/blog")
    page.get_by_text("Walking buses").first.wait_for()
    screens["collections"] = axe_violations(page, axe_source)
    open_form(page, url + "#/collections/press-release/new")
    fill(page, "[id^=title-field]", "Preview check")
    fill(page, "[id^=summary-field]", "A summary.")
    fill(page, "[id^=name-field]", "Education Press Office")
    type_date(page, "[id^=date-field]", "10/12/2099 00:01")  # an embargo: the preview must say so
    page.get_by_role("button", name="Add documents").click()
    page.locator("[id^=attachments-field] [id^=title-field]").first.press_sequentially("Budget tables")
    screens["form"] = axe_violations(page, axe_source)
    preview = page.locator("#preview-pane").element_handle().content_frame()
    preview.locator(".nd-ends").wait_for()
    assert (
        preview.locator(".nd-status--scheduled").inner_text()
        == "Scheduled to go live on 10 December 2099 at 00:01 (Europe/London time)"
    )
    assert preview.locator(".nd-meta dd").first.inner_text() == "10 December 2099, 12:01am"
    assert "Budget tables" in preview.locator(".nd-attachments").inner_text()
    # The preview draws the post's parts as the site does, with the site's stylesheets.
    assert preview.locator(".nd-label--press-release").inner_text() == "Press release"
    assert preview.locator("h1").inner_text() == "Preview check"
    assert preview.locator(".nd-lead").inner_text() == "A summary."
    assert "Education Press Office" in preview.locator(".nd-contact address").inner_text()
    assert preview.locator(".nd-label").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    ours = axe_violations(preview, axe_source)  # the preview: our markup, drawn by preview.js
    page.goto("about:blank")
    page.goto(url + "#/workflow")
    page.get_by_text("Drafts").first.wait_for()
    # The cards give the post's date and their last change day-month-year (Decap's own: "December 6").
    page.get_by_text(f"{BLOG_TITLE} · 02/03/2026 09:00").wait_for()
    assert page.get_by_text(
        re.compile(
            r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
        )
    ).count()
    screens["workflow"] = axe_violations(page, axe_source)
    assert not ours, describe(ours)
    assert {name: {v["id"] for v in found} for name, found in screens.items()} == DECAP_FINDINGS, "\n".join(
        f"{name}:\n{describe(found)}" for name, found in screens.items()
    )


def test_the_required_field_notice_names_the_field_and_moves_focus_to_it(editor):
    page, project, url, *_ = editor
    open_form(page, url + "#/collections/press-release/new")
    page.locator("[id^=summary-field]").press_sequentially("A new timetable for summer school.")
    page.locator("[id^=name-field]").press_sequentially("Education Press Office")
    page.locator("[id^=email-field]").press_sequentially("press.office@example.gov.uk")
    type_body(page, "The timetable starts in July.")
    save = page.get_by_role("button", name="Save")
    save.focus()
    page.keyboard.press("Enter")  # the title is left empty
    notice = page.locator("#nd-missing[role=alert]")
    notice.wait_for()
    assert "Title" in notice.inner_text()
    assert page.evaluate("document.activeElement.id").startswith("title-field")
    assert "Summary" not in notice.inner_text() and "Media contact" not in notice.inner_text()  # only what is missing


def test_the_preview_of_a_scheduled_release_is_the_page_and_the_form_asks_what_check_asks(editor, tmp_path):
    """The embargo visible before saving: the site's header band, "Scheduled" with the exact time,
    the attachment with its kind and size; an image without its description, and a contact without
    a name for an author who has no contact, are refused by the form as `newsdesk check` refuses them."""
    page, project, url, *_ = editor
    open_form(page, url + "#/collections/press-release/new")
    title = page.locator("[id^=title-field]")
    title.press_sequentially("Schools budget agreed for next year")
    assert title.input_value() == "Schools budget agreed for next year"  # every key reached the form
    type_date(page, "[id^=date-field]", "10/12/2099 00:01")
    page.locator("[id^=summary-field]").press_sequentially("The council agreed the schools budget.")
    page.locator("[id^=email-field]").press_sequentially("press.office@example.gov.uk")
    page.get_by_role("button", name="Add documents").click()
    documents = page.locator("[id^=attachments-field]")
    documents.locator("[id^=title-field]").first.press_sequentially("Budget tables")
    shutil.copy(PDF, tmp_path / "budget-tables.pdf")
    documents.get_by_role("button", name="Choose a file").click()
    page.locator("input[type=file]").set_input_files(str(tmp_path / "budget-tables.pdf"))
    page.get_by_role("button", name="Choose selected").click()
    (tmp_path / "hall.png").write_bytes(PNG)
    page.get_by_role("button", name="Choose an image").click()
    page.locator("input[type=file]").set_input_files(str(tmp_path / "hall.png"))
    page.get_by_role("button", name="Choose selected").click()
    page.locator("[id^=image_caption-field]").press_sequentially("The council chamber")
    type_body(page, "The budget was agreed on Tuesday.")

    assert page.locator("[id^=date-field]").first.input_value() == "10/12/2099 00:01"  # day-month-year
    assert page.locator(".nd-field-needed").all_inner_texts() == [  # under Image description, then the contact's Name
        "Needed, because the image is given.",
        "Needed: Sam Example has no press contact in the authors file.",
    ]
    preview = page.locator("#preview-pane").element_handle().content_frame()
    preview.locator(".nd-ends").wait_for()
    assert preview.locator(".nd-header .nd-logo__text").inner_text() == "Test schools site"
    status = preview.locator(".nd-status--scheduled").inner_text()
    assert status.startswith("Scheduled") and "10 December 2099 at 00:01" in status and "Europe/London" in status
    assert preview.locator(".nd-label").inner_text() == "Press release"
    assert preview.locator("figcaption").inner_text() == "The council chamber"
    item = preview.locator(".nd-attachments li")
    item.get_by_text("Budget tables").wait_for()
    facts = f"(PDF, {human_size(PDF.stat().st_size)}; page count shown when the site is built)"
    preview.locator(".nd-attachment__facts", has_text=facts).wait_for()
    assert item.inner_text() == f"Budget tables {facts}"
    assert preview.locator(".nd-formats").is_visible()  # where to ask for another format, as the page says

    save = page.get_by_role("button", name="Save")
    save.focus()
    page.keyboard.press("Enter")  # no image description, no contact name: neither is saved
    notice = page.locator("#nd-missing[role=alert]")
    notice.wait_for()
    assert "Image description" in notice.inner_text() and "Name" in notice.inner_text(), notice.inner_text()
    assert "Title" not in notice.inner_text()
    assert not [b for b in _branches(project) if "schools-budget" in b]  # nothing was saved
    # Signed by the press office, which has a contact of its own: the Name is needed only while
    # another part of the contact is filled in.
    author = page.locator("[id^=author-field]").first
    author.focus()
    author.press_sequentially("Education Press")
    page.keyboard.press("Enter")
    page.get_by_text("Needed, because another part of the media contact is filled in.").wait_for()  # the email
    email = page.locator("[id^=email-field]").first
    email.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.get_by_text(
        "Not needed: leave the contact empty and the release gives Education Press Office's contact"
    ).wait_for()
    assert "Education Press Office" in preview.locator(".nd-contact address").inner_text()
    # Described, it saves; the emptied contact is left out, so the release gives its author's.
    page.locator("[id^=image_alt-field]").press_sequentially("The council chamber from the gallery")
    branch = "press-release/2099/2099-12-10-schools-budget-agreed-for-next-year"
    save_for_review(page, project, branch)
    meta = front(on_branch(project, branch, "posts/2099/2099-12-10-schools-budget-agreed-for-next-year.md"))
    assert str(meta["date"]) == "2099-12-10 00:01" and meta["author"] == "press-office" and "contact" not in meta


def test_what_the_editor_saved_passes_the_check_and_builds(editor, tmp_path, capsys):
    """Last: it stops decap-server."""
    page, project, url, requests, _, server = editor
    # Stop decap-server, then merge every draft's branch, as GitHub merges approved pull requests.
    server.terminate()
    server.wait(timeout=10)
    drafts = _branches(project)
    assert len(drafts) == 3, drafts  # the first press release was published in the editor
    for branch in drafts:
        subprocess.run(["git", "merge", "-q", "--no-edit", branch], cwd=project, check=True, env={**os.environ, **GIT})
    assert check.main(["--config-file", str(project / "mkdocs.yml")]) == 0, capsys.readouterr().out
    build(project, tmp_path / "site")
    assert (tmp_path / "site" / "news" / "2026" / "07" / "summer-school-s-new-timetable" / "index.html").is_file()
    assert (tmp_path / "site" / "blog" / "2026" / "03" / slug_for(BLOG_TITLE) / "index.html").is_file()
    assert [r for r in requests if not r.startswith(("http://127.0.0.1", "data:", "blob:"))] == []
