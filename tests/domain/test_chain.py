"""The chain (``esg_workbench.chain``): its rows and flags on the samples, the manual-source rule, the
filters and the CSV. The sample figures were counted by hand from the sample files, as each docstring says."""

from __future__ import annotations

import csv
import io

import pytest

import esg_workbench as ew
from esg_workbench.chain import (
    CSV_COLUMNS,
    FLAGS,
    chain_csv,
    chain_of,
    headers,
    is_manual,
    manual_sources,
    select,
)
from esg_workbench.coverage import coverage_summary
from esg_workbench.domain.assessment import Coverage, DataFlow
from esg_workbench.frameworks import framework_for_assessment


def _load(path: str):
    assessment = ew.load_assessment(path)
    return assessment, framework_for_assessment(assessment)


@pytest.fixture(scope="module")
def municipality():
    return _load("sample_data/municipality.json")


@pytest.fixture(scope="module")
def manufacturer():
    return _load("sample_data/manufacturer.json")


def test_municipality_flags_counted_by_hand(municipality) -> None:
    """Fjordby (ESRS 2023). Systems to migrate or eliminate: Opus (migrate) and the Excel climate account
    (eliminate). Sources in them that coverage items link: ds-gas-olie, ds-kreditor, ds-vikarer and
    ds-betaling (Opus) and ds-emissionsfaktorer (Excel): 5. Material DRs whose sources are all manual: all
    84 but the 24 that have a source with an automated flow or a system extract (SBM-1, E1-7, S2.SBM-3: the
    ledger ds-kreditor; E1-5, E1-6: the meters; E5.IRO-1, E5-4: e-commerce; E5-5: IT assets; S1.SBM-3,
    S1-14: accidents; S1-5, S1-15: absence; S1-6, S1-9: the HR data; S1-8, S1-10, S1-11: bargaining
    coverage; S1-12: flex jobs; S1-16: pay statistics; G1-2, G1-6: payment times) or no source at all (E4-1,
    E4-6, E5-6, left open with a note): 60. Every source has an owner; nothing is under review."""
    assessment, framework = municipality
    chain = chain_of(assessment, framework)
    assert chain.flag_counts == {"retiring_system": 5, "manual_only": 60, "no_owner": 0, "under_review": 0}
    retiring = {r.data_source_id for r in chain.rows if "retiring_system" in r.flags}
    assert retiring == {"ds-gas-olie", "ds-kreditor", "ds-vikarer", "ds-betaling", "ds-emissionsfaktorer"}
    manual_only = {r.disclosure_requirement for r in chain.rows if "manual_only" in r.flags}
    not_manual_only = {
        *("SBM-1", "E1-5", "E1-6", "E1-7", "E4-1", "E4-6", "E5.IRO-1", "E5-4", "E5-5", "E5-6", "S1.SBM-3"),
        *("S1-5", "S1-6", "S1-8", "S1-9", "S1-10", "S1-11", "S1-12", "S1-14", "S1-15", "S1-16", "S2.SBM-3"),
        *("G1-2", "G1-6"),
    }
    material = {d.code for d in coverage_summary(assessment, framework).drs}
    assert len(material) == 84 and manual_only == material - not_manual_only
    assert chain.catalogue == "ESRS 2023"
    assert chain.sentence("en") == (
        "Chain: 5 data sources live in systems to eliminate or migrate; "
        "60 material disclosure requirements are covered only by manual sources."
    )


