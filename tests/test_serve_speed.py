"""What makes `mkdocs serve` show an edit within a second at a thousand posts, each held to what
it promises: the render cache kept in memory between rebuilds (an edit converts only the post it
changed), the installed theme listed once, and the system's change notices instead of polling."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import markdown
import pytest
from jinja2 import Environment, FileSystemLoader
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files

from newsdesk.mkdocs.internals import watched_paths
from newsdesk.mkdocs.speed.templatecache import TemplateCache
from newsdesk.mkdocs.speed.watching import file_system, use_notices
from sitekit import FROZEN_NOW, copy_site

SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def conversions(monkeypatch) -> list[str]:
    """The first line of every Markdown text converted from now on."""
    seen: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self, source: str) -> str:
        seen.append(source.strip().split("\n")[0])
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return seen


@pytest.fixture
def own_plugin():
    """A plugin object of this test's own. MkDocs keeps one per process for every load_config (the
    plugin defines on_startup, so `serve` rebuilds keep it): this test's serving state must not
    reach the next test's build in this process."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    before = cache.pop("newsdesk", None)
    yield
    cache.pop("newsdesk", None)
    if before is not None:
        cache["newsdesk"] = before


def serve_build(project: Path, site: Path, first: bool = False):
    """One build of `mkdocs serve --dirty`, as its builder runs it: the config loaded again, the
    plugin kept (it defines on_startup)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVE_URL, dirty=True)
    return config


def test_a_rebuild_converts_only_the_post_an_edit_changed(tmp_path, monkeypatch, conversions, own_plugin):
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    project, site = copy_site("basic", tmp_path), tmp_path / "served"
    serve_build(project, site, first=True)
    cache_file = project / ".cache/newsdesk/render.jsonl"
    assert cache_file.is_file(), "the first build writes the render cache"
    saved = cache_file.read_bytes()
    post = project / "posts/2025/2025-06-20-summer-fair.md"
    text = post.read_text(encoding="utf-8").replace("title: The summer fair", "title: The summer fair moves indoors")
    post.write_text(text.replace("\n\n", "\n\nStalls open at noon.\n\n", 1), encoding="utf-8")
    conversions.clear()
    config = serve_build(project, site)
    # The pages beside it show its new title, so they are built again, but their Markdown is unchanged.
    for neighbour in ("blog/2025/01/winter-visit/", "blog/2025/09/back-to-school/"):
        assert "The summer fair moves indoors" in (site / neighbour / "index.html").read_text(encoding="utf-8")
    converted = [line for line in conversions if line and not line.startswith("#")]
    assert converted == ["Stalls open at noon."], converted
    assert cache_file.read_bytes() == saved, "a rebuild does not write the cache again"
    config.plugins.on_shutdown()
    assert "Stalls open at noon." in cache_file.read_text(encoding="utf-8"), "stopping keeps what it converted"


def test_the_installed_theme_is_listed_once_and_the_projects_own_every_time(tmp_path):
    installed, project = tmp_path / "site-packages/theme", tmp_path / "project"
    for folder, names in ((installed, ["main.html", "assets/app.js", ".icons/a.svg"]), (project / "overrides", [])):
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("x", encoding="utf-8")
        folder.mkdir(parents=True, exist_ok=True)

    class Theme:  # what MkDocs' Theme.get_env does, for these two folders
        def get_env(self):
            return Environment(loader=FileSystemLoader([str(project / "overrides"), str(installed)]))

    theme, cache = Theme(), TemplateCache()
    cache.list_once(theme, project)
    assert theme.get_env().list_templates() == ["assets/app.js", "main.html"]  # hidden files: MkDocs copies none
    (installed / "assets/new.js").write_text("x", encoding="utf-8")  # an installed theme does not change meanwhile
    (project / "overrides/extra.css").write_text("x", encoding="utf-8")  # the owner's theme does
    env = theme.get_env()
    assert env.list_templates() == ["assets/app.js", "extra.css", "main.html"]
    assert env.get_template(".icons/a.svg").render() == "x", "templates still load hidden files"


def test_materials_static_files_are_the_ones_mkdocs_finds(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    project = copy_site("basic", tmp_path)
    config = load_config(str(project / "mkdocs.yml"))
    plain, listed = Files([]), Files([])
    plain.add_files_from_theme(config.theme.get_env(), config)
    TemplateCache().list_once(config.theme, project)
    listed.add_files_from_theme(config.theme.get_env(), config)
    names = sorted(file.src_uri for file in plain)
    assert names == sorted(file.src_uri for file in listed)
    assert any(name.startswith("assets/javascripts/") for name in names) and len(names) > 20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_a_save_is_heard_at_once_and_a_read_is_not(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("one", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(posts))
    server.watch(str(posts))  # watched twice: unwatching once must leave it watched, as MkDocs counts
    if file_system(str(posts), Path("/proc/self/mountinfo").read_text(encoding="utf-8")) not in {
        "ext4",
        "tmpfs",
        "overlay",
        "xfs",
        "btrfs",
    }:
        pytest.skip("this machine's temporary folder is not on a local disk")
    assert use_notices(server)
    assert watched_paths(server) == [str(posts)]
    server.observer.start()
    try:
        (posts / "a.md").read_text(encoding="utf-8")  # every build reads the posts
        time.sleep(0.5)
        assert not server._want_rebuild, "reading a post must not start another build"
        (posts / "a.md").write_text("two", encoding="utf-8")
        deadline = time.monotonic() + 2
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server._want_rebuild, "a save starts a rebuild"
        server.unwatch(str(posts))
        assert watched_paths(server) == [str(posts)]
    finally:
        server.observer.stop()
        server.observer.join(5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_a_system_out_of_watches_keeps_mkdocs_polling(tmp_path, monkeypatch):
    from watchdog.observers import inotify

    def no_watches(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(inotify.InotifyEmitter, "on_thread_start", no_watches)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    polling = server.observer
    assert not use_notices(server)
    assert server.observer is polling and watched_paths(server) == [str(tmp_path)]


def test_a_network_or_container_mount_keeps_mkdocs_polling(tmp_path):
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        f"27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n40 27 0:50 / {tmp_path} rw,relatime - nfs4 server:/share rw\n",
        encoding="utf-8",
    )
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    polling = server.observer
    assert not use_notices(server, str(mountinfo))
    assert server.observer is polling


def test_the_file_system_of_a_path_is_its_deepest_mount():
    mountinfo = (
        "27 1 254:0 / / rw - ext4 /dev/vda rw\n"
        "30 27 0:27 / /home/sam rw - fuse.sshfs host: rw\n"
        "31 27 0:28 / /mnt/my\\040drive rw - 9p drvfs rw\n"
    )
    assert file_system("/srv/site/posts", mountinfo) == "ext4"
    assert file_system("/home/sam/site/posts", mountinfo) == "fuse.sshfs"
    assert file_system("/home/samuel/site", mountinfo) == "ext4"
    assert file_system("/mnt/my drive/site", mountinfo) == "9p"
