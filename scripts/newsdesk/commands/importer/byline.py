"""Who signed an old page: a signature at its end ("Sam Example - Director of Schools"), a "By Sam
Example" line at its start, or a title that names them ("Sam Example's blog"). Pure: the title and
the body's Markdown blocks in, a Byline out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .shape import plain

TITLES = ("dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "cllr", "councillor", "sir", "dame", "rev")
_TITLE = r"(?:(?:" + "|".join(t.capitalize() for t in TITLES) + r")\.?\s+)"
# Two to four capitalised words: 'Sam Example', 'Dr Jo de Souza' is beyond us, 'Mary-Jane O'Neill' is not.
_WORD = r"[A-Z][a-zà-ÿ'’]*(?:-[A-Z][a-zà-ÿ'’]*)?\.?"
_NOT_NAMES = r"(?!(?:The|A|An|Our|My|Your|This|That|Its|Their|Every|All|Some|Best|Kind|With|Many|Warm)\b)"
NAME = rf"{_NOT_NAMES}{_TITLE}?{_WORD}(?:\s+{_WORD}){{1,3}}"
_ROLE = r"(?P<role>[A-Z][^.!?\n]{2,80}?)"
_SIGNATURE = re.compile(rf"^(?P<name>{NAME})\s*(?:[-–—|,]|\s-\s)\s*{_ROLE}\.?$")
_BY = re.compile(rf"^(?i:written\s+by|posted\s+by|by|author)\s*:?\s+(?P<name>{NAME})(?:\s*[-–—|,]\s*{_ROLE})?\.?$")
_OWN = re.compile(
    rf"^(?P<name>{NAME})['’]s?\s+(?:blog\s*post|blogpost|blog|letter|update|column|message|diary|bulletin|news)\b"
)
_SIGNATURE_AT_END = 3  # a signature is among the last blocks: a sign-off such as 'Sam' may follow it
_SIGN_OFF_WORDS = 4  # 'Sam', 'Best wishes', 'With thanks': short lines that may stand beside a signature


@dataclass(frozen=True)
class Byline:
    name: str  # 'Sam Example'
    role: str | None  # 'Director of Schools and Employability', when the page gives it
    written: str  # the line as the page has it, for the messages
    block: str | None = None  # the body's block it came from, taken out if it becomes the byline
    found: str = "the signature"  # where: 'the signature', 'the byline', 'the title' ...


def _text(block: str) -> str:
    return " ".join(plain(re.sub(r"^#+\s+", "", block)).split())


def find_byline(title: str | None, blocks: list[str], recorded: str | None = None) -> Byline | None:
    """The signature at the end, else a 'By ...' line among the first blocks or the last, else the
    author the page `recorded` (an HTML page's byline or author meta), else a title naming its
    writer ("Sam Example's blog"); None when the page names nobody."""
    for block in reversed(blocks[-_SIGNATURE_AT_END:]):
        text = _text(block)
        if (match := _SIGNATURE.match(text)) and not _BY.match(text) and not block.startswith("#"):
            return Byline(match.group("name"), match.group("role").strip(), text, block)
        if len(text.split()) > _SIGN_OFF_WORDS:  # text of the post: the signature comes after it
            break
    for block in blocks[:3] + blocks[-1:]:
        text = _text(block)
        if match := _BY.match(text):
            role = match.group("role")
            return Byline(match.group("name"), role.strip() if role else None, text, block, "the byline")
    if recorded and (match := _BY.match(recorded) or re.match(rf"^(?P<name>{NAME})$", recorded)):
        return Byline(match.group("name"), None, recorded, found="the page's author")
    if title and (match := _OWN.match(title.strip())):
        return Byline(match.group("name"), None, title.strip(), found="the title")
    return None
