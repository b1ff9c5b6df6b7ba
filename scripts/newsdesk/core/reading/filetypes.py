"""What a document really is, from its first bytes and (for Office and OpenDocument files) the zip
inside it: a program renamed 'report.docx' is not published as "Word, 511 bytes"."""

from __future__ import annotations

import zipfile
from pathlib import Path

# By suffix: what the file must hold, in words for the message, and the program that saves it.
NAMES = {
    ".pdf": ("a PDF", "PDF"),
    ".docx": ("a Word document", "Word"),
    ".xlsx": ("an Excel workbook", "Excel"),
    ".doc": ("a Word document", "Word"),
    ".xls": ("an Excel workbook", "Excel"),
    ".odt": ("an OpenDocument text", "LibreOffice"),
    ".ods": ("an OpenDocument spreadsheet", "LibreOffice"),
    ".odp": ("an OpenDocument presentation", "LibreOffice"),
    ".csv": ("a CSV file", "Excel"),
}
_OOXML = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_ODF = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office formats (.doc, .xls)
_STARTS = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a Mac program"),
    (b"#!", "a script"),
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a zip archive"),
    (_OLE, "an old Office document"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"{\\rtf", "an RTF document"),
)


def describe_bytes(head: bytes) -> str:
    """What a file's first bytes say it is, for a message: 'a Windows program'."""
    for start, what in _STARTS:
        if head.startswith(start):
            return what
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")):
        return "a web page" if not text.startswith((b"<svg", b"<?xml")) else "an XML file"
    return "something else"


def document_problem(suffix: str, path: Path) -> str | None:
    """Why the file at `path` is not what its suffix says; None when it is. The message continues
    "'file: report.docx' ..."."""
    if suffix not in NAMES:
        return None
    if suffix == ".csv":  # text: every byte must be UTF-8
        head = path.read_bytes()
    else:  # the format's signature is in its first bytes: a large PDF is not read whole
        with path.open("rb") as file:
            head = file.read(4096)
    name, program = NAMES[suffix]
    inside = _inside(suffix, path, head)
    if inside is None:
        return None
    return (
        f"is named like {name} but {inside}; open the original in {program} and save it again as {suffix}, "
        "then give that file (if it came by email, ask the sender for the document itself)"
    )


def _inside(suffix: str, path: Path, head: bytes) -> str | None:
    """What is wrong inside, in words that follow 'but': None when nothing is."""
    if suffix == ".pdf":
        return None if b"%PDF-" in head[:1024] else f"is {describe_bytes(head)}"
    if suffix in (".doc", ".xls"):
        return None if head.startswith(_OLE) else f"is {describe_bytes(head)}"
    if suffix == ".csv":
        if (what := describe_bytes(head[:64])) not in ("something else", "a script"):
            return f"is {what}"
        if b"\x00" in head:
            return "holds NUL bytes, as a program or a spreadsheet in another format does"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return "is not UTF-8 text (in Excel, 'Save as' > 'CSV UTF-8 (Comma delimited)')"
        return None
    if not head.startswith(b"PK\x03\x04"):
        return f"is {describe_bytes(head)}"
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if suffix in _ODF:
                info = archive.getinfo("mimetype") if "mimetype" in names else None
                kind = archive.read(info).decode("ascii", "replace").strip() if info and info.file_size < 200 else ""
                return None if kind == _ODF[suffix] else "is a zip archive without the OpenDocument type it names"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "is a damaged zip archive"
    if "[Content_Types].xml" not in names or _OOXML[suffix] not in names:
        return "is a zip archive, not an Office document"
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return "holds macros (small programs), which the site does not publish"
    return None
