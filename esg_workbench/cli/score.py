"""``score``: run the decision engine on an assessment file and print the ranking, gates, cost,
sensitivity and recommendation, or the whole result as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from .. import json_text
from ..assessment_files import load_assessment
from ..domain import Assessment
from ..domain.framework import Framework
from ..domain.results import ScoreResult
from ..formats import format_count, format_number, format_percent
from ..messages import LANGUAGES, translate
from ..scoring.wording import gate_lines, missing_lines, missing_of
from . import cli, handle_errors

DASH = "–"


@cli.command("score")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--method",
    type=click.Choice(["weighted-sum", "topsis"]),
    default="weighted-sum",
    show_default=True,
    help="Scoring method.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
@click.option(
    "--samples",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Monte Carlo samples for rank acceptability (0 = none)  [default: 10000]",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=None,
    metavar="S",
    help="Random seed; the same seed gives the same numbers.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the recommendation text.",
)
@handle_errors
def score_command(file: Path, method: str, as_json: bool, samples: int | None, seed: int | None, lang: str) -> None:
    """Score the options of an assessment: totals, ranking, must-have gates, total cost of ownership,
    weight tipping points, Monte Carlo rank acceptability and the recommendation.

    \b
    Example:
        esg-workbench score sample_data/municipality.json
        esg-workbench score sample_data/municipality.json --method topsis --samples 20000 --seed 7
        esg-workbench score sample_data/manufacturer.json --json > result.json
    """
    from ..scoring import DEFAULT_SAMPLES, DEFAULT_SEED, score

    assessment = load_assessment(file)
    result = score(
        assessment,
        method,
        framework=_framework(assessment),
        samples=DEFAULT_SAMPLES if samples is None else samples,
        seed=DEFAULT_SEED if seed is None else seed,
    )
    if as_json:
        click.echo(json_text.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(render(result, lang))


def _framework(assessment: Assessment) -> Framework | None:
    """The assessment's framework, for archetype labels and interim flags; None if frameworks cannot be
    loaded in this installation (the engine then treats "spreadsheet_interim" as the interim)."""
    try:
        from ..frameworks import load_framework
    except ImportError:
        return None
    return load_framework(assessment.framework.id, version=assessment.framework.version)


def render(result: ScoreResult, lang: str = "en") -> str:
    """The result as plain text for a terminal."""
    lines = [
        f"{result.assessment_id}: {result.method}, {len(result.totals)} options, "
        f"{len(result.criterion_names)} criteria",
        "",
        *_ranking(result, lang),
    ]
    if result.gates and not all(g.eligible for g in result.gates.values()):
        lines += ["", *gate_lines(result.gates, result.option_names, lang)]
    missing = missing_lines(missing_of(result), result.option_names, result.criterion_names, lang)
    if missing:
        lines += ["", *missing]
    if result.tied_groups:
        lines += ["", "Tied (kept in the assessment's order): " + "; ".join(" = ".join(g) for g in result.tied_groups)]
    lines += ["", *_tipping(result, lang)]
    sens = result.sensitivity
    if sens.samples:
        lines += [
            "",
            f"Rank acceptability: {format_count(sens.samples, lang)} samples, seed {sens.seed}, weights "
            f"±{format_percent(sens.weight_spread, lang)}, {sens.uncertain_cells} uncertain values",
        ]
    if result.warnings:
        lines += ["", "Warnings:", *(f"  {w}" for w in result.warnings)]
    coverage = result.recommendation.coverage
    if coverage is not None:
        lines += ["", translate("coverage.heading", lang, sentence=coverage.sentence(lang))]
    lines += ["", result.recommendation.text(lang)]
    return "\n".join(lines)


def _ranking(result: ScoreResult, lang: str = "en") -> list[str]:
    width = max([len("option"), *(len(o) for o in result.ranking)])
    decimals = 3 if result.method == "topsis" else 1
    head = (
        f"{'rank':>4}  {'option':<{width}}  {'total':>7}  {'eligible':<8}  {'P(1st)':>6}  "
        f"{'TCO NPV ' + result.currency:>16}  {'months':>6}  fails"
    )
    rows = [head]
    for option_id in result.ranking:
        cost = result.costs[option_id]
        p = result.sensitivity.first_rank_probability(option_id)
        months = cost.time_to_first_report_months
        fails = ", ".join(
            f.requirement_id + ("?" if f.status == "not_assessed" else "")
            for f in result.explanations[option_id].failed_must_haves
        )
        total = format_number(result.totals[option_id], lang, decimals)
        npv = DASH if cost.npv is None else format_number(cost.npv, lang)  # no cost entered: missing, not 0
        months_text = DASH if months is None else format_number(months, lang, 0 if months == int(months) else 1)
        rows.append(
            f"{result.ranks[option_id]:>4}  {option_id:<{width}}  {total:>7}  "
            f"{'yes' if result.eligible[option_id] else 'no':<8}  {DASH if p is None else format_percent(p, lang):>6}  "
            f"{npv:>16}  {months_text:>6}  {fails}"
        )
    if any(f.status == "not_assessed" for ex in result.explanations.values() for f in ex.failed_must_haves):
        rows.append("  (? = must-have not assessed for this option, so not assumed met)")
    return rows


def _tipping(result: ScoreResult, lang: str = "en") -> list[str]:
    top = result.sensitivity.top
    points = sorted(
        result.sensitivity.tipping_points, key=lambda p: (p.smallest_change is None, p.smallest_change or 0.0)
    )
    if top is None or not points:
        return []
    width = max([len("criterion"), *(len(p.criterion_id) for p in points)])
    rows = [
        f"Tipping points: the share of the total weight at which {top} stops being the top option",
        f"  {'criterion':<{width}}  {'now':>6}  {'up to (new top)':<28}  down to (new top)",
    ]
    for p in points:
        up = DASH if p.increase is None else f"{format_percent(p.increase.share, lang, 1)} ({p.increase.new_top})"
        down = DASH if p.decrease is None else f"{format_percent(p.decrease.share, lang, 1)} ({p.decrease.new_top})"
        rows.append(f"  {p.criterion_id:<{width}}  {format_percent(p.share, lang, 1):>6}  {up:<28}  {down}")
    return rows
