"""Every file MkDocs, the theme and the editor write besides the plugin's pages and feeds, asked of
MkDocs itself (its theme's file list and static templates), so that an alias can never take one's
place (core/publishing/outputs.py). Both the build and `newsdesk check` call it, and only for a site with aliases."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .editor import ADMIN, editor_sources

_themes: dict[tuple[str, ...], list[str]] = {}  # theme folders -> their files, once a process (`serve`)


def engine_outputs(config: MkDocsConfig, options, root: Path) -> dict[str, str]:
    """'404.html' -> 'a file of the theme (/404.html)', 'admin/index.html' -> 'the editor (/admin/index.html)'."""
    found = {path: f"a file of the theme (/{path})" for path in theme_files(config)}
    for template in [*config.theme.static_templates, *config.extra_templates]:
        found[template] = f"a file of the theme (/{template})"
        if template == "sitemap.xml":
            found["sitemap.xml.gz"] = "a file of the theme (/sitemap.xml.gz)"
    if options.editor.enabled:
        found.update({ADMIN + path: f"the editor (/{ADMIN}{path})" for path in editor_sources(options.editor, root)})
    return found


def theme_files(config: MkDocsConfig) -> list[str]:
    """The theme's static files as MkDocs copies them into the site."""
    key = tuple(config.theme.dirs)
    if key not in _themes:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        _themes[key] = [file.dest_uri for file in files]
    return _themes[key]


def template_finder(config: MkDocsConfig):
    """Whether the theme (overrides/ first, then Material, then MkDocs) has a template by that name."""
    dirs = [Path(folder) for folder in config.theme.dirs]
    return lambda name: (
        ".." not in name.replace("\\", "/").split("/") and any((folder / name).is_file() for folder in dirs)
    )
