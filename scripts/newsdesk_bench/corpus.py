"""Deterministic benchmark corpus: invented posts of a city education department, in three layouts.

Every post comes from its own seeded generator (seed, index), so a corpus of 100 posts is the first
100 posts of a corpus of 3,000, and the same seed always gives byte-identical files. The prose is
made up here from word lists; none of it comes from real pages.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .vocabulary import (
    AREAS,
    AWARDS,
    BULLETS,
    DAYS,
    FACILITIES,
    GROUPS,
    HEADINGS,
    KINDS,
    MONTHS,
    PROGRAMMES,
    QUOTES,
    SENTENCES,
    STEPS,
    SUBJECTS,
    TAILS,
    TITLES,
    TOPICS,
    VERBS,
)

SITE_URL = "https://news.example.org/"
SITE_NAME = "City Education News"

TAGS = [
    "Admissions",
    "Term dates",
    "Special educational needs",
    "Free school meals",
    "Early years",
    "School transport",
    "Exam results",
    "Teacher recruitment",
    "School buildings",
    "Attendance",
    "Safeguarding",
    "Adult learning",
    "Apprenticeships",
    "Libraries",
    "Youth services",
    "Holiday activities",
    "Healthy eating",
    "Mental health",
    "Digital skills",
    "Languages",
    "Music education",
    "Sport",
    "Climate action",
    "School streets",
    "Budget",
    "Consultations",
    "Governors",
    "Inspections",
    "Careers",
    "Further education",
    "Childcare",
    "Parent forums",
    "Reading",
    "Maths",
    "Science",
    "Arts",
    "Bullying",
    "Inclusion",
    "Awards",
    "Volunteering",
]
AUTHORS = {
    "amara-osei": ("Amara Osei", "Director of Education"),
    "tom-reilly": ("Tom Reilly", "Head of School Admissions"),
    "priya-nair": ("Priya Nair", "Cabinet Member for Children and Schools"),
    "gwen-morgan": ("Gwen Morgan", "Early Years Lead"),
    "daniel-kowalski": ("Daniel Kowalski", "Skills and Adult Learning Manager"),
    "ruth-adeyemi": ("Ruth Adeyemi", "Principal Educational Psychologist"),
    "sam-whitfield": ("Sam Whitfield", "Youth Services Coordinator"),
    "lena-fischer": ("Lena Fischer", "Communications Officer"),
}
DEFAULT_AUTHOR = "lena-fischer"


@dataclass
class Post:
    """One generated post, independent of any tool's layout."""

    index: int
    title: str
    slug: str
    date: datetime
    has_time: bool
    type: str  # "blog" or "press-release"
    tags: list[str]
    author: str | None
    summary: str | None
    body: str
    updated: datetime | None = None
    contact: dict[str, str] | None = None
    notes: str | None = None

    @property
    def stem(self) -> str:
        return f"{self.date:%Y-%m-%d}-{self.slug}"

    @property
    def category(self) -> str:
        return "Blog" if self.type == "blog" else "Press release"


def slugify(text: str) -> str:
    """Lower-case ASCII slug; the corpus only uses names whose slug every tool agrees on."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Filler:
    """Fills a template's slots from one post's own generator, drawing only the slots it uses."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def __call__(self, template: str) -> str:
        return template.format_map(_Slots(self.r))


