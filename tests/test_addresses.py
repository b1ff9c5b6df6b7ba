"""Addresses for life: a build given the record of published addresses stops when one would
disappear, with the post, the address and the exact 'aliases:' line; and `newsdesk due` says when
a scheduled post has become due since the last deploy. No network: the record is a local file."""

from __future__ import annotations

import json
import shutil

import feedparser
import pytest

from newsdesk.commands import due
from newsdesk.core.publishing.record import address
from sitekit import BLOG, PRESS, build, make_site, write

NOW = "2026-02-10T09:00"
BUSES = "2025/2025-03-04-walking-buses.md"
LABS = "2025/2025-05-12-science-labs.md"
SCHEDULED = PRESS.replace("date: 2025-05-12 10:00", "date: 2026-02-12 00:01").replace("science labs", "sports halls")


@pytest.fixture
def site(tmp_path):
    """A site deployed once: its published.json kept as the record the next build is given."""
    make_site(
        tmp_path,
        {BUSES: BLOG, LABS: PRESS, "2026/2026-02-12-sports-halls.md": SCHEDULED},
        options={"published_record": "last-deploy.json"},
    )
    write(tmp_path / "last-deploy.json", '{"addresses": {}}')
    first = build(tmp_path, now=NOW)
    assert first.returncode == 0, first.stderr
    shutil.copy(tmp_path / "site/published.json", tmp_path / "last-deploy.json")
    return tmp_path


def test_the_record_has_every_published_address_and_nothing_unpublished(site):
    record = json.loads((site / "site/published.json").read_text())["addresses"]
    assert record == {"/blog/2025/03/walking-buses/": f"posts/{BUSES}", "/news/2025/05/science-labs/": f"posts/{LABS}"}


def test_moving_a_published_date_without_an_alias_stops_the_build(site):
    (site / "posts" / BUSES).unlink()
    write(site / "posts/2025/2025-04-04-walking-buses.md", BLOG.replace("date: 2025-03-04", "date: 2025-04-04"))
    result = build(site, now=NOW)
    assert result.returncode == 1
    assert (
        "posts/2025/2025-04-04-walking-buses.md: 'aliases': the post was published at /blog/2025/03/walking-buses/ "
        'and would no longer be there; add the line "aliases: [/blog/2025/03/walking-buses/]" so readers and '
        "links still find it (replacing any 'aliases:' line it has)\n"
    ) in result.stderr


def test_with_the_alias_the_date_move_builds_and_the_old_address_redirects(site):
    guids = {entry.title: entry.id for entry in feedparser.parse(str(site / "site/feed.xml")).entries}
    write(
        site / "posts" / BUSES,
        BLOG.replace("date: 2025-03-04", "date: 2025-04-04\naliases: [/blog/2025/03/walking-buses/]"),
    )
    result = build(site, now=NOW)
    assert result.returncode == 0, result.stderr
    assert "/blog/2025/04/walking-buses/" in (site / "site/blog/2025/03/walking-buses/index.html").read_text()
    record = json.loads((site / "site/published.json").read_text())["addresses"]
    assert {"/blog/2025/03/walking-buses/", "/blog/2025/04/walking-buses/"} <= set(record)
    after = {entry.title: entry.id for entry in feedparser.parse(str(site / "site/feed.xml")).entries}
    assert after == guids  # subscribers do not see the moved post again


def test_a_new_slug_without_an_alias_stops_the_build_and_with_one_builds(site):
    write(site / "posts" / BUSES, BLOG.replace("type: blog", "type: blog\nslug: walking-buses-north"))
    result = build(site, now=NOW)
    assert result.returncode == 1
    assert (
        f"posts/{BUSES}: 'aliases': the post was published at /blog/2025/03/walking-buses/ and would no longer be there; "
        'add the line "aliases: [/blog/2025/03/walking-buses/]"'
    ) in result.stderr
    write(
        site / "posts" / BUSES,
        BLOG.replace("type: blog", "type: blog\nslug: walking-buses-north\naliases: [/blog/2025/03/walking-buses/]"),
    )
    assert build(site, now=NOW).returncode == 0


