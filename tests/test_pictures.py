"""Pictures with real image files: a phone photo (turned by EXIF, with GPS, camera and author), a PNG,
a HEIC-named file and SVG drawings. Renditions at the right sizes, nothing published carries
metadata, pages say each picture's size, and every page has a 1200 x 630 share card that two builds
make byte for byte the same."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageSequence

from newsdesk.commands import check
from newsdesk.core.pictures import cards, imagecheck, images, imaging
from newsdesk.core.pictures.imagehtml import for_feed, responsive
from sitekit import build, linux_only, make_site

SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"
GPS = {1: "N", 2: (55.0, 51.0, 30.0), 3: "W", 4: (4.0, 15.0, 0.0)}


def phone_photo(width: int = 2400, height: int = 1800) -> bytes:
    """A JPEG as a phone saves it: stored on its side with EXIF orientation 6 (turn 90 degrees
    clockwise to show), GPS position, camera and author."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "Sam Example"  # Artist
    exif[0x8825] = GPS  # GPSInfo
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="55,51.5N"/></rdf:RDF></x:xmpmeta>'
    image.save(out, "JPEG", exif=exif, xmp=xmp, quality=90)
    return out.getvalue()


def png(width: int = 640, height: int = 400, colour: str = "#00703c") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    exif = Image.Exif()
    exif[0x013B] = "Sam Example"
    image.save(out, "PNG", exif=exif)
    return out.getvalue()


PHOTO_POST = """---
title: Pupils plant an orchard at Northfield Primary
date: 2025-03-04
type: press-release
summary: Sixty pupils planted thirty fruit trees in the school's field.
author: press-office
contact:
  name: Education Press Office
  email: press.office@example.gov.uk
image: images/orchard.jpg
image_alt: Pupils holding young apple trees
image_caption: Year 5 pupils with the first <trees> of the orchard
image_credit: "Photo: Jo Bloggs & Co"
---

Sixty pupils planted thirty fruit trees this week.

![A plan of the orchard](images/plan.png)

![A drawing of an apple](images/apple.svg)
"""

