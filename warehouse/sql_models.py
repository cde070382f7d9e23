"""A small dbt-like runner for the plain SQL files in dbt_like_sql/.

- `dbt_like_sql/<layer>/<name>.sql` is one model: a SELECT whose result becomes `<layer>.<name>`.
  Layer `staging` is built as views, every other layer as tables.
- Upstream tables are found by parsing the SQL with sqlglot, so a model's dependencies are
  whatever it reads: other models, or `core.*` tables.
- `dbt_like_sql/tests/<name>.sql` is a data test: a query that must return no rows. It guards
  the model (or core table) it reads that is built last.
"""
from __future__ import annotations

import graphlib
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp

SQL_ROOT = Path(__file__).resolve().parents[1] / "dbt_like_sql"
VIEW_LAYERS = {"staging"}


@dataclass(frozen=True)
class SqlModel:
    schema: str
    name: str
    sql: str
    upstream: tuple[str, ...]  # qualified names: 'core.meetings', 'staging.stg_meetings'
    description: str

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def materialization(self) -> str:
        return "VIEW" if self.schema in VIEW_LAYERS else "TABLE"


@dataclass(frozen=True)
class SqlTest:
    name: str
    sql: str
    upstream: tuple[str, ...]
    description: str


def referenced_tables(sql: str) -> tuple[str, ...]:
    """Schema-qualified tables a query reads, CTE names excluded (sqlglot's parse tree)."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    found = []
    for table in tree.find_all(exp.Table):
        if table.name in ctes and not table.db:
            continue
        if table.db:
            qualified = f"{table.db}.{table.name}"
            if qualified not in found:
                found.append(qualified)
    return tuple(found)


def _description(sql: str) -> str:
    """The first comment line of the file (`-- One row per meeting ...`)."""
    for line in sql.splitlines():
        if line.startswith("--"):
            return line.lstrip("- ").strip()
    return ""


def discover_models(root: Path = SQL_ROOT) -> list[SqlModel]:
    models = []
    for path in sorted(root.glob("*/*.sql")):
        if path.parent.name == "tests":
            continue
        sql = path.read_text(encoding="utf-8")
        models.append(SqlModel(path.parent.name, path.stem, sql, referenced_tables(sql), _description(sql)))
    return topological(models)


def discover_tests(root: Path = SQL_ROOT) -> list[SqlTest]:
    tests = []
    for path in sorted((root / "tests").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        tests.append(SqlTest(path.stem, sql, referenced_tables(sql), _description(sql)))
    return tests


def topological(models: list[SqlModel]) -> list[SqlModel]:
    by_name = {m.qualified: m for m in models}
    graph = {m.qualified: {u for u in m.upstream if u in by_name} for m in models}
    return [by_name[name] for name in graphlib.TopologicalSorter(graph).static_order()]


def guarded_table(test: SqlTest, models: list[SqlModel]) -> str:
    """The table a data test guards: the one it reads that is built last."""
    order = {m.qualified: i for i, m in enumerate(models)}
    return max(test.upstream, key=lambda t: order.get(t, -1))


def build_model(con, model: SqlModel) -> int:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {model.schema}")
    body = model.sql.strip().rstrip(";")
    if model.materialization == "VIEW":
        con.execute(f"CREATE OR REPLACE VIEW {model.qualified} AS {body}")
    else:
        con.execute(f"CREATE OR REPLACE TABLE {model.qualified} AS {body}")
    return con.execute(f"SELECT count(*) FROM {model.qualified}").fetchone()[0]


def failing_rows(con, test: SqlTest, limit: int = 5) -> tuple[int, list[tuple]]:
    body = test.sql.strip().rstrip(";")
    count = con.execute(f"SELECT count(*) FROM ({body})").fetchone()[0]
    sample = con.execute(f"SELECT * FROM ({body}) LIMIT {limit}").fetchall() if count else []
    return count, sample
