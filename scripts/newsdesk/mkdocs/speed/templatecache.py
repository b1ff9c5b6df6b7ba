"""The theme's templates compiled once for a whole `mkdocs serve`, not again at every rebuild, and
the installed theme's files listed once.

MkDocs makes a new Jinja environment for each build, so every template is compiled again (about
0.2 s of a rebuild). Under `serve` the plugin hands each new environment this cache. It keeps
Jinja's compiled code objects in the memory of the process that compiled them, never on disk, so
it never loads anything that another program could have written: the reason `mkdocs build` keeps
no compiled templates (plugin.py, `_cache_folder`). An entry is used only while its template's
source is unchanged.

MkDocs also lists every file of the theme at each build to find its static files: some 14,000
with Material's icons, about 0.14 s. `list_once` (for `build` and `serve`) lists an installed
theme's folders once a process (what the process imported stays loaded too), without the hidden
files MkDocs never copies (templates still load them), and the project's own (overrides/) in full
at every build.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, FileSystemLoader
from jinja2.bccache import Bucket


class TemplateCache(BytecodeCache):
    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, object]] = {}  # Jinja's key -> (the source's checksum, the code)
        self.listed: dict[str, list[str]] = {}  # an installed theme folder -> its files, as Jinja names them

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.entries.get(bucket.key)
        if found and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.entries[bucket.key] = (bucket.checksum, bucket.code)

    def list_once(self, theme, project: Path) -> None:
        """Have `theme`'s environments list the folders outside `project` from memory after the first time."""
        make_env = theme.get_env

        def get_env():
            env = make_env()
            if type(env.loader) is FileSystemLoader:
                env.loader = _Listing(env.loader.searchpath, self.listed, project.resolve())
            return env

        theme.get_env = get_env


class _Listing(FileSystemLoader):
    """MkDocs' loader, listing each folder outside the project once (`listed` keeps them)."""

    def __init__(self, searchpath: list[str], listed: dict[str, list[str]], project: Path) -> None:
        super().__init__(searchpath)
        self.listed, self.project = listed, project

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if Path(folder).resolve().is_relative_to(self.project):
                found.update(FileSystemLoader(folder).list_templates())
            else:
                if folder not in self.listed:  # hidden files (Material's 12,000 icons) left out:
                    names = FileSystemLoader(folder).list_templates()  # MkDocs copies none
                    self.listed[folder] = [name for name in names if not name.startswith(".")]
                found.update(self.listed[folder])
        return sorted(found)
