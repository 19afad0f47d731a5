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
from ..gc_pause import collector_paused
from ..messages import LANGUAGES, Number, translate
from ..readiness import ReadinessSummary
from ..scoring.group_wording import consensus_sentence, dissent_sentence, group_summary
from ..scoring.wording import gate_lines, missing_lines, missing_of
from . import cli, handle_errors

DASH = "–"
# the ranking table's columns (cli.score.col.<key>); the NPV heading also names the currency
COLUMNS = ("rank", "option", "total", "eligible", "first", "months", "fails")


# Options the scoring commands share (score, variants).
method_option = click.option(
    "--method",
    type=click.Choice(["weighted-sum", "topsis"]),
    default="weighted-sum",
    show_default=True,
    help="Scoring method.",
)


@cli.command("score")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@method_option
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
    "--spread",
    type=click.FloatRange(min=0, max=1, max_open=True),
    default=None,
    metavar="FRACTION",
    help="Monte Carlo weight spread: each weight varies by up to +-FRACTION (0.2 = 20 %)  "
    "[default: the assessment's own, else 0.2]",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the recommendation text.",
)
@handle_errors
def score_command(
    file: Path, method: str, as_json: bool, samples: int | None, seed: int | None, spread: float | None, lang: str
) -> None:
    """Score the options of an assessment: totals, ranking, must-have gates, total cost of ownership,
    weight tipping points, Monte Carlo rank acceptability and the recommendation.

    \b
    Example:
        esg-workbench score sample_data/municipality.json
        esg-workbench score sample_data/municipality.json --method topsis --samples 20000 --seed 7
        esg-workbench score sample_data/manufacturer.json --json > result.json
        esg-workbench score workshop.json --spread 0.3
    """
    from ..scoring import DEFAULT_SAMPLES, DEFAULT_SEED, score

    # Reading, validating and scoring a large assessment make tens of thousands of objects without
    # cycles; the collector's searches among them are put off until the command is done (gc_pause).
    with collector_paused():
        assessment = load_assessment(file)
        result = score(
            assessment,
            method,
            framework=_framework(assessment),
            samples=DEFAULT_SAMPLES if samples is None else samples,
            seed=DEFAULT_SEED if seed is None else seed,
            weight_spread=spread,
        )
    if as_json:
        click.echo(json_text.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(render(result, lang))


def _framework(assessment: Assessment) -> Framework | None:
    """The assessment's framework, for archetype labels and interim flags; None if frameworks cannot be
    loaded in this installation (the engine then treats "spreadsheet_interim" as the interim)."""
    try:
        from ..frameworks import framework_for_assessment
    except ImportError:
        return None
    return framework_for_assessment(assessment)


def render(result: ScoreResult, lang: str = "en") -> str:
    """The result as plain text for a terminal."""
    lines = [
        _say(
            "heading",
            lang,
            assessment=result.assessment_id,
            method=result.method,
            options=_count(len(result.totals)),
            criteria=_count(len(result.criterion_names)),
        ),
        "",
        *_ranking(result, lang),
    ]
    if result.gates and not all(g.eligible for g in result.gates.values()):
        lines += ["", *gate_lines(result.gates, result.option_names, lang)]
    missing = missing_lines(missing_of(result), result.option_names, result.criterion_names, lang)
    if missing:
        lines += ["", *missing]
    if result.tied_groups:
        lines += ["", _say("tied", lang, groups="; ".join(" = ".join(g) for g in result.tied_groups))]
    if result.group is not None:
        lines += ["", *_group(result, lang)]
    if result.weighting is not None and result.weighting.methods_disagree():
        lines += ["", _workshop("ahp_both", lang), *_ahp_both(result, lang)]
    lines += ["", *_tipping(result, lang)]
    sens = result.sensitivity
    if sens.samples:
        lines += [
            "",
            _say(
                "acceptability",
                lang,
                samples=format_count(sens.samples, lang),
                seed=str(sens.seed),  # an identifier, written as given
                spread=format_percent(sens.weight_spread, lang),
                uncertain=_count(sens.uncertain_cells),
            ),
        ]
        if sens.criterion_spreads:
            items = ", ".join(f"{c} ±{format_percent(v, lang)}" for c, v in sens.criterion_spreads.items())
            lines.append(_workshop("spread_criterion", lang, items=items))
    if result.warnings:
        lines += ["", _say("warnings", lang), *(f"  {w.text(lang)}" for w in result.warnings)]
    coverage = result.recommendation.coverage
    if coverage is not None:
        lines += ["", translate("coverage.heading", lang, sentence=coverage.sentence(lang))]
        # The open gaps by code and title in the catalogue's version (E1-5 means something else in 2026)
        weak = [d for d in coverage.gaps if d.status != "not_assessed"]
        lines += [f"  {d.label(lang)}: {translate(f'status.{d.status}', lang)}" for d in weak]
        lines += [
            "  " + _say("review_item", lang, item=r.item_id, moved_from=r.moved_from, reason=r.reason_text(lang))
            for r in coverage.needs_review
        ]
    if result.recommendation.readiness is not None:
        lines += ["", *readiness_lines(result.recommendation.readiness, lang)]
    lines += ["", result.recommendation.text(lang)]
    return "\n".join(lines)


def readiness_lines(summary: ReadinessSummary, lang: str = "en") -> list[str]:
    """The readiness per standard (material DRs by level and the mean of the known scores) and the
    automation share against the to-be target."""
    heads = [translate("readiness.cli.standard", lang), translate("readiness.cli.drs", lang)]
    heads += [summary.label(level, lang) for level in summary.levels] + [translate("readiness.cli.mean", lang)]
    rows = [
        [c.standard or translate("readiness.cli.all", lang), format_count(c.material_drs, lang)]
        + [format_count(c.counts[level], lang) for level in summary.levels]
        + [DASH if c.mean_score is None else format_number(c.mean_score, lang)]
        for c in [*summary.by_standard, summary.overall]
    ]
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return "  " + "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return [summary.sentence(lang), line(heads), *(line(r) for r in rows), summary.automation.sentence(lang)]


def _say(key: str, lang: str, **params: object) -> str:
    return translate(f"cli.score.{key}", lang, **params)


def _workshop(key: str, lang: str, **params: object) -> str:
    return translate(f"workshop.{key}", lang, **params)


def _group(result: ScoreResult, lang: str) -> list[str]:
    """The workshop's weights: how they were combined and used, the consensus, each stakeholder with
    the option their own weights put first, and per criterion the group's weight beside the lowest and
    highest stakeholder's."""
    group = result.group
    lines = [group_summary(group, lang), consensus_sentence(group, lang)]
    dissent = dissent_sentence(group, result.option_names, lang)
    if dissent:
        lines.append(dissent)
    heads = [_workshop(f"col.{k}", lang) for k in ("stakeholder", "role", "vote", "method", "cr", "top")]
    rows = [
        [
            p.name,
            p.role,
            format_percent(p.voting_share, lang),
            _workshop(f"method.{p.method}", lang),
            DASH if p.consistency_ratio is None else format_number(p.consistency_ratio, lang, 3),
            p.top or DASH,
        ]
        for p in group.stakeholders
    ]
    lines += ["", _workshop("stakeholders_title", lang), *_table(heads, rows, right=(2, 4))]
    if group.ranks:
        heads = [_workshop("col.option", lang), _workshop("col.group", lang), *(p.name for p in group.stakeholders)]
        place = [{o: i + 1 for i, o in enumerate(p.ranking)} for p in group.stakeholders]
        ranked = sorted(group.ranks.items(), key=lambda item: item[1])
        rows = [[o, str(rank), *(str(r[o]) for r in place)] for o, rank in ranked]
        lines += ["", _workshop("ranks_title", lang), *_table(heads, rows, right=tuple(range(1, len(heads))))]
    names = [p.name for p in group.stakeholders]
    heads = [_workshop("col.criterion", lang), _workshop("col.group", lang), *names]
    if group.disagreement:
        heads += [_workshop("col.spread", lang)]
    rows = []
    for criterion_id, share in group.weights.items():
        row = [criterion_id, format_percent(share, lang, 1)]
        row += [format_percent(p.weights[criterion_id], lang, 1) for p in group.stakeholders]
        if group.disagreement:
            row.append(format_percent(group.disagreement[criterion_id].spread, lang, 1))
        rows.append(row)
    lines += ["", _workshop("weights_title", lang), *_table(heads, rows, right=tuple(range(1, len(heads))))]
    if group.notes.get(lang):
        lines += ["", _say("warnings", lang), *(f"  {w}" for w in group.notes[lang])]
    return lines


def _ahp_both(result: ScoreResult, lang: str) -> list[str]:
    weighting = result.weighting
    heads = [_workshop(f"col.{k}", lang) for k in ("criterion", "eigenvector", "geometric_mean")]
    rows = [
        [c, format_percent(w, lang, 1), format_percent(weighting.geometric_mean[c], lang, 1)]
        for c, w in weighting.weights.items()
    ]
    return _table(heads, rows, right=(1, 2))


def _table(heads: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    widths = [max(len(str(r[i])) for r in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return (
            "  "
            + "  ".join(
                f"{c:>{w}}" if i in right else f"{c:<{w}}" for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
        )

    return [line(heads), *(line(r) for r in rows)]


def _count(n: int) -> Number:
    # English as it has always been printed (1234); Danish with its thousands sign.
    return Number(n, str(n))


def _ranking(result: ScoreResult, lang: str = "en") -> list[str]:
    col = {k: _say(f"col.{k}", lang) for k in COLUMNS}
    npv_head = _say("col.npv", lang, currency=result.currency)
    yes, no = _say("yes", lang), _say("no", lang)
    # the widths English has always had, wider where a language's heading or word is longer
    w_rank, w_total, w_first = max(4, len(col["rank"])), max(7, len(col["total"])), max(6, len(col["first"]))
    w_npv, w_months = max(16, len(npv_head)), max(6, len(col["months"]))
    w_eligible = max(8, len(col["eligible"]), len(yes), len(no))
    width = max([len(col["option"]), *(len(o) for o in result.ranking)])
    decimals = 3 if result.method == "topsis" else 1
    head = (
        f"{col['rank']:>{w_rank}}  {col['option']:<{width}}  {col['total']:>{w_total}}  "
        f"{col['eligible']:<{w_eligible}}  {col['first']:>{w_first}}  "
        f"{npv_head:>{w_npv}}  {col['months']:>{w_months}}  {col['fails']}"
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
            f"{result.ranks[option_id]:>{w_rank}}  {option_id:<{width}}  {total:>{w_total}}  "
            f"{yes if result.eligible[option_id] else no:<{w_eligible}}  "
            f"{DASH if p is None else format_percent(p, lang):>{w_first}}  "
            f"{npv:>{w_npv}}  {months_text:>{w_months}}  {fails}"
        )
    if any(f.status == "not_assessed" for ex in result.explanations.values() for f in ex.failed_must_haves):
        rows.append("  " + _say("not_assessed_note", lang))
    return rows


def _tipping(result: ScoreResult, lang: str = "en") -> list[str]:
    top = result.sensitivity.top
    points = sorted(
        result.sensitivity.tipping_points, key=lambda p: (p.smallest_change is None, p.smallest_change or 0.0)
    )
    if top is None or not points:
        return []
    criterion, now = _say("tipping.criterion", lang), _say("tipping.now", lang)
    up_head, down_head = _say("tipping.up", lang), _say("tipping.down", lang)
    width = max([len(criterion), *(len(p.criterion_id) for p in points)])
    w_now, w_up = max(6, len(now)), max(28, len(up_head))
    rows = [
        _say("tipping.title", lang, top=top),
        f"  {criterion:<{width}}  {now:>{w_now}}  {up_head:<{w_up}}  {down_head}",
    ]
    for p in points:
        up = DASH if p.increase is None else f"{format_percent(p.increase.share, lang, 1)} ({p.increase.new_top})"
        down = DASH if p.decrease is None else f"{format_percent(p.decrease.share, lang, 1)} ({p.decrease.new_top})"
        rows.append(f"  {p.criterion_id:<{width}}  {format_percent(p.share, lang, 1):>{w_now}}  {up:<{w_up}}  {down}")
    return rows
