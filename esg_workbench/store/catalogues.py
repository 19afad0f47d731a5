"""Repository functions for imported datapoint catalogues (connection passed in, keyword-only)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from ..domain.datapoints import Datapoint, DatapointCatalogue
from .errors import CatalogueInvalid
from .records import CatalogueInfo
from .tables import datapoint_catalogues, datapoints

# Datapoint field -> column, where the names differ.
_COLUMN_OF = {"id": "datapoint_id"}
_FIELDS = tuple(Datapoint.model_fields)


def check_unique_ids(catalogue: DatapointCatalogue) -> None:
    """Datapoint ids are the key inside a catalogue; name both rows of a duplicate."""
    seen: dict[str, Datapoint] = {}
    for point in catalogue.datapoints:
        if point.id in seen:
            first = seen[point.id]
            raise CatalogueInvalid(
                f"catalogue {catalogue.id} {catalogue.version}: datapoint id '{point.id}' appears twice "
                f"({first.source_sheet} row {first.source_row} and {point.source_sheet} row {point.source_row})"
            )
        seen[point.id] = point


def exists(conn: Connection, *, catalogue_id: str, version: str) -> bool:
    query = select(datapoint_catalogues.c.id).where(
        datapoint_catalogues.c.id == catalogue_id, datapoint_catalogues.c.version == version
    )
    return conn.execute(query).first() is not None


def remove(conn: Connection, *, catalogue_id: str, version: str) -> None:
    # Datapoints go with their catalogue (ON DELETE CASCADE); deleting them first keeps that true even
    # on a SQLite connection opened without foreign keys by some other tool.
    conn.execute(
        delete(datapoints).where(datapoints.c.catalogue_id == catalogue_id, datapoints.c.catalogue_version == version)
    )
    conn.execute(
        delete(datapoint_catalogues).where(
            datapoint_catalogues.c.id == catalogue_id, datapoint_catalogues.c.version == version
        )
    )


def insert_catalogue(conn: Connection, *, catalogue: DatapointCatalogue) -> None:
    conn.execute(
        insert(datapoint_catalogues).values(
            id=catalogue.id,
            version=catalogue.version,
            title=catalogue.title,
            source_filename=catalogue.source_filename,
            source_sha256=catalogue.source_sha256,
            imported_at=catalogue.imported_at,
            datapoint_count=len(catalogue.datapoints),
            standard_id=catalogue.standard_id,
            standard_version=catalogue.standard_version,
        )
    )
    rows = [
        {
            "catalogue_id": catalogue.id,
            "catalogue_version": catalogue.version,
            "position": position,
            **{_COLUMN_OF.get(name, name): getattr(point, name) for name in _FIELDS},
        }
        for position, point in enumerate(catalogue.datapoints)
    ]
    if rows:
        conn.execute(insert(datapoints), rows)


def infos(conn: Connection, *, catalogue_id: str | None = None) -> list[CatalogueInfo]:
    """Stored catalogues, each id's newest import first."""
    t = datapoint_catalogues
    query = select(
        t.c.id,
        t.c.version,
        t.c.title,
        t.c.source_filename,
        t.c.source_sha256,
        t.c.imported_at,
        t.c.datapoint_count,
        t.c.standard_id,
        t.c.standard_version,
    ).order_by(t.c.id, t.c.imported_at.desc(), t.c.version.desc())
    if catalogue_id is not None:
        query = query.where(t.c.id == catalogue_id)
    return [CatalogueInfo(*row) for row in conn.execute(query)]


def points(conn: Connection, *, catalogue_id: str, version: str) -> list[Datapoint]:
    columns = [datapoints.c[_COLUMN_OF.get(name, name)] for name in _FIELDS]
    query = (
        select(*columns)
        .where(datapoints.c.catalogue_id == catalogue_id, datapoints.c.catalogue_version == version)
        .order_by(datapoints.c.position)
    )
    return [Datapoint(**dict(zip(_FIELDS, row, strict=True))) for row in conn.execute(query)]
