"""/admin/ in a built site: what it contains, what it keeps out of, and what happens without npm."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from sitekit import BLOG, PRESS, REPO, build, linux_only, make_site

SCRIPTS = str(REPO / "node_modules" / "decap-cms" / "dist")
POSTS = {"2025/2025-03-04-walking-buses.md": BLOG, "2025/2025-05-12-new-science-labs.md": PRESS}
EDITOR = {
    "enabled": True,
    "repo": "city/newsdesk",
    "auth_url": "https://auth.example.workers.dev",
    "script_dir": SCRIPTS,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("editor-site")
    make_site(root, POSTS, options={"editor": EDITOR})
    result = build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_admin_has_the_page_its_configuration_and_decaps_script(site):
    names = {path.name for path in (site / "admin").iterdir()}
    assert {
        "index.html",
        "config.yml",
        "preview.js",
        "unidecode.bin",
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
    } <= names
    from newsdesk.mkdocs.editor import unidecode_table

    assert (site / "admin" / "unidecode.bin").read_bytes() == unidecode_table().read_bytes()
    assert not [name for name in names if name.endswith(".map")]
    installed = json.loads((REPO / "node_modules" / "decap-cms" / "package.json").read_text())["version"]
    pinned = json.loads((REPO / "package.json").read_text())["devDependencies"]["decap-cms"]
    assert installed == pinned == "3.16.3"
    config = yaml.safe_load((site / "admin" / "config.yml").read_text())
    assert (
        config["backend"]["repo"] == "city/newsdesk"
        and config["backend"]["base_url"] == "https://auth.example.workers.dev"
    )
    assert [c["name"] for c in config["collections"]] == ["blog", "press-release"]


def test_admin_is_noindex_and_loads_nothing_from_another_server(site):
    page = (site / "admin" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all("://" not in source and not source.startswith("//") for source in sources)


def test_admin_is_in_no_sitemap_search_index_or_feed(site):
    import gzip

    assert "admin" not in (site / "sitemap.xml").read_text()
    fragments = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "the site has a search index"
    urls = [json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])["url"] for path in fragments]
    assert urls and not [url for url in urls if "admin" in url], urls
    for feed in [*site.rglob("*.xml"), *site.rglob("*.json")]:
        if "admin" not in feed.parts:
            assert "/admin/" not in feed.read_text(encoding="utf-8"), feed


def test_the_site_data_is_escaped_for_the_page(tmp_path):
    root = tmp_path / "site"
    make_site(root, POSTS, options={"editor": EDITOR})
    authors = yaml.safe_load((root / "authors.yml").read_text())
    authors["director"]["name"] = "</script><b>Sam"
    (root / "authors.yml").write_text(yaml.safe_dump(authors))
    result = build(root, root / "out")
    assert result.returncode == 0, result.stderr
    page = (root / "out" / "admin" / "index.html").read_text()
    assert "</script><b>" not in page and "<\\/script><b>Sam" in page


def test_a_build_without_the_script_stops_and_says_how_to_install_it(tmp_path):
    root = tmp_path / "site"
    make_site(root, POSTS, options={"editor": {**EDITOR, "script_dir": "node_modules/decap-cms/dist"}})
    result = build(root, root / "out")
    assert result.returncode == 1
    assert "node_modules/decap-cms/dist/decap-cms.js does not exist. Run 'npm ci --ignore-scripts'" in result.stderr
    assert not (root / "out" / "index.html").exists()


def test_the_editor_needs_its_repository(tmp_path):
    root = tmp_path / "site"
    make_site(root, POSTS, options={"editor": {"enabled": True, "script_dir": SCRIPTS}})
    result = build(root, root / "out")
    assert result.returncode == 1 and "add 'repo: owner/name' under 'editor:'" in result.stderr


def test_the_live_build_refuses_an_editor_without_its_sign_in(tmp_path):
    root = tmp_path / "site"
    editor = {key: value for key, value in EDITOR.items() if key != "auth_url"}
    make_site(root, POSTS, options={"editor": editor, "deploy": True})
    result = build(root, root / "out")
    assert result.returncode == 1
    assert (
        "mkdocs.yml: 'editor.auth_url': missing: the browser editor is switched on for the live site ('enabled: true'), "
        "so its 'Login with GitHub' button could not work; set 'auth_url' under 'editor:' to the sign-in worker's address"
    ) in result.stderr
    assert "or set 'enabled: false'" in result.stderr
    from newsdesk.commands import check  # newsdesk check says the same, before any build

    assert check.main(["--config-file", str(root / "mkdocs.yml")]) == 1
    assert not (root / "out" / "index.html").exists()
    # With auth_url the live build has /admin/; without deploy (a preview build, `make edit`) none is needed.
    make_site(root, POSTS, options={"editor": EDITOR, "deploy": True})
    assert build(root, root / "out").returncode == 0
    make_site(root, POSTS, options={"editor": editor})
    assert build(root, root / "out2").returncode == 0 and (root / "out2" / "admin" / "index.html").exists()


def test_the_editor_is_off_unless_switched_on(tmp_path):
    root = tmp_path / "site"
    make_site(root, POSTS)
    assert build(root, root / "out").returncode == 0
    assert not (root / "out" / "admin").exists()


def test_without_the_script_the_preview_says_how_to_install_it():
    from newsdesk.mkdocs.editor import index_html

    page = index_html("Site <name>", {"language": "en"}, installed=False, dist="node_modules/decap-cms/dist")
    assert "run <code>npm ci --ignore-scripts</code>" in page and "<script" not in page and "Site &lt;name&gt;" in page


def _make(root, *args):
    import shutil
    import subprocess

    return (
        subprocess.run(
            ["make", "-f", str(REPO / "Makefile"), *args],
            cwd=root,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "HOME": str(root)},
            timeout=60,
        )
        if shutil.which("make")
        else None
    )


def _checkout(root):
    """A project folder as make sees it after `make setup` and `npm ci`: made, installed, a git repository."""
    import os
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    for name in ("pyproject.toml", "constraints.txt", "package-lock.json"):
        (root / name).write_text("")
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / "node_modules").mkdir()
    for stamp in (root / ".venv" / ".installed", root / "node_modules" / ".package-lock.json"):
        stamp.write_text("")
        os.utime(stamp, (2_000_000_000, 2_000_000_000))  # newer than what they were made from


@linux_only("`make edit` needs make; Windows writers use the commands in WRITING.md")
def test_make_edit_runs_the_editor_backend_on_127_0_0_1_beside_mkdocs_serve(tmp_path):
    _checkout(tmp_path)
    (tmp_path / "draft.md").write_text("not committed: make edit no longer minds\n")
    result = _make(tmp_path, "-n", "edit")
    assert result is not None, "make is needed"
    assert "PORT=8081 BIND_HOST=127.0.0.1" in result.stdout, result.stderr
    assert "node scripts/editor/server.js" in result.stdout  # decap-server on its own clone
    assert "NEWSDESK_EDITOR=true .venv/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000" in result.stdout
    assert "npm ci" not in result.stdout  # installed already: make edit does not reinstall every time
