"""Commands on decision workbooks: export an assessment to .xlsx, import an edited workbook to JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ..assessment_files import dump_assessment, load_assessment
from ..domain import Assessment
from ..domain.diff import diff_assessments
from ..messages import LANGUAGES
from . import UserError, cli, handle_errors
from .output import force_option, refuse_existing, write_output


@cli.command("export")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The workbook to write (.xlsx).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of sheet names, headers and labels.",
)
@force_option
@handle_errors
def export_command(file: Path, output: Path, lang: str, force: bool) -> None:
    """Export an assessment JSON file as the decision workbook: input sheets, live scoring matrix and
    ranking, cost, sensitivity, roadmap and method.

    \b
    Example:
        esg-workbench export sample_data/municipality.json -o municipality.xlsx --lang da
    """
    from ..workbook import export_workbook_bytes

    if output.suffix.lower() != ".xlsx":
        raise UserError(f"{output}: the workbook must be an .xlsx file")
    refuse_existing(output, force=force)
    assessment = load_assessment(file)
    write_output(output, export_workbook_bytes(assessment, lang), force=force)
    click.echo(f"{output}: exported {assessment.id} ({lang})")


@cli.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The assessment JSON file to write.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Only show how the workbook differs from OUTPUT (or that OUTPUT would be new); write nothing.",
)
@force_option
@handle_errors
def import_command(workbook: Path, output: Path, dry_run: bool, force: bool) -> None:
    """Import a decision workbook (exported by this tool, perhaps edited in Excel) as an assessment
    JSON file. Nothing is written unless the whole workbook is valid; every problem is printed with its
    sheet, cell and column. With --dry-run, every difference from OUTPUT is printed and nothing written.

    \b
    Example:
        esg-workbench import municipality.xlsx -o municipality.json --dry-run
        esg-workbench import municipality.xlsx -o municipality.json --force
    """
    from ..workbook import import_workbook

    if dry_run:
        _dry_run(import_workbook(workbook), workbook, output)
        return
    refuse_existing(output, force=force)
    assessment = import_workbook(workbook)
    write_output(output, dump_assessment(assessment), force=force)
    click.echo(f"{output}: imported {assessment.id} from {workbook.name}")


def _dry_run(incoming: Assessment, workbook: Path, output: Path) -> None:
    """Print what importing would change in ``output`` (the core diff, as the app's upload shows it)."""
    if not output.exists():
        click.echo(f"{output} does not exist: it would be written with {incoming.id} from {workbook.name}")
    else:
        current = load_assessment(output)
        if current.id != incoming.id:
            raise UserError(f"{workbook.name} holds the assessment '{incoming.id}', {output} '{current.id}'")
        changes = diff_assessments(current, incoming)
        click.echo(f"{output}: {len(changes)} change(s) from {workbook.name}")
        for change in changes:
            click.echo(f"  {change.describe()}")
    click.echo("dry run: nothing was written")