PLAIN_POST = """---
title: Why we are "opening up" school libraries & more
date: 2025-02-01
type: blog
summary: Libraries open in the holidays.
---

![A shelf of books](images/plan.png) Libraries will open in the holidays.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pictures") / "site"
    make_site(
        root,
        {
            "2025/2025-03-04-orchard.md": PHOTO_POST,
            "2025/2025-02-01-libraries.md": PLAIN_POST,
            "2025/images/orchard.jpg": phone_photo(),
            "2025/images/plan.png": png(),
            "2025/images/apple.svg": SVG,
        },
    )
    (root / "docs/images").mkdir()
    (root / "docs/images/team.jpg").write_bytes(phone_photo(1200, 900))  # a docs page's photo: its metadata goes too
    (root / "docs/about.md").write_text("# About\n\n![The education team](images/team.jpg)\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(project) -> Path:
    out = project.parent / "out"
    built = build(project, out)
    assert built.returncode == 0, built.stderr
    return out


def html_of(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_renditions_are_upright_at_each_width_and_never_wider_than_the_original(site):
    folder = site / "posts/2025/images"
    made = {}
    for path in folder.glob("orchard-*"):
        label = path.name.split(".")[0].removeprefix("orchard-")
        with Image.open(path) as image:
            made[label] = (image.size, image.format)
    # Stored 2400 x 1800 on its side: shown upright it is 1800 wide and 2400 high.
    sizes = {label: size for label, (size, _) in made.items()}
    assert sizes == {
        "480": (480, 640),
        "800": (800, 1067),
        "1200": (1200, 1600),
        "1600": (1600, 2133),
        "feed": (800, 1067),
    }
    assert made["feed"][1] == "JPEG"  # feeds get the original's format, which every reader shows
    assert {fmt for _, fmt in made.values()} <= {"JPEG", "WEBP"}
    with Image.open(folder / "orchard.jpg") as original:  # the writer's file, at its own address
        assert original.size == (1800, 2400)
    small = {path.name.split(".")[0]: Image.open(path).size for path in folder.glob("plan-*")}
    assert small == {"plan-480": (480, 300), "plan-640": (640, 400), "plan-feed": (640, 400)}


def test_no_published_image_carries_exif_xmp_or_gps(site):
    published = [path for path in site.rglob("*") if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif")]
    assert len(published) > 10
    for path in published:
        data = path.read_bytes()
        with Image.open(path) as image:
            image.load()
            assert not image.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info), (path, image.info.keys())
        assert b"Exif\x00\x00" not in data and b"xmpmeta" not in data and b"PhoneMaker" not in data, path


def test_a_docs_page_picture_gets_renditions_and_its_own_address_stays(site, project):
    with Image.open(site / "images/team.jpg") as image:
        assert image.size == (900, 1200) and image.format == "JPEG"  # turned as its EXIF said
    assert (project / "docs/images/team.jpg").read_bytes() == phone_photo(1200, 900)  # the writer's file is untouched
    tag = re.search(r"<img [^>]*team[^>]*>", html_of(site, "about")).group(0)
    assert 'width="900" height="1200"' in tag and 'decoding="async"' in tag and 'sizes="' in tag
    sources = re.search(r'srcset="([^"]+)"', tag).group(1).split(", ")
    assert [source.rsplit(" ", 1)[1] for source in sources] == ["480w", "800w", "900w"]
    for source in sources:
        url, width = source.rsplit(" ", 1)
        with Image.open(site / "about" / url) as rendition:
            assert rendition.width == int(width[:-1])


def test_pages_give_each_picture_its_sources_and_size(site):
    html = html_of(site, "news/2025/03/orchard/")
    tags = re.findall(r"<img\b[^>]*>", html)
    hero, plan, apple = tags
    assert 'class="nd-hero"' in hero and 'loading="lazy"' not in hero and 'fetchpriority="high"' in hero
    for tag in (hero, plan):
        assert re.search(r'srcset="[^"]+ 480w, [^"]+ (800|640)w', tag), tag
        assert 'sizes="' in tag and 'decoding="async"' in tag
        width, height = map(int, re.search(r'width="(\d+)" height="(\d+)"', tag).groups())
        assert width and height
    assert 'width="800" height="1067"' in hero
    assert 'loading="lazy"' in plan  # below the hero
    assert 'alt="A plan of the orchard"' in plan
    assert "apple.svg" in apple and "srcset" not in apple  # drawings are published as they are
    for url in re.findall(r'(?:src|srcset)="([^"]+)"', hero + plan):
        for candidate in url.split(", "):
            assert (site / "news/2025/03/orchard" / candidate.split()[0]).resolve().is_file(), candidate
    # Without a picture above the body, the body's first picture loads at once.
    first = re.findall(r"<img\b[^>]*>", html_of(site, "blog/2025/02/libraries/"))[0]
    assert 'loading="lazy"' not in first and 'width="640" height="400"' in first


def test_caption_and_credit_are_shown_under_the_picture_and_escaped(site):
    html = html_of(site, "news/2025/03/orchard/")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert (
        caption
        == 'Year 5 pupils with the first &lt;trees&gt; of the orchard <span class="nd-credit">Photo: Jo Bloggs &amp; Co</span>'
    )


def test_feeds_carry_one_rendition_and_the_enclosure_is_a_jpeg(site):
    feed = (site / "news/feed.xml").read_text(encoding="utf-8")
    assert "srcset" not in feed and "loading=" not in feed
    assert re.search(
        r'<enclosure url="https://schools.example.gov.uk/posts/2025/images/orchard-feed\.[0-9a-f]{20}\.jpg" '
        r'length="\d+" type="image/jpeg"/>',
        feed,
    )
    assert re.search(r"https://schools.example.gov.uk/posts/2025/images/plan-feed\.[0-9a-f]{20}\.png", feed)


def og_image(html: str) -> str:
    return re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)


def test_every_page_has_a_1200_by_630_share_card_never_an_svg(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 8
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page
        url = og_image(html)
        assert url.endswith((".png", ".jpg")), page
        assert re.search(r'<meta name="twitter:image" content="' + re.escape(url), html), page
        assert '<meta property="og:image:alt" content="' in html, page
        with Image.open(site / url.removeprefix("https://schools.example.gov.uk/")) as card:
            assert card.size == (1200, 630) and card.format in ("PNG", "JPEG"), page
    own = og_image(html_of(site, "news/2025/03/orchard/"))
    assert own.endswith(".jpg")  # the post's photo, cropped
    assert 'og:image:alt" content="Pupils holding young apple trees"' in html_of(site, "news/2025/03/orchard/")
    drawn = html_of(site, "blog/2025/02/libraries/")
    assert og_image(drawn).endswith(".png")
    assert (
        'og:image:alt" content="Blog post: Why we are &#34;opening up&#34; school libraries &amp; more. '
        'Test schools site, 1 February 2025"'
    ) in drawn
    assert og_image(html_of(site, "blog/")) == og_image(html_of(site, "about/"))  # the site's card


def test_a_second_build_takes_pictures_and_cards_from_the_cache(site, project, tmp_path):
    cache = project / ".cache/newsdesk"
    made = {path: path.stat().st_mtime_ns for folder in ("images", "cards") for path in (cache / folder).iterdir()}
    assert any(path.suffix == ".json" for path in made) and any(path.suffix == ".png" for path in made)
    built = build(project, tmp_path / "warm")
    assert built.returncode == 0, built.stderr
    assert {path: path.stat().st_mtime_ns for path in made} == made  # nothing made again
    assert (tmp_path / "warm/posts/2025/images/orchard.jpg").read_bytes() == (
        site / "posts/2025/images/orchard.jpg"
    ).read_bytes()


def test_two_builds_make_the_same_cards_and_renditions_byte_for_byte(site, project, tmp_path):
    shutil.rmtree(project / ".cache")  # the cache the first build filled: this one starts cold
    cold = tmp_path / "cold"
    built = build(project, cold)
    assert built.returncode == 0, built.stderr
    for path in (site / "assets/cards").iterdir():
        assert (cold / "assets/cards" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in (site / "posts/2025/images").iterdir():
        assert (cold / "posts/2025/images" / path.name).read_bytes() == path.read_bytes(), path.name


HEIC_POST = """---
title: Sports day
date: 2025-06-01
type: blog
image: images/IMG_4032.HEIC
image_alt: Pupils running
---

