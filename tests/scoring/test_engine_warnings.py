"""The engine's warnings as coded messages: every warning the weighting aids and the scoring run produce,
and every reason a weighting aid gives for refusing, is worded in English and Danish from the catalogue's
``engine_warning`` section, with criteria and groups by their names as typed, numbers in the language's
format and no English word left in the Danish text; ``score --json`` carries code, params and the
English message, and ``score --lang da`` says the warnings in Danish."""

from __future__ import annotations

import json
import re
import string
from typing import get_args

import pytest
from click.testing import CliRunner
from scoring_builders import build, option, quantitative, scale

from esg_workbench.cli import cli
from esg_workbench.domain.assessment import (
    Criterion,
    CriterionGroup,
    GroupJudgement,
    PairwiseJudgement,
    Requirement,
    Stakeholder,
    StakeholderWeight,
    Weighting,
)
from esg_workbench.domain.engine_warnings import EngineWarning, Reason, WarningCode, WeightsNotDerived
from esg_workbench.domain.results import ScoreResult
from esg_workbench.messages import LANGUAGES, strings
from esg_workbench.scoring import score
from esg_workbench.scoring.weights import ahp_weights, derive_weights

SECTION = "engine_warning"
# Criterion and group names without an English word in them, so that the Danish text can be checked
NAMES = {"kv": "Datakvalitet", "pris": "Pris", "bind": "Leverandørbinding", "ejer": "Ejerskab"}


def _criteria(*ids: str, **kw) -> list[Criterion]:  # noqa: ANN003
    return [scale(cid, kw.get("weights", {}).get(cid, 1), name=NAMES[cid]) for cid in ids]


def _judged(*judgements: tuple[str, str, float]) -> list[PairwiseJudgement]:
    return [PairwiseJudgement(a=a, b=b, ratio=r) for a, b, r in judgements]


def _scored(criteria, weighting: Weighting, **kw) -> ScoreResult:  # noqa: ANN001, ANN003
    options = [option("A"), option("B")]
    values = {"A": [3] * len(criteria), "B": [2] * len(criteria)}
    return score(build(criteria, options, values, weighting=weighting, **kw), samples=0)


def _one(warnings: list[EngineWarning], code: WarningCode) -> EngineWarning:
    [found] = [w for w in warnings if w.code == code]
    return found


CYCLE = _judged(("kv", "pris", 5), ("pris", "bind", 5), ("bind", "kv", 5))


