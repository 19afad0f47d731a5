"""``variants``: the assessment and its named variants side by side (``scoring.variants.compare``): each
one's recommended option with its total, probability of rank 1, TCO and net present value, every
option's total and rank, and the input differences that explain each variant; or all of it as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from .. import json_text
from ..assessment_files import load_assessment
from ..domain.results import VariantComparison, VariantResult
from ..formats import format_money, format_number, format_percent
from ..messages import LANGUAGES, translate
from . import cli, handle_errors
from .score import DASH, _framework, method_option


@cli.command("variants")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@method_option
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.option(
    "--samples",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Monte Carlo samples per variant for the probability of rank 1 (0 = none)  [default: 10000]",
)
@click.option("--seed", type=click.IntRange(min=0), default=None, metavar="S", help="Random seed, one for all.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the text.")
@handle_errors
def variants_command(file: Path, method: str, as_json: bool, samples: int | None, seed: int | None, lang: str) -> None:
    """Compare the assessment with its variants: winner, totals, ranks, probability of rank 1, TCO,
    net present value and the input differences of each variant. A variant that leaves nothing to score
    is listed with its problems (exit code 0: the comparison itself worked).

    \b
    Example:
        esg-workbench variants acme.json
        esg-workbench variants acme.json --samples 0 --lang da
        esg-workbench variants acme.json --json > variants.json
    """
    from ..scoring import DEFAULT_SAMPLES, DEFAULT_SEED
    from ..scoring.variants import compare

    assessment = load_assessment(file)
    comparison = compare(
        assessment,
        method,
        framework=_framework(assessment),
        samples=DEFAULT_SAMPLES if samples is None else samples,
        seed=DEFAULT_SEED if seed is None else seed,
    )
    if as_json:
        click.echo(json_text.dumps(comparison.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    click.echo(render(comparison, lang))


def _say(key: str, lang: str, **params: object) -> str:
    return translate(f"workshop_b.variants.{key}", lang, **params)


def _name(result: VariantResult, index: int, lang: str) -> str:
    return _say("base", lang, name=result.name) if index == 0 else result.name


def render(comparison: VariantComparison, lang: str = "en") -> str:
    """The comparison as plain text for a terminal."""
    names, currency = comparison.option_names, comparison.currency
    decimals = 3 if comparison.method == "topsis" else 1
    lines = []
    for k, result in enumerate(comparison.results):
        lines.append(_name(result, k, lang))
        if not result.valid:
            lines += [f"  {problem}" for problem in result.problems[lang]]
            continue
        winner = result.recommended
        if winner is None:
            lines.append(f"  {_say('col_winner', lang)}: {_say('no_winner', lang)}")
        else:
            p = result.first_rank_probability.get(winner)
            tco, net = result.tco.get(winner), result.net_npv.get(winner)
            lines.append(
                f"  {_say('col_winner', lang)}: {names.get(winner, winner)}"
                f" · {_say('col_total', lang)} {format_number(result.totals[winner], lang, decimals)}"
                f" · {_say('col_first', lang)} {DASH if p is None else format_percent(p, lang)}"
                f" · {_say('col_tco', lang, currency=currency)} {DASH if tco is None else format_money(tco, lang)}"
                f" · {_say('col_net', lang, currency=currency)} {DASH if net is None else format_money(net, lang)}"
            )
        for option_id, option in names.items():
            if option_id in result.excluded:
                lines.append(f"    {option}: {_say('left_out', lang)}")
            else:
                total = format_number(result.totals[option_id], lang, decimals)
                lines.append(f"    {option}: {total} (#{result.ranks[option_id]})")
        if k:
            if result.differences:
                lines.append(f"  {_say('differences', lang, name=result.name)}:")
                lines += [f"    {line}" for line in result.differences]
            else:
                lines.append(f"  {_say('no_differences', lang, name=result.name)}")
    verdict = "winners_differ" if comparison.winners_differ else "winners_agree"
    return "\n".join([*lines, "", _say(verdict, lang)])
