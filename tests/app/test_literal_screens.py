"""Every page and sub-view of the app (and the conflict panel and the history under More) with an
assessment whose names, title, organisation and author are hostile strings: every markdown-rendered
text (bodies, headings, captions, alerts, labels, help, radio and button options, progress text) shows
them escaped, with no autolink or shortcode left, and every chart's JSON holds them HTML-escaped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_helpers import MAIN, PAGES, assert_clean, field_key
from google.protobuf.json_format import MessageToDict
from hostile_text import HOSTILE, hostile_names, markdown_problems
from streamlit.testing.v1 import AppTest
from test_literal import plotly_problems

from esg_workbench.app import state
from esg_workbench.app.literal import md
from esg_workbench.assessment_files import load_assessment
from esg_workbench.store import Store

AID = "hostile"
AUTHOR = "Mal ![p](http://attacker.invalid/author.png) :material/home: www.example.com"
VIEWS = {
    "organisation": [None],
    "as_is": ["data_sources", "systems", "data_flows", "roles", "processes", "coverage", "chain", "landscape"],
    "to_be": ["vision", "maturity", "survey"],
    "requirements": ["catalogue", "criteria"],
    "scenarios": ["options", "scores", "musts", "costs", "business", "ranking", "variants", "decision"],
    "workbook": [None],
    "assessments": [None],
}
MARKDOWN_KEYS = {"body", "label", "help", "text", "content"}  # how proto fields holding markdown are named
LITERAL_BODIES = {"code", "text"}  # st.code / st.text show their body as typed


@pytest.fixture
def hostile(seeded: Any) -> Path:
    base = load_assessment(Path(__file__).resolve().parents[2] / "sample_data" / "manufacturer.json")
    with Store(str(seeded.db)) as store:
        store.create(hostile_names(base, assessment_id=AID), author=AUTHOR, message="created")
    return seeded.db


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _nodes(child)


def _strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


def screen_problems(at: AppTest) -> list[str]:
    """Markdown-rendered text that would not show user text literally, and charts whose text plotly would
    render as HTML."""
    problems: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = getattr(node, "type", "")
        fields = MessageToDict(proto)
        if kind == "plotly_chart":
            problems += [f"chart: {p}" for p in plotly_problems(json.loads(fields.get("spec", "{}")))]
            continue
        for key, text in _strings(fields):
            markdown = key in MARKDOWN_KEYS and not (kind in LITERAL_BODIES and key == "body")
            markdown |= key == "options" and kind in ("radio", "button_group")  # options rendered as markdown
            if markdown:
                problems += [f"{kind}.{key}: {p} in {text[:80]!r}" for p in markdown_problems(text)]
    return problems


def _shown_somewhere(at: AppTest, text: str) -> bool:
    escaped = md(text)
    return any(escaped in value for node in _nodes(at._tree) for _, value in _strings(_fields(node)))


def _fields(node: Any) -> dict:
    proto = getattr(node, "proto", None)
    return MessageToDict(proto) if proto is not None and hasattr(proto, "DESCRIPTOR") else {}


def _run(page: str, view: str | None) -> AppTest:
    at = AppTest.from_file(str(MAIN), default_timeout=90)
    at.query_params["a"] = AID
    at.session_state[state.AUTHOR] = AUTHOR
    at.run()
    if page != "assessments":
        at.switch_page(PAGES[page])
        at.run()
    if view is not None:
        at.button_group(key=f"view.{page}.w").set_value(view).run()
    assert_clean(at)
    return at


@pytest.mark.parametrize(("page", "view"), [(p, v) for p, views in VIEWS.items() for v in views])
def test_every_screen_shows_hostile_text_literally(hostile: Path, page: str, view: str | None) -> None:
    at = _run(page, view)
    assert screen_problems(at) == []
    assert _shown_somewhere(at, HOSTILE[0])  # the title, in the sidebar: shown, as typed


def test_the_saved_by_author_is_literal(hostile: Path) -> None:
    at = _run("organisation", None)
    at.text_input(key=field_key(at, "organisation.name")).input("Renamed by a hostile author").run()
    assert_clean(at)
    assert screen_problems(at) == []
    assert any(md(AUTHOR) in caption.value for caption in at.sidebar.caption), [c.value for c in at.sidebar.caption]


def test_the_conflict_panel_shows_the_other_authors_name_literally(hostile: Path) -> None:
    at = _run("organisation", None)
    with Store(str(hostile)) as store:
        stored = store.load(AID)
        store.save(
            stored.assessment.model_copy(update={"title": "Theirs"}), base_revision=stored.revision, author=AUTHOR
        )
    at.text_input(key=field_key(at, "organisation.name")).input("Mine").run()
    at.button(key="conflict.diff").click().run()
    assert_clean(at)
    assert [s for s in at.subheader if md(AUTHOR) in s.value], [s.value for s in at.subheader]
    assert screen_problems(at) == []


def test_the_history_shows_hostile_text_literally(hostile: Path) -> None:
    at = _run("assessments", None)
    at.button(key=f"assess.history.{AID}").click().run()
    assert_clean(at)
    assert at.dataframe, "the audit trail table should show"
    assert screen_problems(at) == []
