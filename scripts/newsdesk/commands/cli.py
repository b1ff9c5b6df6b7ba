"""`newsdesk COMMAND ...`: hands each command to its module's main(). No logic here."""

from __future__ import annotations

import argparse
import importlib
import sys

# Imported only when used, so `newsdesk check` never loads the importer's HTML libraries.
COMMANDS = {
    "new": ("newsdesk.commands.scaffold", "start a post from a template with every field explained"),
    "check": ("newsdesk.commands.check", "find every problem in posts without building the site"),
    "due": ("newsdesk.commands.due", "say whether a scheduled post has become due since the last deploy"),
    "import": ("newsdesk.commands.importer", "turn pages of the old site (text or HTML) into posts"),
    "remove-samples": ("newsdesk.commands.samples", "delete the sample posts with their pictures and files"),
    "go-live": (
        "newsdesk.commands.golive",
        "list every example address, name and sample post to replace before going live",
    ),
}


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Write, check and import posts. Run 'newsdesk COMMAND --help' for a command's options.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (_, summary) in COMMANDS.items():
        commands.add_parser(name, help=summary, add_help=False)
    return parser


def printable_anywhere() -> None:
    """Output that Windows sends to a pipe or file in its code page (cp1252), such as a title in
    Urdu, is written with escapes ('\\u0627') rather than stopping the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "") != "utf8":
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    printable_anywhere()
    if not argv or argv[0] not in COMMANDS:
        parser().parse_args(argv)  # prints usage or "invalid choice", and exits
        return 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
