"""Who an imported post is credited to: --author, else the page's byline or signature, matched to
authors.yml by name; a name authors.yml does not have yet is added to it, with a contact for the
owner to complete (`newsdesk go-live` lists it until they do).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...core.model import Author, Settings
from ...core.text.slugs import did_you_mean, slugify
from ..postfile import fields
from .byline import TITLES, Byline

ROLE_PLACEHOLDER = "Owner to complete"  # go-live lists it: the page shows the role beside the name
CONTACT_PLACEHOLDER = "owner-to-complete@example.gov.uk"  # an example address: go-live lists it


class CreditError(ValueError):
    """--author names nobody the importer can credit; the message says what to give instead."""


@dataclass
class Credit:
    key: str | None  # the authors.yml key for 'author:'; None: the default author signs it
    notes: list[str] = field(default_factory=list)
    added: str | None = None  # the entry this import added to authors.yml, as written there
    signature: str | None = None  # the body's block that became the byline, to take out of the body


def same_name(name: str) -> str:
    """'Dr Sam  Example' and 'sam example' are one person: no titles, case or punctuation."""
    words = re.sub(r"[^\w\s-]", " ", name.casefold()).split()
    while words and words[0] in TITLES:
        words.pop(0)
    return " ".join(words)


def find_author(name: str, authors: dict[str, Author]) -> str | None:
    """The authors.yml key of the person called `name`, or the key `name` itself."""
    if name.strip() in authors:
        return name.strip()
    wanted = same_name(name)
    return next((key for key, author in authors.items() if same_name(author.name) == wanted), None)


def given_author(name: str, role: str | None, settings: Settings) -> Credit:
    """--author NAME: a key or name authors.yml has, or a new person's full name to add."""
    if key := find_author(name, settings.authors):
        author = settings.authors[key]
        notes = [f"author: {author.name} ({key}), from --author"]
        if role and role.strip() != author.role:
            notes.append(f"author: --role '{role}' not used: {author.name}'s role is in {settings.authors_file}")
        return Credit(key, notes)
    if not re.search(r"[A-Z]", name) or not re.search(r"\s", name.strip()):  # a key, mistyped
        hint = (
            did_you_mean(name, tuple(settings.authors)).replace(";", ":")
            or f": use one of: {', '.join(settings.authors)}."
        )
        raise CreditError(
            f"--author: '{name}' is not in {settings.authors_file}{hint} To add someone new, give their "
            'full name, such as --author "Sam Example" --role "Head of Governor Services"'
        )
    return _added(name.strip(), role, settings, "--author")


def page_author(byline: Byline | None, role: str | None, settings: Settings) -> Credit:
    """The page's byline or signature; without one, the default author, with a warning."""
    if byline is None:
        default = settings.authors.get(settings.default_author or "")
        if default is None:
            return Credit(None)
        return Credit(
            None,
            [
                f"warning: the page names nobody who signed it, so the post is signed by the default author, "
                f"{default.name} ({default.key}); to credit someone else, import it again with --author and "
                f"their key in {settings.authors_file} ({', '.join(settings.authors)}) or their full name"
            ],
        )
    said = f"{byline.found} '{byline.written}'"
    if key := find_author(byline.name, settings.authors):
        author = settings.authors[key]
        notes = [
            f"author: {author.name} ({key}), from {said}" + (", which is taken out of the body" if byline.block else "")
        ]
        if byline.role and same_name(byline.role) != same_name(author.role):
            notes.append(
                f"author: the page gives the role '{byline.role}'; the page shows {author.name}'s role from "
                f"{settings.authors_file}, '{author.role}'"
            )
        return Credit(key, notes, signature=byline.block)
    credit = _added(byline.name, byline.role or role, settings, said)
    credit.signature = byline.block
    if byline.block:
        credit.notes[0] += ", which is taken out of the body"
    return credit


def _added(name: str, role: str | None, settings: Settings, said: str) -> Credit:
    """A new entry at the end of authors.yml (written there once the import is sure)."""
    base = slugify(" ".join(word for word in name.split() if word.casefold().rstrip(".") not in TITLES)) or "author"
    key, number = base, 1
    while key in settings.authors:
        number += 1
        key = f"{base}-{number}"
    entry = fields({key: {"name": name, "role": (role or ROLE_PLACEHOLDER).strip()}})
    entry += (
        f"  # Added by 'newsdesk import'. {ROLE_PLACEHOLDER}: {name}'s press contact, shown on every post\n"
        f"  # they sign; put a real email or phone number, or delete 'contact:' and the lines under it.\n"
        + fields({"contact": {"name": name, "email": CONTACT_PLACEHOLDER}}).replace("\n", "\n  ").join(["  ", ""])
    )
    entry = entry.rstrip(" ")
    settings.authors[key] = Author(key, name, (role or ROLE_PLACEHOLDER).strip(), None)  # later pages match it
    what = f"role '{role}'" if role else f"the role '{ROLE_PLACEHOLDER}'"
    return Credit(
        key,
        [
            f"author: {name}, from {said}",
            f"author: added to {settings.authors_file} as '{key}', with {what} and a contact for the owner "
            "to complete ('newsdesk go-live' lists them)",
        ],
        added=entry,
    )


@dataclass
class NewAuthors:
    """The people this run adds to authors.yml: written before the new posts are checked (the check
    reads the file), and taken out again if no post they sign is kept."""

    path: Path
    shown: str  # 'authors.yml', as messages name it
    entries: dict[str, str] = field(default_factory=dict)  # key -> the entry as written

    def write(self, signed: set[str | None]) -> None:
        self.entries = {key: entry for key, entry in self.entries.items() if key in signed}
        for entry in self.entries.values():
            text = self.path.read_text(encoding="utf-8") if self.path.is_file() else ""
            text += "" if not text or text.endswith("\n") else "\n"
            self.path.write_text(text + entry, encoding="utf-8", newline="\n")

    def take_back(self, kept: set[str | None]) -> None:
        for key, entry in self.entries.items():
            text = self.path.read_text(encoding="utf-8")
            if key not in kept and entry in text:
                self.path.write_text(text.replace(entry, "", 1), encoding="utf-8", newline="\n")
                print(f"{self.shown}: '{key}' taken out again, since no imported post is signed by them")


def credit_for(byline: Byline | None, given: Credit | None, role: str | None, settings: Settings) -> Credit:
    """This page's credit: `given` (from --author) for every page, else the page's own byline."""
    if settings.authors_unreadable:
        return Credit(None)  # the authors file's own problem is reported, once
    if given is None:
        return page_author(byline, role, settings)
    credit = Credit(given.key, list(given.notes))
    if byline and given.key and find_author(byline.name, settings.authors) == given.key:
        credit.signature = byline.block
    elif byline and byline.block:
        credit.notes.append(f"author: the page is signed '{byline.written}'; that line stays in the body")
    return credit
