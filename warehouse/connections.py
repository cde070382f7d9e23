"""The only place that opens DuckDB files: a read-only reader and a read-write writer.

Readers never share a file with a writer: runs write a private build file and publish it by
atomic rename (warehouse/publish.py), so a reader sees one complete state per connection.
"""
from __future__ import annotations

from pathlib import Path

import duckdb


def open_reader(path: str | Path, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the DuckDB file at `path`, on a database instance of its own.

    It is an in-memory database with the file attached read-only as its default catalog: within
    one process, `duckdb.connect(path)` would hand back the instance an older, still open
    connection holds, and so the state that one opened, not the file published since."""
    con = duckdb.connect(":memory:", config=config or {})
    try:
        con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS warehouse (READ_ONLY)")
        con.execute("USE warehouse")
    except duckdb.Error:
        con.close()
        raise
    return con


def open_writer(path: str | Path, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the DuckDB file at `path` (a build file, never the published one)."""
    return duckdb.connect(str(path), config=config or {})
