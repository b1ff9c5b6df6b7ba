"""The browser editor's form: one Decap widget for each field the schema declares (schema.py),
with the same rules as the validator, and the date formats the form shows and stores."""

from __future__ import annotations

from typing import Any

from ..model import PostType, Settings
from ..reading.schema import FIELD, Field

FILES_FOLDER = "files"  # documents beside the post: posts/<yyyy>/files/, written as 'file: files/x.pdf'
Widget = dict[str, Any]  # one field of a Decap collection, as config.yml holds it

DATETIME_FORMAT = "YYYY-MM-DD HH:mm"  # parse_date reads it: the time as typed, in the site's time zone


DATE_FORMAT = "YYYY-MM-DD"


# What the date box shows and takes (admin/fields.js's nd-datetime): day-month-year, whatever the
# browser's language. Decap's own datetime widget is the browser's date box, which cannot be told.
SHOWN_DATETIME, SHOWN_DATE = "DD/MM/YYYY HH:mm", "DD/MM/YYYY"


# What the box stores is a date the validator reads, or else the text as typed, which these refuse.
DATETIME_PATTERN = [r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$", "Write the date as day/month/year, such as 19/12/2024 09:30"]


DATE_PATTERN = [r"^\d{4}-\d{2}-\d{2}$", "Write the date as day/month/year, such as 19/12/2024"]


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
