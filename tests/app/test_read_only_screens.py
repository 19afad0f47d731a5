"""A viewer's screens are read-only (team mode): on every page and every sub-view, every control that
could change the open assessment is disabled or absent, while navigation, view switches, language,
downloads and what-if choices stay usable; the same screens are editable for an editor; and the
viewer's clicking around never adds a revision.

The screen is walked generically (every widget and every table editor AppTest sees), so a control added
later without going through the read-only helpers in ``widgets``/``tables`` makes this fail."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from app_helpers import PAGES, assert_clean
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe, UnknownElement, Widget
from team_helpers import EDITOR, VIEWER, Team

# Sub-views of each page, as its view switch offers them (checked against the switch itself).
VIEWS = {
    "as_is": [
        "data_sources",
        "systems",
        "data_flows",
        "roles",
        "processes",
        "coverage",
        "datapoints",
        "chain",
        "landscape",
    ],
    "to_be": ["vision", "maturity", "survey"],
    "requirements": ["catalogue", "criteria", "workshop"],
    "scenarios": ["options", "scores", "musts", "costs", "business", "ranking", "variants", "decision"],
}

# Controls that only read: a viewer may use them, so they stay enabled. Keyed by widget key (a regex).
READ_ONLY_CONTROLS = {
    r"view\.[a-z_]+\.w": "a page's sub-view switch",
    r"ui\.lang\.w": "the interface language",
    r"auth\.sign_out": "signing out",
    r"gap\.[a-z_]+\.[a-z_]+": "a link to what is still missing (goes to the page that has it)",
    r"workbook\.go\.[a-z_]+": "a link from the workbook's progress to a step",
    r"workbook\.lang": "the language of the workbook to download",
    r"workbook\.download": "downloading the decision workbook",
    r"report\.download\.(lang|pdf|html)": "downloading the decision report, and its language",
    r"scenarios\.method": "the ranking method: a what-if kept in the session, never saved",
    r"scenarios\.option\.[a-z_]+\.w": "which option's scores, risks or costs to look at",
    r"scenarios\.to_requirements": "a link to the requirements page",
    r"as_is\.coverage\.standard": "the heat map's standard filter",
    r"as_is\.landscape\.(filter|categories)": "which systems the landscape draws",
    r"as_is\.landscape\.size": "how large the landscape is drawn",
    r"as_is\.chain\.(standard|status|flag|system|owner)": "the chain's filters",
    r"as_is\.chain\.download": "downloading the chain as CSV",
    r"as_is\.datapoints\.(standard|dr|type|search|voluntary|conditional|phase_in)": "the datapoint list's filters",
    # The assessment list: none of these change the open assessment (new and import create another
    # one, duplicate copies it; the store checks each by role).
    r"assess\.search": "searching the list",
    r"assess\.btn\.(new|import)": "creating another assessment",
    r"assess\.(open|duplicate|history|sharing)\.[a-z0-9-]+": "opening, copying, or looking at history or access",
}
# Screens that only show (nothing on them edits, for anyone); every other screen must offer an editor
# something to edit, or it would prove nothing about the viewer's.
SHOW_ONLY = {"as_is/landscape", "as_is/chain", "scenarios/ranking"}
_ALLOWED = re.compile("|".join(f"(?:{pattern})" for pattern in READ_ONLY_CONTROLS))


def _is_control(node: object) -> bool:
    if isinstance(node, Widget):
        return True
    if isinstance(node, Dataframe):  # st.dataframe is read-only; st.data_editor is not
        return node.editing_mode != "read_only"
    return isinstance(node, UnknownElement) and "disabled" in node.proto.DESCRIPTOR.fields_by_name


def _controls(at: AppTest) -> Iterator[Widget | Dataframe | UnknownElement]:
    """Every control on the screen a user could act on: widgets, table editors, and any element whose
    kind AppTest does not know yet but which can be disabled (so a new kind of widget is not missed)."""
    for root in (at.sidebar, at.main):
        yield from (node for node in root if _is_control(node))


def _name(control: Widget | Dataframe | UnknownElement) -> str:
    return f"{control.type}:{control.key or getattr(control.proto, 'label', '?')}"


def _editing(at: AppTest) -> list:
    return [c for c in _controls(at) if not (c.key and _ALLOWED.fullmatch(c.key))]


def _reading(at: AppTest) -> list:
    return [c for c in _controls(at) if c.key and _ALLOWED.fullmatch(c.key)]


def _screens(at: AppTest, page: str) -> Iterator[str]:
    """Show each sub-view of ``page`` in turn with the page's own switch, as a user clicks it."""
    if page not in VIEWS:
        yield page
        return
    switch = at.button_group(key=f"view.{page}.w")
    assert len(switch.options) == len(VIEWS[page]), f"{page} has sub-views this test does not walk"
    for view in VIEWS[page]:
        at.button_group(key=f"view.{page}.w").set_value(view).run()
        assert_clean(at)
        yield f"{page}/{view}"


def _click_around(at: AppTest) -> None:
    """Use the reading controls that change what this screen shows (which option, the ranking method,
    the heat map's filter), as a viewer would; the screen must still work and save nothing."""
    for control in _reading(at):
        key = control.key or ""
        if (key.startswith("scenarios.option.") or key == "as_is.coverage.standard") and len(control.options) > 1:
            control.select_index(len(control.options) - 1).run()
        elif key == "scenarios.method":
            control.set_value("topsis").run()
        assert_clean(at)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_control_that_changes_the_assessment_is_locked_for_a_viewer(team_db: Team, run_as, page: str) -> None:
    viewer = run_as(VIEWER, page=page, assessment_id=team_db.sample)
    editor = run_as(EDITOR, page=page, assessment_id=team_db.sample)
    before = team_db.stored(team_db.sample).revision
    for screen, _ in zip(_screens(viewer, page), _screens(editor, page), strict=True):
        enabled = [_name(c) for c in _editing(editor) if not c.disabled]
        assert bool(enabled) != (screen in SHOW_ONLY), f"{screen}: an editor can use {enabled}"
        unlocked = [_name(c) for c in _editing(viewer) if not c.disabled]
        assert unlocked == [], f"{screen}: a viewer can still use {unlocked}"
        blocked = [_name(c) for c in _reading(viewer) if c.disabled]
        assert blocked == [], f"{screen}: a viewer cannot use {blocked}, which only read"
        _click_around(viewer)
    assert team_db.stored(team_db.sample).revision == before
