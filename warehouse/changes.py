"""What this run changed, so that checks and marts cost what the run adds, not what the warehouse holds.

The merge (warehouse/merge.py) records, in the run's build file, schema `changed`:
- `changed.documents(doc_id)`: every document this run added, parsed again or replaced (its rows
  in core were deleted and, unless the document went away, inserted anew);
- `changed.sources(source_uri)`: every input file or record this run read or rejected;
- `changed.<schema>__<model>`: the keys of each keyed SQL model that the old rows of those
  documents touched (warehouse/sql_models.py adds the keys their new rows touch).

The checks then read only those rows (`scoped` below), the SQL models delete and re-insert only
those keys, and the publish step drops the schema: a published warehouse never holds it, so a
later run (or the daily full rebuild) cannot mistake an old run's changes for its own.

A full check of everything stays available: the daily `rebuild_marts_job` (tag
govmeet/rebuild_marts=true), or GOVMEET_FULL_CHECKS=1 for any run.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from warehouse.queries import table_exists

SCHEMA = "changed"
FULL_CHECKS_ENV = "GOVMEET_FULL_CHECKS"


def record_changes(con, doc_ids: list[str]) -> None:
    """Record the documents whose rows this run is about to replace (temp tables of doc ids, the
    union of them) and the inputs it read; called by the merge before it deletes anything."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    union = " UNION ".join(f"SELECT doc_id FROM {name}" for name in doc_ids)
    con.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.documents AS SELECT DISTINCT doc_id FROM ({union}) "
                "WHERE doc_id IS NOT NULL")
    con.execute(f"""CREATE OR REPLACE TABLE {SCHEMA}.sources AS
                    SELECT source_uri FROM stage.input_files UNION SELECT source_uri FROM stage.rejected_inputs""")


def has_changes(con) -> bool:
    """True when this build recorded a run's changes (a merge happened in this run)."""
    return con is not None and table_exists(con, SCHEMA, "documents")


def full_checks_requested() -> bool:
    return os.environ.get(FULL_CHECKS_ENV, "").strip().lower() in ("1", "true", "yes")


def forget_changes(con) -> None:
    """Drop what this run recorded: called just before publishing."""
    con.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


def define_check_scope(con, full: bool) -> None:
    """Temp views the SQL data tests read to know which rows to check: `checked_documents(doc_id)`
    and `checked_meetings(meeting_id)`: this run's changed documents and their meetings, or every
    document and meeting when `full` (or when no changes were recorded)."""
    if full or not has_changes(con):
        documents = "SELECT doc_id FROM core.documents"
    else:
        documents = f"SELECT doc_id FROM {SCHEMA}.documents"
    con.execute(f"CREATE OR REPLACE TEMP VIEW checked_documents AS {documents}")
    con.execute("CREATE OR REPLACE TEMP VIEW checked_meetings AS SELECT meeting_id FROM core.meetings "
                "WHERE doc_id IN (SELECT doc_id FROM checked_documents)")


@dataclass(frozen=True)
class PendingWork:
    """What a run would do, as seen before it starts: how many input files are new or changed
    (or retried), gone, and how many stored documents await a new parser."""

    input_files: int
    missing: list[str]
    fresh: int
    gone: int
    reparse: int

    @property
    def idle(self) -> bool:
        return not (self.fresh or self.gone or self.reparse)

    @property
    def documents_at_least(self) -> int:
        return self.fresh + self.reparse


def pending_work(paths: list[str], published: Path, parser_version: str, max_bytes: int) -> PendingWork:
    """A stat() per input file and one read-only query: `govmeet run` stops here, without
    starting Dagster, checks, marts or publish, when the work is idle, and starts as many parser
    processes as the work needs while Dagster loads."""
    from warehouse.connections import open_reader
    from warehouse.ingest import fresh_files, read_manifest, scan_inputs
    from warehouse.publish import sweep_stale_builds
    from warehouse.stages import documents_to_reparse

    scan = scan_inputs(paths)
    if not published.exists():
        return PendingWork(len(scan.files), scan.missing, len(scan.files), 0, 0)
    sweep_stale_builds(published.parent / ".build")
    con = open_reader(published)
    try:
        manifest = read_manifest(con)
        # new, changed, retried (its rejection's advice followed) or gone
        return PendingWork(len(scan.files), scan.missing, len(fresh_files(scan.files, manifest, max_bytes)),
                           len(scan.gone(manifest)), documents_to_reparse(con, parser_version))
    finally:
        con.close()
