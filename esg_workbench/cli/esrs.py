"""``esrs`` commands: import the user's copy of EFRAG's IG 3 datapoint workbook into the store as a
versioned datapoint catalogue, list stored catalogues, and show the datapoints of one DR."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from ..esrs_import import DatapointListInvalid, Ig3Import, check_catalogue_ref, import_ig3_workbook
from ..store import AlreadyExists, Store
from ..xlsx_safety import UnsafeWorkbook
from . import EXIT_INVALID, UserError, cli, handle_errors

MAX_PROBLEMS_SHOWN = 50  # a wrong file can produce hundreds; the first ones say what is wrong


def _catalogue_id(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    try:
        check_catalogue_ref(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _version(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            check_catalogue_ref("x", value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


def _open(ctx: click.Context) -> Store:
    return Store((ctx.obj or {}).get("db"))


@cli.group()
def esrs() -> None:
    """ESRS datapoints: import your copy of EFRAG's "IG 3 List of ESRS Data Points" workbook as a
    versioned datapoint catalogue, list the catalogues, show the datapoints of a disclosure requirement.
    The workbench does not ship EFRAG's list; download it from EFRAG and import it here.

    \b
    Example:
        esg-workbench esrs import "EFRAG IG 3 List of ESRS Data Points.xlsx"
        esg-workbench esrs show E1-6
    """


@esrs.command("import")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "catalogue_id", default="efrag-ig3", show_default=True, callback=_catalogue_id,
              help="Catalogue id to store it under.")  # fmt: skip
@click.option("--version", "version", default=None, callback=_version,
              help="Version label (default: the date the workbook was last saved, YYYY-MM-DD).")  # fmt: skip
@click.option("--replace", is_flag=True, help="Replace a stored catalogue with the same id and version.")
@click.option("--for", "standard_ref", default="esrs-set1@2023", show_default=True, metavar="ID@VERSION",
              help="The disclosure-requirement catalogue the list belongs to (IG 3: ESRS Set 1).")  # fmt: skip
@click.option("-v", "--verbose", is_flag=True, help="List every value the import filled in, not just a count.")
@click.pass_context
@handle_errors
def import_(
    ctx: click.Context,
    workbook: Path,
    catalogue_id: str,
    version: str | None,
    replace: bool,
    standard_ref: str,
    verbose: bool,
) -> None:
    """Import an IG 3 datapoint workbook (.xlsx) into the store.

    The file is checked for safety first; an invalid workbook is reported with sheet, row and column
    and nothing is stored (exit 1). A file that cannot be read exits with 2.

    \b
    Example:
        esg-workbench esrs import ig3.xlsx
        esg-workbench esrs import ig3-2025.xlsx --version 2025-11 --replace
        esg-workbench esrs import esrs-2026-datapoints.xlsx --id efrag-2026 --for esrs-amended@2026
    """
    from ..frameworks import load_esrs_catalogue
    from .catalogues import parse_catalogue_ref

    ref = parse_catalogue_ref(standard_ref)
    standard = load_esrs_catalogue(ref.id, ref.version)
    try:
        result = import_ig3_workbook(workbook, catalogue_id=catalogue_id, version=version, standard=standard)
    except UnsafeWorkbook as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_INVALID)
    except DatapointListInvalid as exc:
        _report_invalid(exc)
        sys.exit(EXIT_INVALID)
    with _open(ctx) as store:
        try:
            store.save_datapoint_catalogue(result.catalogue, replace=replace)
        except AlreadyExists as exc:
            click.echo(f"Error: {exc} (use --replace, or --version to store it as another version)", err=True)
            sys.exit(EXIT_INVALID)
    _report_imported(workbook, result, verbose)


def _report_invalid(exc: DatapointListInvalid) -> None:
    click.echo(f"{exc.source}: not a valid IG 3 datapoint list: {len(exc.problems)} problem(s)", err=True)
    for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
        click.echo(f"  {problem}", err=True)
    if len(exc.problems) > MAX_PROBLEMS_SHOWN:
        click.echo(f"  ... and {len(exc.problems) - MAX_PROBLEMS_SHOWN} more", err=True)


def _report_imported(workbook: Path, result: Ig3Import, verbose: bool) -> None:
    catalogue = result.catalogue
    drs = {point.disclosure_requirement for point in catalogue.datapoints}
    sheets = {point.source_sheet for point in catalogue.datapoints}
    click.echo(
        f"{workbook.name}: imported {catalogue.id} version {catalogue.version} "
        f"for {catalogue.standard_id}@{catalogue.standard_version}: "
        f"{len(catalogue.datapoints):,} datapoints, {len(drs)} disclosure requirements, {len(sheets)} sheets "
        f"(sha256 {catalogue.source_sha256[:12]})"
    )
    for note in result.notes:
        if note.kind == "corrected" or verbose:
            click.echo(f"  {note.kind}: {note}")
    filled = sum(note.kind == "filled" for note in result.notes)
    if filled and not verbose:
        click.echo(f"  filled: {filled} blank value(s) taken from sibling rows (--verbose lists them)")


@esrs.command("list")
@click.pass_context
@handle_errors
def list_(ctx: click.Context) -> None:
    """List the stored datapoint catalogues, each id's newest import first.

    \b
    Example:
        esg-workbench esrs list
    """
    with _open(ctx) as store:
        infos = store.list_datapoint_catalogues()
    if not infos:
        click.echo("no datapoint catalogues stored; import one with: esg-workbench esrs import WORKBOOK")
        return
    table = [("ID", "VERSION", "FOR", "IMPORTED", "DATAPOINTS", "SOURCE", "TITLE")]
    for info in infos:
        when = info.imported_at.strftime("%Y-%m-%d %H:%M UTC")
        standard = f"{info.standard_id}@{info.standard_version}"
        table.append((info.id, info.version, standard, when, f"{info.count:,}", info.source_filename, info.title))
    _echo_table(table)


@esrs.command("show")
@click.argument("dr_code")
@click.option("--catalogue", "catalogue_id", default="efrag-ig3", show_default=True, help="Catalogue id.")
@click.option("--version", default=None, help="Catalogue version (default: the newest import).")
@click.pass_context
@handle_errors
def show(ctx: click.Context, dr_code: str, catalogue_id: str, version: str | None) -> None:
    """Show the datapoints of one disclosure requirement (DR).

    DR_CODE as in the catalogue, e.g. E1-6, BP-1, MDR-P or S1.SBM-3 (any case). FLAGS: V = may be
    disclosed voluntarily, C = conditional, A = alternative.

    \b
    Example:
        esg-workbench esrs show E1-6
        esg-workbench esrs show E1.IRO-1 --catalogue efrag-ig3 --version 2024-06-05
    """
    with _open(ctx) as store:
        catalogue = store.load_datapoint_catalogue(catalogue_id, version)
    wanted = dr_code.strip().casefold()
    points = [p for p in catalogue.datapoints if p.disclosure_requirement.casefold() == wanted]
    if not points:
        known = sorted({p.disclosure_requirement for p in catalogue.datapoints})
        close = difflib.get_close_matches(dr_code.strip().upper(), known, n=5, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UserError(f"no datapoints for DR '{dr_code}' in catalogue {catalogue.id} {catalogue.version}{hint}")
    click.echo(f"{catalogue.id} {catalogue.version}: {points[0].disclosure_requirement}, {len(points)} datapoint(s)")
    table = [("ID", "PARAGRAPH", "DATA TYPE", "FLAGS", "NAME")]
    for point in points:
        table.append((point.id, point.paragraph, point.data_type, _flags(point), point.name))
    _echo_table(table)


def _flags(point) -> str:
    flags = "V" if point.may_voluntary else ""
    return flags + {"conditional": "C", "alternative": "A"}.get(point.conditional_or_alternative.casefold(), "")


def _echo_table(table: list[tuple[str, ...]]) -> None:
    """Columns padded to their widest cell; the last column is left free so long text is not padded."""
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]) - 1)]
    for line in table:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1])
