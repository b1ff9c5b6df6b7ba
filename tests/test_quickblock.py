"""The quicker block pass (core/text/quickblock.py) makes the HTML Python-Markdown makes, byte for
byte, on awkward Markdown and random mixes of every block syntax; skips only tests that cannot
pass; and is what a build uses."""

from __future__ import annotations

import random
import re

import markdown
import pytest
from markdown import blockparser, blockprocessors
from mkdocs.commands.build import build
from mkdocs.config import load_config

from newsdesk.core.text import quickblock, quickinline
from newsdesk.core.text.quickblock import NEEDS, QuickBlockParser
from samehtml import converted, random_mixes
from sitekit import BLOG, FROZEN_NOW, make_site

EXTENSIONS = (
    [],
    ["toc", "attr_list", "admonition", "tables", "md_in_html"],  # the repository's mkdocs.yml
    ["toc", "admonition", "tables", "md_in_html", "footnotes", "def_list", "abbr", "sane_lists", "fenced_code"],
)

AWKWARD = [
    "One paragraph.\n\nAnother, with a hyphen-ated word and 3 * 4 = 12.",
    "# One\n## Two ##\n####### seven is not a heading\n#not a heading either\n\\# escaped",
    "Setext one\n==========\n\nSetext two\n---\n\nA line\n- a list, not a heading",
    "Words\n\n---\n***\n___\n- - -\n* * *\n--\n**bold** not a rule",
    "> A quote\n> > nested\nlazy line\n\n>not spaced\n    > indented code, not a quote",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n\na | b\n--|--\n1 | 2\n\n|one|\n|---|\n|col|\n\nno | table\nhere",
    '!!! note "Title"\n    Body *one*.\n\n    Body two, still inside.\n\nOutside.\n\n!!! warning\n\n    Also inside.',
    "!!! danger custom\n    Indented\n\n        deeper code\n\n!!!not an admonition\n!!!",
    "[ref]: https://example.org 'Title'\n[Other]: <https://x.org>\n\nUse [ref] and [other][Other].\n\n[late]: /late",
    'Text [not]: a reference\n\n  [indented]: /ok "T"\nafter',
    "1. one\n2. two\n\n    indented para\n\n3. three\n\n- a\n    - b\n        - c\n\n* star\n+ plus",
    "    code block\n    # not a heading\n\n\tA tab-indented code block",
    '<div markdown="1">\n# Inside html\n> quote\n\n| a | b |\n|---|---|\n</div>\n\n<p>raw</p>',
    "Term\n:   Definition\n\n[^1]: A footnote\n    continued\n\nText[^1].\n\n*[HTML]: Hyper Text",
    "```\n# fenced\n> not a quote\n```\n\n~~~python\n| x |\n~~~",
    "Arabic مدرسة\n=\n\nChinese 学校\n-\n\n# Gurmukhi ਸਕੂਲ 🎓",
    "\n\n\n   \n\t\n",
    "",
]

PIECES = [
    "#",
    "##",
    " ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    ">",
    "> ",
    "-",
    "---",
    "=",
    "===",
    "*",
    "***",
    "_",
    "|",
    "|---|",
    ":",
    "!!!",
    "!!! note",
    '"',
    "[",
    "]",
    "]:",
    "[a]: /x",
    "1.",
    "+",
    "```",
    "<div>",
    "</div>",
    'markdown="1"',
    "a",
    "word",
    "é",
    "学",
]


def convert(text: str, extensions: list, quick: bool) -> str:
    return converted(text, extensions, quickblock.NAME if quick else None)


@pytest.mark.parametrize("extensions", EXTENSIONS, ids=["none", "site", "many"])
def test_the_same_html_on_awkward_markdown(extensions):
    for text in AWKWARD:
        assert convert(text, extensions, True) == convert(text, extensions, False), text


