"""Documents published with a post (`attachments:`): which kinds are accepted, reading them from
the front matter, and the facts a reader is shown about each (kind, size, and a PDF's page
count, read with pypdf)."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..model import Attachment, Settings
from .filenames import capitals_fix, name_on_disk
from .filetypes import document_problem
from .links import resolve

if TYPE_CHECKING:  # fields.py reads attachments' entries; this module checks their files
    from .entries import PostReader

# By suffix: the kind readers are told, the same words GOV.UK uses.
KINDS = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".odt": "ODF",
    ".ods": "ODF",
    ".odp": "ODF",
    ".csv": "CSV",
}
ACCEPTED = "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods, .odp) or CSV"


def kind_of(name: str) -> str | None:
    return KINDS.get(PurePosixPath(name).suffix.lower())


def pdf_pages(path: Path) -> int:
    """How many pages a PDF has. Raises ValueError when pypdf cannot read it."""
    from pypdf import PdfReader  # only when a post has a PDF
    from pypdf.errors import PdfReadError

    logger = logging.getLogger("pypdf")  # its findings become our message, not lines of its own
    disabled, logger.disabled = logger.disabled, True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path)
            encrypted = reader.is_encrypted
            pages = 0 if encrypted else len(reader.pages)
    except (PdfReadError, OSError, KeyError, TypeError, ValueError, AttributeError, IndexError):
        raise ValueError("cannot be opened as a PDF") from None
    finally:
        logger.disabled = disabled
    if encrypted:
        raise ValueError("is protected with a password")
    return pages


def human_size(size: int) -> str:
    """'245 KB', '1.2 MB': as GOV.UK writes file sizes (1 KB = 1,024 bytes)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def read_attachments(fields: PostReader, rel: str, settings: Settings) -> tuple[Attachment, ...]:
    """The documents of the post at `rel` (in the posts folder), with the facts readers are shown;
    every problem with them reported through `fields` (entries.PostReader)."""
    found = []
    for number, title, file, url in fields.attachments():
        if url is not None:
            found.append(Attachment(title, kind_of(url.split("?")[0]), url=url))
            continue
        assert file is not None  # attachments() gives a file or a url
        what = f"entry {number} ('{title}'): 'file: {file}'"
        target = resolve(rel, file)
        local = settings.posts_dir / target
        if not target.startswith("../") and (on_disk := name_on_disk(settings.posts_dir, target)):
            fields.report("attachments", capitals_fix(what, "posts", on_disk))
            continue
        if target.startswith("../") or not local.is_file():
            fields.report(
                "attachments",
                f"{what} does not exist beside the post; save the document at posts/{target} or correct the path",
            )
            continue
        kind = kind_of(file)
        if kind is None:
            fields.report("attachments", f"{what} is not a document type the site publishes; save it as {ACCEPTED}")
            continue
        size = local.stat().st_size
        if size > settings.attachment_limit_mb * 1024 * 1024:
            fields.report(
                "attachments",
                f"{what} is {human_size(size)}, over the {settings.attachment_limit_mb} MB limit; make it smaller (for a PDF, save it again for the web) or raise 'attachment_limit_mb' in mkdocs.yml",
            )
            continue
        if problem := document_problem(PurePosixPath(file).suffix.lower(), local):
            fields.report("attachments", f"{what} {problem}")
            continue
        pages = None
        if kind == "PDF":
            try:
                pages = pdf_pages(local)
            except ValueError as error:
                fields.report("attachments", f"{what} {error}; save it again as a PDF, without a password")
                continue
        found.append(Attachment(title, kind, file=f"posts/{target}", size=size, pages=pages))
    if found and not settings.formats_email:
        fields.report(
            "attachments",
            "documents need an address where readers can ask for an accessible format; set 'formats_email' for the newsdesk plugin in mkdocs.yml",
        )
    return tuple(found)