def test_municipality_rows_follow_coverage(municipality) -> None:
    """One row per (item, source), one per material DR without items: E1-6's one item links 14 sources
    (14 rows, in the item's order), three of them in retiring systems (ds-kreditor and ds-gas-olie in
    Opus, ds-emissionsfaktorer in the Excel account); every material DR appears."""
    assessment, framework = municipality
    chain = chain_of(assessment, framework)
    summary = coverage_summary(assessment, framework)
    assert [r.disclosure_requirement for r in chain.rows if r.material] == [
        code for d in summary.drs for code in [d.code] * max(1, _row_count(assessment, d.code))
    ]
    e16 = [r for r in chain.rows if r.disclosure_requirement == "E1-6"]
    item = next(c for c in assessment.coverage if c.id == "cov-e1-6")  # the DR-level item
    whole = [r for r in e16 if r.item_id == item.id]
    assert [r.data_source_id for r in whole] == item.data_source_ids and len(whole) == 14
    assert all(r.status == "partial" and r.integration_needed == "etl_pipeline" for r in whole)
    # and one row per (datapoint item, source): 35 datapoint items, the two out of scope without a source
    points = [c for c in assessment.coverage if c.disclosure_requirement == "E1-6" and c.datapoint_id]
    assert {c.datapoint_id for c in points if not c.data_source_ids} == {"E1-6_05", "E1-6_20"}
    assert len(points) == 35 and len(e16) == 14 + sum(max(1, len(c.data_source_ids)) for c in points)
    retiring = [r.data_source_id for r in whole if "retiring_system" in r.flags]
    assert retiring == ["ds-kreditor", "ds-emissionsfaktorer", "ds-gas-olie"]
    kreditor = next(r for r in e16 if r.data_source_id == "ds-kreditor")
    assert (kreditor.system_id, kreditor.disposition, kreditor.owner_role_id) == (
        "sys-opus",
        "migrate",
        "rolle-systemejer-oekonomi",
    )
    assert kreditor.system == "Økonomisystem (Opus)" and kreditor.manual is False
    assert kreditor.label("en") == "E1-6 · " + framework.esrs.dr_title("E1-6", "en")
    assert kreditor.label("da") == "E1-6 · " + framework.esrs.dr_title("E1-6", "da")
    empty = [r for r in chain.rows if r.item_id is None]
    assert len(empty) == summary.counts["not_assessed"] - sum(
        1 for d in summary.drs if d.item_ids and d.status == "not_assessed"
    )
    assert all(r.status == "not_assessed" and r.data_source_id is None for r in empty)


def _row_count(assessment, code: str) -> int:
    return sum(max(1, len(c.data_source_ids)) for c in assessment.coverage if c.disclosure_requirement == code)


def test_manufacturer_in_its_2026_terms_with_an_item_under_review(manufacturer) -> None:
    """The manufacturer (ESRS 2026). Retiring: ds-emission-factors (the Excel workbook, eliminate) and
    ds-pay-pl (Polish payroll, migrate): 2. Under review: cov-g1-2 (1 item, two sources, both rows flagged).
    Its E1-8 row carries the 2026 title."""
    assessment, framework = manufacturer
    chain = chain_of(assessment, framework)
    assert chain.flag_counts["retiring_system"] == 2
    assert chain.flag_counts["under_review"] == 1
    assert chain.flag_counts["no_owner"] == 0
    review = [r for r in chain.rows if "under_review" in r.flags]
    assert {r.item_id for r in review} == {"cov-g1-2"}
    assert [r.data_source_id for r in review] == ["ds-supplier-assessments", "ds-ecovadis"]
    assert chain.rows[-len(review) :] == review  # review rows come last
    e18 = next(r for r in chain.rows if r.disclosure_requirement == "E1-8")
    assert e18.title("en") == framework.esrs.dr_title("E1-8", "en") != ""
    assert chain.catalogue == "ESRS 2026"


