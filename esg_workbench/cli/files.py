"""Commands on assessment files: validate, schema, new, samples."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .. import json_text
from ..assessment_files import dump_assessment, parse_assessment, read_assessment_data
from ..config import settings
from ..domain import Assessment, AssessmentInvalid, validate_assessment
from ..frameworks import load_framework
from ..messages import LANGUAGES
from ..new_assessment import new_assessment
from . import EXIT_INVALID, UserError, cli, handle_errors, report_invalid
from .output import force_option, refuse_existing, write_output


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--datapoints",
    is_flag=True,
    help="Also check datapoint ids against the datapoint list imported into the store for each file's catalogue.",
)
@click.pass_context
@handle_errors
def validate(ctx: click.Context, files: tuple[Path, ...], datapoints: bool) -> None:
    """Check assessment JSON files; print every problem with its path.

    Exit code 0 when all files are valid, 1 when any is invalid, 2 when a file cannot be read.

    \b
    Example:
        esg-workbench validate sample_data/municipality.json
        esg-workbench validate acme.json --datapoints
    """
    failed = False
    for path in files:
        try:
            assessment = parse_assessment(read_assessment_data(path), source=str(path))
            if datapoints:
                _check_datapoints(ctx, assessment, str(path))
        except AssessmentInvalid as exc:
            report_invalid(exc)
            failed = True
        else:
            click.echo(f"{path}: valid")
    if failed:
        sys.exit(EXIT_INVALID)


def _check_datapoints(ctx: click.Context, assessment: Assessment, source: str) -> None:
    """Datapoint ids against the list imported for the assessment's catalogue; UserError without one."""
    from ..datapoint_coverage import datapoint_problems
    from ..store import Store

    ref = assessment.catalogue
    with Store((ctx.obj or {}).get("db")) as store:
        catalogue = store.datapoint_catalogue_for(ref.id, ref.version)
    if catalogue is None:
        hint = "import one with esg-workbench esrs import"
        raise UserError(f"{source}: no datapoint list is imported for {ref.id} {ref.version}; {hint}")
    if problems := datapoint_problems(assessment, catalogue):
        raise AssessmentInvalid(problems, source)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@force_option
@handle_errors
def schema(output: Path | None, force: bool) -> None:
    """Print the JSON Schema of an assessment file.

    \b
    Example:
        esg-workbench schema -o assessment.schema.json
    """
    text = json_text.dumps(Assessment.model_json_schema(), indent=2) + "\n"
    if output:
        write_output(output, text, force=force)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", "org_name", required=True, help="Organisation name.")
@click.option("--sector", default="private_enterprise", show_default=True, help="Sector vocabulary id.")
@click.option("--title", default=None, help="Assessment title (default: from the name and year).")
@click.option("--framework", "framework_id", default="esg-architecture", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option(
    "--catalogue",
    "catalogue_ref",
    metavar="ID@VERSION",
    help="The disclosure-requirement catalogue (default: the framework's, the amended ESRS).",
)
@force_option
@handle_errors
def new(
    output: Path,
    org_name: str,
    sector: str,
    title: str | None,
    framework_id: str,
    lang: str,
    catalogue_ref: str | None,
    force: bool,
) -> None:
    """Create a new assessment file from a framework: criteria from the catalogue with default weights,
    one option per archetype with its prior scores, and the maturity dimensions to rate.

    \b
    Example:
        esg-workbench new acme.json --name "Acme A/S" --sector private_enterprise
    """
    from .catalogues import parse_catalogue_ref

    refuse_existing(output, force=force)
    framework = load_framework(framework_id)
    ref = parse_catalogue_ref(catalogue_ref) if catalogue_ref else None
    if ref is not None and framework.catalogue(ref) is None:
        offered = ", ".join(f"{c.id}@{c.version}" for c in framework.catalogues)
        raise UserError(f"unknown catalogue '{catalogue_ref}' (this framework offers: {offered})")
    assessment = new_assessment(
        framework,
        organisation_name=org_name,
        sector=sector,
        title=title or f"{org_name} ESG architecture {date.today().year}",
        language=lang,
        catalogue=(ref.id, ref.version) if ref else None,
    )
    problems = validate_assessment(assessment, framework)
    if problems:
        raise AssessmentInvalid(problems)
    write_output(output, dump_assessment(assessment), force=force)
    click.echo(f"{output}: created from {framework.id} {framework.version}, working against {assessment.catalogue}")


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite sample files already in FOLDER.")
@handle_errors
def samples(folder: Path, force: bool) -> None:
    """Write the sample assessments that ship with the workbench into FOLDER (made if missing), one JSON
    file each, to validate, score, export or load without a checkout of the source.

    \b
    Example:
        esg-workbench samples try
        esg-workbench score try/municipality.json
    """
    from ..samples import sample_files

    files = sample_files(settings().sample_dir)
    if not files:
        raise UserError(f"{settings().sample_dir}: no sample assessments found")
    for source in files:  # refuse before writing any, so a refusal leaves the folder as it was
        refuse_existing(folder / source.name, force=force)
    folder.mkdir(parents=True, exist_ok=True)
    for source in files:
        write_output(folder / source.name, source.read_bytes(), force=force)
        click.echo(f"{folder / source.name}: written")
