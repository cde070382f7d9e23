"""Small questions the orchestration asks of a warehouse connection, as SQL kept here."""
from __future__ import annotations


def row_count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def counts_by(con, table: str, column: str) -> dict:
    """`counts_by(con, "core.rejected_inputs", "reason")` -> {'empty': 2, 'duplicate': 1}."""
    return dict(con.execute(f"select {column}, count(*) from {table} group by 1 order by 2 desc, 1").fetchall())


def table_exists(con, schema: str, name: str) -> bool:
    """A table or view `schema.name` (DuckDB's own catalog functions: twice as fast as information_schema)."""
    return con.execute("select (select count(*) from duckdb_tables() where schema_name = $1 and table_name = $2)"
                       " + (select count(*) from duckdb_views() where schema_name = $1 and view_name = $2)",
                       [schema, name]).fetchone()[0] > 0
