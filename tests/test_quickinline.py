"""The quicker inline pass (core/text/quickinline.py) makes the HTML Python-Markdown makes, byte for
byte, on awkward Markdown and random mixes of every inline syntax; skips only what cannot match; and
is what a build uses."""

from __future__ import annotations

import random
import re

import markdown
import pytest
from markdown import inlinepatterns, treeprocessors
from mkdocs.commands.build import build
from mkdocs.config import load_config

from newsdesk.core.text import quickinline
from newsdesk.core.text.quickinline import NEEDS, QuickInlineProcessor
from samehtml import converted, random_mixes
from sitekit import BLOG, FROZEN_NOW, make_site

EXTENSIONS = (
    [],
    ["toc", "attr_list", "admonition", "tables", "md_in_html"],  # the repository's mkdocs.yml
    ["toc", "attr_list", "md_in_html", "footnotes", "def_list", "abbr", "nl2br", "sane_lists", "legacy_em"],
)

AWKWARD = [
    "Plain words, nothing else.",
    "Code `x = 1` and ``a ` b`` and \\`not code\\` and a lone ` backtick.",
    "An escaped \\*star\\*, a \\\\ backslash and \\[not a link].",
    "[a link](https://example.org/?a=1&b=2 'title') and [ref][r] and [r] and ![pic](p.png) ![ref][r].\n\n[r]: /x",
    "<https://example.org/a> and <office@example.gov.uk> and <b>bold</b> <!-- a comment --> <?php x ?>",
    "Ampersands & entities: &amp; &#169; &#xA9; &nbsp;; a & b; AT&T.",
    "Line one  \nline two with a break, and a trailing space \nnot a break.",
    "*em* **strong** ***both*** _em_ __strong__ * not * _ not _ snake_case_word 2*3*4.",
    "Nested **bold with `code` and [link *em*](u)** and *em with <i>html</i>*.",
    "Placeholder look-alikes \x02klzzwxh:0000\x03 and \x02wzxhzdk:1\x03 in the text.",
    "Arabic مدرسة, Chinese 学校, Gurmukhi ਸਕੂਲ, emoji 🎓, zero\u200bwidth, RTL \u202emark.",
    "# Heading with `code` {#id .class}\n\n| a | `b` |\n|---|---|\n| [c](d) | *e* |",
    '<div markdown="1">\n*inside* `html` [link](x)\n</div>',
    '!!! note "Title `code`"\n    An *admonition* with [a link](y).',
    "Term\n:   Definition with `code`[^1].\n\n[^1]: A *footnote*.\n\n*[HTML]: Hyper Text",
    "<script>alert('x')</script> and <img src=x onerror=alert(1)> and javascript:alert(1)",
    "Unclosed [bracket and (paren and <angle and `tick and *star and _under and &amp",
    "",
]

PIECES = [
    "`",
    "``",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "![",
    "<",
    ">",
    "&",
    ";",
    "*",
    "_",
    "**",
    "  \n",
    "\n",
    "\n\n",
    " ",
    "a",
    "word",
    "https://x.org",
    "@",
    "#",
    "=",
    '"',
    "'",
    "!",
    ":",
    "-",
    "\x02",
    "\x03",
    "é",
    "学",
    "1",
]


def convert(text: str, extensions: list, quick: bool) -> str:
    return converted(text, extensions, quickinline.NAME if quick else None)


@pytest.mark.parametrize("extensions", EXTENSIONS, ids=["none", "site", "many"])
def test_the_same_html_on_awkward_markdown(extensions):
    for text in AWKWARD:
        assert convert(text, extensions, True) == convert(text, extensions, False), text


@pytest.mark.parametrize("extensions", EXTENSIONS, ids=["none", "site", "many"])
def test_the_same_html_on_random_mixes_of_inline_syntax(extensions):
    for text in random_mixes(PIECES, 400, 60):
        assert convert(text, extensions, True) == convert(text, extensions, False), repr(text)


