"""The second engine: ProperDocs 1.6, a maintained fork of MkDocs 1.x, builds the sample site from
the same mkdocs.yml, plugin and theme into the same files as MkDocs 1.6 (docs-dev/engines.md).

The one difference allowed is the generator tag, which names the engine:
    <meta name="generator" content="mkdocs-1.6.1, mkdocs-material">
    <meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material">
Each page's tag is replaced by one placeholder before the comparison; nothing else is normalised.
"""

from __future__ import annotations

import filecmp
import re
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from sitekit import ENGINES, FROZEN_NOW, QUIET, REPO, build, copy_sample, linux_only

GENERATOR = '<meta name="generator" content="mkdocs-{}, mkdocs-material">'
TAGS = {
    "mkdocs": GENERATOR.format(version("mkdocs")),
    "properdocs": GENERATOR.format(f"ProperDocs {version('properdocs')}"),
}
ROUTINE = ("Cleaning site directory", "Building documentation to directory:", "Documentation built in")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    """The sample site built once by each engine: engine -> (site folder, build's output)."""
    folder = tmp_path_factory.mktemp("engines")
    project = copy_sample(folder)
    results = {}
    for engine in ENGINES:
        result = build(project, folder / engine, now=FROZEN_NOW, engine=engine)
        assert result.returncode == 0, f"{engine}: {result.stderr}"
        results[engine] = (folder / engine, result.stdout + result.stderr)
    return results


def files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def without_generator(data: bytes, engine: str) -> bytes:
    return data.replace(TAGS[engine].encode(), b"<generator>")


def test_each_engine_names_itself_in_the_generator_tag(builds):
    for engine, (site, _) in builds.items():
        assert TAGS[engine] in (site / "index.html").read_text(encoding="utf-8"), engine


def test_both_engines_write_the_same_files(builds):
    (mkdocs_site, _), (properdocs_site, _) = builds["mkdocs"], builds["properdocs"]
    names = files(mkdocs_site)
    assert "sitemap.xml.gz" in names and "pagefind/pagefind-entry.json" in names and "feed.xml" in names
    assert files(properdocs_site) == names
    _, differ, errors = filecmp.cmpfiles(mkdocs_site, properdocs_site, names, shallow=False)
    assert errors == []
    assert all(name.endswith(".html") for name in differ)  # feeds, sitemaps, search index: byte-identical
    for name in differ:
        assert without_generator((mkdocs_site / name).read_bytes(), "mkdocs") == without_generator(
            (properdocs_site / name).read_bytes(), "properdocs"
        ), name


@pytest.mark.parametrize(
    "engine",
    [
        "mkdocs",
        "properdocs",
    ],
)
def test_a_build_says_nothing_but_where_the_site_went(builds, engine):
    """No end-of-life or 'MkDocs 2' notice (the Makefile's variables silence both), no note about
    renaming mkdocs.yml (the build names it with -f), and nothing else for a writer to wonder about."""
    lines = [line for line in builds[engine][1].splitlines() if line.strip()]
    assert [line for line in lines if not any(routine in line for routine in ROUTINE)] == []


@linux_only("`make build-properdocs` needs make")
def test_make_build_properdocs_runs_the_build_tested_here():
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "-C", str(REPO), "build-properdocs"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert dry.splitlines()[-1] == ".venv/bin/properdocs build --strict -f mkdocs.yml"


def test_the_makefile_quiets_the_engines_as_these_builds_do():
    exports = dict(re.findall(r"^export (\w+) := (.*)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))
    assert {name: exports.get(name) for name in QUIET} == QUIET
