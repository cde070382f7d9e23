"""Contract checks on the core tables, derived from the row models: vocabularies, keys, evidence spans.

One blocking check per core table; the relational rules (orphans, quorum, plausible values) are
SQL data tests in dbt_like_sql/tests/.
"""

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetKey, MetadataValue, asset_check

from orchestration.resources import WarehouseResource
from transforms.shared.models import CORE_ROW_MODELS, Row
from warehouse.contract import contract_problems


def _contract_check(model: type[Row]):
    @asset_check(asset=AssetKey(model.table.split(".")), name="meets_contract", blocking=True,
                 description=f"{model.table}: vocabularies, unique keys and evidence spans as CONTRACT.md fixes them")
    def _check(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> AssetCheckResult:
        from orchestration.sql_assets import nothing_built

        if (skipped := nothing_built(context, warehouse)) is not None:
            return skipped
        with warehouse.reader(context.run.run_id) as con:
            problems = [] if con is None else contract_problems(con, model)
        return AssetCheckResult(passed=not problems, metadata={"problems": MetadataValue.json(problems)})

    return _check


core_contract_checks = [_contract_check(model) for model in CORE_ROW_MODELS]
