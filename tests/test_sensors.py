"""The inbox sensor and the daily schedule, evaluated with Dagster's own test helpers and run for real."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import (
    DagsterInstance,
    DagsterRun,
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    Definitions,
    build_schedule_context,
    build_sensor_context,
)

from conftest import REPO, SAMPLE_DIR
from orchestration import sensors
from orchestration.definitions import build_definitions, defs
from orchestration.resources import InboxResource, ParserResource, WarehouseResource
from orchestration.schedules import daily_marts_rebuild
from orchestration.sensors import BATCH_TAG, TRIGGER_TAG, inbox_sensor
from orchestration.sql_assets import REBUILD_TAG

SEEDS = sorted(SAMPLE_DIR.glob("*.txt"))


@pytest.fixture
def instance():
    with DagsterInstance.ephemeral() as instance:
        yield instance


@pytest.fixture
def setup(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    resources = {"inbox": InboxResource(paths=[str(inbox)]),
                 "warehouse": WarehouseResource(path=str(tmp_path / "wh" / "govmeet.duckdb")),
                 "parser": ParserResource(workers=1)}
    return inbox, resources


class Ticks:
    """Evaluates the sensor tick after tick, carrying its cursor as the sensor daemon does."""

    def __init__(self, instance, resources):
        self.instance, self.resources, self.cursor = instance, resources, None

    def __call__(self):
        with build_sensor_context(instance=self.instance, cursor=self.cursor,
                                  resources={k: self.resources[k] for k in ("inbox", "warehouse")}) as context:
            result = inbox_sensor.evaluate_tick(context)
        self.cursor = result.cursor or self.cursor
        return result

    def launch(self, request, expect_success=True):
        """Execute a run request of the sensor like the daemon would (same run config and tags)."""
        job = build_definitions(self.resources).resolve_job_def("govmeet_job")
        result = job.execute_in_process(run_config=request.run_config, tags=request.tags, instance=self.instance,
                                        raise_on_error=False)
        assert result.success is expect_success
        return result


def inputs_of(request) -> list[str]:
    return sorted(Path(p).name for p in request.run_config["ops"]["raw_documents"]["config"]["inputs"])


def documents(resources) -> dict[str, str]:
    con = duckdb.connect(str(resources["warehouse"].published), read_only=True)
    try:
        return dict(con.execute("select doc_id, regexp_extract(source_uri, '[^/]+$') from core.documents").fetchall())
    finally:
        con.close()


def test_sensor_and_schedule_are_on_by_default_and_load():
    assert inbox_sensor.default_status == DefaultSensorStatus.RUNNING
    assert daily_marts_rebuild.default_status == DefaultScheduleStatus.RUNNING
    Definitions.validate_loadable(defs)
    assert {s.name for s in defs.sensors} == {"inbox_sensor"}
    assert {s.name for s in defs.schedules} == {"daily_marts_rebuild"}


def test_dagster_yaml_queues_one_run_at_a_time(tmp_path):
    shutil.copy(REPO / "dagster.yaml", tmp_path / "dagster.yaml")
    with DagsterInstance.from_config(str(tmp_path)) as instance:
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1


def test_sensor_launches_new_content_only(setup, instance):
    inbox, resources = setup
    tick = Ticks(instance, resources)
    shutil.copy(SEEDS[0], inbox / "a.txt")
    shutil.copy(SEEDS[1], inbox / "b.txt")

    first = tick()
    (request,) = first.run_requests
    assert inputs_of(request) == ["a.txt", "b.txt"]
    assert request.tags[TRIGGER_TAG] == "inbox" and request.run_key == request.tags[BATCH_TAG]
    launched = tick.launch(request)
    assert set(documents(resources).values()) == {"a.txt", "b.txt"}
    # the run's progress shows in the Dagster log
    messages = [e.user_message for e in instance.all_logs(launched.run_id)]
    assert any(m.startswith("extract: 2/2 documents") for m in messages), messages

    assert not tick().run_requests  # nothing new
    idle = tick()  # the listing and the warehouse are as at the last tick: decided from the cursor alone
    assert not idle.run_requests and "as at the last tick" in idle.skip_message

    # a copy and a touch bring no new content: no run
    shutil.copy(inbox / "a.txt", inbox / "a_copy.txt")
    os.utime(inbox / "a.txt", (1_700_000_000, 1_700_000_000))
    quiet = tick()
    assert not quiet.run_requests and "none with new content" in quiet.skip_message

    # a rename: b.txt is gone, so a run scans the inbox; the document is kept under its new path
    os.rename(inbox / "b.txt", inbox / "b_renamed.txt")
    (request,) = tick().run_requests
    assert inputs_of(request) == [] and request.tags["govmeet/gone_files"] == "1"
    tick.launch(request)
    assert sorted(documents(resources).values()) == ["a.txt", "b_renamed.txt"]

    # a changed file and a new file: one run for those two (that scan recorded the copy)
    shutil.copy(SEEDS[2], inbox / "a.txt")
    shutil.copy(SEEDS[3], inbox / "c.txt")
    (request,) = tick().run_requests
    assert inputs_of(request) == ["a.txt", "c.txt"]
    assert request.tags["govmeet/new_files"] == "2"
    tick.launch(request)
    docs = documents(resources)
    # four texts: a.txt now holds seed 2; seed 0 lives on in a_copy.txt; seed 1 in b_renamed.txt
    assert len(docs) == 4 and sorted(docs.values()) == ["a.txt", "a_copy.txt", "b_renamed.txt", "c.txt"]
    assert not tick().run_requests
    assert len(tick.cursor) < 200


def test_a_bad_file_never_blocks_the_inbox_and_a_deleted_file_takes_its_document(setup, instance):
    inbox, resources = setup
    tick = Ticks(instance, resources)
    (inbox / "deep.json").write_text("[" * 100_000)  # json.loads raises RecursionError on it
    shutil.copy(SEEDS[0], inbox / "a.txt")
    (request,) = tick().run_requests
    tick.launch(request)  # the run succeeds: the bad file is a rejection
    assert set(documents(resources).values()) == {"a.txt"}

    shutil.copy(SEEDS[1], inbox / "b.txt")
    (request,) = tick().run_requests
    assert inputs_of(request) == ["b.txt"]  # the rejected file is not batched again with the good one
    tick.launch(request)
    assert not tick().run_requests

    (inbox / "a.txt").unlink()
    (request,) = tick().run_requests
    tick.launch(request)
    assert set(documents(resources).values()) == {"b.txt"}
    assert not tick().run_requests


def test_a_file_whose_batch_keeps_failing_is_left_out_of_later_batches(setup, instance):
    inbox, resources = setup
    tick = Ticks(instance, resources)
    shutil.copy(SEEDS[0], inbox / "crashes.txt")  # say it crashes a worker each time
    (request,) = tick().run_requests
    for _ in range(sensors.MAX_ATTEMPTS):
        instance.report_run_failed(instance.add_run(DagsterRun(
            job_name="govmeet_job", status=DagsterRunStatus.STARTED, tags=request.tags, run_config=request.run_config)))
    waiting = tick()
    assert not waiting.run_requests and "wait for a person" in waiting.skip_message
    shutil.copy(SEEDS[1], inbox / "good.txt")
    (request,) = tick().run_requests
    assert inputs_of(request) == ["good.txt"]


def test_same_new_content_is_one_batch_whatever_the_paths(setup, instance):
    inbox, resources = setup
    shutil.copy(SEEDS[0], inbox / "x.txt")
    key_one = Ticks(instance, resources)().run_requests[0].run_key
    os.rename(inbox / "x.txt", inbox / "y.txt")
    assert Ticks(instance, resources)().run_requests[0].run_key == key_one


def test_sensor_waits_for_its_run_in_flight_and_retries_a_failed_batch(setup, instance, monkeypatch):
    inbox, resources = setup
    tick = Ticks(instance, resources)
    shutil.copy(SEEDS[0], inbox / "a.txt")
    (request,) = tick().run_requests
    key = request.tags[BATCH_TAG]

    running = instance.add_run(DagsterRun(job_name="govmeet_job", status=DagsterRunStatus.STARTED, tags=request.tags))
    waiting = tick()
    assert not waiting.run_requests and running.run_id in waiting.skip_message

    instance.report_run_failed(running)  # it failed (e.g. a publish conflict): the batch is tried again
    (retry,) = tick().run_requests
    assert retry.tags[BATCH_TAG] == key and retry.run_key == f"{key}.1"

    for _ in range(sensors.MAX_ATTEMPTS - 1):
        instance.report_run_failed(instance.add_run(
            DagsterRun(job_name="govmeet_job", status=DagsterRunStatus.STARTED, tags=request.tags)))
    given_up = tick()
    assert not given_up.run_requests and "failed" in given_up.skip_message


def test_bulk_drop_lets_the_run_scan_the_inbox(setup, instance, monkeypatch):
    inbox, resources = setup
    monkeypatch.setattr(sensors, "MAX_LISTED_FILES", 2)
    for seed in SEEDS[:3]:
        shutil.copy(seed, inbox)
    tick = Ticks(instance, resources)
    (request,) = tick().run_requests
    assert inputs_of(request) == [] and request.tags["govmeet/new_files"] == "3"
    tick.launch(request)
    assert len(documents(resources)) == 3
    assert not tick().run_requests


def test_cursor_stays_small_for_a_big_inbox(setup, instance):
    inbox, resources = setup
    for i in range(2000):
        (inbox / f"{i:05d}.txt").write_text(f"第{i}号文件", encoding="utf-8")
    tick = Ticks(instance, resources)
    (request,) = tick().run_requests
    assert request.tags["govmeet/new_files"] == "2000"
    assert inputs_of(request) == []  # over MAX_LISTED_FILES: the run config stays small too
    assert len(tick.cursor) < 200 and json.loads(tick.cursor)["new"] == 2000


def test_daily_schedule_rebuilds_marts_and_runs_checks(tmp_path, instance):
    (request,) = daily_marts_rebuild.evaluate_tick(build_schedule_context()).run_requests
    assert request.tags[REBUILD_TAG] == "true"

    resources = {"inbox": InboxResource(paths=[str(SAMPLE_DIR)]),
                 "warehouse": WarehouseResource(path=str(tmp_path / "govmeet.duckdb")),
                 "parser": ParserResource(workers=1)}
    definitions = build_definitions(resources)
    assert definitions.resolve_job_def("govmeet_job").execute_in_process(instance=instance).success
    published = resources["warehouse"].published
    con = duckdb.connect(str(published))
    meetings = con.execute("select count(*) from marts.meeting_calendar").fetchone()[0]
    con.execute("delete from marts.meeting_calendar")  # a stale mart, as if the SQL had changed
    con.close()

    job = definitions.resolve_job_def(daily_marts_rebuild.job_name)
    result = job.execute_in_process(instance=instance, tags=request.tags)
    assert result.success
    checks = {(e.asset_key.path[-1], e.check_name) for e in result.get_asset_check_evaluations()}
    assert ("meeting_calendar", "meeting_calendar_covers_meetings") in checks  # a marts check
    assert ("meetings", "meets_contract") in checks  # a core contract check, on the published rows
    materialized = {tuple(m.asset_key.path) for m in result.get_asset_materialization_events()
                    for m in [m.step_materialization_data.materialization]}
    assert ("published_warehouse",) in materialized and ("core", "documents") not in materialized
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("select count(*) from marts.meeting_calendar").fetchone()[0] == meetings > 0
    con.close()
