"""The one Definitions object: `dagster dev` (via [tool.dagster] in pyproject.toml) and `govmeet run` load it."""
from __future__ import annotations

from dagster import AssetSelection, Definitions, define_asset_job, in_process_executor

from orchestration.assets import core_tables, extracted_facts, normalized_documents, raw_documents
from orchestration.checks import core_contract_checks
from orchestration.resources import default_resources
from orchestration.sql_assets import published_warehouse, sql_model_assets, sql_test_checks

ALL_ASSETS = [raw_documents, normalized_documents, extracted_facts, core_tables,
              *sql_model_assets, published_warehouse]
ALL_CHECKS = [*core_contract_checks, *sql_test_checks]

# All stages share one build file, so they run in one process; parsing uses both cores inside.
govmeet_job = define_asset_job("govmeet_job", selection=AssetSelection.all(), executor_def=in_process_executor,
                               description="Parse every new input and publish the warehouse.")

defs = Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[govmeet_job],
    resources=default_resources(),
    executor=in_process_executor,
)