![The finish line](images/finish.tiff) ![A map](images/map.svg)
"""


def test_heic_tiff_and_svg_share_images_are_errors_that_say_how_to_fix_them(tmp_path, monkeypatch, capsys):
    root = tmp_path / "site"
    make_site(
        root,
        {
            "2025/2025-06-01-sports-day.md": HEIC_POST,
            "2025/images/IMG_4032.HEIC": b"\x00\x00\x00\x18ftypheic" + bytes(64),
            "2025/images/finish.tiff": b"II*\x00" + bytes(64),
            "2025/images/map.svg": SVG,
            "2025/2025-06-02-fake.md": HEIC_POST.replace("IMG_4032.HEIC", "fake.jpg").replace(
                "images/finish.tiff", "images/map.svg"
            ),
            "2025/images/fake.jpg": b"\x00\x00\x00\x18ftypheic" + bytes(64),
            "2025/2025-06-03-drawing.md": HEIC_POST.replace("IMG_4032.HEIC", "map.svg").replace(
                "images/finish.tiff", "images/map.svg"
            ),
        },
    )
    monkeypatch.chdir(root)
    post = "posts/2025/2025-06-01-sports-day.md"
    how = (
        "open it and save a copy as JPEG (.jpg): in Windows Photos, '...' > 'Save as'; on an iPhone, set "
        "Settings > Camera > Formats to 'Most Compatible' before taking photos, and give that file instead"
    )
    expected = [
        f"posts/2025/2025-06-01-sports-day.md: 'image': image 'images/IMG_4032.HEIC' is a HEIC photo, which browsers cannot show; {how}",
        f"{post}: body: image 'images/finish.tiff' on line 9 is a TIFF file, which browsers cannot show; {how}",
        f"posts/2025/2025-06-02-fake.md: 'image': image 'images/fake.jpg' is named like a JPEG, PNG, WebP or GIF file but cannot be read as a picture; {how}",
        "posts/2025/2025-06-03-drawing.md: 'image': image 'images/map.svg' is an SVG drawing, which Facebook, X and LinkedIn do not "
        "show when the post is shared; save it as PNG or JPEG and give that file, or put the drawing in the body instead",
    ]
    assert check.main([]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert sorted(line for line in lines[1:-1] if ": warning: " not in line) == sorted(expected)
    built = build(root, tmp_path / "out")
    assert built.returncode == 1
    assert all(line in built.stderr.splitlines() for line in expected)


def test_a_large_image_is_a_warning_with_its_size_and_the_limit_is_a_setting(tmp_path, monkeypatch, capsys):
    root = tmp_path / "site"
    make_site(
        root,
        {
            "2025/2025-03-04-orchard.md": PHOTO_POST,
            "2025/images/orchard.jpg": phone_photo(),
            "2025/images/plan.png": png(),
            "2025/images/apple.svg": SVG,
        },
        options={"image_size_limit": 1},
    )
    (root / "posts/2025/images/orchard.jpg").write_bytes(phone_photo() + bytes(1_500_000))  # padded past 1 MB
    monkeypatch.chdir(root)
    assert check.main([]) == 0
    out = capsys.readouterr().out
    size = (root / "posts/2025/images/orchard.jpg").stat().st_size / 1_000_000
    assert (
        f"posts/2025/2025-03-04-orchard.md: 'image': warning: image 'posts/2025/images/orchard.jpg' is {size:.1f} MB, "
        "more than 1 MB; the site makes smaller copies"
    ) in out


# Pure parts: the plan and the HTML.


@pytest.mark.parametrize(
    "width, widths",
    [
        (4000, (480, 800, 1200, 1600)),
        (1600, (480, 800, 1200, 1600)),
        (1000, (480, 800, 1000)),
        (480, (480,)),
        (300, (300,)),
    ],
)
def test_rendition_widths_never_exceed_the_original(width, widths):
    assert images.widths_for(width) == widths


@pytest.mark.parametrize(
    "written, front, fine",
    [
        ("a.jpg", True, True),
        ("a.JPEG", True, True),
        ("a.png", True, True),
        ("a.webp", True, True),
        ("a.gif", True, True),
        ("a.svg", False, True),
        ("a.svg", True, False),
        ("a.heic", False, False),
        ("a.HEIF", True, False),
        ("a.tif", False, False),
        ("a.bmp", False, False),
        ("a", False, False),
    ],
)
def test_accepted_formats(written, front, fine):
    assert (images.format_problem("image", written, front) is None) == fine


def test_responsive_html_and_feed_html():
    picture = images.Picture(
        "2025/a.jpg",
        1000,
        500,
        (
            images.Rendition("posts/2025/a-480.k.webp", 480, 240, "WEBP", "a"),
            images.Rendition("posts/2025/a-800.k.webp", 800, 400, "WEBP", "b"),
            images.Rendition("posts/2025/a-1000.k.jpg", 1000, 500, "JPEG", "c"),
        ),
        images.Rendition("posts/2025/a-feed.k.jpg", 800, 400, "JPEG", "d"),
        images.Rendition("posts/2025/a.jpg", 1000, 500, "JPEG", "e"),
    )
    known = {"posts/2025/a.jpg": picture}
    html = '<p><img alt="A &quot;hall&quot;" src="../../../../posts/2025/a.jpg" /> <img src="https://x.org/a.jpg" alt="x"></p>'
    page = "blog/2025/03/a/"
    assert responsive(html, page, known, first_is_eager=False) == (
        '<p><img src="../../../../posts/2025/a-1000.k.jpg" srcset="../../../../posts/2025/a-480.k.webp 480w, '
        '../../../../posts/2025/a-800.k.webp 800w, ../../../../posts/2025/a-1000.k.jpg 1000w" '
        f'sizes="{images.SIZES}" width="1000" height="500" loading="lazy" decoding="async" alt="A &quot;hall&quot;" /> '
        '<img src="https://x.org/a.jpg" alt="x"></p>'
    )
    assert 'loading="lazy"' not in responsive(html, page, known, first_is_eager=True)
    assert for_feed(html, page, known) == (
        '<p><img src="../../../../posts/2025/a-feed.k.jpg" width="800" height="400" alt="A &quot;hall&quot;" /> '
        '<img src="https://x.org/a.jpg" alt="x"></p>'
    )


def test_long_titles_wrap_and_long_words_break():
    font = cards._font("bold", 72)
    lines = cards.wrap("A " + "x" * 80 + " end", font, 500)
    assert (
        all(font.getlength(line) <= 500 for line in lines) and "".join(lines).replace(" ", "") == "A" + "x" * 80 + "end"
    )


def _measured_wrap(text, font, width):
    """The wrap that measures each whole candidate line, as cards.wrap did before it added widths."""
    lines = []
    for word in text.split():
        while font.getlength(word) > width:
            cut = next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width or i == 1)
            if lines and font.getlength(f"{lines[-1]} {word[:cut]}") <= width:
                lines[-1] += f" {word[:cut]}"
            else:
                lines.append(word[:cut])
            word = word[cut:]
        if word and lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        elif word:
            lines.append(word)
    return lines


CARD_FONTS = [("bold", 72), ("bold", 64), ("bold", 56), ("bold", 48), ("bold", 30), ("regular", 32)]
DRAWN = "".join(
    chr(c) for c in [*range(0x21, 0x250), *range(0x370, 0x530), *range(0x2010, 0x2060), *range(0x20A0, 0x20C0)]
)


@pytest.mark.parametrize(("style", "size"), CARD_FONTS)
def test_no_letter_the_cards_draw_is_kerned_against_a_space(style, size):
    """What lets `wrap` add widths up: a line's width is its words' and spaces' widths, exactly."""
    font, letters = cards._font(style, size), [c for c in DRAWN if cards._has(style, c)]
    space = font.getlength(" ")
    assert len(letters) > 600  # Latin, Greek, Cyrillic, punctuation
    wrong = [c for c in letters if {font.getlength(c + " "), font.getlength(" " + c)} != {font.getlength(c) + space}]
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    [
        "Term dates for the next school year are published today",
        "Ångström week: pupils weigh the sky, and “Quiet Reading” starts — AVATAR, WAVE, Type, LTA",
        "Куточки читання: reading corners in every primary school across the city",
        "Kαλημέρα σχολεία: Greek Saturday schools join the summer programme",
        "A " + "x" * 80 + " end, then a very long word: " + "Donaudampfschifffahrt" * 3,
    ],
)
def test_wrapping_by_added_widths_gives_the_lines_measuring_whole_lines_gives(text):
    for style, size in CARD_FONTS:
        font = cards._font(style, size)
        for width in range(120, 1041, 23):
            assert cards.wrap(text, font, width) == _measured_wrap(text, font, width), (style, size, width)


