"""The browser editor's configuration (Decap CMS), made from the declaration of fields in schema.py.

Plain data in, a dict out: the adapter (mkdocs/editor.py) writes it as admin/config.yml. Adding a
field or a post type in one place (schema.py, or `types` in mkdocs.yml) changes the form with no
change here; tests/test_editor_config.py fails if the form and the validator disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.entities import name2codepoint
from typing import Any
from urllib.parse import urlsplit

from ..model import PostType, Settings
from ..reading.schema import FIELD, FIELD_ORDER, FIELDS, Field

# The file a post is saved as: posts/<yyyy>/<yyyy-mm-dd>-<slug>.md, as `newsdesk new` names it.
# - Not Decap's {{year}}/{{month}}/{{day}}: those are the date in UTC, so a post at 00:30 in summer
#   would be filed under the day before.
# - Not {{fields.date | date('YYYY')}} either: Decap lowercases `path`, drops its single quotes
#   and turns its dots into hyphens before reading it, so neither 'fields.' nor date('...')
#   survive. {{date}} names the field, and truncate() takes double quotes: the first 4 (or 10)
#   characters of the date as the writer typed it (UK time); the "/" it appends is removed when
#   Decap cleans the segment. tests/browser/test_editor.py saves a post at 00:30 in summer.
# - The slug is the `slug` field, which admin/preview.js fills in from the title exactly as
#   `newsdesk new` makes it when the writer leaves it empty (Decap's own slugs differ).
Widget = dict[str, Any]  # one field of a Decap collection, as config.yml holds it
ENTRY_PATH = '{{date | truncate(4, "/")}}/{{date | truncate(10, "/")}}-{{slug}}'
ENTRY_SLUG = "{{fields.slug}}"
MEDIA_FOLDER = "images"  # beside the post: posts/<yyyy>/images/, and 'image: images/x.jpg' in the post
FILES_FOLDER = "files"  # documents beside the post: posts/<yyyy>/files/, written as 'file: files/x.pdf'
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"  # parse_date reads it: the time as typed, in the site's time zone
DATE_FORMAT = "YYYY-MM-DD"
# GitHub's narrowest scopes that let Decap write posts and open pull requests: public_repo reaches public
# repositories only; repo is needed for a private one (docs-dev/sign-in.md).
AUTH_SCOPES = ("public_repo", "repo")
# admin/frontmatter.js: writes core/text/frontwriter.py's style, and a field left alone keeps its lines.
FORMAT = "newsdesk-frontmatter"
# What the date box shows and takes (admin/fields.js's nd-datetime): day-month-year, whatever the
# browser's language. Decap's own datetime widget is the browser's date box, which cannot be told.
SHOWN_DATETIME, SHOWN_DATE = "DD/MM/YYYY HH:mm", "DD/MM/YYYY"
# What the box stores is a date the validator reads, or else the text as typed, which these refuse.
DATETIME_PATTERN = [r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$", "Write the date as day/month/year, such as 19/12/2024 09:30"]
DATE_PATTERN = [r"^\d{4}-\d{2}-\d{2}$", "Write the date as day/month/year, such as 19/12/2024"]
BODY = {
    "name": "body",
    "label": "Text",
    "widget": "markdown",
    "required": True,
    "hint": "Listings show the first paragraph, so start with what matters most.",
}


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor saves: a GitHub repository, signed in to through an OAuth proxy."""

    repo: str  # 'city-council/newsdesk'
    branch: str = "main"
    auth_url: str | None = None  # the OAuth proxy's address, such as https://newsdesk-auth.example.workers.dev
    auth_endpoint: str | None = None  # its path, when not 'auth'
    auth_scope: str = "public_repo"  # what signing in grants: public_repo, or repo for a private repository
    local_port: int = 8081  # decap-server's port for `make edit` (127.0.0.1 only)
    site_url: str | None = None


