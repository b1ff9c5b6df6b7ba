"""Screenshots of the built sample site, to look at after changing the theme.

    .venv/bin/python tests/browser/screenshots.py /tmp/shots [page-name ...]

Builds the site as the browser tests do, then saves <page>-<desktop|phone>-<light|dark>.png for
each page type (browserkit.PAGES), and <page>-print.pdf for the post pages.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]
import browserkit  # noqa: E402
import conftest  # noqa: E402  (for its HTTP handler; not a pytest plugin here)
from sitekit import copy_sample  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", nargs="*", default=list(browserkit.PAGES))
    parser.add_argument("--full", action="store_true", help="whole page rather than the first screen")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp(prefix="newsdesk-shots-"))
    os.environ.update(NEWSDESK_NOW=browserkit.NOW, NO_MKDOCS_2_WARNING="1")
    project = copy_sample(
        Path(tempfile.mkdtemp(prefix="newsdesk-shots-project-"))
    )  # the cache stays out of the repository
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins["newsdesk"].config["per_page"] = browserkit.PER_PAGE
    build(config)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(conftest._Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browserkit.CHROMIUM, args=browserkit.CHROMIUM_ARGS)
        for scheme in browserkit.SCHEMES:
            for device, viewport in (
                ("desktop", {"width": 1280, "height": 900}),
                ("phone", {"width": 360, "height": 740}),
            ):
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                for name in args.pages:
                    page.goto(base + browserkit.PAGES[name], wait_until="networkidle")
                    page.screenshot(path=str(args.out / f"{name}-{device}-{scheme}.png"), full_page=args.full)
                    if scheme == "light" and device == "desktop" and name in ("blog-post", "press-release"):
                        page.emulate_media(media="print")
                        page.pdf(path=str(args.out / f"{name}-print.pdf"))
                        page.emulate_media(media="screen")
                context.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
