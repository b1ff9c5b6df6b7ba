"""`newsdesk import FILE ...`: pages of the old site (plain text or HTML) become posts.

text.py and html.py read a page into a Draft (pure); this module decides the file name, writes
the post through postfile (never over another file), saves the images beside it, and then runs
the build's validator on what it wrote. A post the build would refuse is taken back out, with
every problem and its fix, so an import never leaves a post that stops the build.

Each post notes in its front matter which page it came from and a digest of what was written.
Importing the same page again replaces that post, unless the writer has edited it since.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ...core.model import Problem, Settings
from ...core.reading.fields import FieldReader
from ...core.reading.sources import post_files
from ...core.text import dates
from ...mkdocs.project import Project, ProjectError, add_config_argument, load_project, run_command
from ..postfile import create, date_argument, front_matter, post_path, slug_for
from .credit import CreditError, NewAuthors, credit_for, given_author
from .images import save_images
from .lead import without_repeat
from .shape import Draft
from .years import question

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newsdesk import",
        description="Turn pages of the old site (plain text, or HTML saved from the old CMS) into posts. "
        "Never overwrites; prints what it could not map, then any field still to fill in.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .txt or .html page of the old site")
    parser.add_argument("--type", help="blog or press-release for every file (default: guessed from each page)")
    parser.add_argument("--date", type=date_argument, help="YYYY-MM-DD for every file (default: the date in each page)")
    parser.add_argument(
        "--author",
        metavar="NAME",
        help="who signs every file: a key in authors.yml, or a new person's full name to add there "
        "(default: the byline or signature in each page, else default_author)",
    )
    parser.add_argument("--role", help="the role of an author the import adds to authors.yml")
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
    try:
        args.credit = given_author(args.author, args.role, settings) if args.author else None
    except CreditError as error:
        raise ProjectError(str(error)) from None
    added = NewAuthors(settings.root / settings.authors_file, settings.authors_file)
    if args.credit and args.credit.added:
        added.entries[str(args.credit.key)] = args.credit.added
    written = [done for name in args.files if (done := import_file(Path(name), args, project, settings, added))]
    problems: list[Problem] = []
    added.write({done.author for done in written})
    if written:
        _, _, found = project.load()
        for done in written:
            own = project.problems_in(found, [done.path])
            own = [problem for problem in own if problem.source == project.show(done.path)]
            if own:
                done.undo()
                problems += own
                for problem in own:  # one line each: the page, then the problem as the build names it
                    print(f"{done.source}: not imported, so nothing stops the build: {problem}")
    imported = [done for done in written if not done.undone]
    added.take_back({done.author for done in imported})
    print(f"newsdesk import: {len(imported)} of {len(args.files)} file{'s' if len(args.files) != 1 else ''} imported")
    return 0 if len(imported) == len(args.files) else 1


MARK = "# imported from "  # the first line of an imported post's front matter: '# imported from old/x.txt (digest)'


@dataclass
class Imported:
    """A post written by this run, and how to take it back: its images, and the post it replaced."""

    source: Path
    path: Path
    images: list[Path] = field(default_factory=list)
    replaced: tuple[Path, str] | None = None
    author: str | None = None  # the authors.yml key in its 'author:'
    undone: bool = False

    def undo(self) -> None:
        self.path.unlink(missing_ok=True)
        for image in self.images:
            image.unlink(missing_ok=True)
        if self.replaced:
            self.replaced[0].parent.mkdir(parents=True, exist_ok=True)
            self.replaced[0].write_text(self.replaced[1], encoding="utf-8", newline="\n")
        self.undone = True


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def _marked(text: str, shown: str) -> str:
    """The post's text with the mark of where it came from, and a digest that tells later edits."""
    front, rest = text.split("\n", 1)
    return f"{front}\n{MARK}{shown} ({_digest(text)})\n{rest}"


