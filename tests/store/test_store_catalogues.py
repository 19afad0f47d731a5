"""Datapoint catalogues in the store: save, list, load (newest or a version), replace, refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from esg_workbench.domain.datapoints import Datapoint, DatapointCatalogue
from esg_workbench.store import AlreadyExists, CatalogueInvalid, NotFound, Store


def _catalogue(version: str = "2024-07", *, imported_day: int = 1, names: tuple[str, ...] = ("Scope 1", "Scope 2")):
    points = [
        Datapoint(
            id=f"E1-6_{i:02d}",
            esrs="E1",
            disclosure_requirement="E1-6",
            paragraph=f"44 {chr(97 + i)}",
            name=name,
            data_type="MDR-... ",
            may_voluntary=i % 2 == 1,
            conditional_or_alternative="Conditional" if i else "",
            source_sheet="E1",
            source_row=10 + i,
        )
        for i, name in enumerate(names)
    ]
    return DatapointCatalogue(
        id="test-ig3",
        version=version,
        title="Test datapoint list",
        source_filename="test.xlsx",
        source_sha256="0" * 63 + "1",
        imported_at=datetime(2025, 1, imported_day, 12, 0, tzinfo=UTC),
        datapoints=points,
    )


def test_save_and_load_round_trip_keeps_order_and_every_field(store: Store) -> None:
    catalogue = _catalogue(names=("Zeta first", "Alpha second", "Mid third"))
    info = store.save_datapoint_catalogue(catalogue)
    assert (info.id, info.version, info.count, info.source_sha256) == ("test-ig3", "2024-07", 3, "0" * 63 + "1")
    assert store.load_datapoint_catalogue("test-ig3", "2024-07") == catalogue


def test_newest_import_is_the_default_version(store: Store) -> None:
    store.save_datapoint_catalogue(_catalogue("b-older", imported_day=1))
    store.save_datapoint_catalogue(_catalogue("a-newer", imported_day=5, names=("Only one",)))
    assert store.load_datapoint_catalogue("test-ig3").version == "a-newer"
    assert store.load_datapoint_catalogue("test-ig3", version="b-older").version == "b-older"
    assert [(i.version, i.count) for i in store.list_datapoint_catalogues()] == [("a-newer", 1), ("b-older", 2)]


def test_same_version_needs_replace_and_replace_swaps_everything(store: Store) -> None:
    store.save_datapoint_catalogue(_catalogue())
    with pytest.raises(AlreadyExists, match="test-ig3 version 2024-07 is already stored"):
        store.save_datapoint_catalogue(_catalogue(names=("Changed",)))
    assert store.load_datapoint_catalogue("test-ig3").datapoints[0].name == "Scope 1"
    replacement = _catalogue(names=("Changed",))
    store.save_datapoint_catalogue(replacement, replace=True)
    assert store.load_datapoint_catalogue("test-ig3") == replacement
    assert [i.count for i in store.list_datapoint_catalogues()] == [1]


def test_duplicate_datapoint_ids_are_refused_naming_both_rows(store: Store) -> None:
    catalogue = _catalogue()
    doubled = catalogue.model_copy(update={"datapoints": [catalogue.datapoints[0], catalogue.datapoints[0]]})
    with pytest.raises(CatalogueInvalid, match="'E1-6_00' appears twice \\(E1 row 10 and E1 row 10\\)"):
        store.save_datapoint_catalogue(doubled)
    assert store.list_datapoint_catalogues() == []


def test_unknown_catalogue_or_version(store: Store) -> None:
    with pytest.raises(NotFound, match="no datapoint catalogue 'nope'"):
        store.load_datapoint_catalogue("nope")
    store.save_datapoint_catalogue(_catalogue())
    with pytest.raises(NotFound, match="has no version '1999' \\(stored: 2024-07\\)"):
        store.load_datapoint_catalogue("test-ig3", "1999")
