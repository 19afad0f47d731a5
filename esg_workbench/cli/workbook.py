"""Commands on decision workbooks: export an assessment to .xlsx, import an edited workbook to JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ..assessment_files import load_assessment, save_assessment
from . import UserError, cli, handle_errors


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
    type=click.Choice(["en", "da"]),
    default="en",
    show_default=True,
    help="Language of sheet names, headers and labels.",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@handle_errors
def export_command(file: Path, output: Path, lang: str, force: bool) -> None:
    """Export an assessment JSON file as the decision workbook: input sheets, live scoring matrix and
    ranking, cost, sensitivity, roadmap and method.

    \b
    Example:
        esg-workbench export sample_data/municipality.json -o municipality.xlsx --lang da
    """
    from ..workbook import export_workbook

    if output.suffix.lower() != ".xlsx":
        raise UserError(f"{output}: the workbook must be an .xlsx file")
    if output.exists() and not force:
        raise UserError(f"{output} exists; use --force to overwrite")
    assessment = load_assessment(file)
    export_workbook(assessment, output, lang)
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
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@handle_errors
def import_command(workbook: Path, output: Path, force: bool) -> None:
    """Import a decision workbook (exported by this tool, perhaps edited in Excel) as an assessment
    JSON file. Nothing is written unless the whole workbook is valid; every problem is printed with its
    sheet, cell and column.

    \b
    Example:
        esg-workbench import municipality.xlsx -o municipality.json --force
    """
    from ..workbook import import_workbook

    if output.exists() and not force:
        raise UserError(f"{output} exists; use --force to overwrite")
    assessment = import_workbook(workbook)
    save_assessment(assessment, output)
    click.echo(f"{output}: imported {assessment.id} from {workbook.name}")