def test_a_post_made_a_draft_again_or_deleted_stops_the_build_unless_withdrawn(site):
    write(site / "posts" / BUSES, BLOG.replace("type: blog", "type: blog\ndraft: true"))
    (site / "posts" / LABS).unlink()
    result = build(site, now=NOW)
    assert result.returncode == 1
    assert (
        f"posts/{BUSES}: 'draft': the post was published at /blog/2025/03/walking-buses/ and is now a draft, so that "
        "address would disappear; publish it again, or, to take it down on purpose, add '/blog/2025/03/walking-buses/' "
        "to 'withdrawn' under the newsdesk plugin in mkdocs.yml"
    ) in result.stderr
    assert f"posts/{LABS}: file: the published address /news/2025/05/" in result.stderr
    record = json.loads((site / "last-deploy.json").read_text())["addresses"]
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "published_record: last-deploy.json",
            f"published_record: last-deploy.json\n    withdrawn: {json.dumps(sorted(record))}",
        )
    )
    assert build(site, now=NOW).returncode == 0


def test_a_missing_record_stops_the_build(site):
    (site / "last-deploy.json").unlink()
    result = build(site, now=NOW)
    assert result.returncode == 1
    assert "newsdesk: the record of published addresses, last-deploy.json, does not exist" in result.stderr


@pytest.mark.parametrize(
    "now, status, line",
    [
        ("2026-02-11T23:59", 1, "newsdesk due: nothing has become due since the last deploy"),
        ("2026-02-12T00:01", 0, "newsdesk due: 1 post due since the last deploy:"),
    ],
)
def test_due_says_whether_the_scheduled_release_has_become_due(site, monkeypatch, capsys, now, status, line):
    monkeypatch.chdir(site)
    monkeypatch.setenv("NEWSDESK_NOW", now)
    assert due.main(["--record", "last-deploy.json"]) == status
    assert capsys.readouterr().out.splitlines()[0] == line


def test_due_builds_to_be_safe_without_a_record(site, monkeypatch, capsys):
    monkeypatch.chdir(site)
    monkeypatch.setenv("NEWSDESK_NOW", NOW)
    assert due.main(["--record", "nowhere.json"]) == 0
    assert "building to be safe" in capsys.readouterr().out


def test_once_deployed_the_release_is_no_longer_due(site, monkeypatch, capsys):
    assert build(site, now="2026-02-12T00:01").returncode == 0
    shutil.copy(site / "site/published.json", site / "last-deploy.json")
    monkeypatch.chdir(site)
    monkeypatch.setenv("NEWSDESK_NOW", "2026-02-12T00:16")
    assert due.main(["--record", "last-deploy.json"]) == 1


@pytest.mark.parametrize(
    "written, expected",
    [
        ("news/2015/10/launch/", "/news/2015/10/launch/"),
        ("/news/2015/10/launch", "/news/2015/10/launch/"),
        ("/old/launch.html", "/old/launch.html"),
        (" /news/ ", "/news/"),
    ],
)
def test_address(written, expected):
    assert address(written) == expected


def test_due_when_the_live_site_was_built_from_another_commit(site, monkeypatch, capsys):
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "published_record: last-deploy.json", "published_record: last-deploy.json\n    commit: abc123"
        )
    )
    assert build(site, now=NOW).returncode == 0
    shutil.copy(site / "site/published.json", site / "last-deploy.json")
    assert json.loads((site / "last-deploy.json").read_text())["commit"] == "abc123"
    monkeypatch.chdir(site)
    monkeypatch.setenv("NEWSDESK_NOW", NOW)
    assert due.main(["--record", "last-deploy.json", "--commit", "abc123"]) == 1
    assert due.main(["--record", "last-deploy.json", "--commit", "def456"]) == 0
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "newsdesk due: the live site was built from commit abc123, not def456"
    )


def test_a_post_with_problems_of_its_own_is_told_those_first(site):
    write(site / "posts" / BUSES, BLOG.replace("date: 2025-03-04", "date: 04/03/2025"))
    result = build(site, now=NOW)
    assert result.returncode == 1
    assert "newsdesk: 1 problem to fix before the site can be built:\n" in result.stderr
    assert f"posts/{BUSES}: 'date': expected YYYY-MM-DD" in result.stderr
