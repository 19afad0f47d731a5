"""Find numbers written in the other language's format on a rendered screen (AppTest): 77.8 or 1,250,000
on a Danish screen, 77,8 or 1.250.000 or 4 % on an English one; read-only tables holding raw numbers
(Streamlit formats those by the browser's locale, not the app's language); and charts without the
language's separators or with SI-suffixed ticks ("6M", "2k").

Text the user typed is shown as typed, so a number that occurs in the assessment's own text is not the
screen's to format. What counts as the other language's format: ``number_text``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from google.protobuf.json_format import MessageToDict
from number_text import bad_spans, typed_here
from streamlit.testing.v1 import AppTest

from esg_workbench.app.literal import shown
from esg_workbench.formats import plotly_separators

# Proto fields that hold no text anyone reads (ids, the table's bytes, a chart's JSON read apart, ...).
_SKIPPED_KEYS = frozenset({"id", "key", "formId", "data", "spec", "icon", "url", "columns", "format", "pageScriptHash"})
_CHART_SKIPPED = frozenset({"separators", "family", "colorscale", "bdata", "dtype", "shape"})


def user_strings(value: Any) -> list[str]:
    """Every piece of text in an assessment (its JSON): names, notes, descriptions..."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in user_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in user_strings(v)]
    return [value] if isinstance(value, str) else []


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _nodes(child)


def _strings(value: Any, key: str = "", skipped: frozenset[str] = _SKIPPED_KEYS) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in skipped:
                yield from _strings(v, k, skipped)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key, skipped)
    elif isinstance(value, str):
        yield key, value


def _axes(layout: dict) -> Iterator[tuple[str, dict]]:
    for name, axis in layout.items():
        if re.match(r"^[xy]axis\d*$", name):
            yield name, axis
        elif re.match(r"^polar\d*$", name) and isinstance(axis, dict):
            yield f"{name}.radialaxis", axis.get("radialaxis", {})


def chart_strings(figure: dict) -> Iterator[tuple[str, str]]:
    """The text of a chart's JSON a reader sees (its names, labels, texts and templates), with its key."""
    return ((k, text) for k, text in _strings(figure, skipped=_CHART_SKIPPED) if not k.endswith("color"))


def chart_problems(figure: dict, lang: str) -> list[str]:
    """Separators not the language's, or an axis whose ticks plotly would write with SI suffixes."""
    layout = figure.get("layout", {})
    problems = []
    if layout.get("separators") != plotly_separators(lang):
        problems.append(f"separators {layout.get('separators')!r}, not {plotly_separators(lang)!r}")
    for name, axis in _axes(layout):
        tickformat = axis.get("tickformat", "")
        if axis.get("type") == "date" or (tickformat and "s" not in tickformat):
            continue
        if axis.get("exponentformat") != "none":
            problems.append(f"{name}: ticks may read 6M or 2k (exponentformat {axis.get('exponentformat')!r})")
    return problems


def table_problems(frame: Any) -> list[str]:
    """Raw numbers in a read-only table: Streamlit writes 77.8 whatever the language, and thousands
    without a separator."""
    problems = []
    for column in frame.columns:
        values = frame[column]
        if values.dtype.kind not in "iuf":
            continue
        for value in values.dropna():
            if float(value) != int(value) or abs(value) >= 1000:
                problems.append(f"column {column!r} holds the raw number {value!r}")
                break
    return problems


def screen_problems(at: AppTest, lang: str, typed: Iterable[str]) -> list[str]:
    """Every number on the screen of ``at`` not in the format of ``lang``; numbers inside ``typed`` (the
    user's own text) excepted."""
    typed_text = "\n".join(typed)
    problems: list[str] = []

    def check(where: str, text: str) -> None:
        text = shown(text)
        for start, end in bad_spans(text, lang):
            if not typed_here(text, start, end, typed_text):
                problems.append(f"{where}: {text[start:end]!r} in {text[max(0, start - 60) : end + 60]!r}")

    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = getattr(node, "type", "")
        fields = MessageToDict(proto)
        if kind == "html":  # the page's own CSS (st.html), not text anyone reads
            continue
        if kind == "plotly_chart":
            figure = json.loads(fields.get("spec", "{}"))
            problems += [f"chart {fields.get('id', '')[-40:]}: {p}" for p in chart_problems(figure, lang)]
            for key, text in chart_strings(figure):
                check(f"chart.{key}", text)
            continue
        if kind == "dataframe":
            frame = node.value
            for column in frame.columns:
                check("table header", str(column))
                if frame[column].dtype.kind == "O":
                    for cell in frame[column].dropna():
                        check(f"table cell in {column!r}", str(cell))
            if node.editing_mode == "read_only":
                problems += [f"table: {p}" for p in table_problems(frame)]
            continue
        for key, text in _strings(fields):
            check(f"{kind}.{key}", text)
    return problems
