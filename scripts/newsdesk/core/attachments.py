"""Documents published with a post: which kinds are accepted, and the facts a reader is shown
about each (kind, size, and a PDF's page count, read with pypdf)."""
from __future__ import annotations

from pathlib import Path, PurePosixPath

# By suffix: the kind readers are told, the same words GOV.UK uses.
KINDS = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel",
    ".odt": "ODF", ".ods": "ODF", ".odp": "ODF", ".csv": "CSV",
}
ACCEPTED = "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods, .odp) or CSV"


def kind_of(name: str) -> str | None:
    return KINDS.get(PurePosixPath(name).suffix.lower())


def pdf_pages(path: Path) -> int:
    """How many pages a PDF has. Raises ValueError when pypdf cannot read it."""
    from pypdf import PdfReader  # only when a post has a PDF
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except (PdfReadError, OSError, KeyError, TypeError, ValueError):
        raise ValueError("cannot be opened as a PDF") from None
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
