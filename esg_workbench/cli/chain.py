"""``chain``: the chain datapoint/DR -> data source -> system -> integration -> owner -> status of an
assessment file, with its flags, as a text table or CSV (``esg_workbench.chain``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..assessment_files import load_assessment
from ..chain import FLAGS, CellTexts, chain_csv, chain_of, select
from ..coverage import STATUS_ORDER
from ..messages import LANGUAGES, translate
from . import cli, handle_errors
from .output import force_option, refuse_existing, write_output

# The text table's columns (a subset of the CSV's: ids and labels the terminal needs).
TEXT_COLUMNS = ("disclosure_requirement", "datapoint_id", "data_source", "system", "disposition")
TEXT_COLUMNS += ("integration_needed", "owner_role", "status", "flags")


@cli.command("chain")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--csv", "as_csv", is_flag=True, help="CSV (every column, labels in --lang) instead of a text table.")
@click.option(
    "--flag",
    "flags",
    type=click.Choice(FLAGS),
    multiple=True,
    help="Only rows with this flag (repeat for any of several).",
)
@click.option("--standard", "standards", multiple=True, metavar="CODE", help="Only rows of this standard (E1, ...).")
@click.option("--status", "statuses", type=click.Choice(STATUS_ORDER), multiple=True, help="Only this status.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the labels.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the CSV to this file (UTF-8 with a byte order mark, for Excel) instead of printing it.",
)
@force_option
@handle_errors
def chain_command(
    file: Path,
    as_csv: bool,
    flags: tuple[str, ...],
    standards: tuple[str, ...],
    statuses: tuple[str, ...],
    lang: str,
    output: Path | None,
    force: bool,
) -> None:
    """The chain in one table: each material disclosure requirement (or datapoint) -> data source ->
    system with its TIME disposition -> integration needed -> owner role -> status, one row per
    coverage item and data source, with the flags: a source in a system to eliminate or migrate, a
    DR covered only by manual sources, a source without an owner, an item under review.

    \b
    Example:
        esg-workbench chain sample_data/municipality.json --flag retiring_system
        esg-workbench chain sample_data/manufacturer.json --csv -o chain.csv --lang da
    """
    from ..frameworks import framework_for_assessment

    if output is not None:
        as_csv = True
        refuse_existing(output, force=force)
    assessment = load_assessment(file)
    framework = framework_for_assessment(assessment)
    chain = chain_of(assessment, framework)
    rows = select(chain.rows, standards=standards, statuses=statuses, flags=flags)
    if as_csv:
        data = chain_csv(rows, framework, lang)
        if output is not None:
            write_output(output, data, force=force)
            click.echo(translate("chain.cli_written", lang, path=str(output), count=len(rows)), err=True)
        else:
            click.echo(data.decode("utf-8-sig"), nl=False)
        return
    click.echo(
        translate(
            "chain.cli_heading",
            lang,
            assessment=assessment.id,
            catalogue=chain.catalogue or "ESRS",
            count=len(chain.rows),
            shown=len(rows),
        )
    )
    table = [[translate(f"chain.col.{c}", lang) for c in TEXT_COLUMNS]]
    texts = CellTexts(framework, lang)
    for row in rows:
        values = texts(row)
        values["disclosure_requirement"] = row.label(lang)
        table.append([values[c] for c in TEXT_COLUMNS])
    click.echo(_aligned(table))
    click.echo(chain.sentence(lang))


def _aligned(table: list[list[str]]) -> str:
    """Columns padded to their widest cell (one line per row; a text's line breaks become spaces)."""
    cells = [[" ".join(str(v).split()) for v in row] for row in table]
    widths = [max(len(row[k]) for row in cells) for k in range(len(cells[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells)