@pytest.mark.parametrize("extensions", EXTENSIONS, ids=["none", "site", "many"])
def test_the_same_html_on_random_mixes_of_block_syntax(extensions):
    for text in random_mixes(PIECES, 600, 80):
        assert convert(text, extensions, True) == convert(text, extensions, False), repr(text)


def test_one_instance_gives_the_same_html_page_after_page():
    """As a build's worker uses it: one instance, reset between pages, quick tests kept."""
    quick = markdown.Markdown(extensions=[*EXTENSIONS[1], quickblock.NAME])
    for text in AWKWARD * 2:
        quick.reset()
        assert quick.convert(text) == convert(text, EXTENSIONS[1], False), text


def test_every_needed_text_is_in_every_match():
    """A test is skipped when none of its needed texts is in the block: on random blocks without
    them, its regex never matches (while with one, it does match)."""
    rng = random.Random(7)
    alphabet = [c for piece in PIECES for c in piece] + list("abcxyz/.@ \t\n")
    examples = {"#": "# a", ">": "> a", "\n=": "a\n===", "-": "---", "]:": "[a]: /b"}
    for (kind, regex), needed in NEEDS.items():
        compiled = re.compile(regex, re.MULTILINE)
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            if any(piece in text for piece in needed):
                continue
            assert compiled.search(text) is None, (kind.__name__, text)
        assert compiled.search(examples[needed[0]]), kind.__name__


def test_the_needs_are_python_markdowns_own_regexes():
    """Each entry names a processor of this Python-Markdown by its regex: one that changed would
    simply not be quick."""
    md = markdown.Markdown()
    found = {
        (type(p), getattr(p, "SEARCH_RE", getattr(p, "RE", None)).pattern)
        for p in md.parser.blockprocessors
        if hasattr(p, "RE")
    }
    assert set(NEEDS) <= found


def test_a_test_that_cannot_pass_is_not_run(monkeypatch):
    tested: list[str] = []
    for kind in (blockprocessors.HashHeaderProcessor, blockprocessors.BlockQuoteProcessor):
        test = kind.test
        monkeypatch.setattr(
            kind, "test", lambda self, parent, block, test=test: tested.append(block) or test(self, parent, block)
        )
    text = "A paragraph of plain words.\n\n# A heading\n\n> a quote"
    md = markdown.Markdown(extensions=[quickblock.NAME])
    assert isinstance(md.parser, QuickBlockParser)
    md.convert(text)
    assert "A paragraph of plain words." not in tested
    assert "# A heading" in tested and "> a quote" in tested
    tested.clear()
    markdown.Markdown().convert(text)
    assert "A paragraph of plain words." in tested


def test_written_for_the_installed_python_markdown():
    assert quickblock.AVAILABLE, f"quickblock.py was written for Python-Markdown {quickinline.WRITTEN_FOR}"


def test_another_extensions_block_parser_is_left_alone():
    class Own(blockparser.BlockParser):
        pass

    class OwnExtension(markdown.Extension):
        def extendMarkdown(self, md):
            md.parser.__class__ = Own

    md = markdown.Markdown(extensions=[OwnExtension(), quickblock.NAME])
    assert type(md.parser) is Own


def test_a_build_converts_with_it(tmp_path, monkeypatch):
    runs: list[int] = []
    parse = QuickBlockParser.parseBlocks
    monkeypatch.setattr(QuickBlockParser, "parseBlocks", lambda self, *a: runs.append(1) or parse(self, *a))
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    post = BLOG.replace("late arrivals have halved", "late arrivals have halved\n\n## What changed")
    config_file = make_site(tmp_path / "site", {"2025/2025-03-04-walking-buses.md": post}, options={"workers": 1})
    config = load_config(str(config_file), site_dir=str(tmp_path / "out"))
    build(config)
    assert quickblock.NAME in config.markdown_extensions
    assert runs, "no page was converted by the quicker block pass"
    page = next((tmp_path / "out/blog").glob("2025/*/*/index.html"))
    assert re.search(r"<h2 id=\"what-changed\">What changed", page.read_text("utf-8"))
