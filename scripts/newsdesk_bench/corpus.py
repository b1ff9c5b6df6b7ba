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
AREAS = [
    "Northfield",
    "Riverside",
    "Eastgate",
    "Hillcrest",
    "Old Town",
    "Marsh Lane",
    "Westbury",
    "Kingsmead",
    "Harbourside",
    "Ashdown",
    "Millbrook",
    "Ferry Cross",
    "Larkhill",
    "Beacon Park",
]
KINDS = [
    "Primary School",
    "Academy",
    "High School",
    "Nursery School",
    "Infant School",
    "Junior School",
    "Community College",
    "Learning Centre",
]
PROGRAMMES = [
    "summer reading challenge",
    "holiday activities programme",
    "school streets scheme",
    "breakfast club network",
    "uniform grant",
    "laptop loan scheme",
    "mentoring project",
    "adult numeracy course",
    "careers week",
    "healthy schools award",
    "tutoring partnership",
    "music hub",
    "climate ambassadors programme",
    "family learning fund",
    "swim safe course",
]
GROUPS = [
    "parents and carers",
    "headteachers",
    "governors",
    "pupils",
    "families",
    "teaching assistants",
    "young carers",
    "school leaders",
    "local employers",
    "youth workers",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "September",
    "October",
    "November",
    "December",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
TITLES = [
    "{Subj} {verb} {prog}",
    "{n} {group} join the {prog}",
    "New {facility} opens at {school}",
    "The {prog} explained for {group}",
    "{school} praised by inspectors",
    "Term dates for {y}-{y1} published",
    "Record year for {topic} in {area}",
    "{area} schools take part in the {prog}",
    "Have your say on {topic} in {area}",
    "What the {prog} means for {group}",
    "{school} pupils win city {award}",
]
TAILS = [
    " in {area}",
    " for {y}",
    " this {season}",
    ": what {group} need to know",
    " ({month} update)",
    " after {group} have their say",
    ": {n} new places",
    " with {money} of funding",
    " at {school}",
]
SUBJECTS = ["City council", "Education department", "Schools forum", "Cabinet member", "The council"]
VERBS = ["launches", "expands", "confirms", "reviews", "celebrates", "extends", "funds", "reports on"]
FACILITIES = [
    "science block",
    "library",
    "sports hall",
    "nursery room",
    "sensory garden",
    "music studio",
    "learning kitchen",
    "reading corner",
]
AWARDS = ["debating cup", "science prize", "art award", "chess trophy", "poetry prize"]
TOPICS = [
    "school places",
    "attendance",
    "reading",
    "free school meals",
    "school travel",
    "early years",
    "special educational needs",
    "apprenticeships",
    "youth clubs",
    "healthy lunches",
    "exam support",
    "after-school clubs",
]
HEADINGS = [
    "Why this matters",
    "What happens next",
    "Who can apply",
    "How to take part",
    "Key dates",
    "What families told us",
    "Funding",
    "Support for schools",
    "Background",
    "How to find out more",
    "Results so far",
    "In the classroom",
    "Getting there",
    "What changes in {area}",
    "A closer look at {school}",
    "Lessons from {y}",
]
SENTENCES = [
    "The {prog} will run in {n} schools across {area} from {month}.",
    "{Group} told us that {topic} mattered most, and the plan reflects that.",
    "Since {y}, the number of {group} taking part has risen by {pct} per cent.",
    "Applications open on {day} {d} {month} and close at noon two weeks later.",
    "Schools in {area} and {area2} will be the first to take part this {season}.",
    "Funding of {money} has been set aside for the first year of the {prog}.",
    "We will review the work in {month} and publish what we learn, good and bad.",
    "Families who need help with {topic} can speak to their school office or call the helpline.",
    "More detail is on the [{topic} page]({url}), which is updated every term.",
    "Staff at {school} have been trying the approach since {month} with encouraging results.",
    "A typical week now includes {n} hours of **{topic}** support for the pupils who need it.",
    "The council works with {n} partner organisations, from youth clubs to local employers.",
    "Not every idea worked the first time, and {group} were quick to say so.",
    "Early figures from {area} suggest attendance is up by {pct} per cent on last {season}.",
    "Transport is free for pupils who live more than {miles} miles from their nearest school.",
    "Sessions take place on {day} afternoons in the {facility} at {school}.",
    "You can read the full report on the [education pages]({url}) of the council website.",
    "Our thanks go to the {group} who gave up their evenings to help shape this.",
    "Places are limited, so we encourage {group} to register their interest early.",
    "The {prog} is one of {n} projects in this year's plan for {topic}.",
    "Each school chooses how to use the money, within a short set of shared aims.",
    "In {area}, {pct} per cent of pupils said they felt more confident after one term.",
    "The next meeting of the {group} forum is on {day} {d} {month} at {school}.",
    "We publish the minutes of every meeting, and questions can be sent in advance.",
    "Pupils at {school} planned the opening themselves, down to the *music and the menu*.",
]
QUOTES = [
    "Every child in this city deserves the same chance to thrive, wherever they live.",
    "This started with a conversation in a school hall, and it has grown because people cared.",
    "We listened, we changed the plan, and we will keep listening.",
    "Small things done every day make the biggest difference to a child's week.",
    "I am proud of what our schools have achieved, and there is more to do.",
    "Families asked for something simpler, and that is what we have built.",
]
BULLETS = [
    "{school}: {n} new places",
    "Deadline: {day} {d} {month}",
    "Open to {group} in {area}",
    "Budget: {money} over three years",
    "{n} sessions every {season}",
    "Contact the [{topic} team]({url}) with questions",
    "Run jointly with {school}",
    "Free for families receiving {topic} support",
    "Led by {group} from {area}",
]
STEPS = [
    "Check whether you are eligible on the [council website]({url}).",
    "Fill in the short online form; it takes about ten minutes.",
    "Upload proof of address, such as a recent bill.",
    "Tell your school office you have applied.",
    "Wait for an email confirming your place within {n} working days.",
]


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
