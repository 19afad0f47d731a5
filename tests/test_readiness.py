"""Readiness for automation (``esg_workbench.readiness``) and its rules as data (``readiness.yaml``): the
shipped rules score every vocabulary value, a broken rules file is refused with its file and path, the
samples' figures are the ones worked out by hand below, and nothing unknown is ever counted as ready."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import settings
from esg_workbench.domain.framework import NOT_KNOWN
from esg_workbench.frameworks import FrameworkError, framework_for_assessment, load_framework
from esg_workbench.readiness import NO_SOURCE, UNKNOWN_VALUE, readiness_summary, source_readiness

SAMPLES = settings().frameworks_dir.parent / "sample_data"
FRAMEWORK = settings().frameworks_dir / "esg-architecture" / "1.0"


def _sample(name: str):
    a = load_assessment(SAMPLES / f"{name}.json")
    return a, framework_for_assessment(a)


def _source(a, source_id: str):
    return next(s for s in a.data_sources if s.id == source_id)


# --- the rules as data ----------------------------------------------------------------------------


def test_the_shipped_rules_score_every_value_of_every_factor_vocabulary() -> None:
    fw = load_framework()
    rules = fw.readiness
    assert [f.field for f in rules.factors] == ["availability", "quality", "aggregation", "collection_frequency"]
    for factor in rules.factors:
        assert set(factor.points) == set(fw.vocabulary_ids(factor.vocabulary)), factor.field
    # only "unknown" quality says nothing is known
    unknown = [(f.field, v) for f in rules.factors for v, p in f.points.items() if p is None]
    assert unknown == [("quality", "unknown")]
    assert [lv.id for lv in rules.levels] == ["ready", "partly_ready", "not_ready"]
    assert rules.level_ids[-1] == NOT_KNOWN and rules.level(None) == NOT_KNOWN
    assert (rules.level(75), rules.level(74.9), rules.level(50), rules.level(0)) == (
        "ready",
        "partly_ready",
        "partly_ready",
        "not_ready",
    )


def _broken(tmp_path: Path, change) -> FrameworkError:  # noqa: ANN001 - change edits the YAML data
    root = tmp_path / "frameworks"
    shutil.copytree(settings().frameworks_dir, root)
    path = root / "esg-architecture" / "1.0" / "readiness.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["readiness"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(FrameworkError) as raised:
        load_framework("esg-architecture", frameworks_dir=root)
    return raised.value


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda r: r["factors"][1]["points"].update(excellent=100),
            "readiness.factors[1].points.excellent",
            "unknown value 'excellent' of the vocabulary 'data_quality' (values: high, medium, low, unknown)",
        ),
        (
            lambda r: r["factors"][2]["points"].pop("extrapolation"),
            "readiness.factors[2].points",
            "no points for extrapolation; score every value",
        ),
        (
            lambda r: r["factors"][0]["caps"].update(sometimes=10),
            "readiness.factors[0].caps.sometimes",
            "unknown value 'sometimes' of the vocabulary 'availability'",
        ),
        (
            lambda r: r["factors"][3].update(vocabulary="hosting"),
            "readiness.factors[3].vocabulary",
            "the field 'collection_frequency' takes the vocabulary 'frequency', not 'hosting'",
        ),
        (
            lambda r: r["factors"][0].update(field="availabilty"),
            "readiness.factors[0].field",
            "'availabilty' is not a data source field with a vocabulary",
        ),
        (
            lambda r: r["levels"][1].update(min=80),
            "readiness.levels[1].min",
            "80 must be below the level before (75)",
        ),
        (lambda r: r["levels"][2].update(min=10), "readiness.levels[2].min", "the last level must start at 0"),
        (
            lambda r: r["factors"][1]["points"].update(high=101),
            "readiness.factors[1].points.high",
            "less than or equal to 100",
        ),
        (lambda r: r.update(combine="strongest"), "readiness.combine", "'weakest' or 'mean'"),
    ],
)
def test_a_broken_rules_file_is_refused_with_its_file_and_path(tmp_path: Path, change, path, message) -> None:  # noqa: ANN001
    error = _broken(tmp_path, change)
    named = [p for p in error.problems if p.path == path]
    assert named, str(error)
    assert named[0].file.endswith("esg-architecture/1.0/readiness.yaml"), str(error)
    assert message in named[0].message, str(error)


# --- figures on the samples, by hand --------------------------------------------------------------


def test_source_scores_on_the_municipality_sample_by_hand() -> None:
    """Weights availability 3, quality 3, aggregation 2, frequency 2 (sum 10):
    - ds-el: readily available 100, high 100, sum 90, daily 100 -> (300 + 300 + 180 + 200) / 10 = 98.
    - ds-gas-olie: on request 60, medium 60, emission factor 70, quarterly 60 -> (180+180+140+120)/10 = 62.
    - ds-natur: partial 40, low 20, manual compilation 20, annual 30 -> (120+60+40+60)/10 = 28; the low-quality
      cap of 49 does not bind.
    - ds-leverandoer-klima: not available (cap 0), low, manual compilation, ad hoc -> mean 19, capped to 0."""
    a, fw = _sample("municipality")
    rules = fw.readiness
    assert source_readiness(_source(a, "ds-el"), rules).score == pytest.approx(98)
    assert source_readiness(_source(a, "ds-gas-olie"), rules).score == pytest.approx(62)
    natur = source_readiness(_source(a, "ds-natur"), rules)
    assert (natur.score, natur.capped_by) == (pytest.approx(28), None)
    supplier = source_readiness(_source(a, "ds-leverandoer-klima"), rules)
    assert (supplier.score, supplier.capped_by) == (0, "availability")
    assert supplier.factor_points == {"availability": 0, "quality": 20, "aggregation": 20, "collection_frequency": 10}


def test_municipality_readiness_and_automation_by_hand() -> None:
    """ESRS 2023, 84 material DRs, every one of them assessed but E1-9, E4-1, E4-6 and E5-6 (left open with
    a note). E1-5's sources score ds-el 98, ds-fjernvarme (partial, medium, sum, monthly) 64, ds-gas-olie
    62, ... so its weakest source is ds-gas-olie at 62: partly ready. E1-6 has ds-leverandoer-klima (0):
    not ready; its two datapoints out of scope (E1-6_05, E1-6_20, no source) are not counted. E4-1, E4-6
    and E5-6 have no source: not known. Counted per DR from the table of scores: 38 ready, 18 partly
    ready, 25 not ready, 3 not known. Automated today: 5 of 84 = 5.95 %; target 70 % -> 70 - 500/84 =
    64.05 points short."""
    a, fw = _sample("municipality")
    r = readiness_summary(a, fw)
    by_code = {d.code: d for d in r.drs}
    e15 = by_code["E1-5"]
    assert (e15.score, e15.level, e15.weakest_source_id) == (pytest.approx(62), "partly_ready", "ds-gas-olie")
    assert (by_code["E1-6"].score, by_code["E1-6"].level) == (0, "not_ready")
    assert (by_code["S1-6"].score, by_code["S1-6"].level) == (pytest.approx(90), "ready")
    assert by_code["E4-1"].level == NOT_KNOWN and by_code["E4-1"].reason == NO_SOURCE
    assert [d.code for d in r.drs if d.level == NOT_KNOWN] == ["E4-1", "E4-6", "E5-6"]
    assert r.overall.material_drs == 84
    assert r.overall.counts == {"ready": 38, "partly_ready": 18, "not_ready": 25, "not_known": 3}
    e1 = next(c for c in r.by_standard if c.standard == "E1")
    assert (e1.material_drs, e1.counts) == (12, {"ready": 4, "partly_ready": 7, "not_ready": 1, "not_known": 0})
    # E1's scores: 86 (E1.GOV-3), 74 (E1.SBM-3), 74 (E1.IRO-1), 74 (E1-1), 86 (E1-2), 74 (E1-3), 74 (E1-4),
    # 62 (E1-5), 0 (E1-6), 90 (E1-7), 86 (E1-8), 74 (E1-9) -> 854 / 12
    assert e1.mean_score == pytest.approx(854 / 12)
    auto = r.automation
    assert (auto.material_drs, auto.automated, auto.not_assessed, auto.target_pct) == (84, 5, 4, 70.0)
    assert auto.share == pytest.approx(5 / 84) and auto.gap_points == pytest.approx(70 - 500 / 84)
    assert auto.target_met is False
    assert auto.sentence("en") == (
        "Automated today: 5 of 84 material disclosure requirements (6.0%); 64.0 percentage points short of the "
        "to-be target of 70%. 4 material disclosure requirements are not assessed, so not known to be automated."
    )
    assert r.sentence("da") == (
        "Parathed for de 84 væsentlige oplysningskrav i ESRS 2023: 38 klar, 18 delvist klar, 25 ikke klar og 3 ukendt."
    )


def test_manufacturer_readiness_in_the_2026_catalogue_by_hand() -> None:
    """ESRS 2026, 62 material DRs: 32 ready, 24 partly ready, 6 not ready (GOV-3 and S2-1 to S2-4 from the
    supplier self-assessments at 40, E1-8), none not known (E1-3 and E1-11, left open with a note, name
    the transition plan they will come from). E1-8 (GHG emissions in 2026) has ds-processing-sold (not
    available, capped to 0): not ready. Automated 7 of 62; target 80 % -> 80 - 700/62 = 68.71 points short."""
    a, fw = _sample("manufacturer")
    r = readiness_summary(a, fw)
    assert r.catalogue == "ESRS 2026"
    assert r.overall.counts == {"ready": 32, "partly_ready": 24, "not_ready": 6, "not_known": 0}
    assert [d.code for d in r.drs if d.level == "not_ready"] == ["GOV-3", "E1-8", "S2-1", "S2-2", "S2-3", "S2-4"]
    e18 = next(d for d in r.drs if d.code == "E1-8")
    assert (e18.score, e18.weakest_source_id) == (0, "ds-processing-sold")
    assert r.automation.automated == 7 and r.automation.gap_points == pytest.approx(80 - 700 / 62)


# --- unknowns are never ready ---------------------------------------------------------------------


def test_a_source_of_unknown_quality_makes_every_dr_it_feeds_not_known() -> None:
    """ds-medarbejdere (ready at 90 before) gets quality "unknown": S1-6 and S1-9, fed by it alone, are not
    known, not scored, and the count of ready DRs drops by two."""
    a, fw = _sample("municipality")
    before = readiness_summary(a, fw)
    sources = [s.model_copy(update={"quality": "unknown"}) if s.id == "ds-medarbejdere" else s for s in a.data_sources]
    after = readiness_summary(a.model_copy(update={"data_sources": sources}), fw)
    for code in ("S1-6", "S1-9"):
        dr = next(d for d in after.drs if d.code == code)
        assert (dr.score, dr.level, dr.reason, dr.unknown_source_id) == (
            None,
            NOT_KNOWN,
            UNKNOWN_VALUE,
            "ds-medarbejdere",
        )
    assert after.overall.counts["ready"] == before.overall.counts["ready"] - 2
    assert after.overall.counts[NOT_KNOWN] == before.overall.counts[NOT_KNOWN] + 2
    unknown = next(s for s in after.sources if s.source_id == "ds-medarbejdere")
    assert (unknown.score, unknown.unknown_factor) == (None, "quality")


def test_an_item_without_a_source_keeps_its_dr_not_known_however_ready_its_other_items() -> None:
    """S1-6 is covered by ds-medarbejdere (90, ready); a second item of S1-6 names no source: the DR is
    not known. A DR with only items without sources is not known too."""
    from esg_workbench.domain.assessment import Coverage

    a, fw = _sample("municipality")
    extra = [
        Coverage(id="cov-s1-6-b", disclosure_requirement="S1-6", status="manual"),
        Coverage(id="cov-e4-1-b", disclosure_requirement="E4-1", status="automated"),
    ]
    r = readiness_summary(a.model_copy(update={"coverage": [*a.coverage, *extra]}), fw)
    by_code = {d.code: d for d in r.drs}
    assert (by_code["S1-6"].level, by_code["S1-6"].reason) == (NOT_KNOWN, NO_SOURCE)
    assert (by_code["E4-1"].level, by_code["E4-1"].score) == (NOT_KNOWN, None)
    item = next(i for i in r.items if i.item_id == "cov-e4-1-b")
    assert (item.level, item.reason) == (NOT_KNOWN, NO_SOURCE)
    # The automation share counts coverage status, not readiness: E4-1 (left open) gains an automated item
    # beside its open one, which makes it partial, not automated: 5 automated still, 3 not assessed.
    assert r.automation.automated == 5 and r.automation.not_assessed == 3


def test_no_target_is_said_and_no_gap_is_made_up() -> None:
    a, fw = _sample("manufacturer")
    to_be = a.to_be.model_copy(update={"automation_target_pct": None})
    auto = readiness_summary(a.model_copy(update={"to_be": to_be}), fw).automation
    assert (auto.target_pct, auto.gap_points, auto.target_met) == (None, None, None)
    assert "no automation target set in the to-be" in auto.sentence("en")
    assert "der er ikke sat noget automatiseringsmål" in auto.sentence("da")
    met = readiness_summary(
        a.model_copy(update={"to_be": to_be.model_copy(update={"automation_target_pct": 10.0})}), fw
    )
    assert met.automation.target_met is True and "the to-be target of 10% is met" in met.automation.sentence("en")


def test_the_mean_rule_averages_the_sources() -> None:
    """With ``combine: mean`` E1-5 takes the mean of its eight sources instead of the weakest one."""
    a, fw = _sample("municipality")
    rules = fw.readiness.model_copy(update={"combine": "mean"})
    fw_mean = fw.model_copy(update={"readiness": rules})
    r = readiness_summary(a, fw_mean)
    e15 = next(d for d in r.drs if d.code == "E1-5")
    scores = [source_readiness(_source(a, s), rules).score for s in e15.source_ids]
    assert len(scores) == 8 and e15.score == pytest.approx(sum(scores) / 8)


def test_each_coverage_item_of_a_material_dr_has_its_own_readiness_and_the_reason_in_words() -> None:
    """Two datapoint items of E1-6: one fed by ds-el (98, ready), one by ds-egen-bil (readily available 300,
    medium 180, emission factor 140, monthly 160 -> 78, ready). Items outside the material standards (E3-4,
    water, not material in the sample) get no readiness: they are not counted."""
    from esg_workbench.domain.assessment import Coverage

    a, fw = _sample("municipality")
    extra = [
        Coverage(id=f"dp-{k}", disclosure_requirement="E1-6", datapoint_id=f"E1-6_0{k}", data_source_ids=[s], status=st)
        for k, s, st in ((1, "ds-el", "automated"), (2, "ds-egen-bil", "manual"))
    ]
    r = readiness_summary(a.model_copy(update={"coverage": [*a.coverage, *extra]}), fw)
    items = {i.item_id: i for i in r.items}
    assert (items["dp-1"].datapoint_id, items["dp-1"].score, items["dp-1"].level) == (
        "E1-6_01",
        pytest.approx(98),
        "ready",
    )
    assert (items["dp-2"].score, items["dp-2"].weakest_source_id) == (pytest.approx(78), "ds-egen-bil")
    assert "cov-e3-4" not in items
    # The DR still takes its weakest source over all its items: ds-leverandoer-klima at 0.
    assert next(d for d in r.drs if d.code == "E1-6").score == 0
    names = {s.id: s.name for s in a.data_sources}
    assert items["dp-2"].explained(names) == names["ds-egen-bil"]
    e41 = next(d for d in r.drs if d.code == "E4-1")
    assert (e41.explained(names, "en"), e41.explained(names, "da")) == (
        "no data source linked",
        "ingen datakilde knyttet til",
    )
