"""Dagster assets: raw documents -> normalized documents -> extracted facts -> core tables -> published.

Every asset is a table in the run's private build file (see warehouse/publish.py); the SQL
models in dbt_like_sql/ are generated as assets in orchestration/sql_assets.py. When nothing is new,
no build file is made and the run costs a stat() per input file.
"""

import time

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    Config,
    MaterializeResult,
    MetadataValue,
    asset,
    multi_asset,
)

from orchestration.resources import InboxResource, ParserResource, WarehouseResource
from transforms import PARSER_VERSION
from transforms.shared.models import CORE_ROW_MODELS, FACT_MODELS
from warehouse.ingest import fresh_files, read_manifest, scan_inputs
from warehouse.merge import merge_stage
from warehouse.sql_models import note_touched_keys
from warehouse.queries import counts_by, row_count
from warehouse.parallel import WorkerPool
from warehouse.stages import documents_to_reparse, extract_stage, normalize_stage, stage_inputs

CORE_KEYS = [AssetKey(model.table.split(".")) for model in CORE_ROW_MODELS]


class IngestConfig(Config):
    """Which inputs this run reads; empty means the inbox resource's paths."""

    inputs: list[str] = []


PROGRESS_EVERY_SECONDS = 5


def _progress(context: AssetExecutionContext):
    """A log line per stage batch, at most every few seconds: `extract: 2,000/3,000 documents (512/s, 2s left)`."""
    last = [0.0]

    def report(stage: str, done: int, total: int, seconds: float) -> None:
        if done == total or time.monotonic() - last[0] > PROGRESS_EVERY_SECONDS:
            last[0] = time.monotonic()
            rate = done / seconds if seconds else 0.0
            left = f", {(total - done) / rate:,.0f}s left" if rate and done < total else ""
            context.log.info(f"{stage}: {done:,}/{total:,} documents ({rate:,.0f}/s{left})")

    return report


def _has_build(context: AssetExecutionContext, warehouse: WarehouseResource) -> bool:
    return warehouse.build(context.run.run_id).exists()


@asset(group_name="ingest", kinds={"duckdb"}, code_version=PARSER_VERSION,
       description="New or changed input files, decoded (stage.raw_documents), and the inputs rejected.")
def raw_documents(context: AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource,
                  inbox: InboxResource, parser: ParserResource) -> MaterializeResult:
    warehouse.check()
    swept = warehouse.sweep()
    if swept:
        context.log.info(f"removed {swept} build file(s) left by runs that died")
    paths = config.inputs or inbox.paths
    scan = scan_inputs(paths)
    for path in scan.missing:
        context.log.warning(f"input {path} does not exist; it was skipped")
    with warehouse.reader(context.run.run_id) as con:
        manifest = read_manifest(con)
        fresh = fresh_files(scan.files, manifest, inbox.max_bytes)
        gone = scan.gone(manifest)
        reparse = documents_to_reparse(con, parser.version)
    files = scan.files
    if not fresh and not reparse and not gone:
        context.log.info(f"{len(files):,} input files, none new, changed or gone; nothing to parse")
        return MaterializeResult(metadata={"input_files": len(files), "new_files": 0, "gone_files": 0, "documents": 0,
                                           "rejected": 0, "reparse": 0, "parser_version": parser.version})
    if gone:
        context.log.info(f"{len(gone):,} input file(s) gone from the input folders: their documents go with them")
    with warehouse.writer(context.run.run_id) as con, WorkerPool(parser.workers) as pool:
        counts = stage_inputs(con, fresh, pool, inbox.max_bytes, _progress(context), parser.version, gone)
        staged = row_count(con, "stage.raw_documents")
    for reason, n in counts.rejected.items():
        context.log.warning(f"{n} input(s) rejected as {reason}: see core.rejected_inputs")
    return MaterializeResult(metadata={
        "input_files": len(files), "new_files": len(fresh), "gone_files": len(gone), "documents": staged,
        "reparse": reparse, "parser_version": parser.version, "rejected": sum(counts.rejected.values()),
        "rejected_by_reason": MetadataValue.json(counts.rejected),
        "read_docs_per_s": round(counts.read / counts.seconds, 1) if counts.seconds else 0.0,
        "cpu_seconds": round(counts.cpu_seconds, 3)})


@asset(group_name="parse", kinds={"duckdb"}, deps=[raw_documents], code_version=PARSER_VERSION,
       description="Normalized documents: Simplified, glosses and mojibake repaired, boilerplate removed.")
def normalized_documents(context: AssetExecutionContext, warehouse: WarehouseResource,
                         parser: ParserResource) -> MaterializeResult:
    if not _has_build(context, warehouse):
        return MaterializeResult(metadata={"documents": 0})
    with warehouse.writer(context.run.run_id) as con, WorkerPool(parser.workers) as pool:
        counts = normalize_stage(con, pool, parser.batch_size, _progress(context), parser.version)
        scripts = counts_by(con, "stage.documents", "script")
    return MaterializeResult(metadata={
        "documents": counts.documents, "rejected": sum(counts.rejected.values()),
        "rejected_by_reason": MetadataValue.json(counts.rejected), "by_script": MetadataValue.json(scripts),
        "docs_per_s": round(counts.read / counts.seconds, 1) if counts.seconds else 0.0,
        "cpu_seconds": round(counts.cpu_seconds, 3)})


@asset(group_name="parse", kinds={"duckdb"}, deps=[normalized_documents], code_version=PARSER_VERSION,
       description="Meetings, people, quorum, documents, targets and outcomes extracted from the normalized text.")
def extracted_facts(context: AssetExecutionContext, warehouse: WarehouseResource,
                    parser: ParserResource) -> MaterializeResult:
    if not _has_build(context, warehouse):
        return MaterializeResult(metadata={"documents": 0})
    with warehouse.writer(context.run.run_id) as con, WorkerPool(parser.workers) as pool:
        counts = extract_stage(con, pool, parser.batch_size, _progress(context))
        facts = {m.table_name(): row_count(con, f"stage.{m.table_name()}") for m in FACT_MODELS}
    return MaterializeResult(metadata={
        "documents": counts.documents, "rejected": sum(counts.rejected.values()),
        "rejected_by_reason": MetadataValue.json(counts.rejected), **facts,
        "docs_per_s": round(counts.read / counts.seconds, 1) if counts.seconds else 0.0,
        "cpu_seconds": round(counts.cpu_seconds, 3)})


@multi_asset(
    specs=[AssetSpec(key, group_name="core", kinds={"duckdb"}, deps=[extracted_facts],
                     description=f"{'.'.join(key.path)}: see CONTRACT.md") for key in CORE_KEYS],
    can_subset=False,
)
def core_tables(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Merge the run's stage tables into core.*: replace reparsed documents' rows, in one transaction."""
    added: dict[str, int] = {}
    if _has_build(context, warehouse):
        with warehouse.writer(context.run.run_id) as con:
            from orchestration.sql_assets import SQL_MODELS

            added = merge_stage(con, before_delete=lambda c: note_touched_keys(c, SQL_MODELS))
    with warehouse.reader(context.run.run_id) as con:
        for key in CORE_KEYS:
            table = ".".join(key.path)
            rows = 0 if con is None else row_count(con, table)
            metadata = {"rows": rows, "rows_added": added.get(table, 0)}
            if table == "core.rejected_inputs" and con is not None:
                metadata["by_reason"] = MetadataValue.json(counts_by(con, "core.rejected_inputs", "reason"))
            yield MaterializeResult(asset_key=key, metadata=metadata)
