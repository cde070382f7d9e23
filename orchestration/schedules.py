"""The daily schedule: rebuild the marts from core and run every check, even on days without input.

The marts are rebuilt when a run changes core; the daily rebuild also picks up changes to the
SQL models themselves and re-runs the checks against the published warehouse.
"""
from __future__ import annotations

from dagster import DefaultScheduleStatus, ScheduleDefinition

from orchestration.jobs import rebuild_marts_job
from orchestration.sql_assets import REBUILD_TAG

daily_marts_rebuild = ScheduleDefinition(
    name="daily_marts_rebuild",
    job=rebuild_marts_job,
    cron_schedule="0 5 * * *",
    execution_timezone="Asia/Shanghai",  # before the working day of the readers of these dashboards
    default_status=DefaultScheduleStatus.RUNNING,
    tags={REBUILD_TAG: "true"},
    description="Every day at 05:00 (Asia/Shanghai): rebuild staging and marts, run the checks, publish.",
)
