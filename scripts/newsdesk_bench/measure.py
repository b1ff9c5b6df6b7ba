"""Measurements: a timed build with its peak memory, first-visit transfer, and rebuild under serve."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class _Launcher:
    """A small process, started while the harness is small, that runs every timed build.

    Linux carries a process's peak RSS across fork and exec: a child forked from the harness starts
    with the harness's own high-water mark in ru_maxrss (about 280 MB once a 3,000-post corpus has
    been generated and checked). Builds forked from this small launcher inherit only its ~20 MB,
    below any build's real peak, so their ru_maxrss is their own.
    """

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("launcher.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=ENV,
        )

    def run(self, request: dict) -> dict:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the build launcher exited")
        return json.loads(line)


_launcher: _Launcher | None = None


def start_launcher() -> None:
    """Start the launcher now, while this process is still small; timed_run also starts it."""
    global _launcher
    if _launcher is None or _launcher.proc.poll() is not None:
        _launcher = _Launcher()


def timed_run(cmd: list[str], cwd: Path, log: Path, timeout: float) -> dict:
    """Run cmd to completion through the launcher: see launcher.py for what is measured and how."""
    start_launcher()
    assert _launcher is not None
    result = _launcher.run({"cmd": cmd, "cwd": str(cwd), "log": str(log), "timeout": timeout})
    if "error" in result:
        raise RuntimeError(f"launching {cmd[0]}: {result['error']}")
    if result["returncode"] != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{cmd[0]} exited {result['returncode']} after {result['seconds']:.1f}s in {cwd}:\n{tail}")
    return result


class _Refs(HTMLParser):
    """Local stylesheets, icons and scripts a page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self._in_config = False
        self.config = ""
        self.material_search = False  # Material's search box: its bundle starts the worker only then

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").lower()
        if tag == "link" and a.get("href") and ("stylesheet" in rel or "icon" in rel):
            self.refs.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.refs.append(a["src"] or "")
        self._in_config = tag == "script" and a.get("id") == "__config"
        self.material_search = self.material_search or a.get("data-md-component") == "search"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")


def first_visit_transfer(site: Path, page: str, site_url: str) -> dict:
    """gzip -6 bytes of a page, the local CSS/JS/icons it references, and what search loads.

    Where the page has Material's search box, Material's bundle starts its search worker (named in
    the page's __config) on load, and the worker fetches search/search_index.json; both count in
    "total", and "index" says how much of it the index is, because a site may defer the index until
    someone searches. Ours searches with Pagefind on /search/ only (searchcost.py measures it), so
    its pages load neither. Absolute URLs on site_url are local;
    other remote references (web fonts) are listed apart and not counted: we do not serve them.
    """
    own = urlsplit(site_url)
    page_url = "/" + page.removesuffix("index.html")
    parser = _Refs()
    parser.feed((site / page).read_text(encoding="utf-8"))
    refs = list(parser.refs)
    if parser.config and parser.material_search:
        worker = json.loads(parser.config).get("search")
        refs += [worker] if worker else []
        refs.append(urljoin(page_url, json.loads(parser.config).get("base", ".") + "/search/search_index.json"))
    parts, remote = {page: (site / page).read_bytes()}, []
    for ref in refs:  # grows while walking: a stylesheet's @import is fetched too
        url = urlsplit(urljoin(page_url, ref))
        if url.netloc == own.netloc:
            url = urlsplit("/" + url.path.removeprefix(own.path.rstrip("/")).lstrip("/"))
        if url.scheme or url.netloc:
            remote.append(ref)
            continue
        path = site / url.path.lstrip("/")
        path = path / "index.html" if url.path.endswith("/") else path
        name = str(path.relative_to(site)) if path.is_relative_to(site) else ""
        if path.is_file() and name not in parts:
            parts[name] = path.read_bytes()
            if name.endswith(".css"):
                refs += [urljoin(url.path, i) for i in CSS_IMPORT.findall(parts[name].decode(errors="replace"))]
    sizes = {name: len(gzip.compress(data, compresslevel=6, mtime=0)) for name, data in parts.items()}
    index = sum(v for k, v in sizes.items() if k.endswith("search/search_index.json"))
    return {"total": sum(sizes.values()), "index": index, "parts": sizes, "remote": remote}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    assert url.startswith("http://127.0.0.1:"), url  # loopback only
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, html.unescape(r.read().decode("utf-8", errors="replace"))
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait(check, timeout: float, interval: float):
    """Call check() until it returns a truthy value, bounded in time and in count."""
    deadline = time.perf_counter() + timeout
    for _ in range(int(timeout / interval) + 1):
        value = check()
        if value or time.perf_counter() > deadline:
            return value
        time.sleep(interval)
    return check()


BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def serve_rebuild(
    cmd: list[str],
    port: int,
    project: Path,
    post_file: Path,
    urls: dict[str, str],
    edits: int,
    log: Path,
    start_timeout: float = 900,
    edit_timeout: float = 60,
) -> dict:
    """Start `mkdocs serve`, then edit the post's title `edits` times; time until every URL shows it.

    urls maps a name ("post", "listing", "feed") to a path. A URL that is 404 before the first edit
    is reported "not available" and not waited for. Each edit waits for the previous build to end
    (its "Documentation built" log line), so the builds do not overlap.
    """
    base = f"http://127.0.0.1:{port}"
    original = post_file.read_text(encoding="utf-8")
    title = json.loads(re.search(r"^title: (.*)$", original, re.M).group(1))
    result: dict = {"edits": [], "mkdocs_reported": []}
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=ENV)
    try:
        start = time.perf_counter()
        if not _wait(lambda: proc.poll() is not None or _get(base + urls["post"])[0] == 200, start_timeout, 0.5):
            raise RuntimeError(f"mkdocs serve did not serve {urls['post']} within {start_timeout}s")
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-1500:]
            raise RuntimeError(f"mkdocs serve exited {proc.returncode} before serving:\n{tail}")
        result["first_build_s"] = time.perf_counter() - start
        live = {k: u for k, u in urls.items() if _get(base + u)[0] == 200}
        result["not_available"] = sorted(set(urls) - set(live))
        for k in range(1, edits + 1):
            built = len(BUILT.findall(log.read_text(errors="replace")))
            new = f"{title} (revised {k})"
            t0 = time.perf_counter()
            post_file.write_text(
                re.sub(r"^title: .*$", "title: " + json.dumps(new), original, count=1, flags=re.M), encoding="utf-8"
            )
            pending = dict(live)

            def updated() -> bool:
                if proc.poll() is not None:
                    raise RuntimeError(f"mkdocs serve exited {proc.returncode} during edit {k}; see {log}")
                for name, url in list(pending.items()):
                    if new in _get(base + url)[1]:
                        del pending[name]
                return not pending

            if not _wait(updated, edit_timeout, 0.02):
                raise RuntimeError(f"edit {k}: {sorted(pending)} not updated within {edit_timeout}s")
            result["edits"].append(time.perf_counter() - t0)
            _wait(lambda: len(BUILT.findall(log.read_text(errors="replace"))) > built, edit_timeout, 0.05)
            result["mkdocs_reported"] = [float(s) for s in BUILT.findall(log.read_text(errors="replace"))[1:]]
    finally:
        post_file.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return result
