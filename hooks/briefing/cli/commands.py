"""The commands that check, build, publish and freeze: each says what it did, or what went wrong and what
it left as it was, in the editor's language, and returns the exit status."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from ..build.cache import TemplateCode, cache_folder, kept_objects
from ..check.addresses import MANIFEST
from ..check.validate import Reuse, validate
from ..messages import Message, Words, say
from ..problems import DataError, printable
from ..project.files import LANGUAGES
from ..project.outputs import OutputRefused, Written
from ..publish.address_record import record_addresses
from ..publish.freeze import FrozenAlready, freeze

# The build's modules (the template engine, MkDocs, Typst) are imported by the commands that use
# them: `make check` loads only what checking needs, which halves its time.


def check(project: Path) -> int:
    # The templates the last `make site` (or check) compiled need not be compiled again; those compiled
    # now are kept for the next.
    built = TemplateCode(kept_objects(cache_folder(project / "site")))
    try:
        checked = validate(project, Reuse(code=built))
        _check_template_names(project, checked)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    briefing = checked.briefing
    counts = [
        Message("count_of", count=len(briefing[spec.id]), name=Words(ja=briefing.item_name(spec.id).ja, en=spec.names))
        for spec in briefing.declaration.collections
        if spec.home
    ]
    print(say("data_valid", counts=counts, addresses=len(checked.addresses)))
    print_warnings([warning.text() for warning in checked.warnings])
    return 0


def _check_template_names(project: Path, checked) -> None:
    """Raise ``DataError`` if a page template names a filter or test that the renderer lacks (as the build
    would, before rendering). The names are the same in every language: the source language's renderer says
    them (the build checks each language's)."""
    from ..render.names import unknown_names
    from ..render.renderer import Renderer

    if problems := unknown_names(Renderer(project, LANGUAGES[0], checked.briefing).env, checked.template_names):
        raise DataError(problems)


def print_warnings(warnings: list[str]) -> None:
    if warnings:
        print(say("warnings_heading", count=len(warnings)), file=sys.stderr)
        for warning in warnings:
            print(warning, file=sys.stderr)


def build(
    project: Path,
    out: Path,
    written: Written,
    site_url: str | None = None,
    record: bool = False,
    offline: bool = False,
    make_pdf: bool = True,
) -> int:
    """Build both languages into ``out``; leave ``out`` untouched unless both succeed.

    ``site_url`` is where ``out`` will be published (e.g. https://intranet/briefings/materials/).
    It is optional: pages link relatively and work anywhere, but the 404 pages, which a
    server shows at any address, need it to find their styles under a sub-path.
    ``record`` adds newly published addresses to data/published-addresses.txt (``make publish``).
    ``offline`` builds the copy that works opened from file://, and zips it beside ``out``.
    ``make_pdf``: each language's PDF of the whole briefing too (downloads/briefing-<lang>.pdf).
    """
    from mkdocs.exceptions import MkDocsException

    from ..build.mkdocs_session import StrictAbort
    from ..build.site import BuildOptions, archive_of, build_site

    out = Path(os.path.abspath(out))  # not resolved: a link given as the output is refused, not followed
    outputs = [(out, as_typed(out))] + ([(archive_of(out), as_typed(archive_of(out)))] if offline else [])
    recorded: list[int] = []

    def record_new(current: set[str]) -> None:
        recorded.append(record_addresses(project / "data", current))
        written.note(project / "data" / MANIFEST)

    if not site_url and not offline:  # (a copy opened from a folder has no address)
        print(say("without_site_url"))  # what a build without a site URL leaves out
    options = BuildOptions(site_url, offline, make_pdf)
    try:
        result = build_site(
            project, out, options, shown=as_typed(out), record=record_new if record else None, written=written
        )
    except OutputRefused as err:
        print(err, file=sys.stderr)
        return 2
    except DataError as err:
        print(f"{err}\n{say('nothing_built', left=written.what_was_left(outputs))}", file=sys.stderr)
        return 1
    except (MkDocsException, StrictAbort) as err:
        print(f"{say('build_failed', error=printable(str(err)))}\n{written.what_was_left(outputs)}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{could_not_write(err, Message('the_site'))}\n{written.what_was_left(outputs)}", file=sys.stderr)
        return 1
    if result.up_to_date:
        print(say("up_to_date", out=as_typed(out)))
    elif offline:
        size = archive_of(out).stat().st_size
        print(
            say("built_offline", out=as_typed(out), archive=as_typed(archive_of(out)), size=f"{size / 1_000_000:.1f}")
        )
    else:
        print(say("built", out=as_typed(out)))
    print_warnings(result.warnings)
    if record:
        if recorded[0]:
            print(say("recorded", count=recorded[0], file=f"data/{MANIFEST}"))
        else:
            print(say("recorded_none", file=f"data/{MANIFEST}"))
    return 0


def could_not_write(err: OSError, what: Message) -> str:
    where = f"{err.filename}: " if err.filename else ""
    return say("could_not_write", what=what, where=where, error=err.strerror or err)


def freeze_edition(project: Path, written: Written, again: bool = False) -> int:
    try:
        date = freeze(project, again, written)
    except DataError as err:
        print(f"{err}\n{say('nothing_frozen')}", file=sys.stderr)
        return 1
    except FrozenAlready as err:
        print(f"{err.message}\n{say('nothing_frozen')}", file=sys.stderr)
        return 1
    print(say("froze_again" if again else "froze", date=date))
    return 0


def as_typed(path: Path) -> str:
    """A path as a person would type it from where they are."""
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)
