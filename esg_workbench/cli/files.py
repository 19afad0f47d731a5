"""Commands on assessment files: validate, schema, new."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .. import json_text
from ..assessment_files import parse_assessment, read_assessment_data, save_assessment
from ..domain import Assessment, AssessmentInvalid, validate_assessment
from ..frameworks import load_framework
from ..new_assessment import new_assessment
from . import EXIT_INVALID, UserError, cli, handle_errors, report_invalid


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@handle_errors
def validate(files: tuple[Path, ...]) -> None:
    """Check assessment JSON files; print every problem with its path.

    Exit code 0 when all files are valid, 1 when any is invalid, 2 when a file cannot be read.

    \b
    Example:
        esg-workbench validate sample_data/municipality.json
    """
    failed = False
    for path in files:
        try:
            parse_assessment(read_assessment_data(path), source=str(path))
        except AssessmentInvalid as exc:
            report_invalid(exc)
            failed = True
        else:
            click.echo(f"{path}: valid")
    if failed:
        sys.exit(EXIT_INVALID)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@handle_errors
def schema(output: Path | None) -> None:
    """Print the JSON Schema of an assessment file.

    \b
    Example:
        esg-workbench schema -o assessment.schema.json
    """
    text = json_text.dumps(Assessment.model_json_schema(), indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", "org_name", required=True, help="Organisation name.")
@click.option("--sector", default="private_enterprise", show_default=True, help="Sector vocabulary id.")
@click.option("--title", default=None, help="Assessment title (default: from the name and year).")
@click.option("--framework", "framework_id", default="esg-architecture", show_default=True)
@click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@handle_errors
def new(output: Path, org_name: str, sector: str, title: str | None, framework_id: str, lang: str, force: bool) -> None:
    """Create a new assessment file from a framework: criteria from the catalogue with default weights,
    one option per archetype with its prior scores, and the maturity dimensions to rate.

    \b
    Example:
        esg-workbench new acme.json --name "Acme A/S" --sector private_enterprise
    """
    if output.exists() and not force:
        raise UserError(f"{output} exists; use --force to overwrite")
    framework = load_framework(framework_id)
    assessment = new_assessment(
        framework,
        organisation_name=org_name,
        sector=sector,
        title=title or f"{org_name} ESG architecture {date.today().year}",
        language=lang,
    )
    problems = validate_assessment(assessment, framework)
    if problems:
        raise AssessmentInvalid(problems)
    save_assessment(assessment, output)
    click.echo(f"{output}: created from {framework.id} {framework.version}")
