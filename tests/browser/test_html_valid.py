"""The Nu Html Checker (vnu.jar from npm, run with the system Java): no errors in any built page."""

from __future__ import annotations

import pytest

from browserkit import PAGES, built_file


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"line {m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:120]}]" for m in messages
    )


@pytest.mark.parametrize("name", PAGES)
def test_page_type_is_valid_html(site_dir, vnu_messages, name):
    path = built_file(site_dir, PAGES[name]).resolve()
    assert path in vnu_messages, f"the checker did not see {path}"
    assert not vnu_messages[path], describe(vnu_messages[path])


def test_every_built_page_is_valid_html(site_dir, vnu_messages):
    bad = {path: messages for path, messages in vnu_messages.items() if messages}
    assert not bad, "\n".join(
        f"{path.relative_to(site_dir.resolve()) if path else '?'}:\n{describe(m)}" for path, m in bad.items()
    )
