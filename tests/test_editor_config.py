"""The browser editor's form (core/publishing/editor.py) against the validator (core/reading/posts.py): every field the
form offers, every rule it enforces and every choice it lists, checked by running the validator on
what the form would write. A field added to fields.py, or a rule changed in the validator, that the
two then disagree about fails here."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newsdesk.commands.postfile import front_matter, slug_for
from newsdesk.core.model import DEFAULT_TYPES, Author, Contact, PostType, Settings
from newsdesk.core.publishing.editor import ENTRY_PATH, EditorSettings, decap_config, preview_data
from newsdesk.core.publishing.editorform import DATE_FORMAT, DATETIME_FORMAT
from newsdesk.core.reading.posts import read_post
from newsdesk.core.reading.schema import FIELD, KNOWN_FIELDS

FIELDS_JS = Path(__file__).resolve().parents[1] / "scripts/newsdesk/mkdocs/admin/fields.js"
AUTHORS = {
    "director": Author("director", "Dr Ruth Okafor", "Director"),
    "press-office": Author("press-office", "Press Office"),
}
TYPES = {key: PostType(key=key, **value) for key, value in DEFAULT_TYPES.items()}
VARIANTS = {
    "defaults": dict(default_author="director"),
    "no default author, allowed tags": dict(default_author=None, allowed_tags=("SEND", "Early years")),
    # Each author has a media contact (authors.yml): a press release may leave out its own.
    "authors with contacts": dict(
        default_author="director",
        authors={
            key: Author(key, a.name, a.role, Contact("Press Office", email="press@example.gov.uk"))
            for key, a in AUTHORS.items()
        },
    ),
    # The director has no contact of their own, the press office has one.
    "mixed contacts": dict(
        default_author="director",
        authors={
            **AUTHORS,
            "press-office": Author("press-office", "Press Office", "", Contact("Press Office", phone="0300 555 0100")),
        },
    ),
}


def make_settings(tmp_path: Path, **overrides) -> Settings:
    return Settings(
        root=tmp_path,
        posts_dir=tmp_path / "posts",
        types=TYPES,
        formats_email="formats@example.gov.uk",
        **{"authors": AUTHORS, **overrides},
    )


def _cases():
    for variant in VARIANTS:
        for type_key in TYPES:
            yield pytest.param(variant, type_key, id=f"{variant}-{type_key}")


CASES = list(_cases())


def form(settings: Settings, type_key: str) -> list[dict]:
    config = decap_config(settings, EditorSettings(repo="city/newsdesk"))
    [collection] = [c for c in config["collections"] if c["name"] == type_key]
    return collection["fields"]


def value_for(widget: dict, declared=None):
    """What the editor writes for a field a writer filled in: a default, an option, or the declared example."""
    declared = declared or FIELD[widget["name"]]
    if widget["widget"] == "hidden":
        return widget["default"]
    if widget["widget"] == "select":
        first = widget["options"][0]
        value = first["value"] if isinstance(first, dict) else first
        return [value] if widget.get("multiple") else value
    if widget["widget"] == "object":
        parts = {part.name: part for part in declared.fields}
        return {part["name"]: value_for(part, parts[part["name"]]) for part in widget["fields"]}
    return declared.example


def problems_for(settings: Settings, meta: dict, body: str = "Text of the post.\n") -> list:
    path = settings.posts_dir / "2024" / "2024-12-19-end-of-term.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front_matter(meta) + "\n" + body, encoding="utf-8")
    problems: list = []
    read_post(path, settings, problems)
    return problems


def filled(fields: list[dict], which) -> dict:
    return {w["name"]: value_for(w) for w in fields if w["name"] != "body" and which(w)}


def minimal_post(settings: Settings, fields: list[dict]) -> dict:
    """Only what the form refuses to save without: its required fields, then those its rules
    (`required_when`) need in that post, until nothing more is needed."""
    full = filled(fields, lambda w: True)
    names = {w["name"] for w in fields if w["required"]} - {"body"}
    while (more := form_requires(settings, fields, {k: full[k] for k in names})) - names:
        names |= more
    return {k: full[k] for k in names}


@pytest.mark.parametrize("variant, type_key", CASES)
def test_every_field_filled_in_passes(tmp_path, variant, type_key):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    assert problems_for(settings, filled(form(settings, type_key), lambda w: True)) == []


@pytest.mark.parametrize("variant, type_key", CASES)
def test_only_the_required_fields_pass(tmp_path, variant, type_key):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    assert problems_for(settings, minimal_post(settings, form(settings, type_key))) == []


@pytest.mark.parametrize("variant, type_key", CASES)
def test_each_required_field_left_out_fails_on_that_field(tmp_path, variant, type_key):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, type_key)
    minimal = minimal_post(settings, fields)
    for name in [name for name in minimal if name != "body"]:
        meta = {key: value for key, value in minimal.items() if key != name}
        assert {p.field for p in problems_for(settings, meta)} == {name}, name
    assert [p.field for p in problems_for(settings, minimal, body="")] == ["body"]


@pytest.mark.parametrize("variant, type_key", CASES)
def test_each_required_part_of_a_group_left_out_fails_on_that_part(tmp_path, variant, type_key):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, type_key)
    full = filled(fields, lambda w: True)
    groups = [w for w in fields if w["widget"] == "object" and w["required"]]
    for group in groups:
        for part in [p for p in group["fields"] if p["required"]]:
            meta = {**full, group["name"]: {k: v for k, v in full[group["name"]].items() if k != part["name"]}}
            assert {p.field for p in problems_for(settings, meta)} == {f"{group['name']}.{part['name']}"}


@pytest.mark.parametrize("variant, type_key", CASES)
def test_each_required_part_of_a_list_entry_left_out_fails_on_that_list(tmp_path, variant, type_key):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, type_key)
    full = filled(fields, lambda w: True)
    lists = [w for w in fields if w["widget"] == "list" and "fields" in w]
    assert {w["name"] for w in lists} == {"changes", "attachments", "related"}
    for records in lists:
        for part in [p for p in records["fields"] if p["required"]]:
            entry = {k: v for k, v in full[records["name"]][0].items() if k != part["name"]}
            assert {p.field for p in problems_for(settings, {**full, records["name"]: [entry]})} == {records["name"]}, (
                part["name"]
            )


@pytest.mark.parametrize("variant, type_key", CASES)
def test_every_choice_the_form_offers_passes_and_others_fail(tmp_path, variant, type_key):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, type_key)
    full = filled(fields, lambda w: True)
    for select in [w for w in fields if w["widget"] == "select"]:
        options = [o["value"] if isinstance(o, dict) else o for o in select["options"]]
        for option in options:
            assert (
                problems_for(settings, {**full, select["name"]: [option] if select.get("multiple") else option}) == []
            )
        wrong = ["Not offered"] if select.get("multiple") else "not-offered"
        assert {p.field for p in problems_for(settings, {**full, select["name"]: wrong})} == {select["name"]}


@pytest.mark.parametrize("variant, type_key", CASES)
def test_the_forms_patterns_accept_the_examples_and_refuse_what_the_validator_refuses(tmp_path, variant, type_key):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, type_key)
    full = filled(fields, lambda w: True)
    wrong = {
        "slug": "End of Term",
        "email": "press office",
        "aliases": "news/old",
        "url": "www.example.gov.uk",
        # The date box stores what is not a date as typed, for its pattern to refuse on Save.
        "date": "19/12/2024 09:30",
        "updated": "20/12/2024",
    }
    checked = set()
    for records in [w for w in fields if w["widget"] == "list" and "fields" in w]:
        for part in [p for p in records["fields"] if p.get("pattern")]:
            entry = {k: v for k, v in full[records["name"]][0].items() if k not in ("file", "url")}
            good = {
                **entry,
                part["name"]: next(p.example for p in FIELD[records["name"]].fields if p.name == part["name"]),
            }
            assert re.search(part["pattern"][0], good[part["name"]]) and not re.search(
                part["pattern"][0], wrong[part["name"]]
            )
            assert problems_for(settings, {**full, records["name"]: [good]}) == []
            assert problems_for(settings, {**full, records["name"]: [{**entry, part["name"]: wrong[part["name"]]}]})
            checked.add(part["name"])
    for parent, w in [(None, w) for w in fields] + [
        (g["name"], p) for g in fields if g["widget"] == "object" for p in g["fields"]
    ]:
        spec = w.get("pattern") or w.get("field", {}).get("pattern")
        if not spec:
            continue
        good = value_for(w) if parent is None else next(p.example for p in FIELD[parent].fields if p.name == w["name"])
        for item in good if isinstance(good, list) else [good]:
            assert re.search(spec[0], item), (w["name"], item)
        bad = wrong[w["name"]]
        assert not re.search(spec[0], bad)
        meta = (
            {**full, parent: {**full[parent], w["name"]: bad}}
            if parent
            else {**full, w["name"]: [bad] if isinstance(good, list) else bad}
        )
        assert problems_for(settings, meta), (w["name"], bad)
        checked.add(w["name"])
    assert checked == (
        set(wrong) if TYPES[type_key].contact_required else set(wrong) - {"email"}
    )  # email: the contact's


def test_the_form_has_every_known_field_and_the_body_in_order(tmp_path):
    settings = make_settings(tmp_path)
    for type_key, post_type in TYPES.items():
        press = ("contact", "notes_to_editors")
        expected = KNOWN_FIELDS if post_type.contact_required else tuple(n for n in KNOWN_FIELDS if n not in press)
        assert [w["name"] for w in form(settings, type_key)] == [*expected, "body"]


def test_press_only_fields_are_only_on_press_release_forms(tmp_path):
    settings = make_settings(tmp_path)
    names = {key: {w["name"] for w in form(settings, key)} for key in TYPES}
    assert {"contact", "notes_to_editors"} <= names["press-release"]
    assert not {"contact", "notes_to_editors"} & names["blog"]


def needed(settings: Settings, queries: list[tuple[dict, dict]]) -> list[bool]:
    """admin/fields.js's answer, for each (required_when, post), to "does the form need this field
    here?", with the data the site gives the editor (preview_data: authors and their contacts)."""
    site = preview_data(settings, [])
    code = (
        f"const m = require({json.dumps(str(FIELDS_JS))}); const site = {json.dumps(site)};"
        f"console.log(JSON.stringify({json.dumps(queries)}.map(([rule, data]) => m.needed(rule, data, site))))"
    )
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup-system.sh installs it)"
    return json.loads(subprocess.run([node, "-e", code], capture_output=True, text=True, check=True).stdout)


