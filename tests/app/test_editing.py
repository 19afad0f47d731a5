"""The app's side of an edit: table cells (pandas values from a data editor) to model values."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from esg_workbench.app.editing import clean_cell


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "text", None),
        (float("nan"), "float", None),
        ("  ", "text", None),
        (3.0, "int", 3),
        (3.5, "int", 3.5),  # left to the model, which reports it
        ("2026-05-01", "date", date(2026, 5, 1)),
        (pd.Timestamp("2026-05-01 12:00"), "date", date(2026, 5, 1)),
        (datetime(2026, 5, 1, 8), "date", date(2026, 5, 1)),
        (["E1", "E2"], "multiselect", ["E1", "E2"]),
        ("E1, E2", "multiselect", ["E1", "E2"]),
        (None, "multiselect", []),
        (1, "bool", True),
    ],
)
def test_clean_cell(value, kind: str, expected) -> None:
    assert clean_cell(value, kind) == expected


def test_clean_cell_turns_numpy_scalars_into_python_values() -> None:
    import numpy as np

    value = clean_cell(np.float64(2.5), "float")
    assert type(value) is float and math.isclose(value, 2.5)
