"""What old pages have in common, whatever their format: pure functions over blocks of text.

A page of the old site is a title, body paragraphs, and around them things that are fields here:
"Ends" then a press-contact block, notes to editors, a "Tags:" line, and leftovers of the old
page ("Top", "in News"). `shape` sorts blocks into those, and `Draft` is the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ...core.text.dates import written_date

if TYPE_CHECKING:
    from .byline import Byline

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATES = (
    re.compile(
        rf"\b{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),  # UK order
)
_YEARLESS = re.compile(rf"\b{_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.I)

_ENDS = re.compile(r"^[-–—\s]*ends[-–—\s.]*$", re.I)
_TAGS = re.compile(r"^tags?\s*:(?P<tags>.*)$", re.I | re.S)
_NOTES = re.compile(r"^notes?\s+(?:to|for)\s+editors?\s*:?$", re.I)
_CONTACT = re.compile(
    r"^(?:for\s+(?:more|further)\s+information|media\s+(?:contact|enquiries)|press\s+(?:contact|enquiries|office)|contact\s*:)",
    re.I,
)
_CONTACT_LEAD = re.compile(
    r"^(?:for\s+(?:more|further)\s+information,?\s*(?:please\s+)?(?:contact|call|email)?:?|media\s+(?:contact|enquiries)\s*(?:to)?:?|"
    r"press\s+(?:contact|enquiries)\s*(?:to)?:?|contact\s*:)\s*",
    re.I,
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?:\b(?P<label>(?:office |direct |mobile |work )?(?:tel(?:ephone)?|phone|mobile|landline|switchboard|direct line|out of hours)\.?)\s*:?\s*)?"
    r"(?P<number>\+?\(?\d[\d ()-]{7,}\d)",
    re.I,
)
LEFTOVERS = (
    "top",
    "back to top",
    "return to top",
    "share",
    "share this page",
    "share this",
    "print",
    "print this page",
    "email this page",
    "related",
    "related links",
    "related articles",
    "read more",
    "next",
    "previous",
    "home",
)
_BYLINE = re.compile(r"^(?:posted|published|last updated|updated)\b.{0,80}$", re.I)
_SECTION = re.compile(r"^in\s+(?P<section>[A-Za-z][\w &'-]{0,30})$")
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_MARKUP = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])|\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass
class Draft:
    """One old page, read: the fields found, the body as Markdown, and what the writer should know."""

    title: str | None = None
    date: str | None = None  # 'YYYY-MM-DD'
    type: str = "blog"  # a guess: 'press-release' when the page has 'Ends' or a press contact
    summary: str | None = None  # only when the page gave one (HTML meta description)
    tags: list[str] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)
    notes_to_editors: str | None = None
    aliases: list[str] = field(default_factory=list)
    body: str = ""
    images: dict[str, str] = field(default_factory=dict)  # name beside the post -> address in the old page
    notes: list[str] = field(default_factory=list)  # guesses and what could not be mapped
    byline: Byline | None = None  # who signed the page, if it says


def plain(block: str) -> str:
    """A block's words without Markdown: links become their text, emphasis and escapes go."""
    return _MARKUP.sub(lambda m: m.group(1) or "", _LINK.sub(r"\1", block)).strip()


def find_date(text: str) -> tuple[str | None, str | None]:
    """The first full date in `text` as ('YYYY-MM-DD', as written), else (None, None)."""
    found = []
    for pattern in _DATES:
        match = pattern.search(text)
        if match and (iso := _iso(match)):
            found.append((match.start(), iso, match.group(0)))
    if not found:
        return None, None
    _, iso, written = min(found)
    return iso, written.strip()


def _iso(match: re.Match) -> str | None:
    month = match.group("month")
    number = (
        int(month)
        if month.isdigit()
        else next(i for i, name in enumerate(MONTHS, 1) if name.startswith(month.lower()[:3]))
    )
    try:
        return written_date(datetime(int(match.group("year")), number, int(match.group("day"))))
    except ValueError:  # 31 February: not a date, whatever the page says
        return None


def split_title(line: str) -> tuple[str, str | None, str | None]:
    """'Director's blog - 19 December 2024' -> ("Director's blog", '2024-12-19', '19 December 2024').

    A date that ends the line is taken; it leaves the title only when set apart by a dash, colon,
    comma, bar or brackets ('Results day 21 August 2025' keeps its words).
    """
    line = line.strip()
    for pattern in _DATES:
        for match in pattern.finditer(line):
            iso = _iso(match)
            if not iso or line[match.end() :].strip(" )]"):
                continue
            before = line[: match.start()]
            title = before.rstrip(" -–—|:,([")
            apart = title != before.rstrip() or before.rstrip().endswith(("(", "["))
            return (title if apart and title else line), iso, match.group(0)
    return line, None, None


