"""Reading one post's front matter field by field, collecting every problem instead of stopping."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from ..model import Author, Contact, Problem, Settings, Tag
from ..publishing.outputs import unsafe_path
from ..text.dates import parse_date
from ..text.frontmatter import describe
from ..text.slugs import SLUG_PATTERN, did_you_mean, slugify
from .links import slash_fix
from .schema import CONTACT_FIELDS, EMAIL, KNOWN_FIELDS


class FieldReader:
    """Reads typed fields out of one post's front matter, recording a Problem for each bad one."""

    def __init__(self, source: str, meta: dict[str, Any], settings: Settings, problems: list[Problem]) -> None:
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
                self.report(
                    field,
                    f"is empty; write a value, such as '{example}'"
                    if example
                    else "is empty; write a value or remove the line",
                )
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
                self.report(
                    "slug",
                    "missing; the file name gives no letters or digits for the post's address, "
                    "so add a line such as 'slug: end-of-term'",
                )
            return default
        if not isinstance(value, str) or not SLUG_PATTERN.match(value):
            suggestion = slugify(str(value)) or "end-of-term"
            self.report(
                "slug", f"expected lowercase letters, digits and hyphens, such as '{suggestion}', got {describe(value)}"
            )
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
                self.report(
                    "tags",
                    f"tag {number} is {describe(item)}; each tag must be a word or phrase, such as 'early years'",
                )
                continue
            if not slugify(item):
                self.report(
                    "tags",
                    f"tag {number}, '{item}', has no letters or digits to make its address from; "
                    "use a word or phrase, such as 'early years'",
                )
                continue
            slug = slugify(item)
            if self.settings.allowed_tags is not None and slug not in allowed:
                hint = did_you_mean(item, tuple(allowed.values()))
                self.report(
                    "tags", f"unknown tag '{item}'{hint}; use a tag from 'allowed_tags' in mkdocs.yml or add it there"
                )
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
                self.report(
                    "author",
                    f"missing; add a line such as 'author: {next(iter(authors), 'director')}' or set 'default_author' in mkdocs.yml",
                )
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
                self.report(
                    f"contact.{key}",
                    f"unknown field{did_you_mean(str(key), CONTACT_FIELDS) or '; expected name, role, email or phone'}",
                )
        parts = {key: str(value[key]).strip() for key in CONTACT_FIELDS if value.get(key) is not None}
        if not parts.get("name"):
            self.report("contact.name", "missing; give the name of the person or office to contact")
        if not parts.get("email") and not parts.get("phone"):
            self.report("contact", "needs an 'email:' or a 'phone:' so journalists can reach the contact")
        if parts.get("email") and not EMAIL.match(parts["email"]):
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
                self.report(
                    "aliases",
                    f"expected old addresses on this site starting with '/', such as '/news/2015/10/launch/', got {describe(item)}",
                )
                continue
            if why := unsafe_path(item):
                self.report("aliases", f"'{shown(item)}' cannot be an old address: {why}")
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
            self.report(
                "image",
                f"'{image}' is on another site; save the image beside the post (for example in posts/{post_dir}/images/) and give its path",
            )
            return None, alt
        if fix := slash_fix(image):
            self.report("image", f"'{shown(image)}': {fix}")
            return None, alt
        if alt is None and "image_alt" not in self.meta:
            self.report(
                "image_alt",
                f"missing for image '{image}'; describe the image for people who cannot see it, in a line such as 'image_alt: Pupils planting trees'",
            )
        return image, alt

    def image_notes(self) -> tuple[str | None, str | None]:
        """The caption and the credit shown under the post's picture; both optional."""
        return self.text("image_caption"), self.text("image_credit")


def is_web_address(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value and len(value) > 8


def shown(text: str) -> str:
    """A value in a message, with control characters made visible ('\\t') instead of acted on."""
    return text.encode("unicode_escape").decode("ascii") if any(ord(c) < 32 or ord(c) == 127 for c in text) else text
