"""The `newsdesk` command's view of the project: mkdocs.yml read exactly as a build reads it.

Each command starts here, so `newsdesk check` validates with the options the build would use
(MkDocs' own loader, the same plugin schema, the same defaults), never a second reading of them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ..core.model import Problem, Settings
from ..core.publishing.record import dropped, read_record
from ..core.reading.posts import Loaded
from ..core.reading.sources import display
from ..core.site import check_site, load_site, settings_from
from ..core.text import dates
from .config import NewsdeskConfig
from .editor import editor_problems
from .outputs import engine_outputs, template_finder

CONFIG_FILE = "mkdocs.yml"


class ProjectError(Exception):
    """Nothing can be checked or written: the message says what to do instead."""


@dataclass
class Project:
    root: Path  # the folder of mkdocs.yml
    options: NewsdeskConfig
    preview_base: str  # 'http://127.0.0.1:8000/': where `mkdocs serve` shows the site
    docs_dir: Path | None = None  # posts may link to its pages
    site_url: str | None = None
    markdown_config: tuple[list, dict] | None = None  # mkdocs.yml's markdown_extensions and mdx_configs
    directory_urls: bool = True
    engine: Callable[[], dict[str, str]] | None = None  # what MkDocs, the theme and the editor write (outputs.py)
    template_exists: Callable[[str], bool] | None = None  # whether the theme has a template of that name

    def load(self) -> tuple[Settings, Loaded, list[Problem]]:
        """Every post and every problem, as a published build sees them: the build's own checks."""
        try:
            settings, loaded, problems = load_site(
                self.options, self.root, publishing=True, docs_dir=self.docs_dir, template_exists=self.template_exists
            )
        except ValueError as error:
            raise ProjectError(str(error)) from None
        if self.options.published_record:  # as the build that reads it: addresses published before must stay
            try:
                record = read_record(self.root / self.options.published_record, self.options.published_record)
            except ValueError as error:
                raise ProjectError(str(error)) from None
            problems += dropped(record, loaded.posts, self.options.withdrawn, {problem.source for problem in problems})
        problems += editor_problems(self.options.editor, self.root, serving=False, live=self.options.deploy)
        problems += check_site(
            self.options,
            settings,
            loaded,
            site_url=self.site_url,
            publishing=True,
            markdown_config=self.markdown_config,
            directory_urls=self.directory_urls,
            building=False,
            engine=self.engine,
        )[1]
        return settings, loaded, sorted(set(problems))

    def settings(self) -> Settings:
        return settings_from(self.options, self.root, self.docs_dir)[0]

    def now(self) -> datetime:
        """Now in the site's time zone, or the moment NEWSDESK_NOW gives, as the build takes it."""
        try:
            return dates.current_time(self.settings().timezone)
        except ValueError as error:
            raise ProjectError(str(error)) from None

    def problems_in(self, problems: list[Problem], paths: list[Path]) -> list[Problem]:
        """The problems of these files or folders, and those of the project as a whole
        (mkdocs.yml, the authors file), which stop every post from building."""
        posts, covers = self.show(self.settings().posts_dir) + "/", self.covers(paths)
        return [problem for problem in problems if not problem.source.startswith(posts) or covers(problem.source)]

    def covers(self, paths: list[Path]) -> Callable[[str], bool]:
        """Whether a file, named as messages name it ('posts/2024/x.md'), is one of `paths` or in one of them."""
        wanted = [self.show(path) for path in paths]
        return lambda source: any(source == shown or source.startswith(shown + "/") for shown in wanted)

    def show(self, path: Path) -> str:
        """A path as messages name it: 'posts/2024/x.md', relative to the project folder."""
        return display(path.resolve(), self.root)


def run_command(name: str, run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command's body; when the project itself is unusable, say why on stderr and exit 2."""
    try:
        return run(args)
    except ProjectError as error:
        print(f"newsdesk {name}: {error}", file=sys.stderr)
        return 2


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config-file", "-f", metavar="FILE", help=f"the site's {CONFIG_FILE} (default: ./{CONFIG_FILE})"
    )


def load_project(config_file: str | None = None) -> Project:
    """Read mkdocs.yml with MkDocs' own loader and take the newsdesk plugin's validated options."""
    path = Path(config_file or CONFIG_FILE)
    if not path.is_file():
        raise ProjectError(
            f"there is no {path} here; run the command in the project folder (where {CONFIG_FILE} is) "
            "or name the file with --config-file"
        )
    with _mkdocs_messages() as messages:
        try:
            config = load_config(str(path.resolve()))
        except (ConfigurationError, SystemExit) as error:  # MkDocs logs each error, then raises Abort
            raise ProjectError(f"{path}: " + "; ".join(messages or [str(error)])) from None
    plugin = config.plugins.get("newsdesk")
    if plugin is None:
        raise ProjectError(f"{path} does not use the newsdesk plugin; add '- newsdesk' under 'plugins:'")
    address = config.dev_addr
    base = urlsplit(config.site_url or "").path or "/"
    root = path.resolve().parent
    return Project(
        root=root,
        engine=lambda: engine_outputs(config, plugin.config, root),
        template_exists=template_finder(config),
        options=plugin.config,
        docs_dir=Path(config.docs_dir),
        site_url=config.site_url,
        markdown_config=(config.markdown_extensions, config.mdx_configs),
        directory_urls=config.use_directory_urls,
        preview_base=f"http://{address.host}:{address.port}{base.rstrip('/')}/",
    )


@contextmanager
def _mkdocs_messages() -> Iterator[list[str]]:
    """MkDocs logs what is wrong with mkdocs.yml, then raises a bare 'Aborted'; collect the lines."""
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
