"""The inbox sensor: a run of govmeet_job whenever files with new content arrive in the inbox.

"New" is decided by content (warehouse/inbox.py): a copied or re-dropped file whose text the
warehouse already holds launches nothing (a rename does, for its old path is gone: see below).
The run key is a hash of the new files' content hashes, so the same new content is never launched
twice.

While a run this sensor launched is queued or running, the sensor waits: runs publish the whole
warehouse one at a time (dagster.yaml queues them), so a second batch gains nothing by queueing
behind the first, and once the first is published its files are known by the warehouse itself.
That is why the cursor never holds content hashes or paths: it is a fingerprint of the last
inbox listing (so an idle tick over 100,000 unchanged files reads nothing but their stat) and the
last batch key, a few hundred bytes at any inbox size.

The run reads exactly the new files (IngestConfig.inputs), so the UI shows which files a run was
for, plus any renamed or copied files seen since the last run (they launch nothing by themselves,
but once a run is due it records them in the manifest, so the warehouse knows every path that
holds a document). A bulk drop of more than MAX_LISTED_FILES files instead lets the run scan the
inbox folders (unchanged files are skipped by the manifest), keeping the run config small.
"""
from __future__ import annotations

import json

from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from orchestration.jobs import govmeet_job
from orchestration.resources import InboxResource, WarehouseResource
from warehouse.inbox import ContentHashes, inbox_delta, listing_fingerprint
from warehouse.ingest import scan_inputs
from warehouse.publish import connect_reader

TRIGGER_TAG = "govmeet/trigger"  # = "inbox" on every run this sensor launches
BATCH_TAG = "govmeet/inbox_batch"  # the batch key: hash of the new files' content hashes
MAX_LISTED_FILES = 1000
MAX_ATTEMPTS = 3  # a batch whose runs failed this often waits for a person (or for more new files)
IN_FLIGHT = [DagsterRunStatus.QUEUED, DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING,
             DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]

_hashes = ContentHashes()  # content hashes of files at paths the warehouse does not know, by stat


def _published_identity(warehouse: WarehouseResource) -> list[int] | None:
    try:
        st = warehouse.published.stat()
    except FileNotFoundError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _given_up_files(instance) -> set[str]:
    """The files listed by inbox batches whose runs failed MAX_ATTEMPTS times (a file that crashes
    a whole run, e.g. a worker killed for memory): later batches leave them out."""
    failures: dict[str, list] = {}
    for run in instance.get_runs(RunsFilter(statuses=[DagsterRunStatus.FAILURE], tags={TRIGGER_TAG: "inbox"}),
                                 limit=200):
        failures.setdefault(run.tags.get(BATCH_TAG, ""), []).append(run)
    return {path for runs in failures.values() if len(runs) >= MAX_ATTEMPTS for run in runs
            for path in (run.run_config or {}).get("ops", {}).get("raw_documents", {}).get("config", {}).get("inputs", [])}


@sensor(job=govmeet_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING,
        description="Launches govmeet_job for inbox files whose content the warehouse has not seen.")
def inbox_sensor(context: SensorEvaluationContext, inbox: InboxResource, warehouse: WarehouseResource):
    cursor = json.loads(context.cursor) if context.cursor else {}
    running = context.instance.get_runs(RunsFilter(statuses=IN_FLIGHT, tags={TRIGGER_TAG: "inbox"}), limit=1)
    if running:
        return SkipReason(f"run {running[0].run_id} is still queued or running; new files wait for it")
    scan = scan_inputs(inbox.paths)
    files = scan.files
    for path in scan.missing:
        context.log.warning(f"inbox folder {path} does not exist")
    fingerprint = listing_fingerprint(files, _published_identity(warehouse))
    if cursor.get("fingerprint") == fingerprint and cursor.get("new") == 0:
        return SkipReason(f"{len(files):,} inbox files and the warehouse are as at the last tick")
    con = connect_reader(warehouse.published)
    try:
        delta = inbox_delta(scan, con, _hashes, inbox.max_bytes)
    finally:
        if con is not None:
            con.close()
    next_cursor = {"fingerprint": fingerprint, "new": len(delta.new) + len(delta.gone), "batch": cursor.get("batch")}
    held = {f.path for f in delta.new} & _given_up_files(context.instance)
    if held:  # a bad file never blocks the inbox: what arrives after it is batched without it
        delta = delta.without(held)
        if not delta.new and not delta.gone:
            return SensorResult(cursor=json.dumps(next_cursor), skip_reason=SkipReason(
                f"{len(held):,} new files wait for a person: their batch failed {MAX_ATTEMPTS} times; see the "
                "failed runs' logs, fix or remove those files, or run `govmeet run` on them"))
    if not delta.new and not delta.gone:
        return SensorResult(cursor=json.dumps(next_cursor), skip_reason=SkipReason(
            f"{delta.files:,} inbox files, none with new content "
            f"({len(delta.relocated):,} at new paths hold text the warehouse has)"))
    key = delta.batch_key
    earlier = context.instance.get_runs(RunsFilter(tags={BATCH_TAG: key}))
    failed = [r for r in earlier if r.status in (DagsterRunStatus.FAILURE, DagsterRunStatus.CANCELED)]
    if len(failed) >= MAX_ATTEMPTS:
        return SensorResult(cursor=json.dumps(next_cursor), skip_reason=SkipReason(
            f"{len(delta.new):,} new files: their last {len(failed)} runs failed (latest {failed[0].run_id}); "
            "see that run's log, fix the cause, then run `govmeet run` on them or drop more files"))
    next_cursor["batch"] = key
    listed = sorted(f.path for f in delta.new + delta.relocated)
    # [] = the run scans the inbox folders: a bulk drop, or files gone (only a scan can tell)
    inputs = listed if len(listed) <= MAX_LISTED_FILES and not delta.gone else []
    return SensorResult(cursor=json.dumps(next_cursor), run_requests=[RunRequest(
        run_key=f"{key}.{len(earlier)}" if earlier else key,
        run_config={"ops": {"raw_documents": {"config": {"inputs": inputs}}}},
        tags={TRIGGER_TAG: "inbox", BATCH_TAG: key, "govmeet/new_files": str(len(delta.new)),
              "govmeet/gone_files": str(len(delta.gone))},
    )])
