"""Named cell styles of the decision workbook, built once per workbook from one palette.

Input cells are white and unlocked-looking; computed cells are grey and italic so a reader sees at a
glance what to edit and what follows from it.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from .texts import say

FONT = "Calibri"
NAVY = "#1F4E79"
BLUE = "#DDEBF7"
GREY = "#F2F2F2"
GREY_TEXT = "#595959"
LINE = "#BFBFBF"
GREEN = "#C6EFCE"
GREEN_TEXT = "#006100"
AMBER = "#FFEB9C"
AMBER_TEXT = "#9C5700"
RED = "#FFC7CE"
RED_TEXT = "#9C0006"

_BASE: dict[str, Any] = {"font_name": FONT, "font_size": 10, "valign": "top"}

STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 16, "font_color": NAVY, "valign": "vcenter"},
    "subtitle": {"bold": True, "font_size": 12, "font_color": NAVY},
    "hint": {"italic": True, "font_color": GREY_TEXT},
    "field_id": {"font_color": "#A6A6A6", "font_size": 8},
    "header": {
        "bold": True,
        "font_color": "#FFFFFF",
        "bg_color": NAVY,
        "text_wrap": True,
        "border": 1,
        "border_color": LINE,
    },
    "label": {"bold": True, "bg_color": BLUE, "border": 1, "border_color": LINE, "text_wrap": True},
    "text": {"text_wrap": True},
    "id": {},
    "number": {"num_format": "General"},
    "int": {"num_format": "0"},
    "bool": {"align": "center"},
    "date": {"num_format": "yyyy-mm-dd", "align": "left"},
    "percent": {"num_format": "0.0#%"},
    "money": {"num_format": "#,##0"},
    "calc": {"italic": True, "font_color": GREY_TEXT, "bg_color": GREY},
    "calc_number": {"italic": True, "font_color": GREY_TEXT, "bg_color": GREY, "num_format": "General"},
    "calc_money": {"italic": True, "font_color": GREY_TEXT, "bg_color": GREY, "num_format": "#,##0"},
    "calc_percent": {"italic": True, "font_color": GREY_TEXT, "bg_color": GREY, "num_format": "0.0%"},
    "calc_utility": {"num_format": "0.00", "align": "center", "border": 1, "border_color": LINE},
    "calc_total": {"bold": True, "num_format": "0.0", "align": "center", "border": 1, "border_color": LINE},
    "calc_rank": {"bold": True, "num_format": "0", "align": "center", "border": 1, "border_color": LINE},
    "calc_center": {"align": "center", "border": 1, "border_color": LINE},
    "calc_text": {"border": 1, "border_color": LINE, "text_wrap": True},
    "calc_value": {"num_format": "General", "align": "center", "border": 1, "border_color": LINE},
    "calc_value_money": {"num_format": "#,##0", "align": "center", "border": 1, "border_color": LINE},
    "calc_money_total": {"bold": True, "num_format": "#,##0", "align": "center", "border": 1, "border_color": LINE},
    "form_value": {"text_wrap": True, "align": "left"},
    "form_number": {"align": "left", "num_format": "General"},
    "matrix_head": {
        "bold": True,
        "bg_color": BLUE,
        "border": 1,
        "border_color": LINE,
        "text_wrap": True,
        "align": "center",
    },
    "matrix_weight": {"bg_color": BLUE, "border": 1, "border_color": LINE, "num_format": "General", "align": "center"},
    "matrix_share": {"bg_color": BLUE, "border": 1, "border_color": LINE, "num_format": "0.0%", "align": "center"},
    # A formula that returns TRUE/FALSE: its number format names the two in the workbook's language (built
    # in Styles), since viewers that show the stored value without recalculating would otherwise show 1/0.
    "calc_bool": {"align": "center", "border": 1, "border_color": LINE},
    "calc_adjusted": {"num_format": "0.00", "align": "center", "border": 1, "border_color": LINE},
    "cell_ok": {"bg_color": GREEN, "font_color": GREEN_TEXT, "border": 1, "border_color": LINE},
    "cell_warn": {"bg_color": AMBER, "font_color": AMBER_TEXT, "border": 1, "border_color": LINE},
    "cell_bad": {"bg_color": RED, "font_color": RED_TEXT, "border": 1, "border_color": LINE},
    "cover_key": {"bold": True, "font_color": NAVY, "text_wrap": True},
    "cover_value": {"text_wrap": True},
    "cover_big": {"bold": True, "font_size": 14, "font_color": GREEN_TEXT, "text_wrap": True},
    "link": {"font_color": "#0563C1", "underline": 1},
    "ok": {"bg_color": GREEN, "font_color": GREEN_TEXT},
    "warn": {"bg_color": AMBER, "font_color": AMBER_TEXT},
    "bad": {"bg_color": RED, "font_color": RED_TEXT},
    "muted": {"font_color": "#A6A6A6", "italic": True},
}

# Conditional formats take a format without font or alignment base properties.
CONDITIONAL = ("ok", "warn", "bad", "muted")


class Styles:
    """The workbook's formats by name; a format is created once and shared."""

    def __init__(self, workbook: Workbook, lang: str) -> None:
        self._workbook = workbook
        self._formats: dict[str, Format] = {}
        true, false = say("bool.true", lang), say("bool.false", lang)
        for name, props in STYLES.items():
            base = {} if name in CONDITIONAL else _BASE
            if name == "calc_bool":
                props = {**props, "num_format": f'"{true}";"{true}";"{false}"'}
            self._formats[name] = workbook.add_format({**base, **props})

    def __getitem__(self, name: str) -> Format:
        return self._formats[name]

    def with_format(self, name: str, num_format: str) -> Format:
        """A named style with another number format (e.g. a column's own)."""
        key = f"{name}|{num_format}"
        if key not in self._formats:
            self._formats[key] = self._workbook.add_format({**_BASE, **STYLES[name], "num_format": num_format})
        return self._formats[key]