def form_requires(settings: Settings, fields: list[dict], *metas: dict) -> set[str] | list[set[str]]:
    """The fields the form refuses to save each post without: Decap's `required` ones, and those whose
    `required_when` admin/fields.js finds true (a group's part counts as the group). One node run."""
    rules = [(w["name"], w["required_when"]) for w in fields if "required_when" in w]
    rules += [
        (g["name"], p["required_when"])
        for g in fields
        if g["widget"] == "object"
        for p in g["fields"]
        if "required_when" in p
    ]
    answers = needed(settings, [(rule, meta) for meta in metas for _, rule in rules]) if rules else []
    plain = {w["name"] for w in fields if w["required"] and w["name"] != "body"}
    found = [
        plain | {name for (name, _), yes in zip(rules, answers[i * len(rules) : (i + 1) * len(rules)]) if yes}
        for i in range(len(metas))
    ]
    return found[0] if len(metas) == 1 else found


def validator_missing(settings: Settings, meta: dict, name: str) -> bool:
    return any(p.field == name and "missing" in p.message for p in problems_for(settings, meta))


@pytest.mark.parametrize("variant, type_key", CASES)
def test_the_form_requires_exactly_what_the_validator_reports_missing(tmp_path, variant, type_key):
    """Each field the form offers, left out of a post with every other field filled in, for each
    author: the validator says 'missing' for it exactly when the form refuses to save without it."""
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, type_key)
    full = filled(fields, lambda w: True)
    cases = []
    for author in [None, *settings.authors] if settings.default_author else list(settings.authors):
        post = {k: v for k, v in full.items() if k != "author"} | ({"author": author} if author else {})
        for name in [n for n in post if n != "author" or not settings.default_author]:
            cases.append((author, name, {key: value for key, value in post.items() if key != name}))
    required = form_requires(settings, fields, *[meta for _, _, meta in cases])
    for (author, name, meta), needs in zip(cases, required):
        assert validator_missing(settings, meta, name) == (name in needs), (author, name)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_an_image_description_is_needed_with_an_image_and_only_then(tmp_path, variant):
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, "blog")
    full = filled(fields, lambda w: w["required"])
    [alt] = [w for w in fields if w["name"] == "image_alt"]
    assert alt["required"] is False and alt["widget"] == "nd-string"  # Decap alone would always need it
    with_image = {**full, "image": "images/hall.jpg"}
    assert validator_missing(settings, with_image, "image_alt") and "image_alt" in form_requires(
        settings, fields, with_image
    )
    assert not validator_missing(settings, full, "image_alt") and "image_alt" not in form_requires(
        settings, fields, full
    )
    given = {**with_image, "image_alt": "Pupils planting trees"}
    assert problems_for(settings, given) == []


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_press_releases_contact_name_is_needed_exactly_when_its_author_has_no_contact(tmp_path, variant):
    """Left out, the release uses its author's contact (authors.yml): the form needs a Name for an
    author without one, never for an author with one, and always once another part is filled in."""
    settings = make_settings(tmp_path, **VARIANTS[variant])
    fields = form(settings, "press-release")
    minimal = {k: v for k, v in filled(fields, lambda w: w["required"]).items() if k not in ("contact", "author")}
    for author in settings.authors.values():
        post = {**minimal, "author": author.key}
        assert validator_missing(settings, post, "contact") == (author.contact is None)
        assert ("contact" in form_requires(settings, fields, post)) == (author.contact is None), author.key
        nameless = {**post, "contact": {"email": "press.office@example.gov.uk"}}
        assert {p.field for p in problems_for(settings, nameless)} == {"contact.name"}
        assert "contact" in form_requires(settings, fields, nameless)
        assert problems_for(settings, {**nameless, "contact": {**nameless["contact"], "name": "Press Office"}}) == []


