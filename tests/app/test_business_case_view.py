"""Step 4's business case view: the engine's benefit, net present value, payback and dominance shown in
the screen's language, unknowns said and shown as a dash (never 0), and the hourly rate and benefit
lines reach the store."""

from __future__ import annotations

import pandas as pd
from app_helpers import assert_clean, edit_table, field_key, run_app, stored, texts

from esg_workbench.formats import format_money
from esg_workbench.scoring import score

VIEW = "view.scenarios"


def _table(at) -> dict[str, dict]:  # noqa: ANN001
    frame = next(
        d.value for d in at.dataframe if "Payback year" in d.value.columns or "Tilbagebetalingsår" in d.value.columns
    )
    return {row.iloc[0]: row.to_dict() for _, row in frame.iterrows()}


def test_the_manufacturers_business_case_is_the_engines(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    assessment = stored(seeded.db, aid).assessment
    result = score(assessment)
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "business"})
    assert_clean(at)
    rows = _table(at)
    esg = rows["Dedicated ESG reporting platform"]
    case = result.business_case["opt-esg"]
    assert esg["Net PV (DKK)"] == format_money(case.net_npv, "en")
    assert esg["Benefit PV (DKK)"] == format_money(case.benefit_npv, "en")
    assert esg["Payback year"] == "not within the horizon"
    assert esg["Hours removed a year"] == "561"
    assert rows["SAP sustainability modules"]["Dominated by"] == "Dedicated ESG reporting platform"
    warnings = " ".join(texts(at, "warning"))
    assert "SAP sustainability modules is dominated" in warnings.replace("\\", "")
    assert at.get("plotly_chart")  # the score-against-cost chart


def test_missing_inputs_are_said_and_never_zero_in_danish(seeded) -> None:
    aid = seeded.ids["municipality"]  # no automation shares, no hourly rate
    at = run_app(assessment_id=aid, lang="da", page="scenarios", state={VIEW: "business"})
    assert_clean(at)
    warnings = " ".join(texts(at, "warning")).replace("\\", "")
    assert "Der er ikke angivet en automatiseringsandel for" in warnings
    rows = _table(at)
    # unknown: an empty cell (the table's dash), never 0
    assert all(pd.isna(row["Netto NV (DKK)"]) and pd.isna(row["Gevinst NV (DKK)"]) for row in rows.values())


def test_hourly_rate_and_benefit_line_reach_the_store(seeded) -> None:
    aid = seeded.ids["municipality"]
    option = stored(seeded.db, aid).assessment.options[0].id
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "business"})
    at.number_input(key=field_key(at, "settings.hourly_rate")).set_value(520.0).run()
    edit_table(at, f"scenarios.benefits.{option}", added=[{"label": "Audit fee", "kind": "yearly", "amount": 50000.0}])
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    assert a.settings.hourly_rate == 520.0
    assert [(b.label, b.kind, b.amount) for b in a.options[0].benefit_lines] == [("Audit fee", "yearly", 50000.0)]
