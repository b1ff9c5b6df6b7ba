"""Python-Markdown's inline pass with the same results, without trying patterns that cannot match.

The inline pass tries each pattern (code, links, HTML, emphasis...) on every piece of text, in
order. Most patterns find nothing, yet each try costs a call, and the code pattern's regex begins
with a lookbehind, so it is tried at every character: a third of the pass, for posts that have no
backtick. Here a pattern is tried only when the text holds a character every match of it needs
(NEEDS, for Python-Markdown's own patterns), or, for any other pattern, when its regex finds a match.
A pattern skipped would have found nothing, so the HTML is the same, byte for byte.

It replaces a private method of `markdown.treeprocessors.InlineProcessor`, and is the one module
that leans on Python-Markdown's private names. On a version other than the one it was written for,
or when another extension replaced the inline pass, it changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown import Extension, Markdown, inlinepatterns, treeprocessors, util

Test = Callable[[str, int], bool]

# A character that every match of each of Python-Markdown's own patterns contains, by its regex.
NEEDS = {
    inlinepatterns.BACKTICK_RE: "`",
    inlinepatterns.ESCAPE_RE: "\\",
    inlinepatterns.LINK_RE: "[",  # REFERENCE_RE is the same
    inlinepatterns.IMAGE_LINK_RE: "![",  # IMAGE_REFERENCE_RE is the same
    inlinepatterns.AUTOLINK_RE: "<",
    inlinepatterns.AUTOMAIL_RE: "<",
    inlinepatterns.LINE_BREAK_RE: "  \n",
    inlinepatterns.HTML_RE: "<",
    inlinepatterns.ENTITY_RE: "&",
}
WRITTEN_FOR = (3, 11)  # Python-Markdown's version: its inline pass may change in another
AVAILABLE = markdown.__version_info__[:2] == WRITTEN_FOR and all(
    hasattr(treeprocessors.InlineProcessor, f"_InlineProcessor__{name}") for name in ("handleInline", "applyPattern")
)


def _test(pattern: object) -> Test | None:
    """A quick test of whether `pattern` could match in (text, start): None means always try it."""
    if not isinstance(pattern, inlinepatterns.InlineProcessor):
        return None  # an old-style pattern matches from `start` in its own way
    regex = pattern.getCompiledRegExp()
    needed = NEEDS.get(regex.pattern)
    if needed is not None:
        return lambda text, start: needed in text
    search = regex.search
    return lambda text, start: search(text, start) is not None


class QuickInlineProcessor(treeprocessors.InlineProcessor):
    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        self._tests = [(pattern, _test(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """The original loop (treeprocessors.py), with a pattern that cannot match skipped as it
        would have been after trying it: on to the next pattern, from the start of the text."""
        if isinstance(data, util.AtomicString):
            return data
        start, tests = 0, self._tests
        apply = getattr(self, "_InlineProcessor__applyPattern")  # noqa: B009 (a name-mangled private)
        while patternIndex < len(tests):
            pattern, test = tests[patternIndex]
            if test is not None and not test(data, start):
                matched, start = False, 0
            else:
                data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


NAME = __name__  # as a name in markdown_extensions


class QuickInlineExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        """In place of Python-Markdown's own inline pass, unless another extension replaced that."""
        if AVAILABLE and type(md.treeprocessors["inline"]) is treeprocessors.InlineProcessor:
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs: Any) -> QuickInlineExtension:  # noqa: N802 (Python-Markdown's name)
    return QuickInlineExtension(**kwargs)
