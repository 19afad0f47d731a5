"""The Datapoints view in step 1 (AppTest): without a list it says how to get one and imports the uploaded
workbook for the assessment's catalogue version; with one, a bulk change per DR is stored as one revision;
a datapoint id typed into the coverage items that the list does not have is refused with its message."""

from __future__ import annotations

import importlib.util
import sys

from app_helpers import assert_clean, edit_table, run_app, stored

from esg_workbench.config import PROJECT_ROOT
from esg_workbench.esrs_import.workbook import import_ig3_workbook
from esg_workbench.frameworks import load_esrs_catalogue
from esg_workbench.store import Store

VIEW = {"view.as_is": "datapoints"}


def _ig3_bytes() -> bytes:
    spec = importlib.util.spec_from_file_location(
        "make_ig3", PROJECT_ROOT / "tests" / "fixtures" / "ig3" / "make_ig3.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.build_ig3_workbook()


def _key(at, name: str) -> str:  # noqa: ANN001
    return f"w.{at.session_state['a.id']}.{at.session_state.get('a.epoch', 0)}.as_is.datapoints.{name}"


def _words(at) -> str:  # noqa: ANN001
    return " ".join(e.value for kind in ("info", "caption", "success") for e in getattr(at, kind)).replace("\\", "")


def test_without_a_list_the_view_says_how_and_imports_the_upload(seeded) -> None:
    aid = seeded.ids["municipality"]  # ESRS 2023: IG 3 is its list
    at = run_app(assessment_id=aid, page="as_is", state=VIEW)
    assert_clean(at)
    assert "No datapoint list is imported for ESRS 2023" in _words(at)
    at.file_uploader(key=_key(at, "upload")).set_value(("ig3.xlsx", _ig3_bytes(), "application/octet-stream")).run()
    at.button(key=_key(at, "import")).click().run()
    assert_clean(at)
    with Store(str(seeded.db)) as store:
        assert store.datapoint_catalogue_for("esrs-set1", "2023") is not None
    assert "Datapoint list efrag-ig3" in _words(at)


def test_a_bulk_change_per_dr_is_one_revision(seeded) -> None:
    aid = seeded.ids["municipality"]
    with Store(str(seeded.db)) as store:
        catalogue = import_ig3_workbook(
            _ig3_bytes(), filename="ig3.xlsx", standard=load_esrs_catalogue("esrs-set1", "2023")
        ).catalogue
        store.save_datapoint_catalogue(catalogue)
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="as_is", state=VIEW)
    at.selectbox(key=_key(at, "dr")).set_value("E1-6").run()
    assert_clean(at)
    at.button(key=_key(at, "bulk.map")).click().run()
    assert_clean(at)
    after = stored(seeded.db, aid)
    assert after.revision == before.revision + 1
    linked = [c for c in after.assessment.coverage if c.datapoint_id in ("E1-6_01", "E1-6_02")]
    assert len(linked) == 2 and all(c.data_source_ids for c in linked)


def test_an_unknown_datapoint_typed_into_the_coverage_items_is_refused(seeded) -> None:
    aid = seeded.ids["municipality"]
    with Store(str(seeded.db)) as store:
        store.save_datapoint_catalogue(
            import_ig3_workbook(
                _ig3_bytes(), filename="ig3.xlsx", standard=load_esrs_catalogue("esrs-set1", "2023")
            ).catalogue
        )
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="as_is", state={"view.as_is": "coverage"})
    first = before.assessment.coverage[0]
    edit_table(at, "as_is.coverage", edited={0: {"datapoint_id": "E1-6_99"}})
    # the row's problem is listed in the table of rows that could not be saved
    shown = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert any("E1-6_99" in m and "is not in the datapoint list" in m for m in shown), (first.id, shown)
    assert stored(seeded.db, aid).revision == before.revision


def test_a_workbook_that_is_not_a_datapoint_list_is_refused_and_nothing_is_stored(seeded) -> None:
    """EFRAG's layout for ESRS 2023 imported for the amended ESRS (the manufacturer's catalogue): every
    row whose DR is not a 2026 DR is refused, by row, and no list is stored."""
    aid = seeded.ids["manufacturer"]
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="as_is", state=VIEW)
    assert "No datapoint list is imported for ESRS 2026" in _words(at)
    at.file_uploader(key=_key(at, "upload")).set_value(("ig3.xlsx", _ig3_bytes(), "application/octet-stream")).run()
    at.button(key=_key(at, "import")).click().run()
    assert_clean(at)
    assert any("Not a datapoint list this workbench reads" in e.value for e in at.error)
    assert any("'MDR-P' is not in esrs-amended 2026" in c.value for c in at.code)
    with Store(str(seeded.db)) as store:
        assert store.list_datapoint_catalogues() == []
    assert stored(seeded.db, aid).revision == before.revision
