"""Decision workbook page: the download holds a real workbook of the open revision; an edited workbook's
changes are previewed and stored as a new revision; a file that is no workbook is refused with a message."""

from __future__ import annotations

import io
import zipfile

from app_helpers import assert_clean, run_app, stored, texts

from esg_workbench.workbook import export_workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_download_offers_the_workbook_of_the_open_revision(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], page="workbook")
    assert_clean(at)
    assert at.download_button(key="workbook.download")
    key, data = at.session_state["a.cache"]["workbook.en"]
    assert key[1] == stored(seeded.db, seeded.ids["municipality"]).revision
    assert zipfile.is_zipfile(io.BytesIO(data))


def test_edited_workbook_is_previewed_then_stored(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    current = stored(seeded.db, aid)
    edited = current.assessment.model_copy(update={"title": "Edited in Excel"})
    upload = export_workbook_bytes(edited, "en", samples=0)
    at = run_app(assessment_id=aid, page="workbook")
    at.file_uploader(key=f"w.{aid}.{at.session_state['a.epoch']}.workbook.upload").set_value(
        ("edited.xlsx", upload, XLSX)
    ).run()
    assert_clean(at)
    changes = next(d.value for d in at.dataframe if "Where" in d.value.columns)
    assert changes["Where"].tolist() == ["title"]
    assert stored(seeded.db, aid).revision == current.revision  # nothing stored before the user applies
    at.button(key="workbook.apply").click().run()
    assert_clean(at)
    now = stored(seeded.db, aid)
    assert (now.revision, now.assessment.title) == (current.revision + 1, "Edited in Excel")


def test_a_file_that_is_no_workbook_is_refused_with_a_message(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    at = run_app(assessment_id=aid, page="workbook")
    at.file_uploader(key=f"w.{aid}.{at.session_state['a.epoch']}.workbook.upload").set_value(
        ("notes.xlsx", b"this is not a workbook", XLSX)
    ).run()
    assert_clean(at)
    assert any("problem" in message for message in texts(at)), texts(at)


def test_a_workbook_with_macros_is_refused_saying_so_and_nothing_is_stored(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    current = stored(seeded.db, aid)
    exported = export_workbook_bytes(current.assessment, "en", samples=0)
    source, out = zipfile.ZipFile(io.BytesIO(exported)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:  # an .xlsm renamed .xlsx
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0VBA")
    at = run_app(assessment_id=aid, page="workbook")
    at.file_uploader(key=f"w.{aid}.{at.session_state['a.epoch']}.workbook.upload").set_value(
        ("budget.xlsx", out.getvalue(), XLSX)
    ).run()
    assert_clean(at)
    assert texts(at) == ["The file has 1 problem(s); nothing was imported."]
    problems = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert any("contains macros (part 'xl/vbaProject.bin')" in p for p in problems), problems
    assert not [b for b in at.button if b.key == "workbook.apply"]
    assert stored(seeded.db, aid).revision == current.revision
