"""Table edits keep faith with the store: a save writes back only the cells the user changed (never
names re-worded into the screen language, never re-formatted numbers), every edit is compared with what
is stored rather than with the page's first render, and an edit that cannot be saved because someone
else saved first shows the conflict panel at once.

The browser side of the same stories (what the data editor really sends) is in tests/e2e/test_table_integrity.py.
"""

from __future__ import annotations

import re

from app_helpers import assert_clean, edit_table, run_app, stored

from esg_workbench.app import i18n
from esg_workbench.app.literal import shown
from esg_workbench.app.state import Conflict
from esg_workbench.domain.diff import diff_assessments
from esg_workbench.store import Store


def _last_change(seeded, aid: str) -> list[str]:
    with Store(str(seeded.db)) as store:
        history = store.history(aid)
        before = store.load(aid, revision=history[-2].number).assessment
        after = store.load(aid, revision=history[-1].number).assessment
    return [str(c) for c in diff_assessments(before, after)]


def test_one_weight_edit_on_danish_content_in_english_changes_only_that_weight(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    edit_table(at, "requirements.criteria", edited={"0": {"weight": 9.0}})
    assert_clean(at)
    assert _last_change(seeded, aid) == ["criteria[esrs_coverage].weight: 10.0 -> 9.0"]


def test_one_weight_edit_on_english_content_in_danish_changes_only_that_weight(seeded, monkeypatch) -> None:
    # AppTest reads a selectbox's labels outside the script run, where the session's language is not
    # known; the whole test speaks Danish.
    monkeypatch.setattr(i18n, "current_language", lambda: "da")
    aid = seeded.ids["manufacturer"]
    at = run_app(assessment_id=aid, lang="da", page="requirements", state={"view.requirements": "criteria"})
    edit_table(at, "requirements.criteria", edited={"1": {"weight": 9.0}})
    assert_clean(at)
    assert _last_change(seeded, aid) == ["criteria[audit_trail].weight: 10.0 -> 9.0"]


def test_criterion_and_option_names_are_shown_as_stored(seeded) -> None:
    """A Danish name stays Danish on an English screen: names are the user's data."""
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    editor = at.session_state["tbl.requirements.criteria"]
    assert editor.base["name"].iloc[0] == "ESRS-dækning"
    assert editor.base["catalogue"].iloc[0] == "ESRS coverage"  # the catalogue's label, read-only beside it


def test_maturity_back_to_the_first_rendered_value_is_saved(seeded) -> None:
    """The browser drops an edit back to the value the table was built with from its delta, so the
    third edit arrives as an empty delta; the table as shown (the base) differs from the store."""
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="to_be", state={"view.to_be": "maturity"})
    first = stored(seeded.db, aid)
    assert first.assessment.to_be.maturity[0].current == 2
    edit_table(at, "to_be.maturity", edited={"0": {"current": 3}})
    edit_table(at, "to_be.maturity", edited={"0": {"current": 4}})
    edit_table(at, "to_be.maturity", edited={})
    assert_clean(at)
    last = stored(seeded.db, aid)
    assert last.revision == first.revision + 3
    assert last.assessment.to_be.maturity[0].current == 2
    assert _last_change(seeded, aid) == ["to_be.maturity[data_foundation].current: 4 -> 2"]


def test_must_have_check_back_to_the_first_rendered_value_is_saved(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="scenarios", state={"view.scenarios": "musts"})
    editor = at.session_state["tbl.scenarios.musts"]
    column = editor.base.columns[1]
    shown = editor.base[column].iloc[0]
    other = "not_met" if shown == "met" else "met"
    first = stored(seeded.db, aid)
    edit_table(at, "scenarios.musts", edited={"0": {column: other}})
    edit_table(at, "scenarios.musts", edited={})
    assert_clean(at)
    last = stored(seeded.db, aid)
    assert last.revision == first.revision + 2
    option_id = column.removeprefix("o:")
    check = next(
        m for m in last.assessment.must_have_checks if m.option_id == option_id and m.requirement_id == "krav-01"
    )
    assert ("met" if check.met else "not_met") == shown


def test_an_unchanged_table_saves_nothing(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    first = stored(seeded.db, aid).revision
    edit_table(at, "requirements.criteria", edited={"0": {"weight": 10.0}})  # the stored weight
    edit_table(at, "requirements.criteria", edited={})
    assert_clean(at)
    assert stored(seeded.db, aid).revision == first


def test_a_conflicting_table_edit_shows_the_conflict_panel_at_once(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="to_be", state={"view.to_be": "maturity"})
    with Store(str(seeded.db)) as store:  # another session saves meanwhile
        theirs = store.load(aid)
        maturity = [
            m.model_copy(update={"current": 5}) if i == 0 else m for i, m in enumerate(theirs.assessment.to_be.maturity)
        ]
        changed = theirs.assessment.model_copy(
            update={"to_be": theirs.assessment.to_be.model_copy(update={"maturity": maturity})}
        )
        store.save(changed, base_revision=theirs.revision, author="root · session other")
    edit_table(at, "to_be.maturity", edited={"0": {"current": 3}})
    assert_clean(at)
    assert isinstance(at.session_state["a.conflict"], Conflict)
    assert [t.value for t in at.title] == ["This assessment was changed in another session"]
    mine = at.session_state["a.conflict"].mine.to_be.maturity[0].current
    assert (stored(seeded.db, aid).assessment.to_be.maturity[0].current, mine) == (5, 3)
    tag = at.session_state["ui.session_tag"]
    assert re.fullmatch(r"[0-9a-f]{6}", tag)
    assert any(
        re.fullmatch(
            rf"root · session other is another session; it saved at \d\d:\d\d UTC\. "
            rf"Your changes are saved as .+ · session {tag}\.",
            shown(c.value),  # the caption is escaped markdown
        )
        for c in at.caption
    ), [c.value for c in at.caption]


def test_the_conflict_panel_says_when_the_other_revision_was_the_same_author(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="to_be", state={"view.to_be": "maturity", "ui.author": "anna"})
    with Store(str(seeded.db)) as store:
        theirs = store.load(aid)
        store.save(
            theirs.assessment.model_copy(update={"title": "Renamed"}), base_revision=theirs.revision, author="anna"
        )
    edit_table(at, "to_be.maturity", edited={"0": {"current": 3}})
    assert any(
        re.fullmatch(r"That was you \(anna\) in another window or tab, at \d\d:\d\d UTC\.", shown(c.value))
        for c in at.caption
    ), [c.value for c in at.caption]
