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
from ..reading.schema import FIELD_ORDER, FIELDS
from .editorform import widget

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
ENTRY_PATH = '{{date | truncate(4, "/")}}/{{date | truncate(10, "/")}}-{{slug}}'
ENTRY_SLUG = "{{fields.slug}}"
MEDIA_FOLDER = "images"  # beside the post: posts/<yyyy>/images/, and 'image: images/x.jpg' in the post
# GitHub's narrowest scopes that let Decap write posts and open pull requests: public_repo reaches public
# repositories only; repo is needed for a private one (docs-dev/sign-in.md).
AUTH_SCOPES = ("public_repo", "repo")
# admin/frontmatter.js: writes core/text/frontwriter.py's style, and a field left alone keeps its lines.
FORMAT = "newsdesk-frontmatter"
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
