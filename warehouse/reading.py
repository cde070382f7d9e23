"""Reading a published warehouse from the terminal: read-only sessions, queries, text output.

Every connection here is read-only on the published file. A run never writes that file (it builds
a private copy and publishes it by rename), so a reader never blocks a run, and a connection sees
one complete state for as long as it is open; `Session.reconnect` shows a newer run.
"""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.connections import open_reader

READ_SCHEMAS = ("core", "marts", "staging")
TABLE_CELL_WIDTH = 40  # display columns a cell may take in table output before it is cut with …


class WarehouseUnreadable(Exception):
    """The warehouse file is missing or cannot be opened; the message says what to do."""


@dataclass(frozen=True)
class Result:
    columns: list[str]
    types: list[str]
    rows: list[tuple]


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published warehouse at `path`."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseUnreadable(
            f"warehouse {path} does not exist: build it with `make run` or "
            f"`govmeet run --warehouse {path}`, or pass --warehouse FILE")
    try:
        return open_reader(path)
    except duckdb.Error as error:
        raise WarehouseUnreadable(
            f"cannot open {path} read-only with DuckDB {duckdb.__version__} ({error}); pass the file "
            "that `govmeet run --warehouse` wrote") from error


def split_statements(sql: str) -> list[str]:
    """`select 1; select 'a;b'` → two statements, as DuckDB's own parser splits them."""
    return [statement.query for statement in duckdb.extract_statements(sql)]


def execute(con: duckdb.DuckDBPyConnection, statement: str) -> Result | None:
    """Run one statement; its rows, or None when it returns none (SET, PRAGMA threads=1 …)."""
    con.execute(statement)
    if con.description is None:
        return None
    columns = [d[0] for d in con.description]
    types = [str(d[1]) for d in con.description]
    if columns == ["Success"] and types == ["BOOLEAN"]:  # what SET and its kind return
        return None
    return Result(columns, types, con.fetchall())


class Session:
    """One read-only connection held for an interactive shell; `reconnect` to see a newer run."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.con = connect(self.path)

    def run(self, sql: str) -> Iterator[Result]:
        """The result of each statement of `sql` that returns rows, as each one finishes."""
        for statement in split_statements(sql):
            if (result := execute(self.con, statement)) is not None:
                yield result

    def tables(self) -> Result:
        return execute(self.con, "select schema_name || '.' || table_name as name, 'table' as kind, "
                                 "estimated_size as estimated_rows from duckdb_tables() where schema_name in "
                                 f"{READ_SCHEMAS} union all select schema_name || '.' || view_name, 'view', "
                                 f"NULL from duckdb_views() where schema_name in {READ_SCHEMAS} order by 1")

    def describe(self, table: str) -> Result:
        return execute(self.con, f'select column_name, column_type, "null" as nullable from (describe {table})')

    def reconnect(self) -> None:
        self.con.close()
        self.con = connect(self.path)

    def close(self) -> None:
        self.con.close()


# ---------------------------------------------------------------------------------------------
# Text output: an aligned table for people, CSV and JSON for scripts


def display_width(text: str) -> int:
    """Terminal columns `text` takes: 2 for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        used += display_width(ch)
        if used > width - 1:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def _cell(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_cell(v) for v in value) + "]"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
            "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL")


def format_table(result: Result, max_rows: int | None = None, cell_width: int = TABLE_CELL_WIDTH) -> str:
    """Columns aligned for a terminal (wide characters count double), numbers to the right,
    long cells cut with …, then `(N rows)`."""
    shown = result.rows if max_rows is None else result.rows[:max_rows]
    cells = [[_cut(_cell(v), cell_width) for v in row] for row in shown]
    widths = [max([display_width(c)] + [display_width(row[i]) for row in cells])
              for i, c in enumerate(result.columns)]
    numeric = [t.startswith(_NUMERIC) for t in result.types]

    def line(values: list[str]) -> str:
        padded = []
        for value, width, right in zip(values, widths, numeric):
            gap = " " * (width - display_width(value))
            padded.append(gap + value if right else value + gap)
        return "  ".join(padded).rstrip()

    out = [line(result.columns), "  ".join("-" * w for w in widths)] + [line(row) for row in cells]
    total = len(result.rows)
    footer = f"({total:,} row{'s' if total != 1 else ''})"
    if len(shown) < total:
        footer = f"({len(shown):,} of {total:,} rows shown; add LIMIT, or use --csv / --json for all)"
    return "\n".join(out + [footer])


def _plain(value):
    """A value for JSON: dates as ISO text, decimals as numbers, lists kept as arrays."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value


def format_json(result: Result) -> str:
    """A JSON array of one object per row."""
    rows = [{c: _plain(v) for c, v in zip(result.columns, row)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str)


def format_csv(result: Result) -> str:
    """RFC 4180 CSV with a header; NULL as an empty field, lists as JSON arrays."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_csv_field(v) for v in row])
    return buffer.getvalue().rstrip("\n")


def _csv_field(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return _plain(value)


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}