def test_with_the_cache_off_pictures_and_cards_are_made_in_a_scratch_folder_and_removed(tmp_path, monkeypatch):
    root = tmp_path / "site"
    make_site(
        root, {"2025/2025-02-01-libraries.md": PLAIN_POST, "2025/images/plan.png": png()}, options={"cache_dir": ""}
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    built = build(root, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "out/assets/cards").iterdir())) == 2  # the post's and the site's
    assert re.findall(r'srcset="[^"]+"', html_of(tmp_path / "out", "blog/2025/02/libraries/"))
    assert not (root / ".cache").exists() and not list(scratch.iterdir())


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        ("Pupils plant an orchard", "Pupils plant an orchard"),
        ("Нова бібліотека в школі", "Нова бібліотека в школі"),
        ("Ελληνικά", "Ελληνικά"),
        ("Tiếng Việt", "Tiếng Việt"),
        ("Română: școală, Łódź", "Română: școală, Łódź"),
        ("Cafe\u0301", "Café"),
        ("Sports day \U0001f3c5 winners", "Sports day winners"),
        ("Zero\u200bwidth", "Zerowidth"),
        ("افتتاح مكتبة جديدة", ""),
        ("学校图书馆", ""),
        ("ਸਕੂਲ ਦੀ ਲਾਇਬ੍ਰੇਰੀ", ""),
        ("Eid: عيد", ""),
    ],
)
def test_the_card_draws_what_its_font_has_and_gives_up_on_text_mostly_in_another_script(text, drawn):
    assert cards.drawable(text) == drawn


