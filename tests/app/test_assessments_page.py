"""The first screen: list, new from the framework, import from JSON (valid and invalid), rename,
duplicate, delete with confirmation, and revision history with restore."""

from __future__ import annotations

import json

from app_helpers import SAMPLES, assert_clean, run_app, stored, texts

from esg_workbench.store import Store


def _ids(db) -> list[str]:
    with Store(str(db)) as store:
        return sorted(s.id for s in store.list_assessments())


def test_list_shows_every_stored_assessment(seeded) -> None:
    at = run_app()
    assert_clean(at)
    for aid in seeded.ids.values():
        assert at.button(key=f"assess.open.{aid}")


def test_empty_store_offers_the_samples(app_db) -> None:
    at = run_app()
    at.button(key="assess.samples").click().run()
    assert_clean(at)
    assert len(_ids(app_db)) == len(list(SAMPLES.glob("*.json")))


def test_new_assessment_from_the_framework_opens_it(seeded) -> None:
    at = run_app()
    at.button(key="assess.btn.new").click().run()
    at.text_input(key="assess.new.name").input("Acme A/S")
    at.button(key="assess.new.submit").click().run()
    assert_clean(at)
    new = [i for i in _ids(seeded.db) if i.startswith("acme")]
    assert len(new) == 1
    assessment = stored(seeded.db, new[0]).assessment
    assert assessment.organisation.name == "Acme A/S" and assessment.criteria and assessment.options
    assert (assessment.catalogue.id, assessment.catalogue.version) == ("esrs-amended", "2026")  # the default
    assert at.session_state["a.id"] == new[0]


def test_a_new_assessment_may_work_against_vsme(seeded) -> None:
    at = run_app()
    at.button(key="assess.btn.new").click().run()
    at.text_input(key="assess.new.name").input("Lille ApS")
    at.selectbox(key="assess.new.catalogue").set_value(("vsme", "2025"))
    at.button(key="assess.new.submit").click().run()
    assert_clean(at)
    (new,) = [i for i in _ids(seeded.db) if i.startswith("lille")]
    assert stored(seeded.db, new).assessment.catalogue.id == "vsme"


def test_new_assessment_needs_a_name(seeded) -> None:
    at = run_app()
    at.button(key="assess.btn.new").click().run()
    at.button(key="assess.new.submit").click().run()
    assert "Enter the organisation's name." in texts(at)
    assert len(_ids(seeded.db)) == 3


def test_import_json_creates_a_copy_when_the_id_is_taken(seeded) -> None:
    at = run_app()
    at.button(key="assess.btn.import").click().run()
    data = (SAMPLES / "municipality.json").read_bytes()
    at.file_uploader(key="assess.import.json").set_value(("municipality.json", data, "application/json")).run()
    at.button(key="assess.import.create.json").click().run()
    assert_clean(at)
    assert len(_ids(seeded.db)) == 4


def test_import_of_an_invalid_file_lists_its_problems(seeded) -> None:
    broken = json.loads((SAMPLES / "municipality.json").read_text(encoding="utf-8"))
    broken["data_sources"][0]["system_id"] = "sys-nowhere"
    at = run_app()
    at.button(key="assess.btn.import").click().run()
    at.file_uploader(key="assess.import.json").set_value(
        ("broken.json", json.dumps(broken).encode(), "application/json")
    ).run()
    assert_clean(at)
    assert any("1 problem" in message for message in texts(at))
    problems = at.dataframe[0].value
    assert problems.iloc[0].tolist() == ["data_sources[0].system_id", "unknown system 'sys-nowhere'"]
    assert len(_ids(seeded.db)) == 3


def test_rename_duplicate_and_delete(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    at = run_app()
    at.button(key=f"assess.rename.{aid}").click().run()
    at.text_input(key="assess.rename.value").input("Renamed")
    at.button(key="assess.rename.save").click().run()
    assert stored(seeded.db, aid).assessment.title == "Renamed"

    at.button(key=f"assess.duplicate.{aid}").click().run()
    at.button(key="assess.duplicate.save").click().run()
    assert len(_ids(seeded.db)) == 4

    at.button(key=f"assess.delete.{aid}").click().run()
    assert any("Delete 'Renamed'" in w for w in texts(at, "warning"))
    at.button(key="assess.delete.cancel").click().run()
    assert aid in _ids(seeded.db)
    at.button(key=f"assess.delete.{aid}").click().run()
    at.button(key="assess.delete.yes").click().run()
    assert_clean(at)
    assert aid not in _ids(seeded.db)


def test_history_restores_an_earlier_revision(seeded) -> None:
    aid = seeded.ids["empty"]
    with Store(str(seeded.db)) as store:
        first = store.load(aid)
        store.save(first.assessment.model_copy(update={"title": "Second title"}), base_revision=1, author="t")
    at = run_app(assessment_id=aid)
    at.button(key=f"assess.history.{aid}").click().run()
    assert at.dataframe[0].value.shape[0] == 2
    at.button(key="assess.history.restore").click().run()
    assert_clean(at)
    now = stored(seeded.db, aid)
    assert (now.revision, now.assessment.title) == (3, "Empty new assessment")
    assert at.session_state["a.assessment"].title == "Empty new assessment"  # the open screen follows
