"""Bulk loading: validated rows -> polars (column by column) -> DuckDB, one INSERT per batch.

Workers turn their rows into frames themselves (`rows_frame`), so the process that owns the
DuckDB connection receives a few column buffers per batch instead of one pickled pydantic object
per row, and inserts them without touching a row in Python. (Polars rather than pyarrow builds
them: pyarrow's conversion from Python lists imports pandas, a second per process.)
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate

import polars as pl

from transforms.shared.models import Row
from warehouse.schema import polars_schema


BULK_MEMORY_LIMIT = "1GB"
# for every connection a run opens: the SQL models and checks of 100,000 articles peak at 2.5 GB
# resident with DuckDB's default limit (80% of RAM), at 1.2 GB with this one, in the same time
DUCKDB_CONFIG = {"memory_limit": BULK_MEMORY_LIMIT}


def bulk_write_settings(con) -> None:
    """Settings for a connection that writes a stage's worth of articles.

    DuckDB 2.0 compresses strings with DICT_FSST by default; on article-sized strings its
    checkpoints cost more the more there is (100,000 articles of raw text: 98 s of inserts with
    it, 4 s without). Without it long strings get zstd: merging 120,000 articles into core took
    a 10 s commit and a 666 MB file instead of 55 s and 1,135 MB.
    DuckDB's default memory limit is 80% of RAM, and it uses it: that merge peaked at 4 GB
    resident; with 1 GB it spills and peaks at 1.2 GB, no slower.
    Checkpointing every 16 MB of WAL (the default) while a stage appends articles cost this
    process a third more time than every 256 MB.
    """
    con.execute("SET disabled_compression_methods = 'dict_fsst'")
    con.execute(f"SET memory_limit = '{BULK_MEMORY_LIMIT}'")
    con.execute("SET checkpoint_threshold = '256MB'")


def rows_frame(model: type[Row], rows: Iterable[Row]) -> pl.DataFrame:
    """Rows of one model as a frame with the model's columns, built column by column."""
    rows = list(rows)
    series = []
    for name, dtype in polars_schema(model).items():
        values = [getattr(row, name) for row in rows]
        series.append(_list_series(name, values, dtype.inner) if isinstance(dtype, pl.List)
                      else pl.Series(name, values, dtype=dtype))
    return pl.DataFrame(series)


def _list_series(name: str, values: list, inner: pl.DataType) -> pl.Series:
    """A list column (titles, kinds …) from one flat list and offsets: given nested Python lists,
    polars builds one Series per row, 20 times slower."""
    import pyarrow as pa  # here: the command line starts faster without it

    if any(value is None for value in values):
        return pl.Series(name, values, dtype=pl.List(inner))
    items = pl.Series([item for value in values for item in value], dtype=inner).to_arrow()
    offsets = pl.Series([0, *accumulate(map(len, values))], dtype=pl.Int64).to_arrow()
    return pl.Series(name, pa.LargeListArray.from_arrays(offsets, items))


def insert_frame(con, table: str, frame: pl.DataFrame) -> int:
    """Append a frame to `table` by column name; returns the number of rows."""
    if frame.height == 0:
        return 0
    # as Arrow: DuckDB reads a registered polars frame 2-3 times slower than the frame's to_arrow()
    con.register("_govmeet_batch", frame.to_arrow())
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _govmeet_batch")
    finally:
        con.unregister("_govmeet_batch")
    return frame.height


def insert_rows(con, model: type[Row], rows: Iterable[Row]) -> int:
    """Rows of `model` into its core table (tests and small loads; runs stream frames)."""
    return insert_frame(con, model.table, rows_frame(model, rows))
