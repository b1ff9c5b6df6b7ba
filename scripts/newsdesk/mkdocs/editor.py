"""The browser editor at /admin/: Decap CMS, self-hosted, with a configuration made from the schema.

The plugin's on_files adds these as plain generated files (not pages), so /admin/ is in no nav,
sitemap, search index or feed. Decap's script comes from node_modules (npm, exact version in
package.json and package-lock.json), never from another server.
"""

from __future__ import annotations

import importlib.util
import json
from html import escape
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..core.model import Problem, Settings
from ..core.publishing.editor import EditorSettings, auth_url_problem, decap_config, preview_data
from .internals import LIVERELOAD_POLL

ADMIN = "admin/"
HERE = Path(__file__).parent / "admin"
BUNDLE = "decap-cms.js"  # the entry point in node_modules/decap-cms/dist; its chunks and .wasm files sit beside it
# js-yaml (npm, pinned beside decap-cms), which admin/frontmatter.js reads front matter with: its one
# browser script and its licence, from the node_modules folder that holds decap-cms.
YAML_FILES = {"js-yaml.js": "js-yaml/dist/browser/js-yaml.umd.min.js", "js-yaml.LICENSE.txt": "js-yaml/LICENSE"}
NOT_INSTALLED = (
    "the browser editor is switched on ('enabled: true'), but its script is not installed: {path} does not exist. "
    "Run 'npm ci --ignore-scripts' in the project folder (the deploy workflow does), or switch the editor off"
)


NO_SIGN_IN = (
    "missing: the browser editor is switched on for the live site ('enabled: true'), so its 'Login with GitHub' "
    "button could not work; set 'auth_url' under 'editor:' to the sign-in worker's address (docs-dev/sign-in.md), "
    "or set 'enabled: false'"
)


def editor_problems(options, root: Path, *, serving: bool, live: bool = False) -> list[Problem]:
    """What stops the build in the editor's options (under 'editor:' in mkdocs.yml); the build and
    `newsdesk check` both ask, before anything is written. `mkdocs serve` shows how to install the
    script at /admin/ instead of stopping. `live`: the deploy build, which also needs the sign-in."""
    if not options.enabled:
        return []
    problems = []
    if live and not options.auth_url:
        problems.append(Problem("mkdocs.yml", "editor.auth_url", NO_SIGN_IN))
    if options.auth_url and (wrong := auth_url_problem(options.auth_url)):
        problems.append(Problem("mkdocs.yml", "editor.auth_url", wrong))
    if not options.repo:
        problems.append(
            Problem(
                "mkdocs.yml",
                "editor.repo",
                "missing: the browser editor needs the GitHub repository it saves to; "
                "add 'repo: owner/name' under 'editor:'",
            )
        )
    if not serving and not (_bundle(root / options.script_dir) and _yaml(root / options.script_dir)):
        problems.append(Problem("mkdocs.yml", "editor", NOT_INSTALLED.format(path=f"{options.script_dir}/{BUNDLE}")))
    return problems


# The editor's own scripts beside this module, copied into /admin/ (index_html loads them in this order).
OUR_SCRIPTS = ("frontwriter.js", "frontmatter.js", "preview.js", "fields.js")


def editor_files(options, settings: Settings, config: MkDocsConfig, files: Files) -> list[File]:
    """admin/index.html, config.yml, preview.js, fields.js and Decap's script with its chunks, as generated
    files (editor_problems has made sure they can be made)."""
    editor = EditorSettings(
        repo=options.repo,
        branch=options.branch,
        auth_url=options.auth_url,
        auth_endpoint=options.auth_endpoint,
        auth_scope=options.auth_scope,
        local_port=options.local_port,
        site_url=config.site_url,
    )
    dist = settings.root / options.script_dir
    yaml_files = _yaml(dist)
    scripts = _bundle(dist) if yaml_files else []  # none under `mkdocs serve`: /admin/ then says how to install it
    made = [
        File.generated(config, ADMIN + path.relative_to(dist).as_posix(), abs_src_path=str(path)) for path in scripts
    ]
    if scripts:
        made += [File.generated(config, ADMIN + name, abs_src_path=str(path)) for name, path in yaml_files.items()]
    organisation = (config.extra or {}).get("organisation") or config.site_name  # as overrides/main.html's nd_org
    data = preview_data(settings, _stylesheets(config, files), config.theme.get("language") or "en", organisation)
    page = index_html(config.site_name, data, installed=bool(scripts), dist=options.script_dir)
    config_yml = yaml.safe_dump(decap_config(settings, editor), sort_keys=False, allow_unicode=True)
    made.append(File.generated(config, ADMIN + "index.html", content=page))  # editor_sources: these names too
    made.append(File.generated(config, ADMIN + "config.yml", content=config_yml))
    for script in OUR_SCRIPTS:
        made.append(File.generated(config, ADMIN + script, abs_src_path=str(HERE / script)))
    made.append(File.generated(config, ADMIN + "unidecode.bin", abs_src_path=str(unidecode_table())))
    return made