def test_the_contact_name_line_says_whose_contact_the_release_gives(tmp_path):
    settings = make_settings(tmp_path, **VARIANTS["mixed contacts"])
    [contact] = [w for w in form(settings, "press-release") if w["name"] == "contact"]
    [name] = [p for p in contact["fields"] if p["name"] == "name"]
    site = preview_data(settings, [])
    code = (
        f"const m = require({json.dumps(str(FIELDS_JS))}); const site = {json.dumps(site)};"
        f"const rule = {json.dumps(name['required_when'])};"
        "console.log(JSON.stringify([{author: 'director'}, {author: 'press-office'},"
        " {author: 'press-office', contact: {phone: '0300 555 0100'}}].map(d => m.neededBecause(rule, d, site))))"
    )
    lines = json.loads(subprocess.run(["node", "-e", code], capture_output=True, text=True, check=True).stdout)
    assert lines == [
        "Needed: Dr Ruth Okafor has no press contact in the authors file.",
        "Not needed: leave the contact empty and the release gives Press Office's contact, Press Office.",
        "Needed, because another part of the media contact is filled in.",
    ]


def test_the_type_is_fixed_by_the_collection_and_filters_it(tmp_path):
    config = decap_config(make_settings(tmp_path), EditorSettings(repo="city/newsdesk"))
    for collection in config["collections"]:
        [type_field] = [w for w in collection["fields"] if w["name"] == "type"]
        assert type_field == {
            "name": "type",
            "label": "Type",
            "required": True,
            "widget": "hidden",
            "default": collection["name"],
        }
        assert collection["filter"] == {"field": "type", "value": collection["name"]}
        assert collection["label_singular"] == TYPES[collection["name"]].label


