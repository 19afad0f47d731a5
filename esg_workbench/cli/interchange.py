"""Commands that bring the architect's other tools in: a landscape from an EA tool, a requirement list
from a spreadsheet or a requirement tool, and the requirements out as ReqIF or CSV. Every import is a
dry run first (``--dry-run`` prints what would be added, changed, unchanged and in conflict); only
``-o FILE`` writes the result, and only when the whole file could be imported."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..assessment_files import dump_assessment, framework_for, load_assessment
from ..domain import Assessment, AssessmentInvalid, Framework
from ..interchange import (
    LANDSCAPE_FORMATS,
    REQUIREMENT_EXPORTS,
    REQUIREMENT_FORMATS,
    ImportPlan,
    export_requirements,
    parse_mapping,
    plan_landscape_import,
    plan_requirements_import,
)
from . import EXIT_INVALID, UserError, cli, handle_errors, report_invalid
from .output import force_option, refuse_existing, write_output

_assessment_arg = click.argument("assessment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
_file_arg = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the assessment with the import applied to this JSON file (may be ASSESSMENT, with --force).",
)
_dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Only show what the import would add, change and leave; write nothing."
)
_map_option = click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="A column (or ReqIF attribute) of the file for a field whose default name it does not use; repeatable.",
)
_sheet_option = click.option("--sheet", help="The sheet of an .xlsx file to read (default: the first).")


def _import_options(command: Callable) -> Callable:
    """The arguments and options every import command takes, after its own --format."""
    for option in (handle_errors, force_option, _output_option, _dry_run_option, _sheet_option, _map_option):
        command = option(command)
    return command


def _import(
    planner: Callable[..., ImportPlan],
    assessment: Path,
    file: Path,
    fmt: str | None,
    mapping: tuple[str, ...],
    sheet: str | None,
    dry_run: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Plan the import of ``file`` into ``assessment``, print it and write it unless a dry run."""
    _check_target(output, dry_run, force)
    current = load_assessment(assessment)
    plan = planner(current, file, format=fmt, mapping=_mapping(mapping), sheet=sheet, framework=_framework(current))
    _finish(plan, output, dry_run, force)


def _finish(plan: ImportPlan, output: Path | None, dry_run: bool, force: bool) -> None:
    """Print the plan; write its assessment to ``output`` unless this is a dry run."""
    if not plan.ok:
        report_invalid(AssessmentInvalid(plan.problems, plan.source))
        sys.exit(EXIT_INVALID)
    for line in plan.lines("en"):
        click.echo(line)
    if dry_run:
        click.echo("dry run: nothing was written")
        return
    assert output is not None and plan.assessment is not None
    write_output(output, dump_assessment(plan.assessment), force=force)
    click.echo(f"{output}: written")


def _check_target(output: Path | None, dry_run: bool, force: bool) -> None:
    if dry_run == (output is not None):
        raise UserError("give either --dry-run or -o OUTPUT (to write the result)")
    if output is not None:
        refuse_existing(output, force=force)


def _framework(assessment: Assessment) -> Framework | None:
    return framework_for(assessment.model_dump(mode="json"))


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    try:
        return parse_mapping(pairs)
    except ValueError as exc:
        raise UserError(str(exc)) from None


@cli.command("landscape-import")
@_assessment_arg
@_file_arg
@click.option("--format", "fmt", type=click.Choice(LANDSCAPE_FORMATS), required=True, help="The EA tool's format.")
@_import_options
def landscape_import(
    assessment: Path,
    file: Path,
    fmt: str,
    mapping: tuple[str, ...],
    sheet: str | None,
    dry_run: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Import the systems, data sources and data flows of an EA tool's export into an assessment:
    an ArchiMate exchange file (.xml), a LeanIX inventory export (.xlsx or .csv) or an Ardoq export
    (.xlsx). A second import of the same tool updates what the first added (by the tool's ids) instead
    of adding copies; nothing is deleted.

    \b
    Fields for --map: leanix: id, type, name, description, provider, consumer, application;
    ardoq: id, name, type, description and, for the references sheet, reference.id, reference.source,
    reference.target, reference.type.

    \b
    Example:
        esg-workbench landscape-import acme.json archisurance.xml --format archimate --dry-run
        esg-workbench landscape-import acme.json inventory.xlsx --format leanix \\
            --map name="Display Name" -o acme.json --force
    """
    _import(plan_landscape_import, assessment, file, fmt, mapping, sheet, dry_run, output, force)


@cli.command("requirements-import")
@_assessment_arg
@_file_arg
@click.option(
    "--format", "fmt", type=click.Choice(REQUIREMENT_FORMATS), help="The file's format (default: from its name)."
)
@_import_options
def requirements_import(
    assessment: Path,
    file: Path,
    fmt: str | None,
    mapping: tuple[str, ...],
    sheet: str | None,
    dry_run: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Import a requirement list into an assessment: a CSV (any delimiter; UTF-8 or Windows-1252), an
    Excel sheet or a ReqIF 1.2 file. Columns: id, text, priority (MoSCoW), category, criteria (linked
    criterion ids or names), source, notes. A requirement whose id the assessment has is updated.

    \b
    Example:
        esg-workbench requirements-import acme.json requirements.csv --dry-run
        esg-workbench requirements-import acme.json spec.reqif --map priority=Priority -o acme.json --force
    """
    _import(plan_requirements_import, assessment, file, fmt, mapping, sheet, dry_run, output, force)


@cli.command("requirements-export")
@_assessment_arg
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write."
)
@click.option(
    "--format", "fmt", type=click.Choice(REQUIREMENT_EXPORTS), help="reqif (ReqIF 1.2) or csv; default: from the name."
)
@force_option
@handle_errors
def requirements_export(assessment: Path, output: Path, fmt: str | None, force: bool) -> None:
    """Export an assessment's requirements for a requirement tool (ReqIF 1.2, MoSCoW as an enumeration
    attribute) or a spreadsheet (CSV); both import again unchanged.

    \b
    Example:
        esg-workbench requirements-export sample_data/municipality.json -o requirements.reqif
    """
    fmt = fmt or ("csv" if output.suffix.lower() == ".csv" else "reqif")
    refuse_existing(output, force=force)
    current = load_assessment(assessment)
    write_output(output, export_requirements(current, fmt), force=force)
    click.echo(f"{output}: {len(current.requirements)} requirement(s) ({fmt})")
