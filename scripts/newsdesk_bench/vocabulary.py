"""The words the bench's corpus is written from: places, programmes, titles, sentences and
quotes that _Slots fills in (corpus.py), so posts read like a council's education news."""

from __future__ import annotations

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