def decap_config(settings: Settings, editor: EditorSettings) -> dict[str, Any]:
    """The whole config.yml: one collection per post type, each filtered by its `type:` line."""
    backend = {"name": "github", "repo": editor.repo, "branch": editor.branch, "squash_merges": True}
    backend["auth_scope"] = editor.auth_scope  # always: without it Decap asks GitHub for 'repo'
    if editor.auth_url:
        backend["base_url"] = editor.auth_url
    if editor.auth_endpoint:
        backend["auth_endpoint"] = editor.auth_endpoint
    config = {
        "backend": backend,
        "locale": "en-GB",  # admin/fields.js: the workflow cards' dates, day-month-year
        "publish_mode": "editorial_workflow",  # each new post is a pull request: draft, in review, ready
        # Used only when the editor is opened at 127.0.0.1 or localhost and decap-server answers there.
        "local_backend": {"url": f"http://127.0.0.1:{editor.local_port}/api/v1"},
        "media_folder": f"{posts_folder(settings)}/{MEDIA_FOLDER}",
        "public_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(post_type, settings) for post_type in settings.types.values()],
    }
    if editor.site_url:
        config["site_url"] = config["display_url"] = editor.site_url
    return config


def auth_url_problem(auth_url: str) -> str | None:
    """What is wrong with auth_url, if anything. Decap takes the sign-in window's answer only from
    exactly this origin (netlify-auth.js compares event.origin with it), so a path stops sign-in."""
    parts = urlsplit(auth_url)
    local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
    if (
        (parts.scheme == "https" or local)
        and parts.netloc
        and parts.path in ("", "/")
        and not parts.query + parts.fragment
    ):
        return None
    return (
        f"expected the sign-in service's address alone, such as https://newsdesk-sign-in.example.workers.dev, "
        f"got '{auth_url}'; the editor accepts a sign-in only from exactly that address, so write it with "
        "https:// and without a path (docs-dev/sign-in.md)"
    )


def posts_folder(settings: Settings) -> str:
    return settings.posts_dir.relative_to(settings.root).as_posix()


def collection(post_type: PostType, settings: Settings) -> dict[str, Any]:
    return {
        "name": post_type.key,
        "label": post_type.title,
        "label_singular": post_type.label,
        "folder": posts_folder(settings),
        "filter": {"field": "type", "value": post_type.key},
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "path": ENTRY_PATH,
        "slug": ENTRY_SLUG,
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        # The list and the workflow cards: each post's date and time, day-month-year.
        "summary": "{{title}} · {{fields.date | date('DD/MM/YYYY HH:mm')}}",
        "sortable_fields": ["date", "title"],
        # Press-only fields (contact, notes to editors) only on forms for types that need a contact.
        # Decap keeps front matter the form does not show: an older blog post that has one keeps it
        # when edited (tests/browser/test_editor.py).
        "fields": [widget(field, post_type, settings) for field in FIELDS if field.is_offered(post_type)] + [BODY],
    }


def widget(field: Field, post_type: PostType, settings: Settings) -> Widget:
    """One field of the form: Decap's widget for the field's kind, with its label, hint and rules."""
    made = {"name": field.name, "label": field.label, "required": field.is_required(post_type, settings)}
    if field.hint:
        made["hint"] = field.hint
    made.update(_KINDS[field.kind](field, post_type, settings))
    if field.pattern and made.get("widget") == "string":
        made["pattern"] = [field.pattern[0], f"Write {field.pattern[1]}"]
    if field.required_with:
        needed = f"the {FIELD[field.required_with].label.lower()} is given"
        made.update(_needed({"filled": [field.required_with], "because": needed}))
    return made


def _needed(rule: dict[str, Any]) -> Widget:
    """A line of text needed only in some entries: admin/fields.js's nd-string checks `required_when`
    on Save (Decap's own `required` cannot depend on another field)."""
    return {"widget": "nd-string", "required": False, "required_when": rule}


def _text(field: Field, post_type: PostType, settings: Settings) -> Widget:
    return {"widget": "string"}


def _datetime(field: Field, post_type: PostType, settings: Settings) -> Widget:
    shown = {"display_format": SHOWN_DATETIME, "pattern": DATETIME_PATTERN}
    return {"widget": "nd-datetime", "format": DATETIME_FORMAT, **shown}


def _date(field: Field, post_type: PostType, settings: Settings) -> Widget:
    return {"widget": "nd-datetime", "format": DATE_FORMAT, "display_format": SHOWN_DATE, "pattern": DATE_PATTERN}


def _type(field: Field, post_type: PostType, settings: Settings) -> Widget:
    return {"widget": "hidden", "default": post_type.key}  # the collection decides it


