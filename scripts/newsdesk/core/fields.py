"""Reading one post's front matter field by field, collecting every problem instead of stopping."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Callable

from .dates import parse_date
from .frontmatter import describe
from .model import Author, Change, Contact, PostType, Problem, Related, Settings, Tag
from .outputs import unsafe_path
from .slugs import SLUG_PATTERN, did_you_mean, slugify

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Field:
    """One front matter field, declared once: the validator's list of known fields, the browser
    editor's form (core/editor.py) and the tests that keep the two in step all read it.

    `kind` says what a value is: text (one line), longtext, markdown, date (YYYY-MM-DD), datetime
    (YYYY-MM-DD or YYYY-MM-DD HH:MM), flag, type, tags, author, slug, image, file, url, list (of
    text), group (named parts, in `fields`) or records (a list of groups, each with `fields`).
    """

    name: str
    kind: str
    label: str
    hint: str = ""
    required: bool | Callable[[PostType, Settings], bool] = False
    example: object = None  # a valid value, as a writer would type it
    fields: tuple["Field", ...] = ()  # a group's or each record's parts
    pattern: tuple[str, str] | None = None  # (regular expression, what to write instead)
    needs: str | None = None  # only given together with this other field

    def is_required(self, post_type: PostType, settings: Settings) -> bool:
        return self.required(post_type, settings) if callable(self.required) else self.required


FIELDS: tuple[Field, ...] = (
    Field("title", "text", "Title", "The headline; a press release's should fit in 65 characters.",
          required=True, example="End of term"),
    Field("date", "datetime", "Date", "UK time. A date in the future schedules the post.",
          required=True, example="2024-12-19 09:30"),
    Field("type", "type", "Type", required=True, example="blog"),
    Field("summary", "longtext", "Summary", "One or two sentences for listings, feeds and search results; 160 characters at most.",
          required=lambda post_type, settings: post_type.summary_required, example="Every school closes on Friday 20 December."),
    Field("tags", "tags", "Tags", "Reuse the tags on the site's Tags page.", example=["SEND"]),
    Field("author", "author", "Author", "Who signs the post.",
          required=lambda post_type, settings: settings.default_author is None, example="director"),
    Field("updated", "date", "Updated", "The date of the last real change, after publishing.", example="2024-12-20"),
    Field("draft", "flag", "Draft", "Keeps the post off the published site.", example=False),
    Field("slug", "slug", "Address", "The end of the post's address, such as 'end-of-term'; leave it empty to make it from the title.",
          example="end-of-term", pattern=(SLUG_PATTERN.pattern, "lowercase letters, digits and hyphens, such as 'end-of-term'")),
    Field("image", "image", "Image", "A picture for the top of the post and for feeds.", example="images/hall.jpg"),
    Field("image_alt", "text", "Image description", "What the picture shows, for people who cannot see it; needed with an image.",
          example="Pupils planting trees", needs="image"),
    Field("image_caption", "text", "Image caption", "Shown under the picture: what it shows, in a sentence.",
          example="Pupils in the new science lab", needs="image"),
    Field("image_credit", "text", "Image credit", "Who took the picture or owns it, shown under it.",
          example="Photo: City Council", needs="image"),
    Field("aliases", "list", "Old addresses", "Old addresses of this post that should keep working, each starting with '/'.",
          example=["/news/2015/10/launch/"], pattern=("^/[^ ]*$", "an address on this site starting with '/', such as '/news/2015/10/launch/'")),
    Field("contact", "group", "Media contact",
          "The press contact; needs an email or a phone number. Leave it empty to use the author's contact from the authors file, if they have one.",
          required=lambda post_type, settings: post_type.contact_required and not all(a.contact for a in settings.authors.values()),
          fields=(
              Field("name", "text", "Name", required=True, example="Education Press Office"),
              Field("role", "text", "Role", example="Media relations"),
              Field("email", "text", "Email", example="press.office@example.gov.uk",
                    pattern=(_EMAIL.pattern, "an email address, such as name@example.gov.uk")),
              Field("phone", "text", "Telephone", example="0300 555 0100"),
          )),
    Field("notes_to_editors", "markdown", "Notes to editors", "Shown after 'Ends': background a journalist may need.",
          example="1. Background a journalist may need."),
    Field("changes", "records", "Changes",
          "A correction or update after publishing: when, and what changed. Newest first; the newest sets 'Updated'.",
          example=[{"date": "2024-12-20", "note": "Corrected the date of the open evening"}], fields=(
              Field("date", "datetime", "Date", required=True, example="2024-12-20"),
              Field("note", "text", "What changed", required=True, example="Corrected the date of the open evening"),
          )),
    Field("attachments", "records", "Documents",
          "Documents for readers: a file beside the post (such as a PDF) or a web address, with its name.",
          example=[{"title": "Consultation report", "url": "https://example.gov.uk/report.pdf"}], fields=(
              Field("title", "text", "Name", required=True, example="Consultation report"),
              Field("file", "file", "File", "A file saved beside the post; or give a web address instead.", example="files/report.pdf"),
              Field("url", "url", "Web address", "Instead of a file.", example="https://example.gov.uk/report.pdf"),
          )),
    Field("related", "records", "Related content",
          "Links under 'Related content': a post or page by its file, or a web address with a title.",
          example=[{"title": "The council's schools pages", "url": "https://example.gov.uk/schools"}], fields=(
              Field("title", "text", "Title", example="The council's schools pages"),
              Field("file", "text", "Post or page", "Its Markdown file, such as '../2025/2025-01-15-new-school-year.md'.",
                    example="../2025/2025-01-15-new-school-year.md"),
              Field("url", "url", "Web address", example="https://example.gov.uk/schools"),
          )),
)
FIELD = {field.name: field for field in FIELDS}
KNOWN_FIELDS = tuple(FIELD)
CONTACT_FIELDS, CHANGE_FIELDS, ATTACHMENT_FIELDS, RELATED_FIELDS = (
    tuple(part.name for part in FIELD[name].fields) for name in ("contact", "changes", "attachments", "related"))


class FieldReader:
    """Reads typed fields out of one post's front matter, recording a Problem for each bad one."""

    def __init__(self, source: str, meta: dict, settings: Settings, problems: list[Problem]):
        self.source, self.meta, self.settings, self.problems = source, meta, settings, problems

    def report(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.source, field, message))

    def unknown_fields(self) -> None:
        for key in self.meta:
            if key not in KNOWN_FIELDS:
                hint = did_you_mean(str(key), KNOWN_FIELDS) or f"; the fields are: {', '.join(KNOWN_FIELDS)}"
                self.report(str(key), f"unknown field{hint}")

    def text(self, field: str, *, example: str | None = None) -> str | None:
        """A non-empty string. With an `example` the field is required and the example shows the fix."""
        value = self.meta.get(field)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # 'title: 2024' is a fine title
        if value is not None and not isinstance(value, str):
            self.report(field, f"expected text, got {describe(value)}")
            return None
        if value is None or not value.strip():
            if field in self.meta:
                self.report(field, f"is empty; write a value, such as '{example}'" if example else "is empty; write a value or remove the line")
            elif example:
                self.report(field, f"missing; add a line such as '{example}'")
            return None
        return value.strip()

    def date(self, field: str, *, required: bool = False) -> datetime | None:
        value = self.meta.get(field)
        if value is None:
            if required or field in self.meta:
                self.report(field, "missing; add a line such as 'date: 2024-12-19' (or '2024-12-19 09:30')")
            return None
        try:
            return parse_date(str(value), self.settings.timezone)[0]
        except ValueError as error:
            self.report(field, str(error))
            return None

    def flag(self, field: str) -> bool:
        value = self.meta.get(field, False)
        if isinstance(value, bool):
            return value
        self.report(field, f"expected true or false, got {describe(value)}")
        return False

    def choice(self, field: str, choices: tuple[str, ...], example: str) -> str | None:
        value = self.text(field, example=f"{field}: {example}")
        if value is None or value in choices:
            return value
        hint = did_you_mean(value, choices) or f"; expected one of: {', '.join(choices)}"
        self.report(field, f"unknown {field} '{value}'{hint}")
        return None

    def slug(self, default: str) -> str:
        value = self.meta.get("slug")
        if value is None:
            if not default:
                self.report("slug", "missing; the file name gives no letters or digits for the post's address, "
                                    "so add a line such as 'slug: end-of-term'")
            return default
        if not isinstance(value, str) or not SLUG_PATTERN.match(value):
            suggestion = slugify(str(value)) or "end-of-term"
            self.report("slug", f"expected lowercase letters, digits and hyphens, such as '{suggestion}', got {describe(value)}")
            return default
        return value

    def tags(self) -> tuple[Tag, ...]:
        value = self.meta.get("tags")
        if value is None:
            return ()
        example = "write them as a list, such as 'tags: [SEND, attendance]'"
        if not isinstance(value, list):
            self.report("tags", f"expected a list of tags, got {describe(value)}; {example}")
            return ()
        tags: dict[str, Tag] = {}
        allowed = {slugify(name): name for name in self.settings.allowed_tags or ()}
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                self.report("tags", f"tag {number} is {describe(item)}; each tag must be a word or phrase, such as 'early years'")
                continue
            if not slugify(item):
                self.report("tags", f"tag {number}, '{item}', has no letters or digits to make its address from; "
                                    "use a word or phrase, such as 'early years'")
                continue
            slug = slugify(item)
            if self.settings.allowed_tags is not None and slug not in allowed:
                hint = did_you_mean(item, tuple(allowed.values()))
                self.report("tags", f"unknown tag '{item}'{hint}; use a tag from 'allowed_tags' in mkdocs.yml or add it there")
                continue
            tags.setdefault(slug, Tag(allowed.get(slug, item.strip()), slug))
        return tuple(tags.values())

    def author(self) -> Author | None:
        authors = self.settings.authors
        if self.settings.authors_unreadable:
            return None  # the authors file's own problem says what to do
        key = self.text("author") if "author" in self.meta else self.settings.default_author
        if key is None:
            if "author" not in self.meta:
                self.report("author", f"missing; add a line such as 'author: {next(iter(authors), 'director')}' or set 'default_author' in mkdocs.yml")
            return None
        if key not in authors:
            known = ", ".join(authors) or "none yet"
            hint = did_you_mean(key, tuple(authors)) or f"; use one of: {known} (from {self.settings.authors_file})"
            self.report("author", f"unknown author '{key}'{hint}")
            return None
        return authors[key]

    def contact(self, required_by: str | None) -> Contact | None:
        """The press contact; `required_by` names the post type that needs one ('press release')."""
        value = self.meta.get("contact")
        example = "add 'contact:' with indented 'name:', 'role:', 'email:' and 'phone:' lines"
        if value is None:
            if required_by:
                self.report("contact", f"missing; every {required_by} needs a press contact: {example}")
            return None
        if not isinstance(value, dict):
            self.report("contact", f"expected name, role, email and phone, got {describe(value)}; {example}")
            return None
        for key in value:
            if key not in CONTACT_FIELDS:
                self.report(f"contact.{key}", f"unknown field{did_you_mean(str(key), CONTACT_FIELDS) or '; expected name, role, email or phone'}")
        parts = {key: str(value[key]).strip() for key in CONTACT_FIELDS if value.get(key) is not None}
        if not parts.get("name"):
            self.report("contact.name", "missing; give the name of the person or office to contact")
        if not parts.get("email") and not parts.get("phone"):
            self.report("contact", "needs an 'email:' or a 'phone:' so journalists can reach the contact")
        if parts.get("email") and not _EMAIL.match(parts["email"]):
            self.report("contact.email", f"'{parts['email']}' is not an email address; write it as name@example.gov.uk")
        return Contact(**parts) if parts.get("name") else None

    def aliases(self) -> tuple[str, ...]:
        value = self.meta.get("aliases")
        if value is None:
            return ()
        if not isinstance(value, list):
            value = [value]
        found = []
        for item in value:
            if not isinstance(item, str) or not item.startswith("/") or "://" in item or " " in item:
                self.report("aliases", f"expected old addresses on this site starting with '/', such as '/news/2015/10/launch/', got {describe(item)}")
                continue
            if why := unsafe_path(item):
                self.report("aliases", f"'{_shown(item)}' cannot be an old address: {why}")
                continue
            found.append(item)
        return tuple(found)

    def image(self, post_dir: PurePosixPath) -> tuple[str | None, str | None]:
        image = self.text("image")
        alt = self.text("image_alt")
        if image is None:
            for field in ("image_alt", "image_caption", "image_credit"):
                if self.meta.get(field) is not None:
                    self.report(field, f"given without 'image'; add the image's path or remove '{field}'")
            return None, None
        if "://" in image or image.startswith("//"):
            self.report("image", f"'{image}' is on another site; save the image beside the post (for example in posts/{post_dir}/images/) and give its path")
            return None, alt
        if alt is None and "image_alt" not in self.meta:
            self.report("image_alt", f"missing for image '{image}'; describe the image for people who cannot see it, in a line such as 'image_alt: Pupils planting trees'")
        return image, alt

    def image_notes(self) -> tuple[str | None, str | None]:
        """The caption and the credit shown under the post's picture; both optional."""
        return self.text("image_caption"), self.text("image_credit")

    def _items(self, field: str, example: str) -> list:
        """The entries of a list field, or [] after reporting why it is not a list."""
        value = self.meta.get(field)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            self.report(field, f"expected a list, got {describe(value)}; {example}")
            return []
        return value

    def _entry(self, field: str, number: int, item: object, keys: tuple[str, ...], example: str) -> dict | None:
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
                self.report("changes", f"entry {number} needs a 'note:' that says what changed, such as 'note: Corrected the date of the open evening'")
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
                self.report("attachments", f"entry {number} needs a 'title:', the document's name as readers see it, such as 'title: Consultation report'")
                continue
            if (file is None) == (url is None):
                self.report("attachments", f"entry {number} ('{title.strip()}') needs either 'file:' (a file beside the post, such as 'files/report.pdf') or 'url:', not {'both' if file else 'neither'}")
                continue
            if url is not None and not _is_web_address(url):
                self.report("attachments", f"entry {number}: 'url' must be a web address starting with https://, got {describe(url)}")
                continue
            if file is not None and (not isinstance(file, str) or "://" in file or file.startswith("/")):
                self.report("attachments", f"entry {number}: 'file' must be the path of a file beside the post, such as 'files/report.pdf', got {describe(file)}")
                continue
            found.append((number, title.strip(), file, url))
        return found

    def related(self) -> tuple[Related, ...]:
        """Links under "Related content": a post or docs page by its file, or a URL with a title."""
        example = "write each as '- ../2025/2025-01-15-new-school-year.md', or '- title: ...' with 'url: https://...' on the next line"
        found = []
        for number, item in enumerate(self._items("related", example), start=1):
            if isinstance(item, str):
                item = {"url": item} if _is_web_address(item) else {"file": item}
            if (entry := self._entry("related", number, item, RELATED_FIELDS, example)) is None:
                continue
            title, file, url = (entry.get(key) for key in RELATED_FIELDS)
            if title is not None and (not isinstance(title, str) or not title.strip()):
                self.report("related", f"entry {number}: 'title' must be text, got {describe(title)}")
                continue
            if (file is None) == (url is None):
                self.report("related", f"entry {number} needs either 'file:' (a post or page by its file) or 'url:', not {'both' if file else 'neither'}")
                continue
            if url is not None:
                if not _is_web_address(url):
                    self.report("related", f"entry {number}: 'url' must be a web address starting with https://, got {describe(url)}; link a post or page by its file instead")
                elif title is None:
                    self.report("related", f"entry {number}: give the link to {url} a 'title:', the words readers click")
                else:
                    found.append(Related(title.strip(), url))
                continue
            if not isinstance(file, str) or not file.endswith(".md"):
                self.report("related", f"entry {number}: link a post or a page by its Markdown file, such as '../2025/2025-01-15-new-school-year.md' or '../../docs/about.md', got {describe(file)}")
                continue
            found.append(Related(title.strip() if title else None, file))
        return tuple(found)


def _is_web_address(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value and len(value) > 8


def _shown(text: str) -> str:
    """A value in a message, with control characters made visible ('\\t') instead of acted on."""
    return text.encode("unicode_escape").decode("ascii") if any(ord(c) < 32 or ord(c) == 127 for c in text) else text
