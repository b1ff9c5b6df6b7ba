"""The house's own checks, run by the suite so that CI and a newcomer's `make test` hold them:
ruff's lint (with import order), ruff's format check, import-linter's contracts between the rooms of the
code, and no import cycle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_the_code_passes_ruff():
    result = run(str(BIN / "ruff"), "check", "--no-cache", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted():
    """One layout for every file (ruff format, line length 120), so a diff shows only what changed."""
    result = run(str(BIN / "ruff"), "format", "--check", "--no-cache", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rooms_keep_their_contracts():
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_broken_contract_is_caught(tmp_path):
    """The contracts are not vacuous: a core module that imports MkDocs breaks the first one."""
    config = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    contracts = config[config.index("[tool.importlinter]") :]
    package = tmp_path / "newsdesk"
    for room in ("core", "mkdocs", "commands"):
        (package / room).mkdir(parents=True)
        (package / room / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "core" / "bad.py").write_text("import mkdocs\n", encoding="utf-8")
    (tmp_path / "setup.cfg").write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(contracts, encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": str(BIN)},
        check=False,
    )
    assert result.returncode == 1 and "BROKEN" in result.stdout and "newsdesk.core.bad -> mkdocs" in result.stdout


def test_the_core_is_typed_strictly():
    """mypy with pyproject.toml's `strict = true`, on every module of the core."""
    result = run(
        sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull, "scripts/newsdesk/core"
    )  # no cache in the checkout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def cycles(package: str, path: Path) -> list[tuple[str, str]]:
    """Each import a -> b where b also leads back to a at run time (grimp, import-linter's own graph;
    an import only for type checking is no cycle)."""
    import grimp

    sys.path.insert(0, str(path))
    try:
        graph = grimp.build_graph(package, cache_dir=None, exclude_type_checking_imports=True)
    finally:
        sys.path.remove(str(path))
    return sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )


def test_no_module_imports_itself_round_a_cycle():
    assert cycles("newsdesk", REPO / "scripts") == []


def test_a_cycle_is_caught(tmp_path):
    package = tmp_path / "looped"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "one.py").write_text("from . import two\n", encoding="utf-8")
    (package / "two.py").write_text(
        "def f():\n    from . import one  # inside a function counts too\n", encoding="utf-8"
    )
    assert cycles("looped", tmp_path) == [("looped.one", "looped.two"), ("looped.two", "looped.one")]
