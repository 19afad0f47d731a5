"""A workbook whose text spells control characters as escapes (``_x0000_``, ``_x0007_``), which a reader
decodes, is refused cell by cell with the model's words; nothing is imported."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO

import pytest
from workbook_helpers import part_of, rezip, set_inline_string

from esg_workbench.workbook import WorkbookInvalid, import_workbook

SHARED = "xl/sharedStrings.xml"


def _with_shared_string(data: bytes, old: str, new: str) -> bytes:
    xml = zipfile.ZipFile(BytesIO(data)).read(SHARED)
    needle = f">{old}<".encode()
    assert xml.count(needle) == 1, old
    return rezip(data, {SHARED: xml.replace(needle, f">{new}<".encode())})


def _problems(data: bytes) -> list[str]:
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(data)
    return [str(p) for p in caught.value.problems]


def test_escaped_nul_and_bel_in_a_shared_string_are_refused_in_their_cell(exported: Callable, sample: Callable) -> None:
    name = sample("manufacturer").organisation.name
    data = _with_shared_string(exported("manufacturer"), name, "Evil_x0000_Org_x0007_")
    problems = _problems(data)
    assert len(problems) == 1
    assert problems[0].startswith("sheet 'Organisation', cell ")
    assert problems[0].endswith("control character not allowed: U+0000")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bell_x0007_", "control character not allowed: U+0007"),
        ("esc_x001B_[0m", "control character not allowed: U+001B"),
        ("cr_x000D_alone", "line break not allowed: U+000D"),
        ("c1_x0085_", "control character not allowed: U+0085"),
        ("two_x000A_lines", "line break not allowed: U+000A"),  # a name is one line
    ],
)
def test_escaped_control_characters_in_a_name_cell_are_refused(exported: Callable, text: str, expected: str) -> None:
    data = exported("manufacturer")
    part, xml = part_of(data, "Roles")
    problems = _problems(rezip(data, {part: set_inline_string(xml, "B9", text)}))
    assert problems == [f"sheet 'Roles', cell B9 (Name): {expected}"]


def test_escaped_control_characters_in_an_id_cell_are_refused_not_stripped(exported: Callable) -> None:
    data = exported("manufacturer")
    part, xml = part_of(data, "Roles")
    problems = _problems(rezip(data, {part: set_inline_string(xml, "A9", "role_x0009_")}))
    assert problems == ["sheet 'Roles', cell A9 (ID): control character not allowed: U+0009"]


def test_free_text_keeps_tab_line_feed_and_crlf(exported: Callable) -> None:
    data = exported("manufacturer")
    part, xml = part_of(data, "Roles")
    notes = "tab_x0009_here_x000A_next line_x000D__x000A_windows line"
    imported = import_workbook(rezip(data, {part: set_inline_string(xml, "G9", notes)}))
    assert "tab\there\nnext line\r\nwindows line" in [role.notes for role in imported.roles]