class _Slots(dict):
    """Slot values drawn on first use; a capitalised name gives the value with a capital letter."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.r = rng

    def __missing__(self, key: str) -> str:
        name = key.lower()
        if name not in self:
            self[name] = self._draw(name)
        value = str(self[name])
        return value[:1].upper() + value[1:] if key[:1].isupper() else value

    def _draw(self, name: str) -> object:
        r = self.r
        simple = {
            "area": AREAS,
            "prog": PROGRAMMES,
            "group": GROUPS,
            "topic": TOPICS,
            "month": MONTHS,
            "day": DAYS,
            "subj": SUBJECTS,
            "verb": VERBS,
            "facility": FACILITIES,
            "award": AWARDS,
            "season": ["term", "year", "summer", "spring"],
        }
        if name in simple:
            return r.choice(simple[name])
        if name == "area2":
            return r.choice([a for a in AREAS if a != self["area"]])
        if name == "school":
            return f"{r.choice(AREAS)} {r.choice(KINDS)}"
        if name == "url":
            return f"https://www.example.org/education/{slugify(r.choice(TOPICS))}"
        if name == "money":
            return r.choice([f"£{r.randint(12, 95)},000", f"£{r.randint(1, 9)}.{r.randint(1, 9)} million"])
        if name == "y":
            return r.randint(2012, 2025)
        if name == "y1":
            return int(self["y"]) + 1
        low, high = {"d": (1, 28), "n": (2, 60), "pct": (3, 40), "miles": (2, 3)}[name]
        return r.randint(low, high)


def _paragraph(fill: _Filler, low: int, high: int) -> str:
    return " ".join(fill(fill.r.choice(SENTENCES)) for _ in range(fill.r.randint(low, high)))


def _body(fill: _Filler, target: int) -> str:
    r = fill.r
    parts = [_paragraph(fill, 2, 4), "<!-- more -->"]
    while sum(len(p) + 2 for p in parts) < target:
        parts.append("## " + fill(r.choice(HEADINGS)))
        for _ in range(r.randint(1, 3)):
            parts.append(_paragraph(fill, 3, 6))
        roll = r.random()
        if roll < 0.35:
            parts.append("\n".join("- " + fill(b) for b in r.sample(BULLETS, r.randint(3, 6))))
        elif roll < 0.5:
            parts.append("\n".join(f"{i}. {fill(s)}" for i, s in enumerate(STEPS, 1)))
        elif roll < 0.65:
            name, role = AUTHORS[r.choice(sorted(AUTHORS))]
            parts.append(f'> "{r.choice(QUOTES)}"\n>\n> — {name}, {role}')
    return "\n\n".join(parts) + "\n"


def make_post(seed: int, index: int) -> Post:
    """Post number `index` of the corpus for `seed`; it does not depend on the corpus size."""
    r = random.Random(f"newsdesk-bench:{seed}:{index}")
    fill = _Filler(r)
    minutes = r.randrange(10 * 365 * 24 * 60)
    date = datetime(2016, 1, 1) + timedelta(minutes=minutes)
    has_time = r.random() < 0.4
    date = date.replace(minute=date.minute - date.minute % 5) if has_time else date.replace(hour=0, minute=0)
    kind = "press-release" if r.random() < 0.25 else "blog"
    title = fill(r.choice(TITLES)) + (fill(r.choice(TAILS)) if r.random() < 0.7 else "")
    weights = [1 / (i + 1) for i in range(len(TAGS))]
    tags: list[str] = []
    while len(tags) < r.randint(2, 5):
        tag = r.choices(TAGS, weights)[0]
        if tag not in tags:
            tags.append(tag)
    summary = _paragraph(fill, 1, 2) if kind == "press-release" or r.random() < 0.5 else None
    slug = slugify(title)
    slug = slug if len(slug) <= 70 else slug[:70].rsplit("-", 1)[0]
    post = Post(
        index,
        title,
        slug,
        date,
        has_time,
        kind,
        tags,
        r.choice(sorted(AUTHORS)) if r.random() < 0.9 else None,
        summary,
        _body(fill, r.randint(4600, 6200)),
    )
    if r.random() < 0.1:
        post.updated = (date + timedelta(days=r.randint(1, 30))).replace(hour=0, minute=0)
    if kind == "press-release":
        first, last = r.choice(["Jo", "Ravi", "Maya", "Chris"]), r.choice(["Patel", "Hughes", "Lund"])
        post.contact = {
            "name": f"{first} {last}",
            "role": "Press Officer",
            "email": f"{first.lower()}.{last.lower()}@example.org",
            "phone": f"020 7946 0{r.randint(100, 999)}",
        }
        post.notes = "\n".join(f"{i}. {_paragraph(fill, 1, 2)}" for i in range(1, r.randint(2, 4) + 1))
    return post


def generate(n: int, seed: int = 1) -> list[Post]:
    """N posts with unique slugs, oldest first."""
    posts, seen = [], set()
    for i in range(n):
        post = make_post(seed, i)
        if post.slug in seen:
            post.slug = f"{post.slug}-{i}"
        seen.add(post.slug)
        posts.append(post)
    return sorted(posts, key=lambda p: (p.date, p.slug))