def _cases() -> dict[str, EngineWarning]:
    """Each warning code (and both plural forms, and both levels of a hierarchy) as the engine makes it."""
    cases = {}
    points = _scored(_criteria("kv", "pris", weights={"kv": 30.5, "pris": 30}), Weighting(method="points"))
    cases["points_total"] = _one(points.warnings, WarningCode.POINTS_TOTAL)
    linked = [Requirement(id="R1", text="t", priority="must", criterion_ids=["kv"])]
    moscow = Weighting(method="moscow_rank")
    many = _scored(_criteria("kv", "pris", "bind"), moscow, requirements=linked)
    cases["unlinked_last.other"] = _one(many.warnings, WarningCode.UNLINKED_LAST)
    single = _scored(_criteria("kv", "pris"), moscow, requirements=linked)
    cases["unlinked_last.one"] = _one(single.warnings, WarningCode.UNLINKED_LAST)
    four = _criteria("kv", "pris", "bind", "ejer")
    gaps = _judged(("kv", "pris", 2), ("kv", "bind", 4), ("kv", "ejer", 4), ("pris", "bind", 2))
    cases["ahp_missing.other"] = _one(ahp_weights([c.id for c in four], gaps).warnings, WarningCode.AHP_MISSING)
    one_gap = [*gaps, *_judged(("pris", "ejer", 2))]
    cases["ahp_missing.one"] = _one(ahp_weights([c.id for c in four], one_gap).warnings, WarningCode.AHP_MISSING)
    cycle = _scored(_criteria("kv", "pris", "bind"), Weighting(method="ahp", pairwise=CYCLE))
    cases["ahp_inconsistent"] = _one(cycle.warnings, WarningCode.AHP_INCONSISTENT)
    unranked = [scale("kv", 1, name=NAMES["kv"], rank=1), scale("pris", 1, name=NAMES["pris"])]
    cases["not_derived"] = _one(_scored(unranked, Weighting(method="rank")).warnings, WarningCode.NOT_DERIVED)
    three_to_one = Weighting(method="ahp", pairwise=_judged(("kv", "pris", 3)))
    cases["weights_differ"] = _one(_scored(_criteria("kv", "pris"), three_to_one).warnings, WarningCode.WEIGHTS_DIFFER)
    cases["weights_differ_group"] = _one(_group_scored().warnings, WarningCode.WEIGHTS_DIFFER_GROUP)
    tco = [*_criteria("kv"), quantitative("pris", 1, best=0, worst=1_000_000, source="tco", name=NAMES["pris"])]
    ignored = _scored(tco, Weighting())
    cases["scores_ignored"] = _one(ignored.warnings, WarningCode.SCORES_IGNORED)
    hierarchy = derive_weights(_grouped_cycles()).warnings
    cases["between_groups"] = next(w for w in hierarchy if w.params.get("between_groups"))
    cases["in_group"] = next(w for w in hierarchy if w.params.get("in_group"))
    return cases


def _group_scored() -> ScoreResult:
    """Two stakeholders' direct weights are scored (use_group) while AHP proposes 3 : 1."""
    criteria = _criteria("kv", "pris")
    weighting = Weighting(method="ahp", pairwise=_judged(("kv", "pris", 3)), use_group=True)
    stakeholders = [Stakeholder(id="s1", name="Anna"), Stakeholder(id="s2", name="Bo")]
    weights = [
        StakeholderWeight(stakeholder_id=s, criterion_id=c, value=v)
        for s, c, v in (("s1", "kv", 1), ("s1", "pris", 1), ("s2", "kv", 1), ("s2", "pris", 2))
    ]
    return _scored(criteria, weighting, stakeholders=stakeholders, stakeholder_weights=weights)


def _grouped_cycles():  # noqa: ANN202 - an Assessment
    """Three groups judged in a cycle, and three criteria of one group judged in a cycle."""
    groups = [CriterionGroup(id=g, name=n, weight=1) for g, n in (("f", "Funktion"), ("r", "Risiko"), ("o", "Øvrigt"))]
    criteria = [
        *(c.model_copy(update={"group_id": "f"}) for c in _criteria("kv", "pris", "bind")),
        scale("ejer", 1, name=NAMES["ejer"], group_id="r"),
        scale("x", 1, name="Ekstra", group_id="o"),
    ]
    between = [GroupJudgement(a="f", b="r", ratio=5), GroupJudgement(a="r", b="o", ratio=5)]
    between.append(GroupJudgement(a="o", b="f", ratio=5))
    weighting = Weighting(method="ahp", pairwise=CYCLE, group_pairwise=between)
    return build(criteria, [option("A")], {"A": [1] * 5}, criterion_groups=groups, weighting=weighting)


@pytest.fixture(scope="module")
def cases() -> dict[str, EngineWarning]:
    return _cases()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _section(lang: str) -> dict[str, str]:
    return {k.removeprefix(f"{SECTION}."): v for k, v in strings(lang).items() if k.startswith(f"{SECTION}.")}


def _english_words() -> set[str]:
    """The words of the section's English texts that no Danish text of the section uses (AHP, Saaty and
    Harker are the same in both)."""
    words = lambda texts: {w.lower() for t in texts for w in re.findall(r"[^\W\d_]{3,}", re.sub(r"\{\w+\}", "", t))}  # noqa: E731
    return words(_section("en").values()) - words(_section("da").values())


