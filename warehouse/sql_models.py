"""A small dbt-like runner for the plain SQL files in dbt_like_sql/.

- `dbt_like_sql/<layer>/<name>.sql` is one model: a SELECT whose result becomes `<layer>.<name>`.
  Layer `staging` is built as views, every other layer as tables.
- Upstream tables are found by parsing the SQL with sqlglot, so a model's dependencies are
  whatever it reads: other models, or `core.*` tables.
- `dbt_like_sql/tests/<name>.sql` is a data test: a query that must return no rows. It guards
  the model (or core table) it reads that is built last. A test that reads the temp views
  `checked_documents(doc_id)` / `checked_meetings(meeting_id)` checks only those rows: this run's
  changed documents, or everything in a full check (warehouse/changes.py).

A table model is maintained by what changed when its header declares how:

    -- key: region_code, target_year
    -- touched: select region_code, target_year from staging.stg_economic_targets
    --     where doc_id in (select doc_id from changed.documents)

`key` names the columns whose rows are rebuilt together (a key may hold many rows); `touched`
is a query (on the staging views the model reads, continued on the following comment lines)
giving, in key order, the keys the documents in `changed.documents` touch. The runner evaluates it before the merge deletes
those documents' old rows and again after it inserts their new ones, deletes the rows of those
keys and inserts them again from the model's SELECT, filtered to those keys. A model without
the declaration, one whose SQL changed since it was built (its hash is the table's comment),
one downstream of such a model, and every model in a full rebuild are built from scratch.
"""
from __future__ import annotations

import datetime as dt
import graphlib
import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp

from warehouse.changes import SCHEMA as CHANGED, define_check_scope, has_changes
from warehouse.queries import table_exists

SQL_ROOT = Path(__file__).resolve().parents[1] / "dbt_like_sql"
VIEW_LAYERS = {"staging"}


@dataclass(frozen=True)
class SqlModel:
    schema: str
    name: str
    sql: str
    upstream: tuple[str, ...]  # qualified names: 'core.meetings', 'staging.stg_meetings'
    description: str
    key: tuple[str, ...] = ()  # `-- key:` in the header
    touched: str = ""  # `-- touched:` in the header

    @property
    def incremental(self) -> bool:
        return bool(self.key and self.touched) and self.materialization == "TABLE"

    @property
    def keys_table(self) -> str:
        """Where a run collects the keys its changed documents touch (in the build, until publish)."""
        return f"{CHANGED}.{self.schema}__{self.name}"

    @property
    def sql_hash(self) -> str:
        return "govmeet-sql:" + hashlib.sha256(self.sql.encode("utf-8")).hexdigest()[:16]

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


_TAG = re.compile(r"--\s*(\w+):\s*(.*)")


def header_tags(sql: str) -> dict[str, str]:
    """The `-- name: value` lines of the leading comment block; a comment line without a tag
    continues the value of the tag above it."""
    tags: dict[str, str] = {}
    last = None
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        match = _TAG.match(line)
        if match:
            last = match.group(1).lower()
            tags[last] = match.group(2).strip()
        elif last is not None:
            tags[last] += " " + line[2:].strip()
    return tags


def discover_models(root: Path = SQL_ROOT) -> list[SqlModel]:
    models = []
    for path in sorted(root.glob("*/*.sql")):
        if path.parent.name == "tests":
            continue
        sql = path.read_text(encoding="utf-8")
        tags = header_tags(sql)
        key = tuple(k.strip() for k in tags.get("key", "").split(",") if k.strip())
        models.append(SqlModel(path.parent.name, path.stem, sql, referenced_tables(sql), _description(sql),
                               key, tags.get("touched", "")))
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


def _body(model: SqlModel) -> str:
    return model.sql.strip().rstrip(";")


def build_model(con, model: SqlModel) -> int:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {model.schema}")
    kind = model.materialization
    con.execute(f"CREATE OR REPLACE {kind} {model.qualified} AS {_body(model)}")
    con.execute(f"COMMENT ON {kind} {model.qualified} IS '{model.sql_hash}'")
    return _rows(con, model)


def _rows(con, model: SqlModel) -> int:
    return con.execute(f"SELECT count(*) FROM {model.qualified}").fetchone()[0]


def _built_hash(con, model: SqlModel) -> str | None:
    """The hash of the SQL the model was last built from (None: not built, or built before hashes)."""
    kind = model.materialization.lower()
    found = con.execute(f"SELECT comment FROM duckdb_{kind}s() WHERE schema_name = ? AND {kind}_name = ?",
                        [model.schema, model.name]).fetchall()
    return found[0][0] if found else None


def _touched(model: SqlModel) -> str:
    columns = ", ".join(model.key)
    return f"SELECT DISTINCT * FROM ({model.touched.strip().rstrip(';')}) AS touched({columns})"


