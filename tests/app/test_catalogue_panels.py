"""The organisation page's scope check and catalogue panel (AppTest): what the scope check says of the
samples in both languages, and moving the municipality from ESRS 2023 to 2026 as a new revision or a copy."""

from __future__ import annotations

from app_helpers import assert_clean, run_app, stored

from esg_workbench.store import Store


def _all_text(at) -> str:  # noqa: ANN001
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for kind in ("info", "success", "warning") for e in getattr(at, kind)]
    return "\n".join(parts).replace("\\", "")  # md() escapes markdown characters; read the text


def _key(at, name: str) -> str:  # noqa: ANN001
    return f"w.{at.session_state['a.id']}.{at.session_state.get('a.epoch', 0)}.{name}"


def test_the_municipality_is_told_it_is_outside_scope_and_which_catalogue_it_uses(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], page="organisation")
    assert_clean(at)
    text = _all_text(at)
    assert "Not in CSRD scope; voluntary reporting (VSME, or the ESRS used voluntarily)." in text
    assert "not undertakings under the Accounting Directive" in text
    assert "Rules as of 2026-03-18" in text
    assert "This assessment works against ESRS 2023" in text
    da = _all_text(run_app(assessment_id=seeded.ids["municipality"], page="organisation", lang="da"))
    assert "Ikke omfattet af CSRD; frivillig rapportering" in da and "arbejder efter ESRS 2023" in da


def test_moving_as_a_new_revision_keeps_every_coverage_item(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="organisation")
    at.toggle(key=_key(at, "catalogue.move.open")).set_value(True).run()
    assert_clean(at)
    assert [m.value for m in at.metric][-4:][1] != ""  # the dry run's counts are shown
    assert stored(seeded.db, aid).revision == before.revision  # a dry run stores nothing
    at.button(key=_key(at, "catalogue.move.apply")).click().run()
    assert_clean(at)
    after = stored(seeded.db, aid)
    assert after.revision == before.revision + 1
    assert (after.assessment.catalogue.id, after.assessment.catalogue.version) == ("esrs-amended", "2026")
    assert [c.id for c in after.assessment.coverage] == [c.id for c in before.assessment.coverage]
    assert "This assessment works against ESRS 2026" in _all_text(at)


def test_moving_as_a_copy_leaves_the_assessment_as_it_was(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid)
    at = run_app(assessment_id=aid, page="organisation")
    at.toggle(key=_key(at, "catalogue.move.open")).set_value(True).run()
    at.radio(key=_key(at, "catalogue.move.how")).set_value("copy").run()
    at.button(key=_key(at, "catalogue.move.apply")).click().run()
    assert_clean(at)
    assert stored(seeded.db, aid).revision == before.revision
    with Store(str(seeded.db)) as store:
        copies = [s for s in store.list_assessments() if s.title.endswith("(ESRS 2026)")]
        assert len(copies) == 1
        assert store.load(copies[0].id).assessment.catalogue.id == "esrs-amended"