def card_pixels(title: str, organisation: str = "Director of Schools and Employability") -> bytes:
    card = images.Card("assets/cards/x.png", "alt", title, "News", "3 March 2025", organisation)
    with Image.open(io.BytesIO(cards._drawn(card))) as image:
        return image.convert("RGB").tobytes()


def test_a_title_the_font_cannot_draw_gives_way_to_the_organisation_never_to_empty_boxes():
    # Boxes would differ from this: the organisation's name where the title goes, the date alone below.
    assert card_pixels("افتتاح مكتبة جديدة في المدرسة") == card_pixels("Director of Schools and Employability")
    assert card_pixels("学校图书馆开放", organisation="学校") == card_pixels("", organisation="")
    assert card_pixels("Cafe\u0301 opens") == card_pixels("Café opens")  # decomposed accents drawn as one letter
    assert card_pixels("Sports day \U0001f3c5 winners") == card_pixels(
        "Sports day winners"
    )  # an emoji goes, not the title


def test_pictures_in_docs_that_cannot_be_published_are_errors_in_check_and_build(tmp_path, monkeypatch, capsys):
    root = tmp_path / "site"
    make_site(root, {"2025/2025-02-01-libraries.md": PLAIN_POST, "2025/images/plan.png": png()})
    (root / "docs/images").mkdir()
    (root / "docs/images/IMG_0001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(64))
    (root / "docs/images/broken.jpg").write_bytes(b"not a picture")
    (root / "docs/about.md").write_text("# About\n\n![The team](images/IMG_0001.HEIC)\n", encoding="utf-8")
    monkeypatch.chdir(root)
    how = (
        "open it and save a copy as JPEG (.jpg): in Windows Photos, '...' > 'Save as'; on an iPhone, set "
        "Settings > Camera > Formats to 'Most Compatible' before taking photos, and give that file instead"
    )
    expected = [
        f"docs/about.md: body: image 'images/IMG_0001.HEIC' on line 3 is a HEIC photo, which browsers cannot show; {how}",
        f"docs/images/broken.jpg: file: the file is named like a JPEG, PNG, WebP or GIF file but cannot be read as a picture; {how}",
    ]
    assert check.main([]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines[1:-1] if ": warning: " not in line] == expected
    built = build(root, tmp_path / "out")
    assert built.returncode == 1
    assert all(line in built.stderr.splitlines() for line in expected), built.stderr


def test_a_picture_cut_short_is_found_and_one_a_build_made_before_is_not_read_again(
    site, project, tmp_path, monkeypatch, capsys
):
    whole = project / "posts/2025/images/orchard.jpg"
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert imaging.decodes(whole) and not imaging.decodes(cut)
    broken_png = tmp_path / "cut.png"
    broken_png.write_bytes(png()[:-40])
    assert not imaging.decodes(broken_png)
    # The build above made every picture of the project, so `check` takes them as read.
    monkeypatch.setattr(imagecheck, "_whole", {})
    monkeypatch.setattr(imagecheck, "decodes", lambda path: pytest.fail(f"read again: {path}"))
    monkeypatch.chdir(project)
    assert check.main([]) == 0, capsys.readouterr().out


def test_cards_and_renditions_are_linked_from_the_cache_and_never_written_through(project, tmp_path):
    again, cache = tmp_path / "again", project / ".cache/newsdesk"
    assert build(project, again).returncode == 0
    card = next((again / "assets/cards").glob("*.png"))
    assert os.path.samefile(card, cache / "cards" / card.name)  # one file with two names: nothing copied
    rendition = next((again / "posts/2025/images").glob("orchard-480.*"))
    assert os.path.samefile(rendition, cache / "images" / rendition.name)


def test_a_file_in_the_cache_turned_into_a_link_elsewhere_is_made_again_never_published(site, project, tmp_path):
    """A card and a rendition in the cache replaced by links to other files (which could be
    anywhere): the build makes both again, and the site has plain files, the same as before."""
    own = tmp_path / "project"
    shutil.copytree(project, own, symlinks=True)
    cache = own / ".cache/newsdesk"
    card = next((cache / "cards").glob("*.png"))
    rendition = next((cache / "images").glob("orchard-480.*"))
    for path in (card, rendition):
        elsewhere = tmp_path / f"elsewhere-{path.name}"
        elsewhere.write_bytes(path.read_bytes())  # the same bytes, reached through a link
        path.unlink()
        path.symlink_to(elsewhere)
    out = tmp_path / "out"
    built = build(own, out)
    assert built.returncode == 0, built.stderr
    for folder in ("assets/cards", "posts/2025/images"):
        for path in (out / folder).iterdir():
            assert not path.is_symlink(), path
            assert path.read_bytes() == (site / folder / path.name).read_bytes(), path
    assert not card.is_symlink() and not rendition.is_symlink()  # made again, in the cache too


def test_a_link_is_never_linked_into_the_site(tmp_path):
    from newsdesk.core.pictures import imaging

    (tmp_path / "elsewhere.png").write_bytes(b"somebody else's file")
    (tmp_path / "cached.png").symlink_to(tmp_path / "elsewhere.png")
    with pytest.raises(ValueError, match="is a link to another file"):
        imaging.link(tmp_path / "cached.png", tmp_path / "site/x.png")
    assert not (tmp_path / "site/x.png").exists()


def test_linking_never_writes_into_a_file_the_site_name_shares(tmp_path):
    from newsdesk.mkdocs.pictures import CachedFile

    cached, other, site = tmp_path / "cache.png", tmp_path / "other.png", tmp_path / "site"
    cached.write_bytes(b"new card")
    other.write_bytes(b"somebody else's file")
    (site / "assets/cards").mkdir(parents=True)
    os.link(other, site / "assets/cards/x.png")  # the site's name already shares a file, as after serve
    file = CachedFile("assets/cards/x.png", src_dir=None, dest_dir=str(site), use_directory_urls=True)
    file.abs_src_path = str(cached)
    file.copy_file()
    assert other.read_bytes() == b"somebody else's file"
    assert os.path.samefile(site / "assets/cards/x.png", cached)


def animation(fmt: str) -> bytes:
    frames = [Image.new("RGB", (60, 40), colour) for colour in ("#0b3a5d", "#00703c", "#1d70b8", "#ffffff")]
    out = io.BytesIO()
    extra = {"comment": b"Taken at Northfield Primary"} if fmt == "GIF" else {"exif": Image.Exif()}
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=[100, 200, 300, 400], loop=0, **extra)
    return out.getvalue()


