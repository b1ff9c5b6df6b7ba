"""The editor's sign-in service (scripts/editor/oauth/) and the promises of docs-dev/sign-in.md.

The service's own tests are JavaScript, run here with `node --test` (GitHub faked by a stub fetch);
these add what ties it to the site: the configuration the build writes, the settings and versions
the page names, and Decap's messages it quotes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from newsdesk.commands import check
from newsdesk.core.publishing.editor import AUTH_SCOPES, auth_url_problem
from newsdesk.mkdocs.config import EditorConfig
from sitekit import BLOG, REPO, build, make_site

SERVICE = REPO / "scripts" / "editor" / "oauth"
PAGE = (REPO / "docs-dev" / "sign-in.md").read_text(encoding="utf-8")
WORKER = (SERVICE / "worker.mjs").read_text(encoding="utf-8")
WRANGLER = (SERVICE / "wrangler.toml").read_text(encoding="utf-8")
DECAP = REPO / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
POSTS = {"2025/2025-03-04-walking-buses.md": BLOG}


def test_the_services_own_tests_pass():
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup-system.sh installs it)"
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", "worker.test.mjs"],
        cwd=SERVICE,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    passed = int(re.search(r"^# pass (\d+)$", result.stdout, re.M).group(1))
    assert passed >= 12 and "# fail 0" in result.stdout, result.stdout


def test_the_service_has_no_dependencies():
    imports = re.findall(r"^\s*import .*?from ['\"]([^'\"]+)['\"]", WORKER, re.M)
    assert imports == [], "worker.mjs runs on the platform alone: fetch, URL and crypto.subtle"
    assert not (SERVICE / "package.json").exists()


@pytest.mark.parametrize(
    ("auth_url", "fine"),
    [
        ("https://newsdesk-sign-in.example.workers.dev", True),
        ("https://sign-in.example.gov.uk/", True),  # Decap drops a slash at the end
        ("https://sign-in.example.gov.uk:8443", True),
        ("http://127.0.0.1:8787", True),  # a service on this computer, for trying it out
        ("https://sign-in.example.gov.uk/oauth", False),  # Decap compares origins: a path never matches
        ("http://sign-in.example.gov.uk", False),
        ("sign-in.example.gov.uk", False),
        ("https://sign-in.example.gov.uk/?x=1", False),
        ("*", False),
    ],
)
def test_auth_url_is_the_services_address_alone(auth_url, fine):
    assert (auth_url_problem(auth_url) is None) is fine


def test_a_path_in_auth_url_stops_check_and_the_build(tmp_path, capsys):
    editor = {"enabled": True, "repo": "city/newsdesk", "auth_url": "https://sign-in.example.gov.uk/auth"}
    config = make_site(tmp_path, POSTS, options={"editor": editor})
    assert check.main(["--config-file", str(config)]) == 1
    assert (
        "mkdocs.yml: 'editor.auth_url': expected the sign-in service's address alone, such as "
        "https://newsdesk-sign-in.example.workers.dev, got 'https://sign-in.example.gov.uk/auth'; the editor accepts "
        "a sign-in only from exactly that address, so write it with https:// and without a path (docs-dev/sign-in.md)"
    ) in capsys.readouterr().out


def test_the_site_writes_auth_url_and_auth_scope_as_the_page_says(tmp_path):
    """sign-in.md, step 6: auth_url becomes the GitHub backend's base_url, auth_scope its auth_scope,
    and auth_endpoint is left out (the service answers at /auth)."""
    scripts = str(REPO / "node_modules" / "decap-cms" / "dist")
    editor = {
        "enabled": True,
        "repo": "city/newsdesk",
        "auth_url": "https://sign-in.example.gov.uk",
        "auth_scope": "repo",
        "script_dir": scripts,
    }
    make_site(tmp_path, POSTS, options={"editor": editor, "deploy": True})
    result = build(tmp_path, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    backend = yaml.safe_load((tmp_path / "out" / "admin" / "config.yml").read_text())["backend"]
    assert backend["base_url"] == "https://sign-in.example.gov.uk"
    assert backend["auth_scope"] == "repo"
    assert "auth_endpoint" not in backend
    assert "`auth_url` as the GitHub\n   backend's `base_url` and `auth_scope` as its `auth_scope`" in PAGE
    assert 'url.pathname !== "/auth"' in WORKER


def test_a_scope_other_than_the_two_is_refused_in_mkdocs_yml(tmp_path, capsys):
    editor = {"enabled": True, "repo": "city/newsdesk", "auth_scope": "admin:org"}
    config = make_site(tmp_path, POSTS, options={"editor": editor})
    assert check.main(["--config-file", str(config)]) == 2
    assert (
        "Plugin 'newsdesk' option 'editor': Sub-option 'auth_scope': Expected one of: ('public_repo', 'repo') "
        "but received: 'admin:org'"
    ) in capsys.readouterr().err


def test_the_scopes_agree_everywhere():
    """One choice of two, the same default in mkdocs.yml's option, this repository's mkdocs.yml and
    the service's settings, and the page says which is which."""
    assert AUTH_SCOPES == ("public_repo", "repo")
    assert 'export const SCOPES = ["public_repo", "repo"];' in WORKER
    assert dict(EditorConfig._schema)["auth_scope"].default == "public_repo"
    assert tomllib.loads(WRANGLER)["vars"]["OAUTH_SCOPE"] == "public_repo"
    assert "auth_scope: public_repo" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "`public_repo` when the repository is public" in PAGE and "`repo` when the repository is private" in PAGE


