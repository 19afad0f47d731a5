"""The app's side of an edit: table cells (pandas values from a data editor) turned into model values,
and pydantic errors turned into issues that name the row and field. No Streamlit here, so it is
unit-tested; ids, clearing references and merging live in the core (``ids``, ``domain.references``,
``domain.merge``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd
from pydantic import ValidationError


@dataclass(frozen=True)
class Issue:
    """Something wrong with an edit. ``row`` is the table row (0-based) or None for a single field;
    ``code`` and ``params`` let the app word it in the user's language, ``message`` is the English text."""

    field: str | None
    message: str
    code: str = "problem"
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None


def issues_from_validation_error(exc: ValidationError, row: int | None = None) -> list[Issue]:
    issues = []
    for err in exc.errors(include_url=False):
        loc = [str(part) for part in err["loc"]]
        params = dict(err.get("ctx") or {})
        if "input" in err and err["type"] not in ("missing",):
            params.setdefault("input", _short(err["input"]))
        issues.append(Issue(loc[0] if loc else None, err["msg"], f"pydantic.{err['type']}", params, row))
    return issues


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- cell values ------------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    if value is pd.NaT:
        return True
    if isinstance(value, list | tuple | dict | str | bool | int | date):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def clean_cell(value: Any, kind: str) -> Any:
    """A table cell as a model value: blanks become None, floats that are whole become ints for int
    fields, timestamps become dates, list cells become lists of strings."""
    if kind == "multiselect":
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return [str(v) for v in list(value)]
    if is_blank(value):
        return None
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "date":
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return value  # the model reports it as not a date
        if isinstance(value, datetime):
            return value.date()
        if hasattr(value, "date") and not isinstance(value, date):
            return value.date()
    if kind == "bool":
        return bool(value)
    if hasattr(value, "item") and not isinstance(value, str | list):  # numpy scalar
        return value.item()
    return value
