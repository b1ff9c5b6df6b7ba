"""The fields of a post that are lists of entries: its changes, attachments and related links,
each entry read and checked, every problem collected (fields.py reads the single fields)."""

from __future__ import annotations

from typing import Any

from ..model import Change, Related
from ..text.dates import parse_date
from ..text.frontmatter import describe
from ..text.slugs import did_you_mean
from .fields import FieldReader, is_web_address, shown
from .links import slash_fix
from .schema import ATTACHMENT_FIELDS, CHANGE_FIELDS, RELATED_FIELDS


class PostReader(FieldReader):
    """A post's front matter: the single fields (FieldReader) and the lists of entries."""

    def _items(self, field: str, example: str) -> list[Any]:
        """The entries of a list field, or [] after reporting why it is not a list."""
        value = self.meta.get(field)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            self.report(field, f"expected a list, got {describe(value)}; {example}")
            return []
        return value

    def _entry(
        self, field: str, number: int, item: object, keys: tuple[str, ...], example: str
    ) -> dict[str, Any] | None:
        """One entry of a list of mappings, with its unknown keys reported."""
        if not isinstance(item, dict):
            self.report(field, f"entry {number} is {describe(item)}; {example}")
            return None
        for key in item:
            if key not in keys:
                hint = did_you_mean(str(key), keys) or f"; an entry has {', '.join(repr(k) for k in keys)}"
                self.report(field, f"entry {number}: unknown field '{key}'{hint}")
        return item

    def changes(self) -> tuple[Change, ...]:
        """Dated notes of what changed, newest first, each shown under "Updates to this page"."""
        example = "write each change as '- date: 2026-04-16 10:00' with 'note: What changed' on the next line, indented"
        found = []
        for number, item in enumerate(self._items("changes", example), start=1):
            if (entry := self._entry("changes", number, item, CHANGE_FIELDS, example)) is None:
                continue
            note = entry.get("note")
            if not isinstance(note, str) or not note.strip():
                self.report(
                    "changes",
                    f"entry {number} needs a 'note:' that says what changed, such as 'note: Corrected the date of the open evening'",
                )
            if entry.get("date") is None:
                self.report("changes", f"entry {number} needs a 'date:', such as 'date: 2026-04-16 10:00'")
                continue
            try:
                when = parse_date(str(entry["date"]), self.settings.timezone)[0]
            except ValueError as error:
                self.report("changes", f"entry {number}: 'date': {error}")
                continue
            if isinstance(note, str) and note.strip():
                found.append(Change(when, note.strip()))
        for number, (newer, older) in enumerate(zip(found, found[1:]), start=1):
            if newer.date < older.date:
                self.report("changes", f"list the newest change first: entry {number} is older than entry {number + 1}")
                break
        return tuple(found)

    def attachments(self) -> list[tuple[int, str, str | None, str | None]]:
        """(number, title, file, url) of each document listed; read_post checks the files."""
        example = "write each as '- title: Consultation report' with 'file: files/report.pdf' (or 'url: https://...') on the next line, indented"
        found = []
        for number, item in enumerate(self._items("attachments", example), start=1):
            if (entry := self._entry("attachments", number, item, ATTACHMENT_FIELDS, example)) is None:
                continue
            title, file, url = (entry.get(key) for key in ATTACHMENT_FIELDS)
            if not isinstance(title, str) or not title.strip():
                self.report(
                    "attachments",
                    f"entry {number} needs a 'title:', the document's name as readers see it, such as 'title: Consultation report'",
                )
                continue
            if (file is None) == (url is None):
                self.report(
                    "attachments",
                    f"entry {number} ('{title.strip()}') needs either 'file:' (a file beside the post, such as 'files/report.pdf') or 'url:', not {'both' if file else 'neither'}",
                )
                continue
            if url is not None and not is_web_address(url):
                self.report(
                    "attachments",
                    f"entry {number}: 'url' must be a web address starting with https://, got {describe(url)}",
                )
                continue
            if file is not None and (not isinstance(file, str) or "://" in file or file.startswith("/")):
                self.report(
                    "attachments",
                    f"entry {number}: 'file' must be the path of a file beside the post, such as 'files/report.pdf', got {describe(file)}",
                )
                continue
            if file is not None and (fix := slash_fix(file)):
                self.report("attachments", f"entry {number} ('{title.strip()}'): 'file: {shown(file)}': {fix}")
                continue
            found.append((number, title.strip(), file, url))
        return found

    def related(self) -> tuple[Related, ...]:
        """Links under "Related content": a post or docs page by its file, or a URL with a title."""
        example = "write each as '- ../2025/2025-01-15-new-school-year.md', or '- title: ...' with 'url: https://...' on the next line"
        found = []
        for number, item in enumerate(self._items("related", example), start=1):
            if isinstance(item, str):
                item = {"url": item} if is_web_address(item) else {"file": item}
            if (entry := self._entry("related", number, item, RELATED_FIELDS, example)) is None:
                continue
            title, file, url = (entry.get(key) for key in RELATED_FIELDS)
            if title is not None and (not isinstance(title, str) or not title.strip()):
                self.report("related", f"entry {number}: 'title' must be text, got {describe(title)}")
                continue
            if (file is None) == (url is None):
                self.report(
                    "related",
                    f"entry {number} needs either 'file:' (a post or page by its file) or 'url:', not {'both' if file else 'neither'}",
                )
                continue
            if url is not None:
                if not is_web_address(url):
                    self.report(
                        "related",
                        f"entry {number}: 'url' must be a web address starting with https://, got {describe(url)}; link a post or page by its file instead",
                    )
                elif title is None:
                    self.report(
                        "related", f"entry {number}: give the link to {url} a 'title:', the words readers click"
                    )
                else:
                    found.append(Related(title.strip(), url))
                continue
            if not isinstance(file, str) or not file.endswith(".md"):
                self.report(
                    "related",
                    f"entry {number}: link a post or a page by its Markdown file, such as '../2025/2025-01-15-new-school-year.md' or '../../docs/about.md', got {describe(file)}",
                )
                continue
            if fix := slash_fix(file):
                self.report("related", f"entry {number}: '{shown(file)}': {fix}")
                continue
            found.append(Related(title.strip() if title else None, file))
        return tuple(found)