def test_animations_keep_every_frame_their_timing_and_their_format_without_metadata(tmp_path):
    root = tmp_path / "site"
    make_site(
        root,
        {
            "2025/2025-02-01-libraries.md": PLAIN_POST.replace(
                "![A shelf of books](images/plan.png)",
                "![A spinning book](images/spin.gif) ![A spinning pen](images/pen.webp)",
            ),
            "2025/images/spin.gif": animation("GIF"),
            "2025/images/pen.webp": animation("WEBP"),
        },
    )
    out = tmp_path / "out"
    assert build(root, out).returncode == 0
    for name, fmt in (("spin.gif", "GIF"), ("pen.webp", "WEBP")):
        for path in (out / "posts/2025/images").glob(name.replace(".", "*.")):
            with Image.open(path) as image:
                assert (image.format, image.n_frames) == (fmt, 4), path.name
                assert [(frame.load(), frame.info.get("duration"))[1] for frame in ImageSequence.Iterator(image)] == [
                    100,
                    200,
                    300,
                    400,
                ]
                assert not {"comment", "exif", "xmp"} & set(image.info), (path.name, image.info.keys())


def test_pictures_anywhere_are_taken_from_the_cache_even_one_photo_at_two_addresses(tmp_path):
    root = tmp_path / "site"
    photo = phone_photo(900, 600)
    make_site(
        root,
        {
            "2025/2025-02-01-libraries.md": PLAIN_POST.replace("images/plan.png", "images/team.jpg"),
            "2025/images/team.jpg": photo,
        },
    )
    (root / "docs/team.jpg").write_bytes(photo)  # the same photo at the top of docs/, on the About page
    (root / "docs/about.md").write_text("# About\n\n![The team](team.jpg)\n", encoding="utf-8")
    assert build(root, tmp_path / "one").returncode == 0
    made = {path: path.stat().st_mtime_ns for path in (root / ".cache/newsdesk/images").iterdir()}
    assert build(root, tmp_path / "two").returncode == 0
    assert {path: path.stat().st_mtime_ns for path in made} == made  # nothing made again


def test_a_post_showing_a_docs_picture_feeds_a_copy_that_is_published(tmp_path):
    root = tmp_path / "site"
    make_site(
        root, {"2025/2025-02-01-libraries.md": PLAIN_POST.replace("images/plan.png", "../../docs/images/team.jpg")}
    )
    (root / "docs/images").mkdir()
    (root / "docs/images/team.jpg").write_bytes(phone_photo(900, 600))
    out = tmp_path / "out"
    assert build(root, out).returncode == 0
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    shown = re.findall(r"https://schools\.example\.gov\.uk/(images/team[^\"&;]*\.jpg)", feed)
    assert shown and all((out / path).is_file() for path in shown), shown


def test_a_picture_the_writer_sized_keeps_the_size_they_gave(tmp_path):
    root = tmp_path / "site"
    make_site(
        root,
        {
            "2025/2025-02-01-libraries.md": PLAIN_POST.replace(
                "![A shelf of books](images/plan.png)", '![A shelf of books](images/plan.png){ width="120" }'
            ),
            "2025/images/plan.png": png(),
        },
    )
    out = tmp_path / "out"
    assert build(root, out).returncode == 0
    tag = re.search(r"<img [^>]*plan[^>]*>", html_of(out, "blog/2025/02/libraries")).group(0)
    assert 'width="120"' in tag and "srcset" not in tag


