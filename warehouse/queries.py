"""Small questions the orchestration asks of a warehouse connection, as SQL kept here."""
from __future__ import annotations


def row_count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def counts_by(con, table: str, column: str) -> dict:
    """`counts_by(con, "core.rejected_inputs", "reason")` -> {'empty': 2, 'duplicate': 1}."""
    return dict(con.execute(f"select {column}, count(*) from {table} group by 1 order by 2 desc, 1").fetchall())


def table_exists(con, schema: str, name: str) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_schema=? and table_name=?",
                       [schema, name]).fetchone()[0] > 0