def _tags(field: Field, post_type: PostType, settings: Settings) -> Widget:
    if settings.allowed_tags is None:
        # One box per tag: Decap's comma-separated list eats commas typed key by key (decap-cms #4646).
        item = {"name": "tag", "label": "Tag", "widget": "string"}
        return {"widget": "list", "label_singular": "tag", "field": item, "hint": f"{field.hint} Add one tag per box."}
    return {"widget": "select", "multiple": True, "options": list(settings.allowed_tags)}


def _author(field: Field, post_type: PostType, settings: Settings) -> Widget:
    options = [
        {"label": f"{author.name}, {author.role}" if author.role else author.name, "value": key}
        for key, author in settings.authors.items()
    ]
    made = {"widget": "select", "options": options}
    if settings.default_author:
        made["default"] = settings.default_author
    return made


def _flag(field: Field, post_type: PostType, settings: Settings) -> Widget:
    return {"widget": "boolean", "default": False}


def _list(field: Field, post_type: PostType, settings: Settings) -> Widget:
    item: Widget = {"name": "item", "label": field.label, "widget": "string"}
    if field.pattern:
        item["pattern"] = [field.pattern[0], f"Write {field.pattern[1]}"]
    return {"widget": "list", "field": item}


def _group(field: Field, post_type: PostType, settings: Settings) -> Widget:
    """Decap checks an optional group's required parts even when the group is left empty, so they
    are required in the form only when the group is; the validator still checks a group given."""
    parts = [widget(part, post_type, settings) for part in field.fields]
    if not field.is_required(post_type, settings):
        parts = [_optional_part(field, part, parts, post_type) for part in parts]
    return {"widget": "object", "collapsed": False, "fields": parts}


def _optional_part(group: Field, part: Widget, parts: list[Widget], post_type: PostType) -> Widget:
    """A required part of an optional group: needed once another part is filled in, and (a contact
    the author's can stand in for) whenever the post's author has no contact of their own."""
    if not part["required"] or part["widget"] != "string" or "pattern" in part:
        return {**part, "required": False}
    others = [f"{group.name}.{other['name']}" for other in parts if other is not part]
    rule: dict[str, Any] = {"filled": others, "because": f"another part of the {group.label.lower()} is filled in"}
    if group.author_fallback and post_type.contact_required:
        rule["author_without_contact"] = True
    return {**part, **_needed(rule)}


def _records(field: Field, post_type: PostType, settings: Settings) -> Widget:
    return {"widget": "list", "fields": [widget(part, post_type, settings) for part in field.fields]}


_KINDS = {
    "text": _text,
    "slug": _text,
    "longtext": lambda *_: {"widget": "text"},
    "markdown": lambda *_: {"widget": "markdown"},
    "datetime": _datetime,
    "date": _date,
    "type": _type,
    "tags": _tags,
    "author": _author,
    "flag": _flag,
    "image": lambda *_: {"widget": "image", "choose_url": False},
    "file": lambda *_: {
        "widget": "file",
        "choose_url": False,
        "media_folder": FILES_FOLDER,
        "public_folder": FILES_FOLDER,
    },
    "url": lambda *_: {"widget": "string", "pattern": ["^https?://", "Write a full address starting with https://"]},
    "list": _list,
    "group": _group,
    "records": _records,
}


def preview_data(
    settings: Settings, stylesheets: list[str], language: str = "en", organisation: str = ""
) -> dict[str, Any]:
    """What admin/preview.js needs to draw a post as the site does: each type's label, each author's
    name, role and media contact, the site's stylesheets (relative to /admin/), its language, the
    name in its header band (overrides/main.html's nd_org) and the formats address under attachments."""
    return {
        "types": {
            key: {"label": t.label, "release": t.contact_required, "lead": t.summary_required or t.contact_required}
            for key, t in settings.types.items()
        },
        "authors": {
            key: {"name": a.name, "role": a.role, "contact": dict(vars(a.contact)) if a.contact else None}
            for key, a in settings.authors.items()
        },
        "default_author": settings.default_author,
        "stylesheets": stylesheets,
        "language": language,
        "timezone": settings.timezone.key,  # a future date is shown as scheduled in this zone
        "entities": name2codepoint,  # HTML entities a title may hold, decoded as slugify decodes them
        "order": FIELD_ORDER,  # the order admin/frontmatter.js writes fields in, as frontwriter.py does
        "organisation": organisation,
        "formats_email": settings.formats_email,
    }
