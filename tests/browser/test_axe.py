"""axe-core with the WCAG 2.2 A and AA rules on every page type, in the light and dark schemes."""

from __future__ import annotations

import pytest

from browserkit import PAGES, SCHEMES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async tags => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return results.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        WCAG_TAGS,
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"][:5]) for v in violations)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(tabs, axe_source, name, scheme):
    page = tabs(scheme).open(PAGES[name])
    violations = axe_violations(page, axe_source)
    assert not violations, describe(violations)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_with_search_results_open(tabs, axe_source, scheme):
    page = tabs(scheme).open(PAGES["search"] + "?q=school&tag=Partnerships")
    page.locator(".nd-search__result").first.wait_for()
    page.locator(".nd-search__status").filter(has_text="result").wait_for()
    violations = axe_violations(page, axe_source)
    assert not violations, describe(violations)
