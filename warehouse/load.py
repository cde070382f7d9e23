"""Bulk loading: validated rows -> polars DataFrame -> DuckDB, one INSERT per batch."""
from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from transforms.models import Row
from warehouse.schema import polars_schema


def rows_frame(model: type[Row], rows: Iterable[Row]) -> pl.DataFrame:
    schema = polars_schema(model)
    data = [row.model_dump(include=set(schema)) for row in rows]
    return pl.DataFrame(data, schema=schema, orient="row") if data else pl.DataFrame(schema=schema)


def insert_frame(con, table: str, frame: pl.DataFrame) -> int:
    """Append a frame to `table` by column name; returns the number of rows."""
    if frame.height == 0:
        return 0
    con.register("_govmeet_batch", frame.to_arrow())
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _govmeet_batch")
    finally:
        con.unregister("_govmeet_batch")
    return frame.height


def insert_rows(con, model: type[Row], rows: Iterable[Row], schema: str | None = None) -> int:
    table = model.table if schema is None else f"{schema}.{model.table.split('.')[1]}"
    return insert_frame(con, table, rows_frame(model, rows))