def _same_key(con, key: tuple[str, ...]) -> str:
    """The join condition of a row `t` and a touched key `k`, NULL matching NULL. One column that
    no touched key leaves NULL is compared with `=`: DuckDB then pushes the touched values down
    into the scans of the model's SELECT (with IS NOT DISTINCT FROM alone it computes the whole
    model and filters it, as slow as a rebuild)."""
    nulls = con.execute("SELECT " + ", ".join(f"bool_or({k} IS NULL)" for k in key) + " FROM _touched_keys").fetchone()
    exact = next((k for k, has_null in zip(key, nulls) if not has_null), None)
    return " AND ".join(f"t.{k} = k.{k}" if k == exact else f"t.{k} IS NOT DISTINCT FROM k.{k}" for k in key)


LITERAL_KEYS = 2000  # up to this many touched values are also written into the query as constants


def _literal(value) -> str | None:
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return None


def _prefilter(con, key: tuple[str, ...]) -> str:
    """`WHERE t.<column> IN (<the touched values>)` for the first key column no touched key
    leaves NULL, when there are few: a constant filter DuckDB pushes through the model's joins,
    aggregates and windows into its scans (a semi join alone is not pushed through a window)."""
    for k in key:
        values = [r[0] for r in con.execute(f"SELECT DISTINCT {k} FROM _touched_keys LIMIT {LITERAL_KEYS + 1}").fetchall()]
        literals = [_literal(v) for v in values]
        if not values or None in literals or len(values) > LITERAL_KEYS:
            continue
        return f"WHERE t.{k} IN ({', '.join(literals)})"
    return ""


def note_touched_keys(con, models: list[SqlModel]) -> None:
    """Before the merge deletes the changed documents' old rows: the keys those rows touch, for
    each incremental model built already (merge_stage's `before_delete`)."""
    for model in models:
        if model.incremental and table_exists(con, model.schema, model.name):
            con.execute(f"CREATE OR REPLACE TABLE {model.keys_table} AS {_touched(model)}")


def refresh_model(con, model: SqlModel, full: bool = False) -> tuple[int, str]:
    """Bring one model up to date; returns (rows, how): 'incremental' (only the touched keys were
    deleted and inserted again), 'rebuilt' (from scratch), 'unchanged' (a view whose SQL is the
    same). Use refresh_models() for all of them: it also rebuilds what is downstream of a rebuild."""
    same_sql = _built_hash(con, model) == model.sql_hash
    if model.materialization == "VIEW":
        if same_sql and not full:
            return _rows(con, model), "unchanged"
        return build_model(con, model), "rebuilt"
    schema, name = model.keys_table.split(".")
    if full or not same_sql or not model.incremental or not has_changes(con) or not table_exists(con, schema, name):
        return build_model(con, model), "rebuilt"
    con.execute(f"INSERT INTO {model.keys_table} {_touched(model)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _touched_keys AS SELECT DISTINCT * FROM {model.keys_table}")
    same_key = _same_key(con, model.key)
    con.execute(f"DELETE FROM {model.qualified} t WHERE EXISTS (SELECT 1 FROM _touched_keys k WHERE {same_key})")
    con.execute(f"INSERT INTO {model.qualified} BY NAME SELECT t.* FROM ({_body(model)}) t "
                f"SEMI JOIN _touched_keys k ON {same_key} {_prefilter(con, model.key)}")
    con.execute("DROP TABLE _touched_keys")
    return _rows(con, model), "incremental"


def refresh_models(con, models: list[SqlModel], full: bool = False) -> dict[str, tuple[int, str, float]]:
    """Refresh `models` (in dependency order); returns (rows, how, seconds) per model. A model
    downstream of one whose SQL changed (or that is new) is built from scratch too: its rows may
    have changed anywhere."""
    done: dict[str, tuple[int, str, float]] = {}
    redefined: set[str] = set()
    full = full or _mostly_changed(con)
    for model in models:
        if _built_hash(con, model) != model.sql_hash:
            redefined.add(model.qualified)
        upstream_redefined = any(u in redefined for u in model.upstream)
        if upstream_redefined:
            redefined.add(model.qualified)
        started = time.perf_counter()
        rows, how = refresh_model(con, model, full or upstream_redefined)
        done[model.qualified] = (rows, how, round(time.perf_counter() - started, 3))
    return done


REBUILD_SHARE = 0.25  # when a run replaces more of the documents than this, the marts are built from scratch


def _mostly_changed(con) -> bool:
    """True when this run replaced more than REBUILD_SHARE of the documents (a new parser version
    parses them all again): building from scratch is then cheaper than key by key."""
    if not has_changes(con):
        return False
    changed, total = con.execute(f"SELECT (SELECT count(*) FROM {CHANGED}.documents), "
                                 "(SELECT count(*) FROM core.documents)").fetchone()
    return changed > REBUILD_SHARE * max(total, 1)


def failing_rows(con, test: SqlTest, limit: int = 5, full: bool = False) -> tuple[int, list[tuple]]:
    """How many rows a data test returns, and a few of them. The test reads `checked_documents`
    and `checked_meetings` (if it reads them): this run's changes, or everything when `full`."""
    define_check_scope(con, full)
    body = test.sql.strip().rstrip(";")
    count = con.execute(f"SELECT count(*) FROM ({body})").fetchone()[0]
    sample = con.execute(f"SELECT * FROM ({body}) LIMIT {limit}").fetchall() if count else []
    return count, sample
