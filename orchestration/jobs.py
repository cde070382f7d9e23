"""The jobs: parse-and-publish everything (CLI, sensor) and rebuild the marts (daily schedule)."""
from __future__ import annotations

from dagster import AssetKey, AssetSelection, define_asset_job, in_process_executor

from orchestration.assets import CORE_KEYS
from orchestration.sql_assets import REBUILD_TAG, SQL_MODELS

# All stages share one build file, so they run in one process; parsing uses both cores inside.
govmeet_job = define_asset_job("govmeet_job", selection=AssetSelection.all(), executor_def=in_process_executor,
                               description="Parse every new input and publish the warehouse.")

# The SQL models and the published warehouse, with their checks, and the checks of the core tables
# (run against the published rows): the marts are rebuilt even when no input changed.
rebuild_marts_job = define_asset_job(
    "rebuild_marts_job",
    selection=(AssetSelection.assets(*[AssetKey(m.qualified.split(".")) for m in SQL_MODELS],
                                     AssetKey("published_warehouse"))
               | AssetSelection.checks_for_assets(*CORE_KEYS)),
    executor_def=in_process_executor,
    tags={REBUILD_TAG: "true"},
    description="Rebuild the staging views and marts from core, run every check, publish.",
)