def editor_sources(options, root: Path) -> list[str]:
    """The names of the files editor_files writes under /admin/."""
    return [path.relative_to(root / options.script_dir).as_posix() for path in _bundle(root / options.script_dir)] + [
        "index.html",
        "config.yml",
        *OUR_SCRIPTS,
        "unidecode.bin",
        *YAML_FILES,
    ]


def unidecode_table() -> Path:
    """text-unidecode's table, from the installed package that core/text/slugs.py spells slugs with:
    preview.js spells a new post's slug with the very same table."""
    return Path(importlib.util.find_spec("text_unidecode").origin).parent / "data.bin"


def _bundle(dist: Path) -> list[Path]:
    """decap-cms.js, the chunks it loads on demand, the .wasm files they use and its licence notice."""
    if not (dist / BUNDLE).is_file():
        return []
    return sorted(
        path
        for path in dist.iterdir()
        if path.name == BUNDLE or path.name.endswith((".decap-cms.js", ".wasm", "decap-cms.js.LICENSE.txt"))
    )


def _yaml(dist: Path) -> dict[str, Path]:
    """js-yaml's files under their names in /admin/, or {} when it is not installed."""
    found = {name: dist.parent.parent / path for name, path in YAML_FILES.items()}
    return found if all(path.is_file() for path in found.values()) else {}


def _stylesheets(config: MkDocsConfig, files: Files) -> list[str]:
    """The site's own stylesheets, as /admin/ reaches them: Material's main one and extra_css."""
    material = sorted(
        f.src_uri for f in files if f.src_uri.startswith("assets/stylesheets/main.") and f.src_uri.endswith(".css")
    )
    return ["../" + path for path in [*material[:1], *map(str, config.extra_css)]]


# `mkdocs serve` (so `make edit`) reloads every page it serves after each rebuild, and a publish from
# the editor is one: the editor would reload under the writer, losing what they were typing in
# another draft. The editor reads posts from its backend, not from the site, so its page never asks
# whether to reload. Nothing else uses that address; on the published site no page asks it.
NO_LIVE_RELOAD = f"""<script>
(() => {{
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {{
    if (String(url).startsWith({json.dumps(LIVERELOAD_POLL)})) this.send = () => {{}};
    return open.call(this, method, url, ...rest);
  }};
}})();
</script>"""


def index_html(site_name: str, data: dict, *, installed: bool, dist: str) -> str:
    """The editor's page: noindex, no request to any other server, and the site's data for previews."""
    site = json.dumps(data, sort_keys=True).replace("</", "<\\/")
    body = (
        (
            f'<script src="{BUNDLE}"></script>\n'
            f'<script type="application/json" id="newsdesk-site">{site}</script>\n'
            '<script src="js-yaml.js"></script>\n'
            '<script src="frontwriter.js"></script>\n'
            '<script src="frontmatter.js"></script>\n'
            '<script src="preview.js"></script>\n'
            '<script src="fields.js"></script>'
        )
        if installed
        else (
            f"<main><h1>Editor</h1><p>The editor's script is not installed: run <code>npm ci --ignore-scripts</code> "
            f"in the project folder ({escape(dist)}), then reload this page.</p></main>"
        )
    )
    return f"""<!doctype html>
<html lang="{escape(data["language"])}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Editor - {escape(site_name)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
{NO_LIVE_RELOAD if installed else ""}
</head>
<body data-pagefind-ignore="all">
{body}
</body>
</html>
"""
