"""Checks on the core tables, in one step: the contract (vocabularies, keys, evidence spans,
derived from the row models) and the SQL data tests of dbt_like_sql/tests/ that guard a core table.

All are blocking. A run checks only the rows it added or replaced (warehouse/changes.py); the
daily rebuild (tag govmeet/rebuild_marts=true) or GOVMEET_FULL_CHECKS=1 checks every row. One
step rather than one per check: each Dagster step costs ~0.1 s of its own, whatever it checks.
"""

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetKey, MetadataValue, multi_asset_check

from orchestration.resources import WarehouseResource
from orchestration.sql_assets import CORE_TESTS, full_check, nothing_built, test_result
from transforms.shared.models import CORE_ROW_MODELS
from warehouse.contract import contract_problems


def _key(table: str) -> AssetKey:
    return AssetKey(table.split("."))


_SPECS = [AssetCheckSpec("meets_contract", asset=_key(model.table), blocking=True,
                         description=f"{model.table}: vocabularies, unique keys and evidence spans as CONTRACT.md fixes them")
          for model in CORE_ROW_MODELS]
_SPECS += [AssetCheckSpec(test.name, asset=_key(table), blocking=True, description=test.description)
           for test, table in CORE_TESTS]


@multi_asset_check(specs=_SPECS, name="core_checks", description="The contract checks and SQL data tests of the core tables.")
def core_checks(context: AssetCheckExecutionContext, warehouse: WarehouseResource):
    if (skipped := nothing_built(context, warehouse)) is not None:
        for spec in _SPECS:
            yield AssetCheckResult(asset_key=spec.asset_key, check_name=spec.name, passed=True, metadata=skipped)
        return
    full = full_check(context)
    with warehouse.reader(context.run.run_id) as con:
        for model in CORE_ROW_MODELS:
            problems = [] if con is None else contract_problems(con, model, full=full)
            yield AssetCheckResult(asset_key=_key(model.table), check_name="meets_contract", passed=not problems,
                                   severity=AssetCheckSeverity.ERROR,
                                   metadata={"problems": MetadataValue.json(problems), "full": full})
        for test, table in CORE_TESTS:
            yield test_result(con, test, table, full)


core_contract_checks = [core_checks]
