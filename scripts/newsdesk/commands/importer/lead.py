"""A summary the page does not repeat. A press release's page shows its summary above the body,
as the lead paragraph, so a summary that is also the body's first words would be read twice.

Pure: the summary and the body's blocks in, the summary and blocks to write out.
"""

from __future__ import annotations

import re

from .shape import first_sentence, plain

_ELLIPSIS = re.compile(r"\s*(?:\.\.\.+|…)$")


def _words(text: str) -> str:
    return " ".join(plain(text).split())


def _is_paragraph(block: str) -> bool:
    """Text a reader reads as the opening: not a heading, a picture on its own, a list or a quote."""
    return bool(_words(block)) and not re.match(r"^(?:#|!\[|>|\s*(?:[-*•]|\d+[.)])\s)", block)


def without_repeat(summary: str | None, blocks: list[str]) -> tuple[str | None, list[str], str | None]:
    """(summary, blocks, note). Without a summary (or with one the old site cut short, '...'), the
    first sentence is the summary. A summary that is all of the first paragraph takes it out of the
    body; one that is its start leaves the rest of the paragraph. `note` says so, or is None."""
    index = next((n for n, block in enumerate(blocks) if _is_paragraph(block)), None)
    if index is None:
        return summary, blocks, None
    block = blocks[index]
    opening = _words(block)
    made = summary is None or (_ELLIPSIS.search(summary) is not None and opening.startswith(_cut(summary)))
    if made:
        summary = first_sentence(block)
    said = _cut(summary or "")
    if not said or not opening.startswith(said):
        return summary, blocks, None
    rest = None if opening == said else _after(block, said)
    if rest is None:  # all of the paragraph, or a summary that stops inside a link or a word
        made = made or opening != said  # a page's summary that stops mid-word or mid-link: the paragraph
        summary = opening if made else summary
        blocks, what, words = blocks[:index] + blocks[index + 1 :], "first paragraph", "that paragraph"
    else:
        blocks, what, words = blocks[:index] + [rest] + blocks[index + 1 :], "first sentence", "those words"
    told = f"the post's {what}" if made else "the page's summary"
    advice = "rewrite it as one or two sentences of your own, and if you do, " if made else "if you rewrite it, "
    return (
        summary,
        blocks,
        f"summary: {told}, which the page shows above the body, so it is not repeated there; "
        f"{advice}put {words} back at the start of the body",
    )


def _cut(summary: str) -> str:
    return " ".join(_ELLIPSIS.sub("", summary).split())


def _after(block: str, said: str) -> str | None:
    """The rest of a Markdown paragraph after the words `said`, cut between two words; None if no
    such cut gives exactly those words (the summary ends inside a link or a word)."""
    for match in re.finditer(r"\s+", block):
        head = _words(block[: match.start()])
        if head == said:
            return block[match.end() :]
        if len(head) > len(said):
            break
    return None
