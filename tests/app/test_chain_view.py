"""Step 1's Chain view under AppTest: the flags' sentence, the table with the core's rows, the five
filters narrowing it, and the CSV download of the rows shown. Every sample figure is the core's
(checked by hand in tests/domain/test_chain.py)."""

from __future__ import annotations

import csv
import io

from app_helpers import Seeded, assert_clean, run_app

from esg_workbench.app import chain_view
from esg_workbench.assessment_files import load_assessment
from esg_workbench.chain import chain_of
from esg_workbench.frameworks import framework_for_assessment

VIEW = "view.as_is"


def _chain(seeded: Seeded, name: str):
    with seeded.store() as store:
        a = store.load(seeded.ids[name]).assessment
    fw = framework_for_assessment(a)
    return a, fw, chain_of(a, fw)


def test_the_view_shows_the_chain_and_its_flags(seeded: Seeded) -> None:
    a, _, chain = _chain(seeded, "municipality")
    at = run_app(assessment_id=a.id, lang="en", page="as_is", state={VIEW: "chain"})
    assert_clean(at)
    assert [w.value.replace("\\", "") for w in at.warning] == [chain.sentence("en")]  # markdown escapes
    (frame,) = [d.value for d in at.dataframe]
    assert len(frame) == len(chain.rows) == 283  # 282 rows of material DRs' items and sources, 1 of E3-4
    assert list(frame.columns)[:3] == ["Standard", "Disclosure requirement", "Title"]
    assert list(frame["Disclosure requirement"]) == [r.disclosure_requirement for r in chain.rows]
    assert any(c.value == "283 of 283 rows shown." for c in at.caption)


def test_filters_narrow_the_table(seeded: Seeded) -> None:
    """Flag "system to eliminate or migrate": 50 rows (ds-kreditor 22, ds-emissionsfaktorer 17, ds-gas-olie 8,
    ds-betaling 2, ds-vikarer 1); with system Opus too: 33 (the Excel account's emission factors drop out);
    with owner 'Dataejer for HR-data' too: S1-7's temporary staff only."""
    a, _, chain = _chain(seeded, "municipality")
    at = run_app(assessment_id=a.id, lang="da", page="as_is", state={VIEW: "chain"})
    at.multiselect(key=f"{chain_view.KEY}.flag").set_value(["retiring_system"]).run()
    assert_clean(at)
    (frame,) = [d.value for d in at.dataframe]
    assert len(frame) == 50
    assert set(frame["Markeringer"].str.contains("System udfases eller migreres")) == {True}
    at.multiselect(key=f"{chain_view.KEY}.system").set_value(["sys-opus"]).run()
    (frame,) = [d.value for d in at.dataframe]
    assert len(frame) == 33 and set(frame["System"]) == {"Økonomisystem (Opus)"}
    at.multiselect(key=f"{chain_view.KEY}.owner").set_value(["rolle-hr-data"]).run()
    (frame,) = [d.value for d in at.dataframe]
    assert list(frame["Oplysningskrav"]) == ["S1-7"]
    assert any(c.value == "1 af 283 rækker vist." for c in at.caption)
    at.multiselect(key=f"{chain_view.KEY}.status").set_value(["automated"]).run()
    assert not at.dataframe and [i.value for i in at.info] == ["Ingen række passer til filtrene."]


def test_the_standard_filter(seeded: Seeded) -> None:
    """The manufacturer (ESRS 2026) filtered to E1: the core's E1 rows, in order."""
    a, _, chain = _chain(seeded, "manufacturer")
    at = run_app(assessment_id=a.id, lang="en", page="as_is", state={VIEW: "chain"})
    at.multiselect(key=f"{chain_view.KEY}.standard").set_value(["E1"]).run()
    assert_clean(at)
    (frame,) = [d.value for d in at.dataframe]
    assert set(frame["Standard"]) == {"E1"}
    assert list(frame["Disclosure requirement"]) == [r.disclosure_requirement for r in chain.rows if r.standard == "E1"]


def test_csv_download_is_the_rows_shown() -> None:
    a = load_assessment("sample_data/municipality.json")
    fw = framework_for_assessment(a)
    rows = [r for r in chain_of(a, fw).rows if r.system_id == "sys-excel"]
    data = chain_view.chain_csv(rows, fw, "en")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    # the emission factors feed MDR-M, E1-6 and 15 of E1-6's datapoints
    assert [r["Data source id"] for r in table] == ["ds-emissionsfaktorer"] * 17
