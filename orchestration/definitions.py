"""The one Definitions object: `dagster dev` (via [tool.dagster] in pyproject.toml) and `govmeet run` load it."""
from __future__ import annotations

from dagster import Definitions, in_process_executor

from orchestration.assets import core_tables, extracted_facts, normalized_documents, raw_documents
from orchestration.checks import core_contract_checks
from orchestration.jobs import govmeet_job, rebuild_marts_job
from orchestration.resources import default_resources
from orchestration.schedules import daily_marts_rebuild
from orchestration.sensors import inbox_sensor
from orchestration.sql_assets import published_warehouse, sql_model_assets, sql_test_checks

ALL_ASSETS = [raw_documents, normalized_documents, extracted_facts, core_tables,
              *sql_model_assets, published_warehouse]
ALL_CHECKS = [*core_contract_checks, *sql_test_checks]


def build_definitions(resources: dict | None = None, **extra) -> Definitions:
    """The project's definitions; tests and the CLI swap the resources (and add loggers)."""
    return Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[govmeet_job, rebuild_marts_job],
        sensors=[inbox_sensor],
        schedules=[daily_marts_rebuild],
        resources=resources if resources is not None else default_resources(),
        executor=in_process_executor,
        **extra,
    )


defs = build_definitions()
