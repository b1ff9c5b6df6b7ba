"""Editing one field in the browser editor changes that field's lines and nothing else: the other
front matter keeps its exact bytes, however the file was written (issue #22: an edit once turned
`tags: [A, B]` into a block list and re-wrapped the summary)."""

from __future__ import annotations

import difflib
import os
import subprocess
import time

import test_editor
from test_editor import GIT, _current, on_branch, open_form, save_for_review

editor = test_editor.editor  # the editor fixture: its own project, decap-server and browser page for this module

# Written by hand, not in the canonical style: a note, a folded summary, a block list of tags, a
# quoted name, a field out of the schema's order and a long line. The editor must keep all of it.
BY_HAND = """---
# Written by hand: the editor keeps this note and every line it is not asked to change.
title: Breakfast clubs open in twelve more schools
date: 2025-04-02 08:15
type: press-release
summary: >-
  Twelve more primary schools open breakfast clubs this term,
  so every pupil can start the day with a meal.
notes_to_editors: |
  1. The clubs open at 8am, before the school day starts, and every place is free for every family that asks for one this term.
  2. Schools that want a club can ask the attendance team.
tags:
  - Attendance
  - 'Free school meals'
author: press-office
contact:
  name: "Education Press Office"
  email: press.office@example.gov.uk
---

Twelve more primary schools open breakfast clubs this term.

- A meal before lessons.
- A calm half hour.
"""
CANONICAL = """---
title: Minibus routes for the new term
date: 2025-04-20
type: blog
summary: 'Routes change on Monday: check the list before you travel.'
tags: [Transport, Attendance]
author: director
changes:
  - date: 2025-04-21 09:00
    note: Added the route for Hillside Primary
---

The new routes start on Monday.
"""


# `git status` takes the index lock to refresh it; decap-server's checkout back to main then fails
# and leaves the repository on the draft's branch. Looking must not lock.
QUIET_GIT = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}


def _when_git_is_quiet(project) -> None:
    """decap-server may still be at git after the last save (checking main out again, its stash,
    its lock): back once git has been quiet on main for a second, as an owner lets the editor finish."""
    deadline, last, quiet_since = time.monotonic() + 30, None, time.monotonic()
    while True:
        state = [(project / ".git/index.lock").exists(), _current(project)] + [
            subprocess.run(command, cwd=project, capture_output=True, text=True, env=QUIET_GIT).stdout
            for command in (["git", "rev-parse", "HEAD"], ["git", "stash", "list"], ["git", "status", "--porcelain"])
        ]
        if state != last:
            last, quiet_since = state, time.monotonic()
        elif state[:2] == [False, "main"] and time.monotonic() - quiet_since >= 1.0:
            return
        assert time.monotonic() < deadline, f"decap-server did not finish with git: {state}"
        time.sleep(0.1)


def _commit(project, name: str, text: str) -> str:
    path = project / "posts" / "2025" / name
    env = {**os.environ, **GIT}
    _when_git_is_quiet(project)
    path.write_text(text, encoding="utf-8", newline="\n")
    subprocess.run(["git", "add", str(path)], cwd=project, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", f"Add {name}"], cwd=project, check=True, env=env)
    return f"posts/2025/{name}"


def _append_to_title(page, words: str) -> None:
    """Key by key, as a writer adds words at the end of the headline."""
    title = page.locator("[id^=title-field]")
    title.click()
    page.keyboard.press("End")
    page.keyboard.type(words)


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines, leaving out a 'changes:' record the editor may add of its own accord."""
    diff = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    removed = [line[2:] for line in diff if line[0] == "-"]
    added = [line[2:] for line in diff if line[0] == "+"]
    if "changes:" in added and "changes:" not in before.splitlines():
        start = added.index("changes:")
        end = next((i for i in range(start + 1, len(added)) if not added[i].startswith(" ")), len(added))
        added = added[:start] + added[end:]
    return removed, added


def test_editing_the_title_keeps_every_other_byte_of_a_file_written_by_hand(editor):
    page, project, url, *_ = editor
    path = _commit(project, "2025-04-02-breakfast-clubs.md", BY_HAND)
    open_form(page, url + "#/collections/press-release/entries/2025/2025-04-02-breakfast-clubs")
    _append_to_title(page, " this spring")
    save_for_review(page, project, "press-release/2025/2025-04-02-breakfast-clubs")
    after = on_branch(project, "press-release/2025/2025-04-02-breakfast-clubs", path).decode("utf-8")
    assert _changed_lines(BY_HAND, after) == (
        ["title: Breakfast clubs open in twelve more schools"],
        ["title: Breakfast clubs open in twelve more schools this spring"],
    ), after


def test_editing_the_summary_of_a_canonical_file_changes_only_the_summary_line(editor):
    page, project, url, *_ = editor
    path = _commit(project, "2025-04-20-minibus-routes.md", CANONICAL)
    open_form(page, url + "#/collections/blog/entries/2025/2025-04-20-minibus-routes")
    summary = page.locator("[id^=summary-field]")
    summary.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Times are on the school's page.")
    save_for_review(page, project, "blog/2025/2025-04-20-minibus-routes")
    after = on_branch(project, "blog/2025/2025-04-20-minibus-routes", path).decode("utf-8")
    assert _changed_lines(CANONICAL, after) == (
        ["summary: 'Routes change on Monday: check the list before you travel.'"],
        ["summary: 'Routes change on Monday: check the list before you travel. Times are on the school''s page.'"],
    ), after
