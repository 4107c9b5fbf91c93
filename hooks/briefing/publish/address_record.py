"""The record of every address the site has published (data/published-addresses.txt): ``make publish``
adds the addresses it publishes, so that ``make check`` can tell when one of them disappears
(check/addresses.py)."""

from __future__ import annotations

from pathlib import Path

from ..check.addresses import MANIFEST, read_manifest
from ..project.swap import write_atomically

_HEADER = """\
# Every address this site has published, without /ja/ or /en/: pages and table rows.
# Written by `make publish` (`make site` never changes data/); commit it. Do not delete
# lines: an address that has been published must keep working. To rename or remove an
# item, add a redirect to data/redirects.yml; `make check` says which, ready to paste.
"""


def record_addresses(data_dir: Path, current: set[str]) -> int:
    """Add newly published addresses to the manifest; return how many were new."""
    known = {address for _, address in read_manifest(data_dir)}
    new = current - known
    if new or not (data_dir / MANIFEST).is_file():
        body = "\n".join(sorted(known | current))
        write_atomically(data_dir / MANIFEST, f"{_HEADER}{body}\n")  # a record in git: never half-written
    return len(new)