def test_every_needed_text_is_in_every_match():
    """A pattern is skipped when its needed text is absent: on random text without it, its regex
    never matches (while with it, it does match somewhere)."""
    rng = random.Random(7)
    alphabet = [c for piece in PIECES for c in piece] + list("abcxyz:/.@ \t")
    for regex, needed in NEEDS.items():
        compiled = re.compile(regex, re.DOTALL | re.UNICODE)
        without = [c for c in alphabet if c not in needed]
        for _ in range(3000):
            text = "".join(rng.choice(without) for _ in range(rng.randint(0, 40)))
            if needed in text:  # two allowed characters can still make a needed text of two ("![")
                continue
            assert compiled.search(text) is None, (regex, text)
        examples = {
            "`": "a `b`",
            "\\": "\\*",
            "[": "[a](b)",
            "![": "![a](b)",
            "<": "<b> <a@b.c> <http://x>",
            "  \n": "a  \nb",
            "&": "&amp;",
        }
        assert compiled.search(examples[needed]), regex


def test_the_needs_cover_python_markdowns_own_patterns():
    """Each built-in pattern is in NEEDS, or is emphasis, whose regex search is quick on its own."""
    md = markdown.Markdown()
    for pattern in md.inlinePatterns:
        regex = pattern.getCompiledRegExp().pattern
        assert regex in NEEDS or isinstance(pattern, inlinepatterns.DelimiterProcessor), regex


def test_a_pattern_that_cannot_match_is_not_tried(monkeypatch):
    tried: list[str] = []
    apply = treeprocessors.InlineProcessor._InlineProcessor__applyPattern

    def counting(self, pattern, data, index, start=0):
        tried.append(type(pattern).__name__)
        return apply(self, pattern, data, index, start)

    monkeypatch.setattr(treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern", counting)
    text = "A paragraph of plain words, *one* of them emphasised."
    md = markdown.Markdown(extensions=[quickinline.NAME])
    assert isinstance(md.treeprocessors["inline"], QuickInlineProcessor)
    md.convert(text)
    assert "BacktickInlineProcessor" not in tried and "LinkInlineProcessor" not in tried
    assert "DelimiterProcessor" in tried
    plain = len(tried)
    tried.clear()
    markdown.Markdown().convert(text)
    assert "BacktickInlineProcessor" in tried and len(tried) > plain


def test_written_for_the_installed_python_markdown():
    """The pinned Python-Markdown is the one the quicker pass was written for: were the pin moved
    on, the build would still be right, only slower, and this says so."""
    assert quickinline.AVAILABLE, f"quickinline.py was written for Python-Markdown {quickinline.WRITTEN_FOR}"


def test_another_extensions_inline_pass_is_left_alone():
    class Own(treeprocessors.InlineProcessor):
        pass

    class OwnExtension(markdown.Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Own(md), "inline", 20)

    md = markdown.Markdown(extensions=[OwnExtension(), quickinline.NAME])
    assert type(md.treeprocessors["inline"]) is Own


def test_a_build_converts_with_it(tmp_path, monkeypatch):
    runs: list[int] = []
    run = QuickInlineProcessor.run
    monkeypatch.setattr(QuickInlineProcessor, "run", lambda self, *a, **k: runs.append(1) or run(self, *a, **k))
    monkeypatch.setenv("NEWSDESK_NOW", FROZEN_NOW)
    post = BLOG.replace("late arrivals have halved", "late arrivals have *halved*")
    config_file = make_site(tmp_path / "site", {"2025/2025-03-04-walking-buses.md": post}, options={"workers": 1})
    config = load_config(str(config_file), site_dir=str(tmp_path / "out"))
    build(config)
    assert quickinline.NAME in config.markdown_extensions
    assert runs, "no page was converted by the quicker inline pass"
    page = next((tmp_path / "out/blog").glob("2025/*/*/index.html"))
    assert "<em>halved</em>" in page.read_text("utf-8")
