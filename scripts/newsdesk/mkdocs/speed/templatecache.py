"""The theme's templates compiled once for a whole `mkdocs serve`, not again at every rebuild.

MkDocs makes a new Jinja environment for each build, so every template is compiled again (about
0.2 s of a rebuild). Under `serve` the plugin hands each new environment this cache. It keeps
Jinja's compiled code objects in the memory of the process that compiled them, never on disk, so
it never loads anything that another program could have written: the reason `mkdocs build` keeps
no compiled templates (plugin.py, `_cache_folder`). An entry is used only while its template's
source is unchanged.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class TemplateCache(BytecodeCache):
    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, object]] = {}  # Jinja's key -> (the source's checksum, the code)

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.entries.get(bucket.key)
        if found and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.entries[bucket.key] = (bucket.checksum, bucket.code)
