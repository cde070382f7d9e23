"""The SQL models of dbt_like_sql/ as Dagster assets, their data tests as blocking asset checks,
and the asset that publishes the finished build for readers."""

from dagster import (
    AssetCheckKey,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    asset,
    multi_asset,
)

from orchestration.resources import WarehouseResource
from warehouse.changes import forget_changes, full_checks_requested
from warehouse.publish import PublishConflict
from warehouse.queries import row_count, table_exists
from warehouse.sql_models import SqlTest, discover_models, discover_tests, failing_rows, guarded_table, refresh_models

REBUILD_TAG = "govmeet/rebuild_marts"  # a run with this tag rebuilds the models even when no input changed

SQL_MODELS = discover_models()
SQL_TESTS = discover_tests()
_MODEL_NAMES = {m.qualified for m in SQL_MODELS}
# (test, the table it guards): the tests of core tables run with the contract checks (orchestration/checks.py)
CORE_TESTS = [(t, guarded_table(t, SQL_MODELS)) for t in SQL_TESTS if guarded_table(t, SQL_MODELS) not in _MODEL_NAMES]
MODEL_TESTS = [(t, guarded_table(t, SQL_MODELS)) for t in SQL_TESTS if guarded_table(t, SQL_MODELS) in _MODEL_NAMES]


def _key(qualified: str) -> AssetKey:
    return AssetKey(qualified.split("."))


def full_check(context) -> bool:
    """Check and build everything, not only what this run changed: the daily rebuild, or GOVMEET_FULL_CHECKS=1."""
    return context.run.tags.get(REBUILD_TAG) == "true" or full_checks_requested()


def nothing_built(context, warehouse: WarehouseResource) -> dict | None:
    """Metadata for passed results when this run built nothing (no new input, no rebuild tag): the
    published warehouse passed every blocking check when it was published."""
    if warehouse.build(context.run.run_id).exists() or context.run.tags.get(REBUILD_TAG) == "true":
        return None
    return {"skipped": "nothing new was built; the published warehouse passed this check when it was published"}


def test_result(con, test: SqlTest, table: str, full: bool) -> AssetCheckResult:
    """A SQL data test as a check result: the rows it returns (in this run's changes unless `full`)."""
    if con is None:
        return AssetCheckResult(asset_key=_key(table), check_name=test.name, passed=True,
                                metadata={"note": "no warehouse yet"})
    count, sample = failing_rows(con, test, full=full)
    return AssetCheckResult(asset_key=_key(table), check_name=test.name, passed=count == 0,
                            severity=AssetCheckSeverity.ERROR,
                            metadata={"failing_rows": count, "full": full,
                                      "sample": MetadataValue.json([list(map(str, r)) for r in sample])})


@multi_asset(
    name="sql_models",
    specs=[AssetSpec(_key(m.qualified), deps=[_key(u) for u in m.upstream], group_name=m.schema,
                     kinds={"duckdb", "sql"}, description=m.description, skippable=True,
                     metadata={"sql": MetadataValue.md(f"```sql\n{m.sql}\n```"), "key": ", ".join(m.key)})
           for m in SQL_MODELS],
    check_specs=[AssetCheckSpec(t.name, asset=_key(table), blocking=True, description=t.description)
                 for t, table in MODEL_TESTS],
    can_subset=True,
)
def sql_models(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Every staging view and mart in one step: each keyed mart deletes and re-inserts only the keys
    this run's documents touched, the rest are built from scratch (warehouse/sql_models.py)."""
    selected = [m for m in SQL_MODELS if _key(m.qualified) in context.selected_asset_keys]
    checks = [(t, table) for t, table in MODEL_TESTS
              if AssetCheckKey(_key(table), t.name) in context.selected_asset_check_keys]
    build = warehouse.build(context.run.run_id)
    if not build.exists() and context.run.tags.get(REBUILD_TAG) != "true":
        with warehouse.reader(context.run.run_id) as con:
            if con is not None and all(table_exists(con, m.schema, m.name) for m in selected):
                for m in selected:
                    yield MaterializeResult(asset_key=_key(m.qualified),
                                            metadata={"rows": row_count(con, m.qualified), "rebuilt": False})
                for t, table in checks:
                    yield AssetCheckResult(asset_key=_key(table), check_name=t.name, passed=True,
                                           metadata=nothing_built(context, warehouse))
                return
    full = full_check(context)
    with warehouse.writer(context.run.run_id) as con:
        done = refresh_models(con, selected, full=full)
        for m in selected:
            rows, how, seconds = done[m.qualified]
            yield MaterializeResult(asset_key=_key(m.qualified), metadata={
                "rows": rows, "rebuilt": how != "unchanged", "how": how, "seconds": seconds})
        for t, table in checks:
            yield test_result(con, t, table, full)


sql_model_assets = [sql_models]
sql_test_checks: list = []  # the data tests are checks of sql_models (marts) and of core_checks (core tables)


@asset(group_name="publish", kinds={"duckdb"}, deps=[_key(m.qualified) for m in SQL_MODELS],
       description="The warehouse readers query: this run's build, checked, atomically renamed into place.")
def published_warehouse(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    build = warehouse.build(context.run.run_id)
    if build.exists():
        with warehouse.writer(context.run.run_id) as con:
            forget_changes(con)
        warehouse.close(context.run.run_id)
    try:
        published = build.publish()
    except PublishConflict:
        build.discard()
        raise
    size = warehouse.published.stat().st_size if warehouse.published.exists() else 0
    context.log.info(f"{'published' if published else 'unchanged'}: {warehouse.published} ({size:,} bytes)")
    return MaterializeResult(metadata={"path": str(warehouse.published), "published": published,
                                       "size_bytes": size})
