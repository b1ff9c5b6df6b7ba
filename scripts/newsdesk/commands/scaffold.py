"""`newsdesk new "Title"`: start a post from a template that names and explains every field.

The new file is checked by the same validator as the build. A problem caused by what the writer
asked for (an unknown tag, a clashing address) means nothing is written; the fields the template
leaves for the writer (a press release's summary and contact) are listed as still to fill in.
"""

from __future__ import annotations

import argparse
import sys

from ..core.checks.advice import PLACEHOLDER_START, SUMMARY_PLACEHOLDER
from ..core.model import PUBLISHED, Settings, post_url
from ..core.reading.schema import FIELD, FIELDS
from ..core.text import dates
from ..mkdocs.project import add_config_argument, load_project, run_command
from .postfile import create, date_argument, fields, post_path, slug_for

PLACEHOLDER = f"{PLACEHOLDER_START} Listings show the first paragraph, so start with what matters most."
HEADER = (
    "# Each field is explained in WRITING.md. A line starting with '#' is a note: delete the '# ' to use that field."
)
FILL_IN = ("summary", "contact", "author")  # left as notes in the template: the writer completes them


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newsdesk new", description="Start a post: writes posts/<yyyy>/<yyyy-mm-dd>-<slug>.md from a template."
    )
    parser.add_argument("title", help="the headline, in quotes")
    parser.add_argument("--type", default="blog", help="blog (the default) or press-release")
    parser.add_argument("--tags", default="", help="tags separated by commas: --tags 'SEND,Early years'")
    parser.add_argument(
        "--date",
        type=date_argument,
        help="YYYY-MM-DD or 'YYYY-MM-DD HH:MM' (UK time); default: today. A future date schedules the post",
    )
    parser.add_argument("--draft", action="store_true", help="keep it off the published site until 'draft: false'")
    add_config_argument(parser)
    args = parser.parse_args(argv)
    if not slug_for(args.title):
        parser.error("the title needs letters or digits: they make the post's address")
    return args


def template(
    *, title: str, date: str, type_key: str, tags: list[str], draft: bool, slug: str, settings: Settings
) -> str:
    """The new file: every field of the schema (core/reading/schema.py), in its order, with the
    schema's hint as its note; the fields not filled in are notes too, with the schema's example."""
    post_type = settings.types.get(type_key)
    press = bool(post_type and post_type.contact_required)
    # A press release is valid at once: signed by an author whose contact it gives, with a summary
    # to rewrite (newsdesk check warns until it is).
    contact_author = next((key for key, author in settings.authors.items() if author.contact), None)
    values: dict[str, object] = {"title": title, "date": date, "type": type_key, "tags": tags, "draft": draft}
    if post_type and post_type.summary_required:
        values["summary"] = SUMMARY_PLACEHOLDER
    if press and contact_author:
        values["author"] = contact_author
    examples = {"author": next(iter(settings.authors), "director"), "slug": slug, "updated": date[:10]}
    notes = {
        "type": " or ".join(settings.types),
        "author": f"{FIELD['author'].hint} One of: {', '.join(settings.authors) or 'none yet'}"
        + (f"; without it, '{settings.default_author}' signs the post" if settings.default_author else ""),
    }
    lines = ["---", HEADER]
    for field in FIELDS:
        note = notes.get(field.name) or field.hint or field.label
        if field.name in values:
            lines.append(f"{fields({field.name: values[field.name]}).rstrip()}  # {note}")
        else:
            example = fields({field.name: examples.get(field.name, field.sample())}).rstrip().split("\n")
            lines += [f"# {example[0]}  # {note}", *(f"# {more}" for more in example[1:])]
    return "\n".join([*lines, "---", "", PLACEHOLDER, ""])


def main(argv: list[str] | None = None) -> int:
    return run_command("new", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    settings = project.settings()
    date = args.date or dates.written_date(project.now(), with_time=False)
    when, _ = dates.parse_date(date, settings.timezone)
    slug = slug_for(args.title)
    path = post_path(settings.posts_dir, when, slug)
    tags = [tag.strip() for tag in args.tags.split(",") if tag.strip()]
    text = template(
        title=args.title.strip(),
        date=date,
        type_key=args.type,
        tags=tags,
        draft=args.draft,
        slug=slug,
        settings=settings,
    )
    try:
        create(path, text)
    except FileExistsError:
        print(
            f"newsdesk new: {project.show(path)} already exists; edit it, or choose another title or date",
            file=sys.stderr,
        )
        return 1
    _, loaded, problems = project.load()
    mine = project.problems_in(problems, [path])
    blocking = [problem for problem in mine if problem.field not in FILL_IN]
    if blocking:
        path.unlink()
        print("newsdesk new: nothing written; fix these first:", *blocking, sep="\n", file=sys.stderr)
        return 1
    print(f"Created {project.show(path)}")
    if mine:
        print("Fill these in before the site can be built (the file has a note for each):", *mine, sep="\n")
    post = next((post for post in loaded.posts if post.path == path), None)
    if post and post.status != PUBLISHED:
        print(
            "It is a draft: 'make serve' shows it; the published site will not until 'draft: false'."
            if post.draft
            else f"It is scheduled: the first build on or after {dates.written_date(post.date, with_time=True)} publishes it."
        )
    post_type = settings.types[args.type]
    print(f"Preview it at {project.preview_base}{post_url(post_type, when, slug)} while 'make serve' runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
