"""The GitHub Actions workflows lint clean and keep their security policy.

Least privilege, pinned actions and bounded jobs are easy to lose in an edit that still lints,
so the policy is asserted here rather than left to review.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
# The one job allowed to write anything: (workflow file, job id) -> its exact permissions.
DEPLOY_JOB = ("deploy.yml", "deploy")
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<value>.*?)\s*$")
# owner/repo[/path]@<40 hex>, a space, then `# vX` (`# v1`, `# v5.0.0`).
PINNED = re.compile(r"""(["']?)[\w.-]+/[\w.-]+(?:/[^@\s"']+)?@[0-9a-f]{40}\1\s+\#\s*v\d+(?:\.\d+)*""")


def is_local(value: str) -> bool:
    """A local action or reusable workflow (`./...`) lives in this repository: nothing to pin."""
    return value.strip("\"'").startswith("./")


def is_pinned(value: str) -> bool:
    """True for `owner/repo@<full commit SHA> # vX...`: immutable, with a readable version."""
    return PINNED.fullmatch(value) is not None


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping. YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True."""
    return workflow.get("on", workflow.get(True))


def jobs(workflow: dict) -> dict[str, dict]:
    return workflow["jobs"]


def actionlint() -> str:
    """The actionlint that the test extra installed next to this Python, else one on PATH."""
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: `make setup` installs it with the test extra")
    return found


def run_actionlint(*paths: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # shellcheck and pyflakes are switched off so the result does not depend on what else
    # happens to be installed on the machine.
    command = [actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, paths)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_the_workflows_are_there() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"ci.yml", "deploy.yml"} <= names


def test_actionlint_reports_nothing() -> None:
    result = run_actionlint(*WORKFLOWS, cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_does_report_a_broken_workflow(tmp_path: Path) -> None:
    """Guards the test above: an actionlint that never complains would pass it too."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\n"
        "permissions:\n"
        "  contents: raed\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - run: echo hello\n",
        encoding="utf-8",
    )
    result = run_actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.yml:3:" in result.stdout


@pytest.mark.parametrize(
    ("value", "pinned"),
    [
        ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", True),
        ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7", True),
        ("'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1' # v7", True),
        ("github/codeql-action/init@3d3c42e5aac5ba805825da76410c181273ba90b1 # v4.1.0", True),
        ("actions/checkout@v7", False),
        ("actions/checkout@v7.0.1 # v7.0.1", False),
        ("actions/checkout@main", False),
        ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", False),
        ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # latest", False),
        ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1# v7", False),
        ("actions/checkout@3d3c42e5 # v7", False),
        ("actions/checkout@3D3C42E5AAC5BA805825DA76410C181273BA90B1 # v7", False),
        ("docker://alpine:3.20 # v3", False),
    ],
)
def test_pin_rule(value: str, pinned: bool) -> None:
    assert is_pinned(value) is pinned


@pytest.mark.parametrize(
    ("value", "local"),
    [("./.github/actions/setup", True), ("'./x'", True), ("actions/checkout@v7", False)],
)
def test_local_rule(value: str, local: bool) -> None:
    assert is_local(value) is local


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    matches = [(number, USES_LINE.match(line)) for number, line in enumerate(lines, 1)]
    found = [(number, m["value"]) for number, m in matches if m]
    unpinned = [f"{path.name}:{n}: {v}" for n, v in found if not is_local(v) and not is_pinned(v)]
    assert unpinned == []
    # The line scan must see every `uses:` that YAML sees (none hidden in flow style).
    in_yaml = [
        item["uses"] for job in jobs(load(path)).values() for item in [job, *job.get("steps", [])] if "uses" in item
    ]
    assert len(found) == len(in_yaml)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_top_level_permissions_only_read_contents(path: Path) -> None:
    assert load(path)["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_may_write() -> None:
    writers = {}
    for path in WORKFLOWS:
        for job_id, job in jobs(load(path)).items():
            permissions = job.get("permissions", {})
            if permissions == "write-all" or "write" in getattr(permissions, "values", list)():
                writers[(path.name, job_id)] = permissions
    assert writers == {DEPLOY_JOB: DEPLOY_PERMISSIONS}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    timeouts = {job_id: job.get("timeout-minutes") for job_id, job in jobs(load(path)).items()}
    bad = {job_id: t for job_id, t in timeouts.items() if not (isinstance(t, int) and 0 < t <= 60)}
    assert bad == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_mkdocs_2_warning_is_off(path: Path) -> None:
    assert load(path)["env"]["NO_MKDOCS_2_WARNING"] == "1"


def test_ci_runs_on_pushes_and_pull_requests() -> None:
    assert {"push", "pull_request"} <= set(triggers(load(WORKFLOW_DIR / "ci.yml")))


def test_deploy_runs_on_main_every_quarter_hour_and_by_hand() -> None:
    on = triggers(load(WORKFLOW_DIR / "deploy.yml"))
    assert on["push"] == {"branches": ["main"]}
    assert on["schedule"] == [{"cron": "1,16,31,46 * * * *"}]
    assert "workflow_dispatch" in on


def steps_running(job: dict, text: str) -> list[dict]:
    return [step for step in job["steps"] if text in step.get("run", "")]


def test_scheduled_runs_build_only_when_something_is_due() -> None:
    workflow = jobs(load(WORKFLOW_DIR / "deploy.yml"))
    due, build, deploy = workflow["due"], workflow["build"], workflow["deploy"]
    assert due["if"] == "github.event_name == 'schedule'"
    assert due["permissions"] == {"contents": "read"}
    assert due["outputs"]["due"] == "${{ steps.due.outputs.due }}"
    [check] = steps_running(due, "newsdesk due --record .cache/published.json")
    assert check["id"] == "due" and '--commit "$GITHUB_SHA"' in check["run"]
    assert steps_running(due, "scripts/fetch-record.sh")
    assert build["needs"] == "due"
    assert build["if"] == "${{ !cancelled() && (github.event_name != 'schedule' || needs.due.outputs.due == 'true') }}"
    assert deploy["if"] == "${{ !cancelled() && needs.build.result == 'success' && github.ref == 'refs/heads/main' }}"


def test_the_build_that_goes_live_keeps_addresses_and_stops_on_placeholders() -> None:
    build = jobs(load(WORKFLOW_DIR / "deploy.yml"))["build"]
    assert steps_running(build, 'scripts/fetch-record.sh "$PAGES_URL" .cache/published.json')
    [step] = steps_running(build, "mkdocs build --strict")
    assert step["env"] == {
        "NEWSDESK_DEPLOY": "true",
        "NEWSDESK_PUBLISHED_RECORD": ".cache/published.json",
        "NEWSDESK_COMMIT": "${{ github.sha }}",
    }
    assert "NEWSDESK_NOW" not in step["env"]


def test_the_build_that_goes_live_runs_go_live_before_anything_else() -> None:
    """A first deploy fails once, with the whole list (docs-dev/make-it-yours.md)."""
    build = jobs(load(WORKFLOW_DIR / "deploy.yml"))["build"]
    runs = [step["run"].strip() for step in build["steps"] if "run" in step]
    assert runs.index("newsdesk go-live") == 2  # after installing Python and npm packages, before every check
    assert runs[:2] == ["python -m pip install -c constraints.txt -e .", "npm ci --ignore-scripts --no-audit --no-fund"]


def test_pull_requests_get_annotations_and_a_preview_to_download() -> None:
    test = jobs(load(WORKFLOW_DIR / "ci.yml"))["test"]
    assert steps_running(test, "newsdesk check --format github")
    [preview] = steps_running(test, "mkdocs build --strict --site-dir preview")
    assert "python scripts/preview_offline.py preview" in preview["run"]
    [upload] = [step for step in test["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"] == "preview/"
    on_pull_requests = "!cancelled() && github.event_name == 'pull_request'"
    assert upload["if"] == f"${{{{ {on_pull_requests} }}}}"
    assert preview["if"] == f"${{{{ {on_pull_requests} && steps.paths.outputs.path == 'full' }}}}"
    # The fast path builds its preview itself; only the offline rewrite is left to do.
    [offline] = [
        step for step in steps_running(test, "python scripts/preview_offline.py preview") if step is not preview
    ]
    assert offline["if"] == f"${{{{ {on_pull_requests} && steps.paths.outputs.path == 'content' }}}}"


def test_ci_has_one_job_named_test_whatever_the_path() -> None:
    """Branch protection requires `test`: a content-only pull request must not leave it skipped.
    Beside it, `windows` proves the writers' commands on Windows."""
    workflow = jobs(load(WORKFLOW_DIR / "ci.yml"))
    assert list(workflow) == ["test", "windows"]
    assert "if" not in workflow["test"]


def windows_job() -> dict:
    return jobs(load(WORKFLOW_DIR / "ci.yml"))["windows"]


def test_the_windows_job_is_least_privilege_and_bounded() -> None:
    job = windows_job()
    assert job["runs-on"] == "windows-latest"
    assert job["permissions"] == {"contents": "read"}
    assert 0 < job["timeout-minutes"] <= 60
    [checkout] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["persist-credentials"] is False
    [python] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@")]
    assert python["with"]["python-version"] == "3.11"  # the project's Python, as the Linux job has it


def test_the_windows_job_installs_as_writing_md_says() -> None:
    [install] = steps_running(windows_job(), "-m venv .venv")
    commands = [line.strip() for line in install["run"].splitlines() if line.strip() and not line.startswith("$")]
    assert commands[-1] == '.venv\\Scripts\\python -m pip install -c constraints.txt -e ".[test]"'
    writing = (ROOT / "WRITING.md").read_text(encoding="utf-8")
    assert commands[-1] in writing  # the same line a writer types in PowerShell or cmd


def test_the_windows_job_runs_the_writers_commands_on_a_copy_of_the_sample() -> None:
    job = windows_job()
    [copy] = steps_running(job, "Copy-Item")
    assert "tests\\fixtures\\sample\\posts" in copy["run"] and "$env:RUNNER_TEMP" in copy["run"]
    sample = "${{ runner.temp }}\\sample"
    [new] = steps_running(job, 'newsdesk" new')
    assert new["working-directory"] == sample
    created = [line for line in new["run"].splitlines() if 'newsdesk" new' in line]
    assert len(created) == 2 and "--type press-release" in created[1] and "--type" not in created[0]
    [check] = steps_running(job, 'newsdesk" check')
    assert check["working-directory"] == sample and check["shell"] == "cmd"
    [build] = steps_running(job, 'mkdocs" build --strict')
    assert build["working-directory"] == sample
    order = [job["steps"].index(step) for step in (copy, new, check, build)]
    assert order == sorted(order)
    # No step works on the repository's own posts/: an owner may delete them.
    assert not [step for step in job["steps"] if "posts" in step.get("run", "") and step not in (copy, new)]


def test_the_windows_job_runs_every_test_without_a_browser() -> None:
    [tests] = steps_running(windows_job(), "-m pytest")
    assert tests["run"].strip() == '.venv\\Scripts\\python -m pytest -m "not browser"'
    assert "working-directory" not in tests


def test_content_pull_requests_take_the_fast_path_and_everything_else_the_full_suite() -> None:
    test = jobs(load(WORKFLOW_DIR / "ci.yml"))["test"]
    checkout = test["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 2
    [classify] = steps_running(test, "scripts/ci_paths.py")
    assert classify["id"] == "paths" and test["steps"].index(classify) == 1
    assert '--base HEAD^1 --head HEAD --github-output "$GITHUB_OUTPUT"' in classify["run"]
    assert 'echo "path=full"' in classify["run"]  # pushes always run everything
    [fast] = steps_running(test, "python scripts/check_content.py")
    assert fast["if"] == "steps.paths.outputs.path == 'content'"
    assert "--base HEAD^1 --format github --preview preview" in fast["run"]
    for command in ("newsdesk check --format github", "python -m pytest", "mkdocs build --strict"):
        assert all(
            step["if"].endswith("steps.paths.outputs.path == 'full' }}")
            or step["if"] == "steps.paths.outputs.path == 'full'"
            for step in steps_running(test, command)
        ), command


def test_make_check_content_runs_the_fast_path_and_ci_run_the_full_suite() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck-content:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/check_content.py --base $(BASE)" in recipe
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("\nmake test")


def test_codeowners_cover_posts_and_docs() -> None:
    owners = {
        line.split()[0]: line.split()[1:]
        for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert owners["/posts/"] and owners["/docs/"]
    assert all(owner.startswith("@") for names in owners.values() for owner in names)


def test_deploys_queue_and_are_never_cancelled() -> None:
    concurrency = load(WORKFLOW_DIR / "deploy.yml")["concurrency"]
    assert concurrency["group"]
    assert concurrency["cancel-in-progress"] is False


def test_dependabot_updates_pip_and_actions_weekly() -> None:
    config = load(ROOT / ".github" / "dependabot.yml")
    schedules = {u["package-ecosystem"]: u["schedule"]["interval"] for u in config["updates"]}
    assert schedules == {"pip": "weekly", "github-actions": "weekly"}
