"""The only place that opens DuckDB files: a read-only reader and a read-write writer.

Readers never share a file with a writer: runs write a private build file and publish it by
atomic rename (warehouse/publish.py), so a reader sees one complete state per connection.
"""
from __future__ import annotations

from pathlib import Path

import duckdb


def open_reader(path: str | Path, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the DuckDB file at `path`."""
    return duckdb.connect(str(path), read_only=True, config=config or {})


def open_writer(path: str | Path, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the DuckDB file at `path` (a build file, never the published one)."""
    return duckdb.connect(str(path), config=config or {})