def _english_in(text: str) -> list[str]:
    """The English words in ``text``, field paths (weighting.pairwise[0]: where, not words) left out."""
    found = {w.lower() for w in re.findall(r"[^\W\d_]+", re.sub(r"[\w.]+\[\d+\]", "", text))}
    return sorted(found & _english_words())


def test_every_code_and_reason_is_worded_in_both_languages_and_no_key_is_unused() -> None:
    from esg_workbench.domain.assessment import Criterion as C

    methods = get_args(Weighting.model_fields["method"].annotation)
    sources = [s for s in get_args(C.model_fields["value_source"].annotation) if s != "score"]
    expected = {str(c) for c in WarningCode} | {f"reason.{r}" for r in Reason} | {"in_group", "between_groups"}
    expected |= {f"method.{m}" for m in methods} | {f"source.{s}" for s in sources}
    for lang in LANGUAGES:
        assert {k.removesuffix(".one").removesuffix(".other") for k in _section(lang)} == expected, lang
    en, da = _section("en"), _section("da")
    assert set(en) == set(da)
    for key in en:
        assert _placeholders(en[key]) == _placeholders(da[key]), key
    assert {"not", "weights", "criteria", "the", "are"} <= _english_words(), "the English words were found"


def test_each_warning_in_both_languages(cases: dict[str, EngineWarning]) -> None:
    assert {str(w.code) for w in cases.values()} == {str(c) for c in WarningCode}
    for case, warning in cases.items():
        en, da = warning.text("en"), warning.text("da")
        assert en == warning.message == str(warning), case
        assert da != en and "{" not in da and "{" not in en, case
        assert _english_in(da) == [], (case, da)


def test_names_are_said_as_typed_and_numbers_in_the_languages_format(cases: dict[str, EngineWarning]) -> None:
    assert cases["points_total"].text("en") == (
        "The points add up to 60.5, not 100; the weights use the points as given."
    )
    assert (
        cases["points_total"].text("da")
        == "Pointene summer til 60,5, ikke 100; vægtene bruger pointene, som de er givet."
    )
    assert cases["unlinked_last.other"].text("da") == (
        "“Pris” og “Leverandørbinding” er ikke knyttet til et skal-, bør- eller kan-krav og placeres sidst."
    )
    assert cases["unlinked_last.one"].text("en").startswith("“Pris” is linked to no must")
    assert cases["unlinked_last.other"].params["criterion_ids"] == ["pris", "bind"]  # ids kept for scripts
    assert cases["ahp_missing.other"].text("da").startswith("2 af 6 sammenligninger mangler")
    assert cases["ahp_missing.one"].text("en").startswith("1 of 6 comparisons is missing")
    cr = cases["ahp_inconsistent"].params["ratio"]
    assert cases["ahp_inconsistent"].text("da") == (
        f"AHP-konsistensforholdet {f'{cr:.3f}'.replace('.', ',')} er over 0,10: gennemgå de parvise vurderinger."
    )
    assert cases["not_derived"].text("en") == (
        "The rank weights could not be derived: the rank weighting needs a rank for every criterion; "
        "missing for “Pris”."
    )
    assert cases["not_derived"].text("da") == (
        "Vægtene efter rangorden kunne ikke beregnes: vægtning efter rangorden kræver en rang for hvert "
        "kriterium; den mangler for “Pris”."
    )
    assert cases["weights_differ"].text("da") == (
        "Kriteriernes vægte afviger fra vægtene efter AHP (mest for “Datakvalitet”: 50,0 % indtastet, "
        "75,0 % beregnet); de indtastede vægte bruges."
    )
    assert (
        cases["weights_differ"]
        .text("en")
        .startswith(
            "The criteria's weights differ from the AHP weights (most for “Datakvalitet”: 50.0% entered, 75.0% derived)"
        )
    )
    assert cases["weights_differ_group"].text("da").endswith("interessenternes fælles vægte bruges.")
    assert cases["scores_ignored"].text("da") == (
        "Scorerne for kriteriet “Pris” bruges ikke: dets værdi er løsningens samlede ejeromkostninger (TCO)."
    )
    assert cases["in_group"].text("da").startswith("Gruppen “Funktion”: AHP-konsistensforholdet")
    assert cases["between_groups"].text("en").startswith("Comparisons between the groups: The AHP consistency ratio")


