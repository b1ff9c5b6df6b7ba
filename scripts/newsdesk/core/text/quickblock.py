"""Python-Markdown's block pass with the same results, without trying tests that cannot pass.

The block parser offers each block (a paragraph, say) to every block processor in turn, and each
one's test is a regex search of the whole block: for a paragraph, six searches that find nothing
before the paragraph processor takes it. Here a processor's test runs only when the block holds
text that every match of its regex needs (NEEDS, for Python-Markdown's own processors, by class and
regex); for any other processor, always. A test skipped would have failed, so the HTML is the same,
byte for byte (tests/test_quickblock.py holds it to Python-Markdown's own).

Like quickinline.py, it is written for one version of Python-Markdown, and changes nothing on another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown import Extension, Markdown, blockparser, blockprocessors
from markdown.extensions import admonition, tables

from .quickinline import WRITTEN_FOR

Test = Callable[[Element, str], bool]

# What every match of each processor's regex contains (any one of the texts), by class and regex.
NEEDS: dict[tuple[type, str], tuple[str, ...]] = {
    (blockprocessors.HashHeaderProcessor, blockprocessors.HashHeaderProcessor.RE.pattern): ("#",),
    (blockprocessors.BlockQuoteProcessor, blockprocessors.BlockQuoteProcessor.RE.pattern): (">",),
    (blockprocessors.SetextHeaderProcessor, blockprocessors.SetextHeaderProcessor.RE.pattern): ("\n=", "\n-"),
    (blockprocessors.HRProcessor, blockprocessors.HRProcessor.SEARCH_RE.pattern): ("-", "_", "*"),
    # Its test always passes; its run gives the block back (False) when the regex finds nothing.
    (blockprocessors.ReferenceProcessor, blockprocessors.ReferenceProcessor.RE.pattern): ("]:",),
}
ADMONITION = r'(?:^|\n)!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *(?:\n|$)'
AVAILABLE = markdown.__version_info__[:2] == WRITTEN_FOR


def _test(processor: blockprocessors.BlockProcessor) -> Test | None:
    """A test that gives what `processor.test` gives, without its search when it cannot match;
    None to call `processor.test` itself."""
    kind = type(processor)
    pattern = getattr(getattr(processor, "SEARCH_RE", getattr(processor, "RE", None)), "pattern", None)
    needed = NEEDS.get((kind, pattern)) if isinstance(pattern, str) else None
    if needed is not None:
        return lambda parent, block: any(text in block for text in needed) and processor.test(parent, block)
    if kind is tables.TableProcessor:  # a table's first row has a '|': without one, no columns, no border
        return lambda parent, block: "|" in block and processor.test(parent, block)
    if type(processor) is admonition.AdmonitionProcessor:  # exactly: a subclass may test otherwise
        if pattern != ADMONITION:
            return None
        # Its test: a '!!!' line, or a block that continues the admonition before it.
        search, parse = processor.RE.search, processor.parse_content
        return lambda parent, block: ("!!!" in block and bool(search(block))) or parse(parent, block)[0] is not None
    return None


class QuickBlockParser(blockparser.BlockParser):
    def parseBlocks(self, parent: Element, blocks: list[str]) -> None:  # noqa: N802 (Python-Markdown's name)
        """The original loop (blockparser.py), with a test that cannot pass skipped."""
        tests: dict[blockprocessors.BlockProcessor, Test] = self.__dict__.setdefault("_quick_tests", {})
        while blocks:
            for processor in self.blockprocessors:
                try:
                    test = tests[processor]
                except KeyError:  # a processor not seen before: its quick test, or its own
                    test = tests[processor] = _test(processor) or processor.test
                if test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break  # run returns True or None


NAME = __name__  # as a name in markdown_extensions


class QuickBlockExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        """In place of Python-Markdown's own block parser, unless another extension replaced that."""
        if AVAILABLE and type(md.parser) is blockparser.BlockParser:
            md.parser.__class__ = QuickBlockParser


def makeExtension(**kwargs: Any) -> QuickBlockExtension:  # noqa: N802 (Python-Markdown's name)
    return QuickBlockExtension(**kwargs)