def test_no_owner_no_source_and_a_deleted_source(municipality) -> None:
    """A source without owner is flagged (and counted once however many rows), an item without sources is
    one row saying so, and an item pointing at a source that no longer exists still shows its id."""
    assessment, framework = municipality
    sources = [
        s.model_copy(update={"owner_role_id": None}) if s.id == "ds-kreditor" else s for s in assessment.data_sources
    ]
    coverage = [
        *assessment.coverage,
        Coverage(id="cov-x", disclosure_requirement="E1-7", status="gap", integration_needed="api"),
        Coverage(id="cov-y", disclosure_requirement="E1-9", data_source_ids=["ds-gone"], status="partial"),
    ]
    changed = assessment.model_copy(update={"data_sources": sources, "coverage": coverage})
    chain = chain_of(changed, framework)
    assert chain.flag_counts["no_owner"] == 1
    no_owner = [r for r in chain.rows if "no_owner" in r.flags]
    # ds-kreditor feeds these five
    assert {r.disclosure_requirement for r in no_owner} == {"SBM-1", "E1-6", "E1-7", "S2.SBM-3", "G1-6"}
    (x,) = [r for r in chain.rows if r.item_id == "cov-x"]
    assert (x.data_source_id, x.status, x.integration_needed, x.flags) == (None, "gap", "api", ())
    (y,) = [r for r in chain.rows if r.item_id == "cov-y"]
    assert (y.data_source_id, y.data_source, y.manual) == ("ds-gone", "", None)


def test_manual_rule() -> None:
    """Manual: compiled by hand; or flows of its own, none automated; or no flow and a hand-made type or no
    system. A system extract in a system with no flow of its own is not manual."""
    assessment, _ = _load("sample_data/municipality.json")
    by_id = {s.id: s for s in assessment.data_sources}
    auto = DataFlow(id="f1", from_id="x", to_id="report", method="api", automated=True)
    by_hand = DataFlow(id="f2", from_id="x", to_id="report", method="manual_entry")
    extract = by_id["ds-bygninger"]  # system extract in Dalux, no flow of its own, aggregation none
    assert is_manual(extract, []) is False
    assert is_manual(extract, [by_hand]) is True
    assert is_manual(extract, [by_hand, auto]) is False
    assert is_manual(extract.model_copy(update={"system_id": None}), []) is True
    assert is_manual(extract.model_copy(update={"source_type": "survey"}), []) is True
    assert is_manual(extract.model_copy(update={"aggregation": "manual_compilation"}), [auto]) is True
    manual = manual_sources(assessment)
    assert manual["ds-el"] is False  # its own flow is an automated API
    assert manual["ds-gas-olie"] is True  # typed in by hand into the Excel account


def test_filters(municipality) -> None:
    assessment, framework = municipality
    rows = chain_of(assessment, framework).rows
    assert select(rows) == rows
    opus = select(rows, systems=["sys-opus"])
    assert opus and all(r.system_id == "sys-opus" for r in opus)
    both = select(rows, systems=["sys-opus"], flags=["manual_only"])
    assert [(r.disclosure_requirement, r.data_source_id) for r in both] == [("S1-7", "ds-vikarer")]
    e1 = select(rows, standards=["E1"], statuses=["partial", "gap"])
    assert e1 and all(r.standard == "E1" and r.status in {"partial", "gap"} for r in e1)
    no_system = select(rows, systems=[""])
    assert {r.data_source_id for r in no_system} == {
        *("ds-natur", "ds-kompetence", "ds-leverandoer-klima", "ds-foedevarer", "ds-affald"),
        "ds-fjernvarme-deklaration",
    }
    owners = select(rows, owners=["rolle-hr-data"])
    assert owners and all(r.owner_role_id == "rolle-hr-data" for r in owners)
    assert set(FLAGS) == {"retiring_system", "manual_only", "no_owner", "under_review"}


def test_csv_content_bom_and_neutralised_formulas(municipality) -> None:
    """UTF-8 with a byte order mark, every field quoted, headers in the language, vocabulary labels, and
    user text that looks like a formula written with a leading quote."""
    assessment, framework = municipality
    sources = [
        s.model_copy(update={"name": '=HYPERLINK("http://x")'}) if s.id == "ds-kreditor" else s
        for s in assessment.data_sources
    ]
    changed = assessment.model_copy(update={"data_sources": sources})
    rows = select(chain_of(changed, framework).rows, flags=["retiring_system"], standards=["G1"])
    data = chain_csv(rows, framework, "da")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(f'"{h}"' for h in headers("da"))
    table = list(csv.DictReader(io.StringIO(text)))
    # G1-2: ds-betaling; G1-6: ds-betaling, ds-kreditor.
    assert len(table) == len(rows) == 3
    by_source = [r[headers("da")[CSV_COLUMNS.index("data_source_id")]] for r in table]
    assert by_source == [r.data_source_id for r in rows]
    kreditor = next(r for r in table if r["Datakilde-id"] == "ds-kreditor")
    assert kreditor["Datakilde"] == '\'=HYPERLINK("http://x")'
    assert kreditor["Disposition (TIME)"] == "Migrer"
    assert kreditor["Markeringer"] == "System udfases eller migreres"
    assert kreditor["Status"] in {"Automatiseret", "Manuel", "Delvis", "Mangel", "Ikke vurderet"}