def yearless_date(text: str) -> str | None:
    """A day and month without a year ('Monday 19th October'): worth telling the writer about."""
    match = _YEARLESS.search(text)
    return match.group(0) if match else None


def is_leftover(text: str) -> bool:
    """Page furniture of the old site: 'Top', 'Share this page', the section label 'in News'."""
    words = text.strip(" .:|>»›<«‹").lower()
    return words in LEFTOVERS or bool(_SECTION.match(text.strip()))


def section_label(text: str) -> str | None:
    match = _SECTION.match(text.strip())
    return match.group("section") if match else None


def shape(blocks: list[str], draft: Draft) -> list[str]:
    """Take the fields out of the page's blocks into `draft`; return the body's blocks."""
    body: list[str] = []
    tail: list[str] = []
    dropped: list[str] = []
    for block in blocks:
        words = plain(block)
        if not words:  # an image on its own, say: nothing to sort
            body.append(block)
        elif _BYLINE.match(words) and (found := find_date(words))[0]:
            dropped.append(words)
            draft.date = draft.date or found[0]
        elif is_leftover(words):
            dropped.append(words)
            section = section_label(words) or ""
            if re.search(r"news|press|media", section, re.I):
                draft.type = "press-release"
        elif match := _TAGS.match(words):
            draft.tags += [tag.strip() for tag in re.split(r"[,;|]", match.group("tags")) if tag.strip()]
        elif _ENDS.match(words):
            draft.type = "press-release"
            tail.append("")  # from here on, the tail
        elif tail or _CONTACT.match(words):
            tail.append(block)
        else:
            body.append(block)
    if dropped:
        draft.notes.append(
            "left out " + ", ".join(f"'{text}'" for text in dropped) + " (parts of the old page, not of the post)"
        )
    _read_tail([block for block in tail if block], draft)
    return body


def _read_tail(blocks: list[str], draft: Draft) -> None:
    """After 'Ends': the press contact, then notes to editors; whatever else, into the notes."""
    notes: list[str] = []
    in_notes = headed = False
    for block in blocks:
        words = plain(block)
        if _NOTES.match(words):
            in_notes = headed = True
        elif _CONTACT.match(words) or not in_notes and (_EMAIL.search(words) or _PHONE.search(words)):
            in_notes = False  # the contact block ends the notes; an email or phone line after it is its own
            _read_contact(words, draft)
        else:
            notes.append(block)
    if draft.contact:
        draft.type = "press-release"
    if notes:
        listed = all(LIST_ITEM.match(note) for note in notes)  # '1. ...' lines stay one list
        draft.notes_to_editors = ("\n" if listed else "\n\n").join(notes)
        if not headed:
            draft.notes.append("notes_to_editors: made from the text after 'Ends'; check that it belongs there")


def _read_contact(text: str, draft: Draft) -> None:
    contact = draft.contact
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        rest = line
        for email in _EMAIL.findall(line):
            if "email" not in contact:
                contact["email"] = email
            else:
                draft.notes.append(f"contact: a post has one contact email; not mapped: '{email}'")
            rest = rest.replace(email, " ")
        for match in _PHONE.finditer(rest):
            number = " ".join(match.group("number").split())
            if "phone" not in contact:
                contact["phone"] = number
            else:
                draft.notes.append(
                    f"contact: a post has one contact phone number; not mapped: '{match.group(0).strip()}'"
                )
        rest = _PHONE.sub(" ", rest)
        rest = re.sub(
            r"\b(?:e-?mail|tel(?:ephone)?|phone|mobile|on|at)\b\s*:?\s*$",
            "",
            _CONTACT_LEAD.sub("", rest.strip()),
            flags=re.I,
        )
        rest = re.sub(r"\s+", " ", rest).strip(" ,;:-–—")
        if not rest:
            continue
        if "name" not in contact:
            name, _, role = rest.partition(",")
            contact["name"] = name.strip()
            if role.strip():
                contact["role"] = role.strip()
        elif "role" not in contact:
            contact["role"] = rest
        else:
            draft.notes.append(f"contact: not mapped: '{rest}'")


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, for a summary the writer then improves."""
    words = " ".join(plain(text).split())
    match = re.match(r"(.+?[.!?])(?=\s+[A-Z“\"‘']|$)", words)
    return match.group(1) if match else words
