"""Typst lays out the PDF's document (pdf.py) with templates/pdf.typ, tagged PDF/UA-1. Pure: the same
document, template, fonts and Typst give the same bytes (the creation date is the edition's last update,
never the time of the build), so a build keeps a PDF by the digest of what it is made from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from importlib import metadata
from pathlib import Path

from .. import ENGINE
from .fonts import Fonts

TEMPLATE = ENGINE / "templates" / "pdf.typ"
STANDARD = "ua-1"  # PDF/UA-1: tagged, with a structure tree, the language, the title shown, XMP metadata
_PAGES = re.compile(rb"/Type\s*/Pages\s*/Count\s+(\d+)")  # the page tree's root, as Typst writes it


def typeset(document: dict, fonts: Fonts) -> tuple[bytes, int]:
    """The PDF of ``document`` and its number of pages, set by Typst in ``fonts``. The same inputs give
    the same bytes. Raises typst.TypstError (a RuntimeError) if the template fails."""
    import typst

    loaded = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=list(fonts.folders))
    year, month, day = document["meta"]["date"]
    made = dt.datetime(year, month, day, tzinfo=dt.UTC)
    pdf = typst.compile(
        TEMPLATE.read_bytes(),
        root=str(TEMPLATE.parent),
        font_paths=loaded,
        sys_inputs={"document": json.dumps(document, ensure_ascii=False, separators=(",", ":"))},
        pdf_standards=[STANDARD],
        timestamp=made,
    )
    found = _PAGES.search(pdf)
    return pdf, int(found.group(1)) if found else 0


def made_from(fonts: Fonts) -> dict[str, str]:
    """What a PDF is made from besides its document: the template, each font file Typst is given (by
    size and time of change) and the version of Typst. A build digests it with the document (``digest``)."""
    found = {
        "template": hashlib.sha256(TEMPLATE.read_bytes()).hexdigest(),
        "typst": metadata.version("typst"),
        "standard": STANDARD,
    }
    for folder in fonts.folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                found[f"font {path}"] = f"{stat.st_size} {stat.st_mtime_ns}"
    return found


def digest(document: dict, fonts: Fonts) -> str:
    """A digest of everything a PDF is made from: the same digest, the same PDF."""
    everything = json.dumps([document, made_from(fonts)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(everything.encode("utf-8")).hexdigest()