REASONS = {
    Reason.WEIGHTS_NOT_NUMBERS: {"criteria": ["Pris"]},
    Reason.WEIGHTS_SUM_ZERO: {},
    Reason.NO_CRITERIA: {},
    Reason.RANK_MISSING: {"criteria": ["Pris", "Ejerskab"]},
    Reason.PAIRWISE_UNKNOWN: {"path": "weighting.pairwise[0]", "criterion": "z"},
    Reason.PAIRWISE_SCALE: {"path": "weighting.pairwise[0]", "value": 12.5},
    Reason.PAIRWISE_SELF: {"path": "weighting.pairwise[0]"},
    Reason.PAIRWISE_TWICE: {"path": "weighting.pairwise[1]", "a": "Pris", "b": "Ejerskab"},
    Reason.NOT_CONNECTED: {"criteria": ["Ejerskab"]},
    Reason.ACROSS_GROUPS: {"path": "weighting.pairwise[0]", "a": "Pris", "b": "Ejerskab"},
    Reason.GROUP_NO_CRITERIA: {"group": "Risiko"},
    Reason.UNGROUPED: {"criteria": ["Pris"]},
    Reason.GROUP_PAIRWISE_UNKNOWN: {"path": "weighting.group_pairwise[0]", "group": "z"},
    Reason.GROUP_PAIRWISE_SELF: {"path": "weighting.group_pairwise[0]"},
    Reason.GROUPS_NOT_CONNECTED: {"groups": ["Risiko"]},
}


@pytest.mark.parametrize("reason", list(Reason))
def test_each_reason_for_not_deriving_weights_in_both_languages(reason: Reason) -> None:
    refusal = WeightsNotDerived(reason, **REASONS[reason])
    en, da = refusal.text("en"), refusal.text("da")
    assert str(refusal) == en != da
    assert _english_in(da) == [], da
    for name in ("Pris", "Ejerskab", "Risiko", "“z”", "[0]", "[1]"):
        assert (name in en) == (name in da), name
    warning = refusal.warning("ahp")
    assert warning.text("da").startswith("Vægtene efter AHP kunne ikke beregnes: ")
    assert _english_in(warning.text("da")) == []


def test_the_refusals_the_engine_makes_name_criteria_and_groups_and_say_where() -> None:
    a = build(_criteria("kv", "pris", "bind"), [option("A")], {"A": [1, 2, 3]})
    unconnected = a.model_copy(update={"weighting": Weighting(method="ahp", pairwise=_judged(("kv", "pris", 2)))})
    with pytest.raises(WeightsNotDerived) as refused:
        derive_weights(unconnected)
    assert refused.value.text("da") == (
        "de parvise sammenligninger forbinder ikke alle kriterier; sammenlign “Leverandørbinding” med de øvrige"
    )
    assert refused.value.params["criterion_ids"] == ["bind"]
    grouped = _grouped_cycles()
    twice = [GroupJudgement(a="f", b="r", ratio=2), GroupJudgement(a="r", b="f", ratio=2)]
    bad = grouped.model_copy(update={"weighting": grouped.weighting.model_copy(update={"group_pairwise": twice})})
    with pytest.raises(WeightsNotDerived) as refused:
        derive_weights(bad)
    assert refused.value.text("da") == (
        "weighting.group_pairwise[1]: “Risiko” og “Funktion” er sammenlignet mere end én gang"
    )


