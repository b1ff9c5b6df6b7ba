"""Browser tests: the sample site, built once, served on 127.0.0.1, driven by Debian's Chromium.

One build, one server, one browser per session; a few browser contexts (light, dark, no
JavaScript, phone, 200% zoom) each keep one page that the tests reuse. Never `playwright install`:
the browser is /usr/bin/chromium (scripts/setup-system.sh installs it).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from browserkit import AXE_JS, CHROMIUM, CHROMIUM_ARGS, NOW, PER_PAGE, ROOT, VNU_JAR
from sitekit import copy_sample


def _need(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(
            f"{what} is missing at {path}: run `npm ci --ignore-scripts` in {ROOT} (make test does)", pytrace=False
        )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The sample site (mkdocs.yml at the repository root), copied and built with --strict into a
    temporary folder: the build's cache stays out of the repository."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_sample(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("site")
    saved = {key: os.environ.get(key) for key in ("NEWSDESK_NOW", "NO_MKDOCS_2_WARNING")}
    os.environ.update(NEWSDESK_NOW=NOW, NO_MKDOCS_2_WARNING="1")
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.plugins["newsdesk"].config["per_page"] = PER_PAGE
        build(config)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return out


class _Handler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host would, with 404.html for missing addresses."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `bash scripts/setup-system.sh` (make test does)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """One reusable page in a browser context, and what it has asked the network for."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str):
        """Load `path` (relative to the site) and wait until nothing more is loading."""
        self.requests.clear()
        self.failures.clear()
        self.errors.clear()
        self.page.goto(self.base_url + path, wait_until="networkidle")
        return self.page


CONTEXTS = {
    "light": dict(viewport={"width": 1280, "height": 800}, color_scheme="light"),
    "dark": dict(viewport={"width": 1280, "height": 800}, color_scheme="dark"),
    "nojs": dict(viewport={"width": 1280, "height": 800}, java_script_enabled=False),
    "phone": dict(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True),
    # A 1280 x 800 screen at 200% zoom: half as many CSS pixels, each drawn twice as large.
    "zoom200": dict(viewport={"width": 640, "height": 400}, device_scale_factor=2),
}


@pytest.fixture(scope="session")
def tabs(browser, base_url):
    """tabs('light') etc.: the session's page in that kind of browser context, created on first use."""
    made: dict[str, Tab] = {}

    def get(kind: str) -> Tab:
        if kind not in made:
            context = browser.new_context(**CONTEXTS[kind])
            page = context.new_page()
            tab = Tab(page=page, base_url=base_url)
            page.on("request", lambda request: tab.requests.append(request.url))
            page.on("requestfailed", lambda request: tab.failures.append(request.url))
            page.on("pageerror", lambda error: tab.errors.append(str(error)))
            made[kind] = tab
        return made[kind]

    yield get
    for tab in made.values():
        tab.page.context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    _need(AXE_JS, "axe-core (npm)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_messages(site_dir) -> dict[Path, list[dict]]:
    """The Nu Html Checker's errors for every HTML file of the build, by file; one Java run."""
    _need(VNU_JAR, "vnu-jar (npm)")
    java = shutil.which("java")
    if not java:
        pytest.fail("no java: run `bash scripts/setup-system.sh` (make test does)", pytrace=False)
    files = sorted(site_dir.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    messages: dict[Path, list[dict]] = {file.resolve(): [] for file in files}
    for message in report["messages"]:
        url = message.get("url", "")
        path = Path(url.removeprefix("file:")).resolve() if url else None
        messages.setdefault(path, []).append(message)
    return messages
