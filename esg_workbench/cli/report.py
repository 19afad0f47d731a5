"""``report``: the decision report of an assessment file or a stored assessment, as PDF or HTML."""

from __future__ import annotations

from pathlib import Path

import click

from ..assessment_files import load_assessment
from ..messages import LANGUAGES
from . import UserError, cli, handle_errors
from .output import force_option, refuse_existing, write_output

SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html"}


@cli.command("report")
@click.argument("source", metavar="ASSESSMENT_FILE_OR_ID")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The report to write (.pdf or .html).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    default=None,
    help="pdf (A4, for print) or html (one self-contained file for the browser)  [default: from OUTPUT's suffix]",
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the report.")
@click.option("--revision", type=click.IntRange(min=1), help="A stored assessment's revision (default: the newest).")
@force_option
@click.pass_context
@handle_errors
def report_command(
    ctx: click.Context, source: str, output: Path, fmt: str | None, lang: str, revision: int | None, force: bool
) -> None:
    """Write the decision report for a steering committee: recommendation and robustness, scope and
    ESRS catalogue, landscape, coverage and gaps, maturity, ranking with contributions, sensitivity,
    cost, roadmap and method, with the numbers of `score` and the workbook. ASSESSMENT_FILE_OR_ID is an
    assessment JSON file or the id of an assessment in the store (--db).

    \b
    Example:
        esg-workbench report sample_data/municipality.json -o fjordby.pdf --lang da
        esg-workbench report acme -o acme.html --revision 3
    """
    from ..report import report_bytes

    fmt = _format(output, fmt)
    refuse_existing(output, force=force)
    path = Path(source)
    if path.is_file():
        if revision is not None:
            raise UserError(f"{source} is a file; --revision is for an assessment in the store")
        assessment, number = load_assessment(path), None
    elif path.exists() or source.lower().endswith(".json"):
        raise UserError(f"{source}: not an assessment file (no such file)")
    else:
        from ..store import Store
        from ..store.errors import NotFound

        with Store((ctx.obj or {}).get("db")) as store:
            try:
                stored = store.load(source, revision=revision)
            except NotFound as exc:
                raise UserError(f"{source}: no such file, and {exc}") from None
        assessment, number = stored.assessment, stored.revision
    write_output(output, report_bytes(assessment, fmt, lang, revision=number), force=force)
    at = "" if number is None else f" revision {number}"
    click.echo(f"{output}: the decision report of {assessment.id}{at} ({fmt}, {lang})")


def _format(output: Path, fmt: str | None) -> str:
    """The format asked for, or the one OUTPUT's suffix names; a suffix naming the other is refused."""
    named = SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        if named is None:
            raise UserError(f"{output}: give --format pdf or html, or an output ending in .pdf or .html")
        return named
    if named is not None and named != fmt:
        raise UserError(f"{output}: the name says {named}, --format says {fmt}; make them agree")
    return fmt
