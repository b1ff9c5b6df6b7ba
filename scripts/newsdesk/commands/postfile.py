"""Where a new post goes and how it is written: shared by `newsdesk new` and `newsdesk import`."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from ..core.text.dates import parse_date
from ..core.text.slugs import slugify

SLUG_LENGTH = 60  # addresses stay readable; the title itself can be longer


class _Dumper(yaml.SafeDumper):
    """Writes fields in the order given, as people write them: dates bare ('date: 2024-12-19'; our
    loader keeps them as text), lists on one line, groups such as 'contact:' indented, several lines
    of text as a '|' block, and quotes whatever another YAML reader could take for true/false or a
    number."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        style = "|" if "\n" in data.strip("\n") else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_representer(str, _Dumper.represent_str)
_Dumper.add_representer(
    dict, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)
)
_Dumper.add_representer(
    list, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)


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
    """Fields as YAML that our StrictLoader reads back unchanged: plain text stays text."""
    return f"---\n{fields(meta)}---\n"


def fields(meta: dict) -> str:
    """'key: value' lines, each value on one line however long (a writer edits it in place)."""
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=float("inf"))


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
