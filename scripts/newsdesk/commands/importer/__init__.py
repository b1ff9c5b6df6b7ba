"""`newsdesk import FILE ...`: pages of the old site (plain text or HTML) become posts.

text.py and html.py read a page into a Draft (pure); this module decides the file name, writes
the post through postfile (never over an existing file), saves the images beside it, and then
runs the build's validator on what it wrote, so the writer learns which fields to fill in.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ...core import dates
from ...core.fields import FieldReader
from ...core.model import Problem, Settings, report
from ..postfile import create, date_argument, front_matter, post_path, slug_for
from ...mkdocs.project import Project, ProjectError, add_config_argument, load_project, run_command
from .shape import Draft, first_sentence

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newsdesk import",
        description="Turn pages of the old site (plain text, or HTML saved from the old CMS) into posts. "
                    "Never overwrites; prints what it could not map, then any field still to fill in.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .txt or .html page of the old site")
    parser.add_argument("--type", help="blog or press-release for every file (default: guessed from each page)")
    parser.add_argument("--date", type=date_argument, help="YYYY-MM-DD for every file (default: the date in each page)")
    add_config_argument(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_command("import", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    settings = project.settings()
    if args.type is not None:
        wrong: list[Problem] = []
        FieldReader("--type", {"type": args.type}, settings, wrong).choice("type", tuple(settings.types), "blog")
        if wrong:
            raise ProjectError(f"--type: {wrong[0].message}")
    written = [post for name in args.files if (post := import_file(Path(name), args, project, settings))]
    failed = len(args.files) - len(written)
    problems: list[Problem] = []
    if written:
        _, _, found = project.load()
        problems = project.problems_in(found, written)
        if problems:
            print(report(problems))
    print(f"newsdesk import: {len(written)} of {len(args.files)} file{'s' if len(args.files) != 1 else ''} imported"
          + (f"; {len(problems)} field{'s' if len(problems) != 1 else ''} to fill in or fix" if problems else ""))
    return 1 if failed or problems else 0


def import_file(source: Path, args: argparse.Namespace, project: Project, settings: Settings) -> Path | None:
    """Write one page as a post; print what was written and what could not be mapped."""
    try:
        raw = source.read_bytes()
    except OSError as error:
        print(f"{source}: not imported: {error.strerror.lower() if error.strerror else error}")
        return None
    draft = read(source, raw)
    if not draft.title:
        print(f"{source}: not imported: no title found; the first line (or the page's <h1>) should be the headline")
        return None
    slug = slug_for(draft.title)
    if not slug:
        print(f"{source}: not imported: the title '{draft.title}' has no letters or digits to make the post's address from")
        return None
    meta = _meta(draft, args, settings)
    path = post_path(settings.posts_dir, dates.parse_date(meta["date"], settings.timezone)[0], slug) \
        if "date" in meta else settings.posts_dir / f"{slug}.md"
    body = _save_images(draft, source, path, project)
    try:
        create(path, f"{front_matter(meta)}\n{body.strip()}\n")
    except FileExistsError:
        print(f"{source}: not imported: {project.show(path)} already exists")
        return None
    print(f"{source}: wrote {project.show(path)} ({meta['type']})")
    for note in draft.notes:
        print(f"{source}: {note}")
    return path


def read(source: Path, raw: bytes) -> Draft:
    if source.suffix.lower() in HTML_SUFFIXES:
        from .html import read_html  # BeautifulSoup and markdownify only when a page is HTML
        return read_html(raw)
    from .text import read_text
    try:
        return read_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        draft = read_text(raw.decode("cp1252", errors="replace"))
        draft.notes.append("read as Windows-1252 text, not UTF-8; check quotation marks and accents")
        return draft


def _meta(draft: Draft, args: argparse.Namespace, settings: Settings) -> dict:
    """The front matter, in the README's order; only the fields the page gave."""
    type_key = args.type or draft.type
    date = draft.date
    if args.date:
        if date and date[:10] != args.date[:10]:
            draft.notes.append(f"date: used --date {args.date}, not {date} from the page")
        # A day without a year in the text is what --date is for: say which date was used instead.
        draft.notes = [f"date: used --date {args.date}; {note.split('; ')[0][6:]}, so check they agree"
                       if note.startswith("date: the text says") else note for note in draft.notes]
        date = args.date
    summary = draft.summary
    post_type = settings.types.get(type_key)
    if summary is None and post_type and post_type.summary_required and draft.body:
        summary = first_sentence(draft.body.split("\n\n", 1)[0])
        draft.notes.append("summary: the first sentence of the post; rewrite it as one or two sentences of your own")
    meta: dict = {"title": draft.title}
    if date:
        meta["date"] = date
    meta["type"] = type_key
    optional = {"summary": summary, "tags": draft.tags, "aliases": draft.aliases, "contact": draft.contact,
                "notes_to_editors": draft.notes_to_editors}
    meta.update({key: value for key, value in optional.items() if value})
    return meta


def _save_images(draft: Draft, source: Path, path: Path, project: Project) -> str:
    """Copy each image the page used from beside the saved page into images/ beside the post."""
    body = draft.body
    folder = path.parent / "images"
    for name, address in draft.images.items():
        found = None if urlsplit(address).scheme or address.startswith("/") else source.parent / unquote(urlsplit(address).path)
        target = _free_name(folder / name, found)
        if target.name != name:
            body = body.replace(f"](images/{name}", f"](images/{target.name}")
        if found and found.is_file():
            if not target.exists():
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(found, target)
        else:
            draft.notes.append(f"image '{address}' was not found beside {source.name}; save it as {project.show(target)}")
    return body


def _free_name(target: Path, found: Path | None) -> Path:
    """The image's name beside the post, or name-2, -3 ... if another picture already has it."""
    number, candidate = 1, target
    while candidate.exists() and not (found and found.is_file() and candidate.read_bytes() == found.read_bytes()):
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
    return candidate