def _earlier(shown: str, settings: Settings) -> tuple[Path, str, bool] | None:
    """The post an earlier import of this page wrote: its path, text and whether it is unedited."""
    for path in post_files(settings.posts_dir):
        with path.open(encoding="utf-8", errors="replace", newline="") as stream:
            stream.readline()
            mark = stream.readline().rstrip("\n")
        if mark.startswith(f"{MARK}{shown} (") and mark.endswith(")"):
            text = path.read_text(encoding="utf-8", errors="replace")
            front, _, rest = text.split("\n", 2)
            return path, text, _digest(f"{front}\n{rest}") == mark.rsplit("(", 1)[1][:-1]
    return None


def import_file(
    source: Path, args: argparse.Namespace, project: Project, settings: Settings, added: NewAuthors
) -> Imported | None:
    """Write one page as a post; print what was written and what could not be mapped. A person
    the page names who is new to authors.yml goes into `added`, for the caller to write."""
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
        print(
            f"{source}: not imported: the title '{draft.title}' has no letters or digits to make the post's address from"
        )
        return None
    credit = credit_for(draft.byline, getattr(args, "credit", None), args.role, settings)
    if credit.signature:  # the byline now: not also a stray line in the body
        draft.body = "\n\n".join(block for block in draft.body.split("\n\n") if block != credit.signature)
    if credit.added and credit.key:  # written once the run knows a post it keeps is signed by them
        added.entries[credit.key] = credit.added
    meta = _meta(draft, args, settings, credit.key)
    if "date" not in meta:
        said = next((note.split("'")[1] for note in draft.notes if note.startswith("date: the text says")), None)
        asked = (
            question(said, project.now().date())
            if said
            else "no date found; run the import again with --date YYYY-MM-DD"
        )
        print(f"{source}: not imported: {asked}")
        return None
    path = post_path(settings.posts_dir, dates.parse_date(meta["date"], settings.timezone)[0], slug)
    shown = project.show(source)
    earlier = _earlier(shown, settings)
    if earlier and not earlier[2]:
        print(
            f"{source}: not imported: {project.show(earlier[0])} came from this page and has been edited since; "
            "delete it first to import the page again"
        )
        return None
    done = Imported(source, path, author=credit.key)
    draft.notes[:0] = credit.notes
    body = save_images(draft, source, path, project, done.images)
    if earlier:
        earlier[0].unlink()
        done.replaced = earlier[:2]
    try:
        create(path, _marked(f"{front_matter(meta)}\n{body.strip()}\n", shown))
    except FileExistsError:
        print(f"{source}: not imported: {project.show(path)} already exists")
        done.undo()
        return None
    again = "" if not earlier else " again" if earlier[0] == path else f", replacing {project.show(earlier[0])}"
    print(f"{source}: wrote {project.show(path)}{again} ({meta['type']})")
    for note in draft.notes:
        print(f"{source}: {note}")
    return done


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


def _meta(draft: Draft, args: argparse.Namespace, settings: Settings, author: str | None = None) -> dict:
    """The front matter, in the README's order; only the fields the page gave."""
    type_key = args.type or draft.type
    date = draft.date
    if args.date:
        if date and date[:10] != args.date[:10]:
            draft.notes.append(f"date: used --date {args.date}, not {date} from the page")
        # A day without a year in the text is what --date is for: say which date was used instead.
        draft.notes = [
            f"date: used --date {args.date}; {note.split('; ')[0][6:]}, so check they agree"
            if note.startswith("date: the text says")
            else note
            for note in draft.notes
        ]
        date = args.date
    summary = draft.summary
    post_type = settings.types.get(type_key)
    shown = post_type is not None and (post_type.summary_required or post_type.contact_required)  # shown first
    if post_type and shown and draft.body and (summary or post_type.summary_required):
        summary, blocks, note = without_repeat(summary, draft.body.split("\n\n"))
        draft.body = "\n\n".join(blocks)
        draft.notes += [note] if note else []
    meta: dict = {"title": draft.title}
    if date:
        meta["date"] = date
    meta["type"] = type_key
    optional = {
        "summary": summary,
        "tags": draft.tags,
        "author": author,
        "aliases": draft.aliases,
        "contact": draft.contact,
        "notes_to_editors": draft.notes_to_editors,
    }
    meta.update({key: value for key, value in optional.items() if value})
    return meta