def test_dates_the_form_writes_are_dates_the_validator_reads(tmp_path):
    settings = make_settings(tmp_path)
    fields = {w["name"]: w for w in form(settings, "blog")}
    assert fields["date"]["format"] == DATETIME_FORMAT == "YYYY-MM-DD HH:mm"
    assert fields["updated"]["format"] == DATE_FORMAT == "YYYY-MM-DD"
    full = filled(list(fields.values()), lambda w: True)
    assert problems_for(settings, {**full, "date": "2024-12-19 09:30", "updated": "2024-12-20"}) == []


@pytest.mark.parametrize(
    "name, typed, stored",
    [
        ("date", "10/12/2026 00:01", "2026-12-10 00:01"),
        ("date", "10/12/2026", "2026-12-10"),  # no time: midnight, as the validator reads it
        ("date", "2026-07-01T00:30", "2026-07-01 00:30"),  # pasted in the stored order
        ("date", "31/02/2026 10:00", "31/02/2026 10:00"),  # no such day: kept as typed, refused on Save
        ("date", "10/12/2026 0", "10/12/2026 0"),  # half typed
        ("updated", "20/12/2024", "2024-12-20"),
        ("updated", "20/12/2024 10:00", "20/12/2024 10:00"),  # a date field takes no time
    ],
)
def test_dates_are_typed_day_month_year_and_stored_as_the_validator_reads_them(tmp_path, name, typed, stored):
    settings = make_settings(tmp_path)
    fields = {w["name"]: w for w in form(settings, "blog")}
    box = fields[name]
    assert box["widget"] == "nd-datetime" and box["display_format"].startswith("DD/MM/YYYY")
    code = (
        f"const m = require({json.dumps(str(FIELDS_JS))}); const w = {json.dumps(box)}; const t = {json.dumps(typed)};"
        "const stored = m.storedDate(t, w.format, w.display_format, false);"
        "console.log(JSON.stringify([stored, m.shownDate(stored, w.format, w.display_format),"
        " m.storedDate(t, w.format, w.display_format, true)]))"
    )
    kept, shown, _ = json.loads(subprocess.run(["node", "-e", code], capture_output=True, text=True, check=True).stdout)
    assert kept == stored
    post = filled(list(fields.values()), lambda w: w["required"]) | {"date": "2024-12-19 09:30"}
    date_ok = re.search(box["pattern"][0], kept) is not None
    assert date_ok == (problems_for(settings, {**post, name: kept}) == [])  # the pattern refuses what check refuses
    if date_ok:
        assert shown == typed.replace("2026-07-01T00:30", "01/07/2026 00:30")  # shown back day-month-year


