"""Commands on disclosure-requirement catalogues and CSRD scope: list the catalogue versions, move an
assessment file to another version (dry run or apply), and check whether the CSRD applies."""

from __future__ import annotations

from pathlib import Path

import click

from .. import json_text
from ..assessment_files import dump_assessment, load_assessment
from ..catalogue_move import MovePlan, MoveRefused, apply_move, plan_move
from ..domain.assessment import CatalogueRef, Organisation
from ..frameworks import FrameworkError, load_catalogue_mapping, load_framework, load_scope_rules
from ..messages import LANGUAGES, translate
from ..scope import ScopeResult, check_scope
from . import UserError, cli, handle_errors
from .output import force_option, refuse_existing, write_output


def parse_catalogue_ref(text: str) -> CatalogueRef:
    """'esrs-amended@2026' -> the catalogue ref; UserError with the expected form otherwise."""
    catalogue_id, at, version = text.partition("@")
    if not at or not catalogue_id or not version:
        raise UserError(f"catalogue '{text}': write it as ID@VERSION, e.g. esrs-amended@2026")
    return CatalogueRef(id=catalogue_id, version=version)


@cli.group()
def catalogue() -> None:
    """Disclosure-requirement catalogues (ESRS 2023, ESRS 2026, VSME) and moving between their versions."""


@catalogue.command("list")
@click.option("--framework", "framework_id", default="esg-architecture", show_default=True)
@handle_errors
def list_catalogues(framework_id: str) -> None:
    """The catalogues an assessment may work against: id@version, title, effective dates, legal basis.

    \b
    Example:
        esg-workbench catalogue list
    """
    framework = load_framework(framework_id)
    for c in framework.catalogues:
        default = " (default for a new assessment)" if c.ref == framework.default_catalogue else ""
        until = f" to {c.effective_to.isoformat()}" if c.effective_to else ""
        click.echo(f"{c.id}@{c.version}  {c.short_name}{default}")
        click.echo(f"    {c.title.en}; {len(c.disclosure_requirements)} disclosure requirements")
        click.echo(f"    financial years from {c.effective_from.isoformat()}{until}; {c.legal_basis}")


def render_plan(plan: MovePlan) -> str:
    """The dry run as plain text: counts, then every item that does not simply map."""
    counts = plan.counts
    lines = [
        f"Move from {plan.from_ref} to {plan.to_ref} (mapping {plan.mapping_id}):",
        f"  {counts['maps']} coverage item(s) map, {counts['needs_review']} need review, "
        f"{counts['dropped']} dropped in the new version (kept for review), "
        f"{counts['unchanged']} already under review",
    ]
    for move in plan.items:
        if move.outcome == "maps":
            change = f"{move.old_code} -> {move.new_code}" if move.old_code != move.new_code else move.old_code
            lines.append(f"  maps          {move.item_id}: {change} ({move.kind})")
    for move in plan.items:
        if move.outcome != "maps":
            extra = f"; candidates {', '.join(move.candidates)}" if move.candidates else ""
            dp = f"; datapoint {move.datapoint_id}" if move.datapoint_id else ""
            lines.append(f"  {move.outcome:<13} {move.item_id}: {move.old_code} ({move.kind}{extra}{dp})")
    return "\n".join(lines)


@catalogue.command("move")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "target", required=True, metavar="ID@VERSION", help="The catalogue to move to.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the moved assessment here."
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A mapping file to use instead of the shipped one.",
)
@click.option("--json", "as_json", is_flag=True, help="The dry run as JSON.")
@force_option
@handle_errors
def move(file: Path, target: str, output: Path | None, mapping_file: Path | None, as_json: bool, force: bool) -> None:
    """Move the assessment in FILE to another catalogue version. Without -o this is a dry run: it lists
    what maps, what needs review and what is dropped, and writes nothing. With -o the moved assessment
    (every coverage item kept; those without an honest target marked for review) is written there.

    \b
    Example:
        esg-workbench catalogue move old.json --to esrs-amended@2026
        esg-workbench catalogue move old.json --to esrs-amended@2026 -o moved.json
    """
    to = parse_catalogue_ref(target)
    if output:
        refuse_existing(output, force=force)
    assessment = load_assessment(file)
    framework = load_framework(assessment.framework.id, assessment.framework.version)
    try:
        mapping = load_catalogue_mapping(mapping_file) if mapping_file else None
    except FrameworkError as exc:
        raise UserError(str(exc)) from None
    try:
        plan = plan_move(assessment, framework, to, mapping=mapping)
        moved = apply_move(assessment, framework, plan) if output else None
    except MoveRefused as exc:
        raise UserError(f"{file}: {exc}") from None
    if as_json:
        click.echo(json_text.dumps(_plan_data(plan), indent=2, ensure_ascii=False))
    else:
        click.echo(render_plan(plan))
    if output and moved is not None:
        write_output(output, dump_assessment(moved), force=force)
        click.echo(f"{output}: written, working against {to}")


def _plan_data(plan: MovePlan) -> dict:
    return {
        "from": str(plan.from_ref),
        "to": str(plan.to_ref),
        "mapping": plan.mapping_id,
        "counts": plan.counts,
        "items": [
            {
                "item_id": m.item_id,
                "old_code": m.old_code,
                "new_code": m.new_code,
                "kind": m.kind,
                "outcome": m.outcome,
                "review": m.review,
                "candidates": list(m.candidates),
                "note": m.note,
            }
            for m in plan.items
        ],
    }


def render_scope(result: ScopeResult, lang: str) -> str:
    lines = [result.headline(lang), *(f"  {line}" for line in result.explanation(lang)), result.as_of_line(lang)]
    if result.suggested_catalogue:
        lines.append(translate("scope.suggested", lang, catalogue="@".join(result.suggested_catalogue)))
    lines.append(translate("scope.sources", lang) + ":")
    lines += [f"  {s.citation}" for s in result.sources]
    return "\n".join(lines)


@cli.command("scope")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--employees", type=click.IntRange(min=0), help="Number of employees.")
@click.option("--turnover-mdkk", type=click.FloatRange(min=0), help="Net turnover in million DKK.")
@click.option("--country", default="DK", show_default=True, help="ISO country code of the registered office.")
@click.option("--sector", default="private_enterprise", show_default=True, help="Sector vocabulary id.")
@click.option("--listed/--not-listed", default=None, help="Securities on an EU regulated market.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="The result as JSON.")
@handle_errors
def scope(
    file: Path | None,
    employees: int | None,
    turnover_mdkk: float | None,
    country: str,
    sector: str,
    listed: bool | None,
    lang: str,
    as_json: bool,
) -> None:
    """Whether the CSRD applies, from which financial year, and otherwise which voluntary route fits,
    under the rules in force (their date and legal sources are printed). Reads the organisation from
    FILE, or from the options.

    \b
    Example:
        esg-workbench scope sample_data/municipality.json
        esg-workbench scope --employees 1500 --turnover-mdkk 4000 --listed
    """
    if file is not None:
        organisation = load_assessment(file).organisation
    else:
        organisation = Organisation(
            name="-",
            sector=sector,
            employees=employees,
            annual_revenue_mdkk=turnover_mdkk,
            country=country,
            listed=listed,
        )
    result = check_scope(organisation, load_scope_rules())
    if as_json:
        data = result.model_dump(mode="json")
        data["headline"] = result.headline(lang)
        data["explanation"] = result.explanation(lang)
        click.echo(json_text.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(render_scope(result, lang))
