"""A page of the old site saved as plain text -> a Draft. Pure: text in, fields and Markdown out.

The shape: a title line (perhaps with the date), then paragraphs, one a line or separated by blank
lines; section headings are short bare lines; a press release ends with "Ends", a contact block
and a "Tags:" line; and leftovers of the old page ("Top", "in News") are dropped.
"""

from __future__ import annotations

import re

from .byline import find_byline
from .shape import LIST_ITEM, Draft, find_date, shape, split_title, yearless_date

HEADING_WORDS = 12
HEADING_LENGTH = 80
_SENTENCE_END = re.compile(r"(?:[.!?,;:)]|[.!?,][\"”’'])$")  # a closing quote ends a sentence only after . ! ? or ,
_ELLIPSIS = re.compile(r"(?:\.\.+|…)$")
_NOT_HEADING = re.compile(r"^(?:dear|hello|hi|good (?:morning|afternoon|evening))\b|^[-*•]\s|^\d+[.)]\s", re.I)
_LINE_START = re.compile(r"^(\s*)(#|>|-+$)")


def read_text(text: str) -> Draft:
    lines = [line.rstrip() for line in text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    draft = Draft()
    if not lines:
        return draft
    draft.title, draft.date, written = split_title(lines[0])
    paragraphs = _paragraphs(lines[1:])
    body = shape(paragraphs, draft)
    if draft.date is None:
        draft.date, written = find_date("\n".join(body))
        if draft.date:
            draft.notes.append(f"date: {draft.date}, from '{written}' in the text; check it is the day of publication")
        elif partial := yearless_date("\n".join(body)):
            draft.notes.append(
                f"date: the text says '{partial}' but not the year; give the date with --date YYYY-MM-DD"
            )
    blocks = [_markdown(paragraph, _is_heading(body, index)) for index, paragraph in enumerate(body)]
    draft.byline = find_byline(draft.title, blocks)
    draft.body = "\n\n".join(blocks)
    return draft


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; so does each new line, unless it plainly continues the last."""
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if not line.strip():
            joinable = False
            continue
        if joinable and _continues(paragraphs[-1], line):
            paragraphs[-1] += " " + line.strip()
        else:
            paragraphs.append(line.strip())
        joinable = True
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    """A line wrapped by the old site: a long line cut mid-sentence, the next starting in lower case."""
    last = previous.rsplit("\n", 1)[-1]
    return (
        len(last) >= 50
        and not _SENTENCE_END.search(last)
        and not LIST_ITEM.match(line)
        and "@" not in line.split()[0]
        and (line.strip()[:1].islower() or last.endswith((",", "-", "–", "—")))
    )


def _heading_like(paragraph: str) -> bool:
    return (
        len(paragraph) <= HEADING_LENGTH
        and len(paragraph.split()) <= HEADING_WORDS
        and (not _SENTENCE_END.search(paragraph) or bool(_ELLIPSIS.search(paragraph)))
        and (paragraph[:1].isupper() or paragraph[:1].isdigit() or paragraph[:1] in "‘“'\"")
        and not _NOT_HEADING.match(paragraph)
    )


def _is_heading(paragraphs: list[str], index: int) -> bool:
    """A short bare line followed by ordinary text; the last lines (a signature) never are."""
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return _heading_like(paragraphs[index]) and following is not None and not _heading_like(following)


def _markdown(paragraph: str, heading: bool) -> str:
    text = escape(paragraph)
    return f"## {text.rstrip('.… ')}" if heading else text


def escape(text: str) -> str:
    """Plain text that Markdown shows as written: no accidental emphasis, links, code or headings."""
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