def test_a_result_with_warnings_round_trips_through_json(cases: dict[str, EngineWarning]) -> None:
    result = _group_scored()
    data = json.loads(json.dumps(result.to_dict()))
    assert ScoreResult.model_validate(data) == result
    [warning] = data["warnings"]
    assert set(warning) == {"code", "params", "message"}


@pytest.fixture
def inconsistent_file(tmp_path):  # noqa: ANN001, ANN201
    a = build(
        _criteria("kv", "pris", "bind"),
        [option("A"), option("B")],
        {"A": [3, 2, 1], "B": [1, 2, 3]},
        weighting=Weighting(method="ahp", pairwise=_judged(("kv", "pris", 9), ("pris", "bind", 5), ("bind", "kv", 3))),
    )
    path = tmp_path / "cycle.json"
    path.write_text(a.model_dump_json(), encoding="utf-8")
    return path


def test_score_json_carries_code_params_and_the_english_message(inconsistent_file) -> None:  # noqa: ANN001
    run = CliRunner().invoke(cli, ["score", str(inconsistent_file), "--json", "--samples", "0"])
    assert run.exit_code == 0, run.output
    warnings = {w["code"]: w for w in json.loads(run.output)["warnings"]}
    inconsistent = warnings["ahp_inconsistent"]
    assert inconsistent["params"]["limit"] == 0.1 and inconsistent["params"]["ratio"] > 0.1
    assert inconsistent["message"].startswith("The AHP consistency ratio ")
    assert warnings["weights_differ"]["params"]["criterion_id"] in {"kv", "pris", "bind"}


def test_score_in_danish_says_the_warnings_in_danish(inconsistent_file) -> None:  # noqa: ANN001
    danish = CliRunner().invoke(cli, ["score", str(inconsistent_file), "--lang", "da", "--samples", "0"])
    assert danish.exit_code == 0, danish.output
    block = danish.output.split("Advarsler:")[1].split("\n\n")[0]
    assert "AHP-konsistensforholdet" in block and "er over 0,10: gennemgå de parvise vurderinger." in block
    assert "Kriteriernes vægte afviger fra vægtene efter AHP (mest for “" in block
    assert _english_in(block) == [], block
    english = CliRunner().invoke(cli, ["score", str(inconsistent_file), "--samples", "0"])
    assert "is above 0.10: review the pairwise judgements." in english.output


def test_a_long_or_odd_name_is_said_whole_and_as_typed() -> None:
    odd = "Data {count} *kvalitet* [link](http://a.invalid) " + "x" * 150
    criteria = [scale("kv", 1, name=odd), scale("pris", 1, name="Pris")]
    result = _scored(criteria, Weighting(method="ahp", pairwise=_judged(("kv", "pris", 3))))
    warning = _one(result.warnings, WarningCode.WEIGHTS_DIFFER)
    for lang in LANGUAGES:
        assert f"“{odd}”" in warning.text(lang)
    assert warning.params["criterion"] == odd and warning.params["criterion_id"] == "kv"


def test_a_refusal_within_a_group_points_at_the_judgements_place_among_all() -> None:
    """The second group's judgements come after the first's: a judgement given twice there is said at its
    own index in ``weighting.pairwise``, not at its index within the group."""
    grouped = _grouped_cycles()
    extra = [scale("y", 1, name="Yderligere", group_id="r")]
    twice = _judged(("ejer", "y", 2), ("y", "ejer", 2))
    weighting = grouped.weighting.model_copy(update={"pairwise": [*CYCLE, *twice]})
    bad = grouped.model_copy(update={"criteria": [*grouped.criteria, *extra], "weighting": weighting})
    with pytest.raises(WeightsNotDerived) as refused:
        derive_weights(bad)
    assert refused.value.text("en") == "weighting.pairwise[4]: “Yderligere” and “Ejerskab” are compared more than once"
