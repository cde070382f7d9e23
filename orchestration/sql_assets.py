"""The SQL models of dbt_like_sql/ as Dagster assets, their data tests as blocking asset checks,
and the asset that publishes the finished build for readers."""

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)

from orchestration.resources import WarehouseResource
from warehouse.publish import PublishConflict
from warehouse.queries import row_count, table_exists
from warehouse.sql_models import SqlModel, SqlTest, build_model, discover_models, discover_tests, failing_rows, guarded_table

REBUILD_TAG = "govmeet/rebuild_marts"  # a run with this tag rebuilds the models even when no input changed

SQL_MODELS = discover_models()
SQL_TESTS = discover_tests()


def _key(qualified: str) -> AssetKey:
    return AssetKey(qualified.split("."))


def _model_exists(con, model: SqlModel) -> bool:
    return table_exists(con, model.schema, model.name)


def _model_asset(model: SqlModel):
    @asset(key=_key(model.qualified), deps=[_key(u) for u in model.upstream], group_name=model.schema,
           kinds={"duckdb", "sql"}, description=model.description,
           metadata={"sql": MetadataValue.md(f"```sql\n{model.sql}\n```")})
    def _build(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
        build = warehouse.build(context.run.run_id)
        if not build.exists() and context.run.tags.get(REBUILD_TAG) != "true":
            with warehouse.reader(context.run.run_id) as con:
                if con is not None and _model_exists(con, model):
                    rows = row_count(con, model.qualified)
                    return MaterializeResult(metadata={"rows": rows, "rebuilt": False})
        with warehouse.writer(context.run.run_id) as con:
            rows = build_model(con, model)
        return MaterializeResult(metadata={"rows": rows, "rebuilt": True})

    return _build


def nothing_built(context, warehouse: WarehouseResource) -> AssetCheckResult | None:
    """A passed result when this run built nothing (no new input, no rebuild tag): the published
    warehouse passed every blocking check when it was published, and re-checking 100,000
    articles would make a no-op run cost seconds per check."""
    if warehouse.build(context.run.run_id).exists() or context.run.tags.get(REBUILD_TAG) == "true":
        return None
    return AssetCheckResult(passed=True, metadata={"skipped": "nothing new was built; the published warehouse "
                                                              "passed this check when it was published"})


def _test_check(test: SqlTest):
    @asset_check(asset=_key(guarded_table(test, SQL_MODELS)), name=test.name, blocking=True,
                 description=test.description)
    def _check(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> AssetCheckResult:
        if (skipped := nothing_built(context, warehouse)) is not None:
            return skipped
        with warehouse.reader(context.run.run_id) as con:
            if con is None:
                return AssetCheckResult(passed=True, metadata={"note": "no warehouse yet"})
            count, sample = failing_rows(con, test)
        return AssetCheckResult(passed=count == 0, severity=AssetCheckSeverity.ERROR,
                                metadata={"failing_rows": count, "sample": MetadataValue.json([list(map(str, r)) for r in sample])})

    return _check


sql_model_assets = [_model_asset(m) for m in SQL_MODELS]
sql_test_checks = [_test_check(t) for t in SQL_TESTS]


@asset(group_name="publish", kinds={"duckdb"}, deps=[_key(m.qualified) for m in SQL_MODELS],
       description="The warehouse readers query: this run's build, checked, atomically renamed into place.")
def published_warehouse(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    build = warehouse.build(context.run.run_id)
    try:
        published = build.publish()
    except PublishConflict:
        build.discard()
        raise
    size = warehouse.published.stat().st_size if warehouse.published.exists() else 0
    context.log.info(f"{'published' if published else 'unchanged'}: {warehouse.published} ({size:,} bytes)")
    return MaterializeResult(metadata={"path": str(warehouse.published), "published": published,
                                       "size_bytes": size})