def test_the_settings_the_page_lists_are_those_the_service_reads():
    checked = WORKER.split("const missing = [")[1].split("]")[0]
    read = set(re.findall(r"env\.([A-Z_]+)", WORKER)) | set(re.findall(r'"([A-Z_]+)"', checked))
    table = set(re.findall(r"^\s*\| `([A-Z_]+)` \|", PAGE, re.M))
    assert read == table == {"GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "ALLOWED_ORIGIN", "OAUTH_SCOPE"}
    settings = tomllib.loads(WRANGLER)
    assert set(settings["vars"]) == {"ALLOWED_ORIGIN", "OAUTH_SCOPE"}, "the two secrets are never in the file"
    assert settings["main"] == "worker.mjs" and (SERVICE / settings["main"]).is_file()


def test_wrangler_is_pinned_and_the_same_version_everywhere():
    mentions = [
        (path, line)
        for path in [REPO / "README.md", *(REPO / "docs-dev").glob("*.md"), SERVICE / "wrangler.toml"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\bwrangler\b(?!\.toml)", line) and "npx" in line
    ]
    assert mentions, "the page says how to deploy with wrangler"
    versions = {m for _, line in mentions for m in re.findall(r"wrangler@(\S+)", line)}
    unpinned = [line for _, line in mentions if re.search(r"npx (--yes )?wrangler(?!@)", line)]
    assert unpinned == [] and len(versions) == 1, (unpinned, versions)
    assert re.fullmatch(r"\d+\.\d+\.\d+", versions.pop())


def test_the_callback_address_the_page_gives_is_the_one_the_service_sends():
    assert "Authorization callback URL: `https://SERVICE/callback`, exactly." in PAGE
    assert 'new URL("/callback", url.origin)' in WORKER


@pytest.mark.parametrize(
    "words",
    [
        "The sign-in service is not set up:",
        "The editor did not answer",
        "The editor asks for GitHub access",
        "This sign-in was not started from the editor, or took longer than 10 minutes",
        "GitHub refused the sign-in",
    ],
)
def test_the_services_words_the_page_quotes_are_its_own(words):
    assert words in PAGE and words in WORKER


@pytest.mark.parametrize(
    ("in_decap", "on_the_page"),
    [
        ("Your GitHub user account does not have access to this repo.", None),  # not a collaborator
        ("Failed to publish: %{details}", '"Failed to publish:"'),  # branch protection refused the merge
        ("Automatic merge not possible - Forcing merge.", '("Forcing\nmerge"'),  # why protection must stay on
        ('"decap-cms/"', "`decap-cms/pending_publish`"),  # the label of a pull request marked Ready
        ('PENDING_PUBLISH:"pending_publish"', "`decap-cms/pending_publish`"),
    ],
)
def test_decaps_words_the_page_quotes_are_in_the_pinned_decap(in_decap, on_the_page):
    assert DECAP.is_file(), "run `npm ci --ignore-scripts` (make test does)"
    assert in_decap in DECAP.read_text(encoding="utf-8")
    assert (on_the_page or in_decap) in PAGE


def test_the_page_is_linked_for_owners():
    assert "[docs-dev/sign-in.md](docs-dev/sign-in.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "[sign-in.md](sign-in.md)" in (REPO / "docs-dev" / "editor.md").read_text(encoding="utf-8")