def test_the_recommendation_states_the_flag_counts(manufacturer) -> None:
    """The recommendation carries the chain's counts and says them in one sentence; the item under review
    is said once, in the coverage line, not again in the chain's sentence. Manual only: the 62 material
    DRs but 24 (GOV-2, SBM-1, E1-7, E1-8, E2-5, E5-2 to E5-5, S1-3 to S1-5, S1-7 to S1-15, G1-2, G1-3 and
    G1-6 have a source from SAP, Workday, MES, PLM, the EHS system or the sub-meters): 38."""
    assessment, framework = manufacturer
    rec = ew.score(assessment, framework=framework, samples=0).recommendation
    assert rec.chain_flags == chain_of(assessment, framework).flag_counts
    text = rec.text("en")
    assert (
        "• Chain: 2 data sources live in systems to eliminate or migrate; 38 material disclosure requirements "
        "are covered only by manual sources.\n"
    ) in text
    assert text.count("needs review") == 1


def test_no_sentence_without_flags(municipality) -> None:
    assessment, framework = municipality
    clean = assessment.model_copy(update={"coverage": []})
    chain = chain_of(clean, framework)
    assert not chain.flagged and chain.sentence("en").startswith("Chain: nothing flagged")
    assert "Chain:" not in ew.score(clean, framework=framework, samples=0).recommendation.text("en")


def test_counts_without_rows_are_the_counts_of_the_rows(municipality, manufacturer) -> None:
    """The recommendation's fast path (``with_rows=False``) counts what the table's rows show."""
    for assessment, framework in (municipality, manufacturer):
        full = chain_of(assessment, framework)
        fast = chain_of(assessment, framework, with_rows=False)
        assert fast.rows == [] and fast.flag_counts == full.flag_counts
        assert full.flag_counts["retiring_system"] == len(
            {r.data_source_id for r in full.rows if "retiring_system" in r.flags}
        )
        assert full.flag_counts["manual_only"] == len(
            {r.disclosure_requirement for r in full.rows if "manual_only" in r.flags}
        )


def test_an_item_at_datapoint_level_shows_its_datapoint(manufacturer) -> None:
    """Two items of E1-6 at datapoint level: each its own rows, with its datapoint id, in the CSV too."""
    assessment, framework = manufacturer
    items = [
        Coverage(
            id="dp-1",
            disclosure_requirement="E1-6",
            datapoint_id="E1-6_01",
            data_source_ids=["ds-gas"],
            status="manual",
        ),
        Coverage(id="dp-2", disclosure_requirement="E1-6", datapoint_id="E1-6_02", status="gap"),
    ]
    changed = assessment.model_copy(update={"coverage": [*assessment.coverage, *items]})
    rows = [r for r in chain_of(changed, framework).rows if r.item_id in ("dp-1", "dp-2")]
    assert [(r.datapoint_id, r.data_source_id, r.status) for r in rows] == [
        ("E1-6_01", "ds-gas", "manual"),
        ("E1-6_02", None, "gap"),
    ]
    table = list(csv.DictReader(io.StringIO(chain_csv(rows, framework, "en").decode("utf-8-sig"))))
    assert [(r["Datapoint"], r["Data source"]) for r in table] == [
        ("E1-6_01", "Natural gas for melting and heat treatment"),
        ("E1-6_02", "(no data source)"),
    ]