def test_a_date_typed_loosely_is_tidied_on_leaving_the_box(tmp_path):
    [box] = [w for w in form(make_settings(tmp_path), "blog") if w["name"] == "date"]
    code = (
        f"const m = require({json.dumps(str(FIELDS_JS))}); const w = {json.dumps(box)};"
        "console.log(JSON.stringify(['1/7/2026 9:30', '01.07.2026 09:30', '1/7/2026'].map("
        "t => [m.storedDate(t, w.format, w.display_format, false), m.storedDate(t, w.format, w.display_format, true)])))"
    )
    result = json.loads(subprocess.run(["node", "-e", code], capture_output=True, text=True, check=True).stdout)
    assert result == [
        ["1/7/2026 9:30", "2026-07-01 09:30"],
        ["01.07.2026 09:30", "2026-07-01 09:30"],
        ["1/7/2026", "2026-07-01"],
    ]


def test_the_workflow_cards_and_lists_give_dates_day_month_year(tmp_path):
    config = decap_config(make_settings(tmp_path), EditorSettings(repo="city/newsdesk"))
    assert config["locale"] == "en-GB"  # admin/fields.js registers its card date, 'D MMMM YYYY'
    assert "D MMMM YYYY" in FIELDS_JS.read_text()
    for collection in config["collections"]:
        assert collection["summary"] == "{{title}} · {{fields.date | date('DD/MM/YYYY HH:mm')}}"


