"""The fonts the PDF is set in, found on this machine: Noto Sans CJK JP (Debian: fonts-noto-cjk).

Typst is given these folders and nothing else (not the system's fonts): what the PDF looks like
depends on files this module names, which pdf.py lists among what the PDF is made from.

They are found with fontconfig where it is installed (``fc-list``, so FONTCONFIG_FILE is honoured, as
every other program on the machine honours it), else by looking through the usual font folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..messages import Message

FAMILY = "Noto Sans CJK JP"  # regular and bold; its Latin letters set the English PDF too
INSTALL = "apt-get install fonts-noto-cjk"
# The file names of Noto Sans CJK, looked for when fontconfig is not there to find it by its family.
_FILE_NAMES = ("NotoSansCJK",)  # NotoSansCJK-Regular.ttc, NotoSansCJKjp-Regular.otf


@dataclass(frozen=True)
class Fonts:
    """The folders that hold the PDF's fonts."""

    folders: tuple[str, ...]
    family: str = FAMILY


def find_fonts() -> Fonts | None:
    """The folders holding Noto Sans CJK JP on this machine, or None if it has none."""
    files = _fontconfig_files() if shutil.which("fc-list") else _scanned_files(font_folders())
    folders = tuple(sorted({str(Path(file).parent) for file in files}))
    return Fonts(folders) if folders else None


def missing() -> Message:
    """What to say when no Japanese font is found, in one sentence."""
    return Message("pdf_no_font", family=FAMILY, install=INSTALL)


def _fontconfig_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{file}\n", f":family={FAMILY}"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line for line in listed.splitlines() if line.strip() and Path(line).is_file()]


def font_folders() -> list[Path]:
    """The folders fonts are installed in, as the XDG base directories and Debian define them."""
    home = Path.home()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    return [data_home / "fonts", home / ".fonts", *(Path(folder) / "fonts" for folder in data_dirs if folder)]


def _scanned_files(folders: list[Path]) -> list[str]:
    """Noto Sans CJK's files under ``folders`` (its OpenType collections or its Japanese files)."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [
                str(path)
                for path in folder.rglob("*")
                if path.name.startswith(_FILE_NAMES) and path.suffix.lower() in (".ttc", ".otf", ".ttf")
            ]
    return sorted(found)
