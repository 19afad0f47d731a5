"""The recommendation as readable text in English and Danish, written from the structured result only,
so the text never says anything the numbers do not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..domain.assessment import Assessment
from ..domain.framework import Framework
from ..domain.results import LANGUAGES, CoverageGap, MaturityGap, Sensitivity

if TYPE_CHECKING:  # pragma: no cover
    from ..domain.results import Recommendation

MAX_LISTED = 6  # disclosure requirements named in a sentence before "and n more"
Texts = dict[str, str]


class Labels:
    """Names of options and criteria (as the user wrote them) and framework labels per language."""

    def __init__(self, assessment: Assessment, framework: Framework | None) -> None:
        self._options = {o.id: o.name for o in assessment.options}
        self._archetype_of = {o.id: o.archetype for o in assessment.options}
        self._criteria = {c.id: c.name for c in assessment.criteria}
        self._framework = framework

    def option(self, option_id: str) -> str:
        return self._options.get(option_id, option_id)

    def criterion(self, criterion_id: str) -> str:
        return self._criteria.get(criterion_id, criterion_id)

    def archetype(self, option_id: str, lang: str) -> str:
        archetype_id = self._archetype_of.get(option_id, "")
        if self._framework is not None:
            found = next((a for a in self._framework.archetypes if a.id == archetype_id), None)
            if found is not None:
                return found.name.get(lang)
        return archetype_id.replace("_", " ")

    def dimension(self, dimension_id: str, lang: str) -> str:
        if self._framework is not None:
            found = next((d for d in self._framework.maturity_model.dimensions if d.id == dimension_id), None)
            if found is not None:
                return found.name.get(lang)
        return dimension_id.replace("_", " ")


# --- number formats ------------------------------------------------------------------------------


def num(value: float, lang: str, decimals: int = 1) -> str:
    """12,345.6 in English, 12.345,6 in Danish."""
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "da" else text


def pct(share: float, lang: str) -> str:
    return f"{share * 100:.0f} %" if lang == "da" else f"{share * 100:.0f}%"


def _listing(items: Sequence[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " og " if lang == "da" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def _both(render: Callable[[str], str]) -> Texts:
    return {lang: render(lang) for lang in LANGUAGES}


# --- the recommendation --------------------------------------------------------------------------


def _score(total: float, method: str, lang: str) -> str:
    if method == "topsis":
        return (f"nærhed til idealet {num(total, lang, 3)} (TOPSIS)" if lang == "da"
                else f"closeness {num(total, lang, 3)} to the ideal (TOPSIS)")
    return (f"samlet score {num(total, lang)} af 100 (vægtet sum)" if lang == "da"
            else f"total {num(total, lang)} of 100 (weighted sum)")


def _short_score(total: float, method: str, lang: str) -> str:
    return num(total, lang, 3 if method == "topsis" else 1)


def _headline(rec: Recommendation, labels: Labels, lang: str) -> str:
    if rec.option_id is None:
        return ("Ingen løsning opfylder alle skal-krav, så ingen kan anbefales. Genovervej løsningerne eller "
                "skal-kravene." if lang == "da" else
                "No option meets every must-have requirement, so none can be recommended. Revisit the options "
                "or the must-have requirements.")
    name = f"{labels.option(rec.option_id)} ({labels.archetype(rec.option_id, lang)})"
    text = (f"Anbefalet løsning: {name}, {_score(rec.total, rec.method, lang)}" if lang == "da"
            else f"Recommended: {name}, {_score(rec.total, rec.method, lang)}")
    if rec.runner_up_id is not None:
        runner = f"{labels.option(rec.runner_up_id)} ({_short_score(rec.runner_up_total, rec.method, lang)})"
        text += f", foran {runner}" if lang == "da" else f", ahead of {runner}"
    return text + "."


_ROBUSTNESS = {
    "robust": ("robust", "robust"),
    "moderate": ("moderately robust", "moderat robust"),
    "fragile": ("fragile: small changes in weights or scores can change the top option",
                "skrøbelig: små ændringer i vægte eller scorer kan ændre førstepladsen"),
}


def _robustness(rec: Recommendation, sens: Sensitivity, lang: str) -> str:
    if rec.option_id is None:
        return ""
    if rec.probability_first is None:
        return ("Robustheden er ikke vurderet (ingen simuleringer)." if lang == "da"
                else "Robustness was not assessed (no simulations).")
    label = _ROBUSTNESS[rec.robustness][1 if lang == "da" else 0]
    n, spread = num(sens.samples, lang, 0), pct(sens.weight_spread, lang)
    if lang == "da":
        return (f"Den er nr. 1 i {pct(rec.probability_first, lang)} af {n} simuleringer (vægte ±{spread}, "
                f"{sens.uncertain_cells} usikre scorer inden for deres intervaller, seed {sens.seed}): {label}.")
    return (f"It ranks first in {pct(rec.probability_first, lang)} of {n} simulations (weights ±{spread}, "
            f"{sens.uncertain_cells} uncertain scores within their ranges, seed {sens.seed}): {label}.")


def _drivers(rec: Recommendation, labels: Labels, lang: str) -> str:
    unit = "point" if lang == "da" else "points"
    if not rec.drivers:
        return ""
    if rec.runner_up_id is None:
        items = [f"{d.name} ({num(d.points, lang)} {unit})" for d in rec.drivers]
        return (f"Dens stærkeste kriterier: {_listing(items, lang)}." if lang == "da"
                else f"Its strongest criteria: {_listing(items, lang)}.")
    runner = labels.option(rec.runner_up_id)
    items = [f"{d.name} (+{num(d.advantage, lang)} {unit})" for d in rec.drivers]
    text = (f"Forspringet til {runner} kommer fra {_listing(items, lang)}." if lang == "da"
            else f"Its lead over {runner} comes from {_listing(items, lang)}.")
    if rec.trade_offs:
        names = _listing([d.name for d in rec.trade_offs], lang)
        text += f" {runner} er stærkere på {names}." if lang == "da" else f" {runner} is stronger on {names}."
    return text


def _sensitive(rec: Recommendation, labels: Labels, lang: str) -> str:
    point = rec.most_sensitive
    if rec.option_id is None:
        return ""
    if point is None:
        return ("Ingen ændring af en enkelt vægt ændrer førstepladsen." if lang == "da"
                else "No change of a single weight changes the top option.")
    tip = min((t for t in (point.increase, point.decrease) if t is not None), key=lambda t: abs(t.change))
    name, new = labels.criterion(point.criterion_id), labels.option(tip.new_top)
    if lang == "da":
        return (f"Førstepladsen skifter først, når andelen af vægten på {name} flyttes fra "
                f"{pct(point.share, lang)} til {pct(tip.share, lang)}: så bliver {new} nr. 1.")
    return (f"The top option changes first when the share of weight on {name} moves from {pct(point.share, lang)} "
            f"to {pct(tip.share, lang)}: then {new} comes first.")


def _ineligible(rec: Recommendation, labels: Labels, lang: str) -> str:
    if not rec.ineligible:
        return ""
    items = [f"{labels.option(o)} ({', '.join(reqs)})" for o, reqs in rec.ineligible.items()]
    head = "Ikke egnet, opfylder ikke skal-krav: " if lang == "da" else "Not eligible, failing must-have requirements: "
    return head + "; ".join(items) + "."


def _codes(gaps: Sequence[CoverageGap], lang: str) -> str:
    codes = list(dict.fromkeys(g.disclosure_requirement for g in gaps))
    shown = ", ".join(codes[:MAX_LISTED])
    if len(codes) > MAX_LISTED:
        more = len(codes) - MAX_LISTED
        shown += f" og {more} til" if lang == "da" else f" and {more} more"
    return shown


def _coverage_sentence(gaps: Sequence[CoverageGap], partial: Sequence[CoverageGap], lang: str) -> str:
    parts = []
    if lang == "da":
        if gaps:
            parts.append(f"{len(gaps)} væsentlige oplysningskrav/datapunkter med datamangel ({_codes(gaps, lang)})")
        if partial:
            parts.append(f"{len(partial)} kun delvist dækket ({_codes(partial, lang)})")
        return f"Ikke dækket: {_listing(parts, lang)}."
    if gaps:
        parts.append(f"{len(gaps)} material disclosure requirements/datapoints with a data gap ({_codes(gaps, lang)})")
    if partial:
        parts.append(f"{len(partial)} only partly covered ({_codes(partial, lang)})")
    return f"Left uncovered: {_listing(parts, lang)}."


def _uncovered(rec: Recommendation, labels: Labels, lang: str) -> str:
    parts = []
    gaps = [g for g in rec.coverage_gaps if g.status == "gap"]
    partial = [g for g in rec.coverage_gaps if g.status == "partial"]
    if gaps or partial:
        parts.append(_coverage_sentence(gaps, partial, lang))
    if rec.maturity_gaps:
        dims = _listing([_dim(labels, d, d.target_long, lang) for d in rec.maturity_gaps], lang)
        parts.append(f"Modenhedsgab til det langsigtede mål: {dims}." if lang == "da"
                     else f"Maturity gaps to the long-term target: {dims}.")
    if rec.unmet_requirements:
        ids = ", ".join(u.requirement_id for u in rec.unmet_requirements)
        parts.append(f"Den opfylder ikke kravene {ids} (bør/kan)." if lang == "da"
                     else f"It does not meet the requirements {ids} (should/could).")
    return " ".join(parts)


def _dim(labels: Labels, gap: MaturityGap, target: int, lang: str) -> str:
    return f"{labels.dimension(gap.dimension, lang)} {gap.current}→{target}"


def _decision(rec: Recommendation, labels: Labels, lang: str) -> str:
    if rec.agrees_with_decision is None:
        return ""
    if rec.agrees_with_decision:
        return "Det svarer til den registrerede beslutning." if lang == "da" else "This matches the recorded decision."
    name = labels.option(rec.decision_option_id or "")
    return (f"Den registrerede beslutning, {name}, afviger fra denne anbefaling." if lang == "da"
            else f"The recorded decision, {name}, differs from this recommendation.")


def _roadmap(rec: Recommendation, lang: str) -> str:
    if not rec.roadmap:
        return ""
    steps = " ".join(f"{k}. {step.texts[lang]}" for k, step in enumerate(rec.roadmap, start=1))
    return f"Forslag til køreplan: {steps}" if lang == "da" else f"Suggested roadmap: {steps}"


def recommendation_texts(rec: Recommendation, sens: Sensitivity, labels: Labels) -> Texts:
    def render(lang: str) -> str:
        parts = [_headline(rec, labels, lang), _robustness(rec, sens, lang), _drivers(rec, labels, lang),
                 _sensitive(rec, labels, lang), _ineligible(rec, labels, lang), _uncovered(rec, labels, lang),
                 _decision(rec, labels, lang), _roadmap(rec, lang)]
        return "\n".join(p for p in parts if p)

    return _both(render)


# --- roadmap steps -------------------------------------------------------------------------------


def _month_count(months: float, lang: str) -> str:
    shown = num(months, lang, 0) if float(months).is_integer() else num(months, lang, 1)
    if lang == "da":
        return f"{shown} {'måned' if months == 1 else 'måneder'}"
    return f"{shown} {'month' if months == 1 else 'months'}"


def _months(months: float | None, lang: str) -> str:
    if months is None:
        return ""
    return f" (ca. {_month_count(months, lang)})" if lang == "da" else f" (about {_month_count(months, lang)})"


def roadmap_texts(kind: str, labels: Labels, **kw) -> Texts:
    """The text of one roadmap step; ``kind`` is interim, foundation, target, no_target or improve."""
    return _both(lambda lang: _STEPS[kind](labels, lang, **kw))


def _interim(labels: Labels, lang: str, *, option: str, target: str | None, months: float | None,
             failed: list[str]) -> str:
    name = labels.option(option)
    if lang == "da":
        text = f"Midlertidigt: brug {name} til den første rapport{_months(months, lang)}"
        text += f", mens {labels.option(target)} implementeres." if target else "."
        if failed:
            text += f" Den opfylder ikke skal-kravene {', '.join(failed)}, så brug den kun som bro."
        return text
    text = f"Interim: use {name} for the first report{_months(months, lang)}"
    text += f" while {labels.option(target)} is implemented." if target else "."
    if failed:
        text += f" It fails the must-have requirements {', '.join(failed)}, so use it only as a bridge."
    return text


def _foundation(labels: Labels, lang: str, *, gaps: list[CoverageGap], dims: list[MaturityGap]) -> str:
    n_gap = sum(1 for g in gaps if g.status == "gap")
    n_partial = len(gaps) - n_gap
    parts = []
    if lang == "da":
        if n_gap:
            parts.append(f"luk datamanglerne i {n_gap} væsentlige oplysningskrav")
        if n_partial:
            parts.append(f"gør de {n_partial} delvist dækkede færdige")
    else:
        if n_gap:
            parts.append(f"close the data gaps in {n_gap} material disclosure requirements")
        if n_partial:
            parts.append(f"complete the {n_partial} partly covered ones")
    parts = [_listing(parts, lang)] if parts else []
    if dims:
        listed = _listing([_dim(labels, d, d.target_short, lang) for d in dims], lang)
        parts.append(f"løft {listed} til det kortsigtede mål" if lang == "da"
                     else f"raise {listed} to the short-term target")
    return ("Fundament: " if lang == "da" else "Foundation: ") + "; ".join(parts) + "."


def _target(labels: Labels, lang: str, *, option: str, months: float | None) -> str:
    name = labels.option(option)
    if lang == "da":
        return f"Mål: implementér {name}" + (f"; første rapport efter ca. {_month_count(months, lang)}."
                                             if months is not None else ".")
    return f"Target: implement {name}" + (f"; first report after about {_month_count(months, lang)}."
                                          if months is not None else ".")


def _no_target(labels: Labels, lang: str) -> str:
    return ("Mål: ingen egnet løsning af en anden type end den midlertidige; definér og vurdér en målløsning."
            if lang == "da" else
            "Target: no eligible option of another archetype than the interim; define and assess a target solution.")


def _improve(labels: Labels, lang: str, *, dims: list[MaturityGap]) -> str:
    listed = _listing([_dim(labels, d, d.target_long, lang) for d in dims], lang)
    return (f"Forbedring: løft modenheden til de langsigtede mål ({listed})." if lang == "da"
            else f"Improve: raise maturity to the long-term targets ({listed}).")


_STEPS: dict[str, Callable[..., str]] = {
    "interim": _interim, "foundation": _foundation, "target": _target, "no_target": _no_target,
    "improve": _improve,
}
