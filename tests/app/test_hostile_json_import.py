"""Importing a JSON file in the app: a key given twice is listed with its path; with it given once, a
control character, a blank title and an infinite weight are listed each with its path; the new
messages have Danish words; nothing is stored."""

from __future__ import annotations

import json

import pytest
from app_helpers import SAMPLES, assert_clean, run_app

from esg_workbench.domain import Problem
from esg_workbench.domain.problem_codes import Code
from esg_workbench.store import Store


def _count(db) -> int:
    with Store(str(db)) as store:
        return len(store.list_assessments())


def _upload(text: str):
    at = run_app()
    at.button(key="assess.btn.import").click().run()
    at.file_uploader(key="assess.import.json").set_value(("hostile.json", text.encode(), "application/json")).run()
    assert_clean(at)
    return at.dataframe[0].value.values.tolist()


def test_a_hostile_json_file_is_listed_problem_by_problem(seeded) -> None:
    data = json.loads((SAMPLES / "municipality.json").read_text(encoding="utf-8"))
    data["organisation"]["name"] = "Evil\x00Org"
    data["title"] = "   "
    text = json.dumps(data).replace('"weight": ', '"weight": Infinity, "weight": ', 1)
    assert _upload(text) == [["criteria[0].weight", "key given twice"]]
    assert _upload(text.replace('"weight": Infinity, "weight": ', '"weight": Infinity, "_": ', 1)) == [
        ["criteria[0]._", "unknown field"],
        ["criteria[0].weight", "Input should be a finite number (got inf)"],
        ["organisation.name", "control character not allowed: U+0000 (got 'Evil\\x00Org')"],
        ["title", "must not be only spaces (got '   ')"],
    ]
    assert _count(seeded.db) == 3


@pytest.mark.parametrize(
    ("problem", "message", "danish"),
    [
        (Problem.of("", Code.DUPLICATE_KEY), "key given twice", "denne nøgle står to gange i filen; angiv den én gang"),
        (
            Problem.of("", Code.CONTROL_CHARACTER, character="U+0000", got="'a'"),
            "control character not allowed: U+0000 (got 'a')",
            "styretegnet U+0000 er ikke tilladt her (fik 'a')",
        ),
        (
            Problem.of("", Code.LINE_BREAK, character="U+000A"),
            "line break not allowed: U+000A",
            "et linjeskift (U+000A) er ikke tilladt her; skriv det på én linje",
        ),
        (
            Problem.of("", Code.NONCHARACTER, character="U+FFFE"),
            "character not allowed: U+FFFE",
            "tegnet U+FFFE er ikke tilladt",
        ),
        (
            Problem.of("", Code.BLANK, got="'  '"),
            "must not be only spaces (got '  ')",
            "skal indeholde mere end mellemrum (fik '  ')",
        ),
        (
            Problem.of("", Code.FINITE, got="inf"),
            "Input should be a finite number (got inf)",
            "angiv et endeligt tal (fik inf)",
        ),
        (Problem.of("", Code.LONG_NUMBER), "a number has more than 4,300 digits", "et tal har mere end 4.300 cifre"),
        (
            Problem.of("", Code.NOT_JSON, reason="Expecting value", line=1, column=1),
            "not valid JSON: Expecting value at line 1, column 1",
            "ikke gyldig JSON: Expecting value i linje 1, kolonne 1",
        ),
    ],
)
def test_the_new_messages_are_worded_in_danish(problem: Problem, message: str, danish: str) -> None:
    assert problem.message == message
    assert problem.text("da") == danish
    assert problem.text("en") == message
