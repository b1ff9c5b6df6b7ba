"""The fields of a post, declared once: the validator's list of known fields (fields.py), the
browser editor's form (editor.py), `newsdesk new`'s template and the tests that keep them in step
all read this declaration."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import PostType, Settings
from ..text.slugs import SLUG_PATTERN

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Field:
    """One front matter field, declared once: the validator's list of known fields, the browser
    editor's form (core/publishing/editor.py) and the tests that keep the two in step all read it.

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
    fields: tuple[Field, ...] = ()  # a group's or each record's parts
    pattern: tuple[str, str] | None = None  # (regular expression, what to write instead)
    needs: str | None = None  # only given together with this other field
    required_with: str | None = None  # needed whenever this other field is given (image_alt with image)
    author_fallback: bool = False  # left out, the post uses its author's own (authors.yml): the contact
    press_only: bool = False  # offered in the form only for types that need a media contact (press releases)
    required_when: str = ""  # for a field required only sometimes: when, in words (docs-dev/content.md's table)

    def sample(self) -> object:
        """A valid value, as a writer would type it: a group's is made of its parts' examples."""
        if self.example is None and self.kind == "group":
            return {part.name: part.example for part in self.fields}
        return self.example

    def required_words(self) -> str:
        """The 'required' column of the field table in docs-dev/content.md (a test keeps them equal)."""
        return self.required_when or ("yes" if self.required is True else "no")

    def is_required(self, post_type: PostType, settings: Settings) -> bool:
        return self.required(post_type, settings) if callable(self.required) else self.required

    def is_offered(self, post_type: PostType) -> bool:
        """Whether the form for this type shows the field: press-only fields stay off blog forms."""
        return post_type.contact_required or not self.press_only


FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "text",
        "Title",
        "The headline; a press release's should fit in 65 characters.",
        required=True,
        example="End of term",
    ),
    Field(
        "date",
        "datetime",
        "Date",
        "UK time. A date in the future schedules the post.",
        required=True,
        example="2024-12-19 09:30",
    ),
    Field("type", "type", "Type", required=True, example="blog"),
    Field(
        "summary",
        "longtext",
        "Summary",
        "One or two sentences for listings, feeds and search results; 160 characters at most.",
        required=lambda post_type, settings: post_type.summary_required,
        required_when="press releases",
        example="Every school closes on Friday 20 December.",
    ),
    Field("tags", "tags", "Tags", "Reuse the tags on the site's Tags page.", example=["SEND"]),
    Field(
        "author",
        "author",
        "Author",
        "Who signs the post.",
        required=lambda post_type, settings: settings.default_author is None,
        required_when="when `mkdocs.yml` sets no `default_author`",
        example="director",
    ),
    Field("updated", "date", "Updated", "The date of the last real change, after publishing.", example="2024-12-20"),
    Field("draft", "flag", "Draft", "Keeps the post off the published site.", example=False),
    Field(
        "slug",
        "slug",
        "Address",
        "The end of the post's address, such as 'end-of-term'; leave it empty to make it from the title.",
        example="end-of-term",
        pattern=(SLUG_PATTERN.pattern, "lowercase letters, digits and hyphens, such as 'end-of-term'"),
    ),
    Field("image", "image", "Image", "A picture for the top of the post and for feeds.", example="images/hall.jpg"),
    Field(
        "image_alt",
        "text",
        "Image description",
        "What the picture shows, for people who cannot see it; needed with an image.",
        example="Pupils planting trees",
        needs="image",
        required_when="with `image`",
        required_with="image",
    ),
    Field(
        "image_caption",
        "text",
        "Image caption",
        "Shown under the picture: what it shows, in a sentence.",
        example="Pupils in the new science lab",
        needs="image",
    ),
    Field(
        "image_credit",
        "text",
        "Image credit",
        "Who took the picture or owns it, shown under it.",
        example="Photo: City Council",
        needs="image",
    ),
    Field(
        "aliases",
        "list",
        "Old addresses",
        "Old addresses of this post that should keep working, each starting with '/'.",
        example=["/news/2015/10/launch/"],
        pattern=("^/[^ ]*$", "an address on this site starting with '/', such as '/news/2015/10/launch/'"),
    ),
    Field(
        "contact",
        "group",
        "Media contact",
        "The press contact; needs an email or a phone number. Leave it empty to use the author's contact from the authors file, if they have one.",
        # Whatever the author when none has a contact; else only for an author without one
        # (the form checks that entry by entry: core/publishing/editor.py, admin/fields.js).
        required=lambda post_type, settings: (
            post_type.contact_required and not any(a.contact for a in settings.authors.values())
        ),
        required_when="press releases, unless the author has a contact in `authors.yml`",
        author_fallback=True,
        press_only=True,
        fields=(
            Field("name", "text", "Name", required=True, example="Education Press Office"),
            Field("role", "text", "Role", example="Media relations"),
            Field(
                "email",
                "text",
                "Email",
                example="press.office@example.gov.uk",
                pattern=(EMAIL.pattern, "an email address, such as name@example.gov.uk"),
            ),
            Field("phone", "text", "Telephone", example="0300 555 0100"),
        ),
    ),
    Field(
        "notes_to_editors",
        "markdown",
        "Notes to editors",
        "Shown after 'Ends': background a journalist may need.",
        example="1. Background a journalist may need.",
        press_only=True,
    ),
    Field(
        "changes",
        "records",
        "Changes",
        "A correction or update after publishing: when, and what changed. Newest first; the newest sets 'Updated'.",
        example=[{"date": "2024-12-20", "note": "Corrected the date of the open evening"}],
        fields=(
            Field("date", "datetime", "Date", required=True, example="2024-12-20"),
            Field("note", "text", "What changed", required=True, example="Corrected the date of the open evening"),
        ),
    ),
    Field(
        "attachments",
        "records",
        "Documents",
        "Documents for readers: a file beside the post (such as a PDF) or a web address, with its name.",
        example=[{"title": "Consultation report", "url": "https://example.gov.uk/report.pdf"}],
        fields=(
            Field("title", "text", "Name", required=True, example="Consultation report"),
            Field(
                "file",
                "file",
                "File",
                "A file saved beside the post; or give a web address instead.",
                example="files/report.pdf",
            ),
            Field("url", "url", "Web address", "Instead of a file.", example="https://example.gov.uk/report.pdf"),
        ),
    ),
    Field(
        "related",
        "records",
        "Related content",
        "Links under 'Related content': a post or page by its file, or a web address with a title.",
        example=[{"title": "The council's schools pages", "url": "https://example.gov.uk/schools"}],
        fields=(
            Field("title", "text", "Title", example="The council's schools pages"),
            Field(
                "file",
                "text",
                "Post or page",
                "Its Markdown file, such as '../2025/2025-01-15-new-school-year.md'.",
                example="../2025/2025-01-15-new-school-year.md",
            ),
            Field("url", "url", "Web address", example="https://example.gov.uk/schools"),
        ),
    ),
)
FIELD = {field.name: field for field in FIELDS}
KNOWN_FIELDS = tuple(FIELD)
CONTACT_FIELDS, CHANGE_FIELDS, ATTACHMENT_FIELDS, RELATED_FIELDS = (
    tuple(part.name for part in FIELD[name].fields) for name in ("contact", "changes", "attachments", "related")
)
# The order front matter is written in (core/text/frontwriter.py and the editor's admin/frontmatter.js).
FIELD_ORDER = {
    "": KNOWN_FIELDS,
    **{field.name: tuple(part.name for part in field.fields) for field in FIELDS if field.fields},
}
