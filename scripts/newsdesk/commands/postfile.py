"""Where a new post goes and how it is written: shared by `newsdesk new` and `newsdesk import`."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.reading.schema import FIELD_ORDER
from ..core.text import frontwriter
from ..core.text.dates import parse_date
from ..core.text.slugs import slugify

SLUG_LENGTH = 60  # addresses stay readable; the title itself can be longer


def slug_for(title: str) -> str:
    """'Careers week comes to every school' -> 'careers-week-comes-to-every-school', cut at a word."""
    slug = slugify(title)
    if len(slug) <= SLUG_LENGTH:
        return slug
    cut = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return cut or slug[:SLUG_LENGTH]


def post_path(posts_dir: Path, date: datetime, slug: str) -> Path:
    """posts/<yyyy>/<yyyy-mm-dd>-<slug>.md, the name the README suggests."""
    return posts_dir / f"{date:%Y}" / f"{date:%Y-%m-%d}-{slug}.md"


def front_matter(meta: dict) -> str:
    """The front matter in the canonical style (core/text/frontwriter.py), as the editor writes it."""
    return frontwriter.front_matter(meta, FIELD_ORDER)


def fields(meta: dict) -> str:
    """'key: value' lines of every field given, even an empty one ('tags: []'), in the order given."""
    return "".join(frontwriter.field(key, value, FIELD_ORDER) for key, value in meta.items())


def create(path: Path, text: str) -> None:
    """Write a new file; never replace one (FileExistsError), even if it appears meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as file:
        file.write(text)


def date_argument(value: str) -> str:
    """argparse's check of --date: the same rules, and messages, as the 'date:' field."""
    try:
        parse_date(value, ZoneInfo("UTC"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value.strip()
