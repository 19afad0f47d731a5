"""The import panels: on the as-is page an EA tool's export, on the requirements page a requirement list,
each shown as a plan (counts, conflicts, every change) and stored as a new revision only when the user
applies it; a bad file is refused with its problems and nothing stored; columns that differ are mapped
on the mapping screen."""

from __future__ import annotations

from pathlib import Path

from app_helpers import assert_clean, run_app, stored, texts

from esg_workbench.app.literal import md
from esg_workbench.messages import translate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interchange"


def _key(at, name: str, aid: str) -> str:
    return f"w.{aid}.{at.session_state['a.epoch']}.{name}"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_an_archimate_export_is_previewed_then_stored_as_a_revision(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="as_is")
    at.file_uploader(key=_key(at, "landscape.upload.archimate", aid)).set_value(
        ("archisurance.xml", (FIXTURES / "archisurance.xml").read_bytes(), "text/xml")
    ).run()
    assert_clean(at)
    assert _metrics(at) == {"Added": "20", "Changed": "0", "Unchanged": "0", "Conflicts": "0"}
    changes = next(d.value for d in at.dataframe if "Where" in d.value.columns)
    assert "systems[general-crm-system]" in changes["Where"].tolist()
    assert md(translate("interchange.notice.skipped_relations", "en", count=3)) in [i.value for i in at.info]
    assert stored(seeded.db, aid).revision == before.revision  # nothing stored before apply
    at.button(key="landscape.import.apply").click().run()
    assert_clean(at)
    now = stored(seeded.db, aid)
    assert now.revision == before.revision + 1
    assert sum(1 for s in now.assessment.systems if s.external_id) == 7


def test_a_hostile_xml_upload_is_refused_and_nothing_stored(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="as_is")
    evil = b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><model>&x;</model>'
    at.file_uploader(key=_key(at, "landscape.upload.archimate", aid)).set_value(("m.xml", evil, "text/xml")).run()
    assert_clean(at)
    assert "The file has 1 problem(s); nothing was imported." in texts(at)
    problems = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert any("declares a DTD or entities" in p for p in problems), problems
    assert not [b for b in at.button if b.key == "landscape.import.apply"]
    assert stored(seeded.db, aid).revision == before.revision


def test_a_leanix_inventory_with_other_column_names_is_mapped(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    at = run_app(assessment_id=aid, page="as_is")
    at.radio(key=_key(at, "landscape.format", aid)).set_value("leanix").run()
    inventory = b"Fact Sheet;Kind;Label\na1;Application;Sustainability data hub\n"
    at.file_uploader(key=_key(at, "landscape.upload.leanix", aid)).set_value(("lx.csv", inventory, "text/csv")).run()
    assert_clean(at)
    problems = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert any("no column for id" in p for p in problems), problems
    for field_name, column in (("id", "Fact Sheet"), ("type", "Kind"), ("name", "Label")):
        at.selectbox(key=_key(at, f"landscape.map.leanix.{field_name}", aid)).set_value(column).run()
    assert_clean(at)
    assert _metrics(at)["Added"] == "1"
    at.button(key="landscape.import.apply").click().run()
    assert any(s.name == "Sustainability data hub" for s in stored(seeded.db, aid).assessment.systems)


def test_a_requirement_list_in_danish_is_previewed_and_applied(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="requirements", lang="da")
    listing = "id;text;priority\nK-1;Affaldsdata pr. anlæg;Skal\n".encode("cp1252")
    at.file_uploader(key=_key(at, "requirements.upload.list", aid)).set_value(("krav.csv", listing, "text/csv")).run()
    assert_clean(at)
    assert _metrics(at)["Tilføjet"] == "1"
    said = translate("interchange.notice.encoding", "da", file="krav.csv", encoding="Windows-1252", byte=40)
    assert md(said) in [i.value for i in at.info]  # the encoding it was read in is said
    at.button(key="requirements.import.apply").click().run()
    assert_clean(at)
    now = stored(seeded.db, aid)
    assert now.revision == before.revision + 1
    added = next(r for r in now.assessment.requirements if r.id == "K-1")
    assert (added.text, added.priority) == ("Affaldsdata pr. anlæg", "must")
    assert at.download_button(key="requirements.export.reqif")
