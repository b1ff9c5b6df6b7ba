"""What search costs: Pagefind's indexing time and memory, and what a reader's browser downloads.

Indexing: the Pagefind binary of ours' venv, run as the plugin runs it (same files, same options),
on ours' built site, into a folder aside; wall time and peak RSS from os.wait4.

Transfer: headless Chromium (Debian's /usr/bin/chromium, never a downloaded one) opens /search/
on a local server, types a common word as a reader would, waits for the announced count, then
replaces it with a rare word. Each file the page fetches from pagefind/ counts at gzip level 6, or
as it is where that is smaller (Pagefind's chunks are gzip already). "Opening" is Pagefind's script,
worker, WebAssembly, metadata and filters; each query adds the index chunks and result fragments
it needed. Playwright comes from the repository's own .venv (`make setup`); without it this part
says "not measured".
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CHROMIUM = os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium")
WORD = re.compile(r"[a-z]{6,}")
COMMON_WORD = "schools"


def rare_word(texts: list[str]) -> str:
    """The word of six letters or more in the fewest posts (alphabetically first of those), for a rare query."""
    seen = Counter(word for text in texts for word in set(WORD.findall(text.lower())))
    return min(seen, key=lambda word: (seen[word], word)) if seen else "zzzzzz"


def pagefind_binary(venv: Path) -> Path | None:
    found = sorted(venv.glob("lib/python*/site-packages/pagefind_bin/pagefind"))
    return found[0] if found else None


def index_cost(venv: Path, repo: Path, project: Path, site: Path, runs: int) -> dict:
    """Pagefind alone on the built site, `runs` times: wall seconds and peak RSS (MiB) of each run."""
    binary = pagefind_binary(venv)
    if binary is None:
        return {"skipped": "no Pagefind in ours' venv"}
    sys.path.insert(0, str(repo / "scripts"))
    from newsdesk.core.pages.search import index_glob, pagefind_args  # pure: no MkDocs needed

    prefixes = sorted({p.relative_to(site).parts[0] for p in site.glob("*/[0-9][0-9][0-9][0-9]/*/*/index.html")})
    docs = sorted(
        p.relative_to(project / "docs").with_suffix("").as_posix() + "/index.html"
        for p in (project / "docs").rglob("*.md")
        if p.name != "index.md"
    )
    glob = index_glob(prefixes, docs)
    seconds, rss = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            process = subprocess.Popen(
                [str(binary), *pagefind_args(str(site), glob, out + "/pagefind")],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _, status, usage = os.wait4(process.pid, 0)
            seconds.append(time.perf_counter() - start)
            rss.append(usage.ru_maxrss / 1024)
            if status:
                return {"skipped": f"Pagefind failed with status {status}"}
    return {"seconds": seconds, "peak_mib": rss}


def _browser_python(repo: Path) -> str | None:
    for python in (repo / ".venv/bin/python", Path(sys.executable)):
        if (
            python.exists()
            and subprocess.run([str(python), "-c", "import playwright"], capture_output=True).returncode == 0
        ):
            return str(python)
    return None


def transfer(repo: Path, site: Path, rare: str) -> dict:
    """Run _browse in a Python that has Playwright; its JSON result, or why it was not measured."""
    python = _browser_python(repo)
    if python is None or not Path(CHROMIUM).exists():
        return {"skipped": "no Playwright in .venv (run `make setup`) or no Chromium (scripts/setup-system.sh)"}
    result = subprocess.run(
        [python, __file__, str(site), COMMON_WORD, rare], capture_output=True, text=True, timeout=300
    )
    if result.returncode:
        return {"skipped": "browser failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(result.stdout)


def _size(path: Path) -> int:
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


def _browse(site: Path, common: str, rare: str) -> dict:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    fetched: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(base + "search/", wait_until="networkidle")
        before = len([u for u in fetched if "/pagefind/" in u])
        phases = {}
        for name, word in (("common", common), ("rare", rare)):
            start = len(fetched)
            field = page.locator("#nd-search-q")
            field.fill("")
            field.press_sequentially(word, delay=30)
            page.locator("[data-nd-search-status]").filter(has_text=word).wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            phases[name] = fetched[start:]
            phases[name + "_results"] = page.locator("[data-nd-search-status]").inner_text()
        browser.close()
    server.shutdown()

    def kb(urls: list[str], opening: bool) -> float:
        total = 0
        for url in dict.fromkeys(urls):
            path = url.split(base, 1)[-1].split("?")[0]
            if not path.startswith("pagefind/"):
                continue
            chunk = path.startswith(("pagefind/index/", "pagefind/fragment/"))
            if chunk != opening:
                total += _size(site / path)
        return total / 1000

    return {
        "before_search": before,
        "opening_kb": kb(phases["common"], True),
        "common_kb": kb(phases["common"], False),
        "rare_kb": kb(phases["rare"], False) + kb(phases["rare"], True),
        "common": common,
        "rare": rare,
        "common_status": phases["common_results"],
        "rare_status": phases["rare_results"],
    }


if __name__ == "__main__":
    print(json.dumps(_browse(Path(sys.argv[1]), sys.argv[2], sys.argv[3])))
