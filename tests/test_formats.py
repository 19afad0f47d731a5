"""Numbers in English and Danish formats (esg_workbench.formats)."""

from __future__ import annotations

import math

import pytest

from esg_workbench.formats import (
    MISSING,
    format_count,
    format_decimal,
    format_money,
    format_number,
    format_percent,
    percent_suffix,
    plotly_separators,
)


def test_danish_numbers_swap_the_separators() -> None:
    assert format_number(1_250_000, "da") == "1.250.000"
    assert format_number(1_250_000, "en") == "1,250,000"
    assert format_number(77.84, "da", 1) == "77,8"
    assert format_number(77.84, "en", 1) == "77.8"
    assert format_money(1_250_000.4, "da", "DKK") == "1.250.000 DKK"
    assert format_count(10_000, "da") == "10.000"


def test_percent_has_a_space_in_danish() -> None:
    assert format_percent(0.04, "da", 1) == "4,0 %"
    assert format_percent(0.04, "en", 1) == "4.0%"
    assert format_percent(1.0, "da") == "100 %"


def test_missing_and_odd_values() -> None:
    for value in (None, math.nan, math.inf):
        assert format_number(value, "da") == MISSING
    assert format_money(None, "en", "DKK") == MISSING
    assert format_percent(None, "da") == MISSING
    assert format_number(-0.01, "en", 1) == "0.0"  # no "-0.0"


def test_plotly_separators_and_bad_language() -> None:
    assert (plotly_separators("da"), plotly_separators("en")) == (",.", ".,")
    with pytest.raises(ValueError, match="language"):
        format_number(1, "de")


def test_decimals_as_the_value_has_them() -> None:
    assert [format_decimal(v, "da") for v in (3.0, 3.5, 0.125, 0.0521, 12_500.25)] == [
        "3",
        "3,5",
        "0,125",
        "0,052",
        "12.500,25",
    ]
    assert format_decimal(3.5, "en") == "3.5"
    assert format_decimal(math.nan, "da") == MISSING
    assert format_decimal(2.25, "da", max_decimals=1) == "2,2"


def test_the_percent_suffix_is_the_one_format_percent_writes() -> None:
    for lang in ("en", "da"):
        assert format_percent(0.5, lang) == "50" + percent_suffix(lang)


def test_the_coverage_headline_writes_its_counts_in_the_language() -> None:
    from esg_workbench.coverage import CoverageSummary, OutsideItem

    counts = {"not_assessed": 1200, "gap": 1500, "partial": 0, "linked": 0, "manual": 2000, "automated": 1000}
    outside = [
        OutsideItem(item_id=f"c{i}", disclosure_requirement="E2-1", standard="E2", status="gap") for i in range(1001)
    ]
    summary = CoverageSummary(
        material_standards=["E1"], material_drs=5700, assessed=4500, not_assessed=1200, counts=counts,
        by_standard=[], drs=[], gaps=[], outside=outside,
    )  # fmt: skip
    assert summary.sentence("da").startswith("1.200 af 5.700 væsentlige oplysningskrav")
    assert "1.000 automatiseret, 2.000 manuel" in summary.sentence("da")
    assert "(1.001 dækningsposter" in summary.sentence("da")
    assert summary.sentence("en").startswith("1,200 of 5,700 material disclosure requirements")
    assert "(1,001 coverage items" in summary.sentence("en")
