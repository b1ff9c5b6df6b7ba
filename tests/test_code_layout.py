"""The three rooms of the code: the core never needs MkDocs or Material, so it survives them."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import newsdesk.core

# Every module of the core, in its rooms too (walk_packages goes into sub-packages).
CORE = sorted(m.name for m in pkgutil.walk_packages(newsdesk.core.__path__, "newsdesk.core.") if not m.ispkg)

# A meta path finder that refuses MkDocs and Material, installed before anything is imported.
BLOCK = """
import importlib.abc, sys
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('mkdocs', 'material', 'properdocs'):
            raise ImportError(f'{name} is made unimportable for this test')
sys.meta_path.insert(0, Refuse())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print('imported', len(sys.argv) - 1)
"""


def test_core_has_modules():
    assert (
        any(name.endswith(".posts") for name in CORE)
        and any(name.endswith(".feeds") for name in CORE)
        and len(CORE) >= 15
    )


def test_core_imports_with_mkdocs_made_unimportable():
    result = subprocess.run([sys.executable, "-c", BLOCK, *CORE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"imported {len(CORE)}"


def test_the_blocker_really_blocks():
    """The test above would pass vacuously if the finder let MkDocs through."""
    result = subprocess.run([sys.executable, "-c", BLOCK, "newsdesk.mkdocs.plugin"], capture_output=True, text=True)
    assert result.returncode != 0 and "made unimportable" in result.stderr


def test_core_source_names_no_mkdocs():
    """Not even a lazy import inside a function."""
    for path in Path(newsdesk.core.__file__).parent.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            assert not (words[:1] in (["import"], ["from"]) and words[1].split(".")[0] in ("mkdocs", "material")), (
                f"{path.name}: {line}"
            )


def class_private_names(*paths: Path) -> dict[str, tuple[set[str], list[str]]]:
    """Each class our code defines, by name: the private names it defines itself (its `def _x`,
    its `self._x = ...`) and the names of its bases."""
    import ast

    classes = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {n.name for n in node.body if isinstance(n, ast.FunctionDef) and n.name.startswith("_")}
                names |= {
                    n.attr
                    for n in ast.walk(node)
                    if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and n.attr.startswith("_")
                }
                bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]
                classes[node.name] = (names, bases)
    return classes


def _own(name: str, classes: dict) -> set[str]:
    """A class's private names, with those of its bases that are our own classes."""
    names, bases = classes.get(name, (set(), []))
    return names.union(*(_own(base, classes) for base in bases if base != name))


def private_mkdocs_uses(path: Path, classes: dict | None = None) -> list[str]:
    """Attribute reads like `page._x` or `config._x`, a `self._x` that neither the class nor one of
    our own classes it inherits from defines (so a private attribute of a MkDocs class), and
    imports of `_names` from MkDocs: the ways code leans on what MkDocs does not promise."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    classes = class_private_names(path) if classes is None else classes
    found = []
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        own = _own(cls.name, classes)
        for node in ast.walk(cls):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                if node.attr.startswith("_") and not node.attr.startswith("__") and node.attr not in own:
                    found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "mkdocs":
            found += [f"{path.name}:{node.lineno}: import {a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_an_inherited_private_attribute_is_caught(tmp_path):
    """Not vacuous: reading MkDocs' own private attribute through self is found; one's own is not."""
    module = tmp_path / "options.py"
    module.write_text(
        "class Plain(Type):\n    def check(self):\n        self._mine = 1\n        return self._type, self._mine\n",
        encoding="utf-8",
    )
    assert private_mkdocs_uses(module) == ["options.py:4: ._type"]


def test_only_internals_touches_private_mkdocs_names():
    import newsdesk

    package = Path(newsdesk.__file__).parent
    paths = sorted(package.rglob("*.py"))
    classes = class_private_names(*paths)
    # internals.py for MkDocs; quickinline.py for Python-Markdown's inline pass (it checks the version)
    allowed = {"internals.py", "quickinline.py"}
    found = [use for path in paths if path.name not in allowed for use in private_mkdocs_uses(path, classes)]
    assert found == []
    assert private_mkdocs_uses(package / "mkdocs" / "internals.py"), "the scan finds internals.py's own use"


def test_no_core_module_is_over_250_lines():
    """A module a newcomer can read at one sitting; a longer one is two jobs."""
    root = Path(newsdesk.core.__path__[0])
    long = {
        path.relative_to(root).as_posix(): n
        for path in root.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 250
    }
    assert long == {}


def test_the_plugin_only_wires_events():
    """plugin.py stays thin: under 200 lines and at most 12 attributes of its own; the jobs live in
    the modules it names."""
    import ast

    import newsdesk.mkdocs

    source = Path(newsdesk.mkdocs.__path__[0], "plugin.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) < 200
    attributes = {
        node.attr
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }
    assert len(attributes) <= 12, sorted(attributes)


def test_the_adapter_names_the_mkdocs_types_it_takes():
    """Every parameter holding a MkDocs object says which (MkDocsConfig, Files, Navigation, Page,
    jinja2's Environment), so a reader knows what arrives without running a build."""
    import ast

    import newsdesk.mkdocs

    untyped = [
        f"{path.name}:{node.lineno} {arg.arg}"
        for path in Path(newsdesk.mkdocs.__path__[0]).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
        for arg in node.args.args + node.args.kwonlyargs
        if arg.arg in ("config", "files", "nav", "page", "env") and arg.annotation is None
    ]
    assert untyped == []
