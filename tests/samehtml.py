"""Python-Markdown with and without one of the quick passes (core/text/quickinline.py,
quickblock.py): the same HTML, byte for byte, is what their tests hold them to."""

from __future__ import annotations

import random

import markdown


def converted(text: str, extensions: list, quick: str | None = None) -> str:
    """`text` in HTML by a fresh Python-Markdown with `extensions`, and the quick pass `quick` if given."""
    return markdown.Markdown(extensions=[*extensions, *([quick] if quick else [])]).convert(text)


def random_mixes(pieces: list[str], count: int, longest: int, seed: int = 20261207) -> list[str]:
    """`count` texts of 1 to `longest` pieces each, drawn from `pieces`: the same ones every run."""
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, longest))) for _ in range(count)]