@linux_only("a folder link needs Developer Mode on Windows")
def test_check_and_the_build_see_pictures_in_a_linked_docs_folder(tmp_path, monkeypatch, capsys):
    root = tmp_path / "site"
    make_site(root, {"2025/2025-02-01-libraries.md": PLAIN_POST, "2025/images/plan.png": png()})
    shared = tmp_path / "shared-pictures"
    shared.mkdir()
    (shared / "broken.jpg").write_bytes(b"not a picture")
    (root / "docs/shared").symlink_to(shared, target_is_directory=True)
    monkeypatch.chdir(root)
    expected = "docs/shared/broken.jpg: file: the file is named like a JPEG, PNG, WebP or GIF file but cannot be read as a picture"
    assert check.main([]) == 1
    assert any(line.startswith(expected) for line in capsys.readouterr().out.splitlines())
    built = build(root, tmp_path / "out")
    assert built.returncode == 1 and expected in built.stderr


def _stat(pid: int) -> list[str]:
    """A process's fields in /proc/<pid>/stat after its name (state first); [] once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _niceness(pid: int) -> int | None:
    fields = _stat(pid)
    return int(fields[16]) if len(fields) > 16 else None


@linux_only("the drawing processes' priority is read from /proc")
def test_cards_drawn_at_the_lowest_priority_stop_for_pagefind_and_the_rest_are_drawn_after(tmp_path, monkeypatch):
    """MkDocs copies files before the background processes have drawn every card: a card is set
    aside then. At post_build `finish` stops the processes (Pagefind needs the memory), draws cards
    in the build's process while Pagefind runs, then the rest on new processes, and copies the
    cards set aside."""
    from newsdesk.mkdocs import pictures as module

    made = module.Pictures()
    made.start(tmp_path / "cache", tmp_path / "posts")
    titles = [f"Term dates for schools, part {n}: what changes for parents this year" for n in range(400)]
    made.cards = {
        f"posts/{n}.md": images.Card(path=f"assets/cards/{n}.png", alt="", title=t) for n, t in enumerate(titles)
    }
    made.site_card = images.Card(path="assets/cards/site.png", alt="", title="Schools news")
    made.make_cards(workers=2, serving=False)
    assert len(made.running) == 2, "400 cards on 2 CPUs are drawn in the background"
    niceness: dict[int, int | None] = {}
    while len(niceness) < 2 and all(process.poll() is None for process, _ in made.running):
        niceness = {process.pid: n for process, _ in made.running if (n := _niceness(process.pid))}
    assert set(niceness.values()) == {19}  # the most a process can be lowered
    site = tmp_path / "site"
    files = []
    for card in made._all_cards():
        file = module.CardFile(card.path, src_dir=None, dest_dir=str(site), use_directory_urls=True)
        file.abs_src_path, file.pictures = str(made.cards_folder / card.name), made
        file.copy_file()  # as MkDocs does, after on_env
        files.append(file)
    assert len(made.late) == 401 and not (site / "assets/cards").exists()
    assert not all((made.cards_folder / card.name).exists() for card in made._all_cards())  # still drawing

    drawn_here = []
    draw = module.make_card

    def drawing_here(card, folder, source=None):
        if not (folder / card.name).is_file():
            drawn_here.append(card.name)
        return draw(card, folder, source)

    monkeypatch.setattr(module, "make_card", drawing_here)
    pagefind_runs = iter([True, True, True])
    made.finish(workers=2, busy=lambda: next(pagefind_runs, False))
    assert len(drawn_here) == 3, "the build's process draws while Pagefind runs, new processes the rest"
    assert not made.running and not made.late
    for file in files:
        assert Image.open(file.abs_dest_path).size == images.CARD_SIZE
    assert sorted(path.name for path in made.cards_folder.iterdir()) == sorted(card.name for card in made._all_cards())


@linux_only("the build draws cards in background processes where it can lower their priority")
def test_a_failed_build_leaves_no_card_drawing_behind(tmp_path):
    from newsdesk.mkdocs import pictures as module

    made = module.Pictures()
    made.start(tmp_path / "cache", tmp_path / "posts")
    _many_cards(made, 400)
    made.make_cards(workers=2, serving=False)
    processes = [process for process, _ in made.running]
    assert len(processes) == 2
    made.done()  # what on_build_error calls
    assert all(process.poll() is not None for process in processes) and not made.running
    assert not [path for path in made.cards_folder.iterdir() if not path.name.endswith(".png")]


def _many_cards(made, count: int) -> None:
    made.cards = {
        f"posts/{n}.md": images.Card(path=f"assets/cards/{n}.png", alt="", title=f"Exams {n}") for n in range(count)
    }
    made.site_card = images.Card(path="assets/cards/site.png", alt="", title="Schools news")


BUILD_THEN_KILLED = """
import sys, time
from pathlib import Path
from newsdesk.core.pictures import images
from newsdesk.mkdocs import pictures
made = pictures.Pictures()
made.start(Path(sys.argv[1]), Path(sys.argv[1]) / "posts")
made.cards = {f"posts/{n}.md": images.Card(path=f"assets/cards/{n}.png", alt="", title=f"Exams {n}") for n in range(4000)}
made.site_card = images.Card(path="assets/cards/site.png", alt="", title="Schools news")
made.make_cards(workers=2, serving=False)
print(*[process.pid for process, _ in made.running], flush=True)
time.sleep(600)
"""


@linux_only("the build draws cards in background processes where it can lower their priority")
def test_a_build_killed_outright_leaves_no_card_drawing_behind(tmp_path):
    """A build stopped by a signal runs no clean-up of its own (CI cancelling a job, say): its card
    processes see it has gone and stop, rather than drawing on into a cache nobody may want."""
    import signal
    import subprocess
    import sys
    import time

    build = subprocess.Popen(
        [sys.executable, "-c", BUILD_THEN_KILLED, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    pids = [int(pid) for pid in build.stdout.readline().split()]
    assert len(pids) == 2
    build.send_signal(signal.SIGKILL)
    build.wait()

    def alive(pid: int) -> bool:
        return _stat(pid)[:1] not in ([], ["Z"])  # a zombie has ended; nothing may reap it here

    deadline = time.monotonic() + 60
    while any(map(alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, pids)), "the card processes outlived the build"
    assert len(list((tmp_path / "cards").glob("*.png"))) < 4001, "they stopped, not drew all and ended"


@linux_only("the build draws cards in background processes where it can lower their priority")
def test_cards_are_drawn_in_the_build_when_no_process_can_start(tmp_path, monkeypatch):
    import subprocess

    from newsdesk.mkdocs import pictures as module

    started, popen = [], subprocess.Popen

    def second_fails(command, **options):
        if started:
            raise OSError(11, "Resource temporarily unavailable")
        started.append(popen(command, **options))
        return started[-1]

    monkeypatch.setattr(module.subprocess, "Popen", second_fails)
    made = module.Pictures()
    made.start(tmp_path / "cache", tmp_path / "posts")
    _many_cards(made, 40)
    made.make_cards(workers=2, serving=False)
    assert not made.running and started[0].poll() is not None
    assert sorted(path.name for path in made.cards_folder.iterdir()) == sorted(card.name for card in made._all_cards())


@linux_only("the drawing processes' priority is read from /proc")
def test_the_cards_left_after_pagefind_are_drawn_at_normal_priority(tmp_path, monkeypatch):
    """Once Pagefind is done, nothing else runs: the last cards take the CPUs at the build's own priority."""
    import subprocess

    from newsdesk.mkdocs import pictures as module

    seen: list[int] = []

    class Watched(subprocess.Popen):
        def wait(self, timeout=None):  # finish waits for them: their niceness, while they draw
            while self.poll() is None:
                if (n := _niceness(self.pid)) is not None:
                    seen.append(n)
            return super().wait(timeout)

    made = module.Pictures()
    made.start(tmp_path / "cache", tmp_path / "posts")
    _many_cards(made, 400)
    made.make_cards(workers=2, serving=False)
    monkeypatch.setattr(module.subprocess, "Popen", Watched)
    made.finish(workers=2, busy=lambda: False)
    assert seen and set(seen) == {os.nice(0)}