def test_files_are_named_as_newsdesk_new_names_them():
    # The date as typed, not {{year}} (UTC); the slug field, which preview.js fills from the title.
    assert ENTRY_PATH == '{{date | truncate(4, "/")}}/{{date | truncate(10, "/")}}-{{slug}}'
    assert slug_for("Careers week comes to every school") == "careers-week-comes-to-every-school"


def test_backend_sign_in_and_review(tmp_path):
    editor = EditorSettings(
        repo="city/newsdesk", branch="live", auth_url="https://auth.example.workers.dev", local_port=9123
    )
    config = decap_config(make_settings(tmp_path), editor)
    assert config["backend"] == {
        "name": "github",
        "repo": "city/newsdesk",
        "branch": "live",
        "squash_merges": True,
        "auth_scope": "public_repo",  # the narrowest that works; Decap would ask for 'repo' without it
        "base_url": "https://auth.example.workers.dev",
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] == {"url": "http://127.0.0.1:9123/api/v1"}


def test_preview_js_names_files_as_slug_for_does(tmp_path):
    """admin/preview.js fills in the slug of a new post; it must be slug_for's, title for title, in
    every script, with the same table of spellings (admin/unidecode.bin) the build copies."""
    import json
    import shutil
    import subprocess
    from html.entities import name2codepoint

    from newsdesk.mkdocs.editor import unidecode_table

    node = shutil.which("node")
    assert node, "node is needed (scripts/setup-system.sh installs it)"
    script = Path(__file__).resolve().parents[1] / "scripts/newsdesk/mkdocs/admin/preview.js"
    titles = [
        "Summer school's new timetable",
        "Café & crèche: Ünïcode",
        "  SEND -- early_years  ",
        "x" * 70,
        "Careers week comes to every secondary school in the city this autumn term and next",
        "2026/27 budget",
        "日本語",
        "تعلیم کی خبریں",
        "Straße und Æsir",
        "Здравствуйте, школа",
        "1,000 new places",
        "Fish &amp; chips &#233;t&#xe9;",
        "Ελληνικά σχολεία",
        "নতুন স্কুল",
        "Emoji only 🎉",
        "ﬁnal ｆｕｌｌｗｉｄｔｈ",
        "Jack’s “quoted” title",
        "ℌ𝔢𝔩𝔩𝔬 math",
    ]
    code = (
        f"const fs = require('fs'); const m = require({json.dumps(str(script))});"
        f"const table = fs.readFileSync({json.dumps(str(unidecode_table()))}, 'utf8').split('\\x00');"
        f"const entities = {json.dumps(name2codepoint)};"
        f"console.log(JSON.stringify({json.dumps(titles)}.map(t => m.slugFor(t, table, entities))))"
    )
    result = subprocess.run([node, "-e", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [slug_for(title) for title in titles]


@pytest.mark.parametrize("type_key", list(TYPES))
def test_tags_get_one_box_each_never_a_comma_separated_string(tmp_path, type_key):
    """Decap's list without a 'field' is one box split on commas, which eats commas typed key by key (decap-cms #4646)."""
    [tags] = [widget for widget in form(make_settings(tmp_path), type_key) if widget["name"] == "tags"]
    assert tags["widget"] == "list" and tags["field"]["widget"] == "string" and "fields" not in tags
