"""Signing in on the live site, end to end in Chromium: the pinned Decap at /admin/ of a built site,
the sign-in service (scripts/editor/oauth/worker.mjs) on 127.0.0.1, and GitHub played by the test:
its authorise page and API through Playwright's routes, its token endpoint by sign_in_service.mjs.

What this shows that the service's own tests cannot: Decap's side of the handshake accepts the
service's messages, asks for auth_scope, and uses the token; a page of another origin gets nothing.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from browserkit import NODE_MODULES
from sitekit import BLOG, REPO, make_site

SERVICE_JS = Path(__file__).with_name("sign_in_service.mjs")
WORKER = REPO / "scripts" / "editor" / "oauth" / "worker.mjs"
SECRET = "test-client-secret-0123456789"
TOKEN = "gho_test_token_for_the_writer"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """(site origin, service origin, log): a built site whose editor signs in through the service; the
    log holds the service's token exchanges and every answer it sent."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    base = tmp_path_factory.mktemp("sign-in")
    project, site = base / "project", base / "site"
    site_port, service_port = free_port(), free_port()
    site_origin, service_origin = f"http://127.0.0.1:{site_port}", f"http://127.0.0.1:{service_port}"
    editor = {
        "enabled": True,
        "repo": "city/newsdesk",
        "auth_url": service_origin,
        "auth_scope": "public_repo",
        "local_port": free_port(),  # nothing answers there, so Decap uses the GitHub backend
        "script_dir": str(NODE_MODULES / "decap-cms" / "dist"),
    }
    make_site(project, {"2025/2025-03-04-walking-buses.md": BLOG}, options={"cache_dir": "", "editor": editor})
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    (site / "elsewhere.html").write_text(ELSEWHERE.replace("SERVICE", service_origin), encoding="utf-8")
    http = ThreadingHTTPServer(("127.0.0.1", site_port), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=http.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        "GITHUB_CLIENT_ID": "test-client",
        "GITHUB_CLIENT_SECRET": SECRET,
        "ALLOWED_ORIGIN": site_origin,
        "OAUTH_SCOPE": "public_repo",
        "GRANTED_TOKEN": TOKEN,
        "GRANTED_SCOPE": "public_repo",
    }
    service = subprocess.Popen(
        ["node", str(SERVICE_JS), str(WORKER), str(service_port)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert json.loads(service.stdout.readline()) == {"listening": service_port}
    log: dict[str, list[dict]] = {"exchange": [], "sent": []}
    reader = threading.Thread(
        target=lambda: [log[key].append(value) for line in service.stdout for key, value in json.loads(line).items()],
        daemon=True,
    )
    reader.start()
    try:
        yield site_origin, service_origin, log
    finally:
        service.terminate()
        service.wait(timeout=10)
        http.shutdown()
        http.server_close()


# A page of another origin (localhost is not 127.0.0.1) that opens the sign-in as the editor does
# and answers the handshake as the editor would, keeping every message it is sent.
ELSEWHERE = """<!doctype html><html lang="en"><title>Elsewhere</title>
<button id="go">Sign in</button>
<script>
window.got = [];
window.addEventListener("message", function (event) {
  window.got.push(event.data);
  if (event.data === "authorizing:github") event.source.postMessage(event.data, event.origin);
});
document.getElementById("go").onclick = function () {
  window.open("SERVICE/auth?provider=github&site_id=localhost&scope=public_repo", "signin", "width=600,height=500");
};
</script></html>"""


class GitHub:
    """GitHub's authorise page (which agrees at once, or is cancelled) and the few API calls of a sign-in."""

    def __init__(self, context, *, cancel: bool = False):
        self.cancel = cancel
        self.authorised: list[dict] = []
        self.api: list[tuple[str, str | None]] = []
        context.route("https://github.com/**", self.authorise)
        context.route("https://api.github.com/**", self.answer)

    def authorise(self, route):
        url = urlsplit(route.request.url)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        self.authorised.append(query)
        back = (
            {
                "error": "access_denied",
                "error_description": "The user has denied your application access.",
                "state": query["state"],
            }
            if self.cancel
            else {"code": "code-from-github", "state": query["state"]}
        )
        route.fulfill(status=302, headers={"Location": f"{query['redirect_uri']}?{urlencode(back)}"})

    def answer(self, route):
        request = route.request
        self.api.append((request.url, request.headers.get("authorization")))
        path = urlsplit(request.url).path
        bodies = {
            "/user": {"login": "writer", "id": 7, "name": "A Writer", "avatar_url": ""},
            "/repos/city/newsdesk": {
                "full_name": "city/newsdesk",
                "owner": {"login": "city"},
                "default_branch": "main",
                "permissions": {"admin": False, "push": True, "pull": True},
            },
        }
        route.fulfill(
            status=200 if path in bodies else 404,
            content_type="application/json",
            body=json.dumps(bodies.get(path, {"message": "Not Found"})),
        )


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def test_a_writer_signs_in_and_the_editor_uses_the_token(live, context):
    site_origin, service_origin, log = live
    github = GitHub(context)
    page = context.new_page()
    page.goto(f"{site_origin}/admin/")
    login = page.get_by_role("button", name="Login with GitHub")
    login.wait_for()
    with context.expect_page() as opened:
        login.click()
    popup = opened.value
    popup.wait_for_event("close", timeout=15000)  # Decap closes it once it has the token
    assert github.authorised == [
        {
            "client_id": "test-client",
            "redirect_uri": f"{service_origin}/callback",
            "scope": "public_repo",  # auth_scope, exactly, although Decap's own default is 'repo'
            "state": github.authorised[0]["state"],
            "allow_signup": "false",
        }
    ]
    page.get_by_role("link", name="Workflow").wait_for(timeout=15000)  # signed in: the editor's own screens
    page.wait_for_function("() => !!localStorage.getItem('decap-cms-user')", timeout=10000)
    assert json.loads(page.evaluate("localStorage.getItem('decap-cms-user')"))["token"] == TOKEN
    user = [auth for url, auth in github.api if urlsplit(url).path == "/user"]
    assert user and user[0] == f"token {TOKEN}", github.api
    assert log["exchange"][-1] == {
        "client_id": "test-client",
        "client_secret": SECRET,
        "code": "code-from-github",
        "redirect_uri": f"{service_origin}/callback",
    }
    sent = [json.dumps(answer) for answer in log["sent"]]
    assert len(sent) >= 2 and not [text for text in sent if SECRET in text], "the secret never reaches the browser"


def test_a_page_of_another_origin_never_gets_the_token(live, context):
    site_origin, service_origin, _ = live
    GitHub(context)
    elsewhere = site_origin.replace("127.0.0.1", "localhost")  # same server, another origin
    page = context.new_page()
    page.goto(f"{elsewhere}/elsewhere.html")
    with context.expect_page() as opened:
        page.get_by_role("button", name="Sign in").click()
    popup = opened.value
    popup.wait_for_url("**/callback?**")
    # The service's page waits for the editor; after 10 seconds it says what to check.
    popup.get_by_text("The editor did not answer").wait_for(timeout=15000)
    assert page.evaluate("window.got") == []
    assert not popup.is_closed()


def test_a_cancelled_sign_in_is_explained_in_the_editor(live, context):
    site_origin, _, _ = live
    GitHub(context, cancel=True)
    page = context.new_page()
    page.goto(f"{site_origin}/admin/")
    login = page.get_by_role("button", name="Login with GitHub")
    login.wait_for()
    with context.expect_page() as opened:
        login.click()
    opened.value.wait_for_event("close", timeout=15000)
    page.get_by_text(
        "GitHub did not sign you in: The user has denied your application access. Close this window and try again."
    ).wait_for(timeout=10000)
    assert page.evaluate("localStorage.getItem('decap-cms-user')") is None