@linux_only("the drawing processes' environment is read from /proc")
def test_card_processes_keep_large_buffers_in_the_heap_unless_told_otherwise(tmp_path, monkeypatch):
    """glibc's allocator settings (cards.ALLOCATOR) reach the processes; one the caller set wins."""
    from newsdesk.mkdocs import pictures as module

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "12345")
    made = module.Pictures()
    made.start(tmp_path / "cache", tmp_path / "posts")
    _many_cards(made, 400)
    made.make_cards(workers=2, serving=False)
    try:
        environment = Path(f"/proc/{made.running[0][0].pid}/environ").read_bytes().split(b"\0")
    finally:
        made.done()
    assert f"MALLOC_MMAP_THRESHOLD_={32 << 20}".encode() in environment
    assert b"MALLOC_TRIM_THRESHOLD_=12345" in environment


@pytest.mark.parametrize("label", ["Press release", "Blog", "Communiqué", "Пресс-релиз", ""])
def test_a_label_drawn_once_for_every_card_gives_the_same_bytes_as_drawn_each_time(label, monkeypatch):
    card = images.Card(path="assets/cards/x.png", alt="", title="Ångström week: pupils weigh the sky", label=label)
    once = cards._drawn(card)
    monkeypatch.setattr(cards, "_label_band", lambda text: None)  # drawn on the card itself, as before
    assert cards._drawn(card) == once
    monkeypatch.undo()
    cards._label_band.cache_clear()
    monkeypatch.setattr(cards, "LABEL_BAND", 80)  # a label reaching below the band is drawn each time
    assert cards._label_band(label.upper() or "X") is None
    assert cards._drawn(card) == once
    cards._label_band.cache_clear()
