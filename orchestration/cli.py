"""`govmeet`: the command line. `govmeet run` materializes the Dagster asset graph in-process."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

# Dagster, DuckDB and the parsers are imported inside the commands that use them: `govmeet --help`,
# `eval`, `sql` and argument errors answer at once
from warehouse import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES, DEFAULT_WAREHOUSE, DEFAULT_WORKERS, SAMPLE_CORPUS


def summary_tables() -> list[tuple[str, str]]:
    from transforms.shared.models import FACT_MODELS, DocumentRow, RejectedInputRow

    return [(model.summary_label(), model.table) for model in (DocumentRow, *FACT_MODELS, RejectedInputRow)]


class _CompactFormatter(logging.Formatter):
    """`11:18:00 extracted_facts        extract: 2,000/3,000 documents (512/s, 2s left)`: no run id, no job name."""

    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", None) or {}
        message = str(meta.get("orig_message") or record.getMessage())
        event = meta.get("dagster_event")
        error = getattr(getattr(event, "event_specific_data", None), "error", None) if event else None
        if error is not None:
            message = f"{message}: {error.message.strip()}"
        lines = message.strip().splitlines() or [""]
        more = f" (+{len(lines) - 1} lines)" if len(lines) > 1 and record.levelno >= logging.WARNING else ""
        stamp = time.strftime("%H:%M:%S", time.localtime(record.created))
        level = "" if record.levelno < logging.WARNING else f"{record.levelname}: "
        return f"{stamp} {meta.get('step_key') or '':<22} {level}{lines[0]}{more}"


def _is_news(record: logging.LogRecord) -> bool:
    """Drop the echoes of a failure (each skipped downstream step, the run's own failure line):
    the failure itself is logged, and `govmeet run` sums it up at the end."""
    message = str((getattr(record, "dagster_meta", None) or {}).get("orig_message") or record.getMessage())
    return not (message.startswith("Dependencies for step") or message.startswith("Execution of run for"))


def _compact_console_logger():
    from dagster import Field, logger

    @logger({"log_level": Field(str, is_required=False, default_value="INFO")},
            description="One short line a message on stderr: time, step, message.")
    def compact_console(init_context) -> logging.Logger:
        log = logging.getLogger("govmeet.run")
        log.setLevel(init_context.logger_config["log_level"].upper())
        log.propagate = False
        for handler in list(log.handlers):
            log.removeHandler(handler)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_CompactFormatter())
        handler.addFilter(_is_news)
        log.addHandler(handler)
        return log

    return compact_console


def cli_resources(inputs: list[str], warehouse: str, workers: int, max_bytes: int,
                  batch_size: int | None = None, parser_version: str | None = None) -> dict:
    from orchestration.resources import InboxResource, ParserResource, WarehouseResource

    parser = {"workers": workers}
    if batch_size:
        parser["batch_size"] = batch_size
    if parser_version:
        parser["version"] = parser_version
    return {
        "warehouse": WarehouseResource(path=warehouse),
        "inbox": InboxResource(paths=inputs, max_bytes=max_bytes),
        "parser": ParserResource(**parser),
    }


def execute(resources: dict, inputs: list[str], quiet: bool = False):
    """One run of govmeet_job in this process (ephemeral instance); a failed run's build is discarded."""
    from dagster import DagsterInstance

    from orchestration.definitions import build_definitions

    defs = build_definitions(resources, loggers={"console": _compact_console_logger()})
    run_config = {"ops": {"raw_documents": {"config": {"inputs": inputs}}},
                  "loggers": {"console": {"config": {"log_level": "WARNING" if quiet else "INFO"}}}}
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("govmeet_job").execute_in_process(
            run_config=run_config, instance=instance, raise_on_error=False)
    if not result.success:
        resources["warehouse"].close()
        resources["warehouse"].build(result.run_id).discard()
    return result


def run(inputs: list[str], warehouse: str, workers: int, max_bytes: int, quiet: bool = False,
        report: str | None = None, batch_size: int | None = None, parser_version: str | None = None) -> int:
    """Materialize every asset and check over `inputs` into `warehouse`; returns the exit status."""
    started = time.perf_counter()
    missing = [path for path in inputs if not os.path.lexists(path)]
    if missing:
        print(f"govmeet run: no such input: {', '.join(missing)}; check the --input path(s). Nothing was run.",
              file=sys.stderr)
        return 2
    from warehouse.publish import CorruptWarehouse, check_readable

    try:
        check_readable(Path(warehouse).resolve())
    except CorruptWarehouse as error:
        print(f"govmeet run: {error}", file=sys.stderr)
        return 1
    from transforms import PARSER_VERSION
    from warehouse.changes import pending_work
    from warehouse.parallel import SERIAL_BELOW, prestart

    work = pending_work(inputs, Path(warehouse).resolve(), parser_version or PARSER_VERSION, max_bytes)
    if work.idle:
        _report_idle(work, warehouse, quiet, report, started)
        return 0
    if workers > 1:  # the workers load the parsers on the other core while this process loads Dagster
        prestart(workers if work.documents_at_least >= SERIAL_BELOW else 1)
    resources = cli_resources(inputs, warehouse, workers, max_bytes, batch_size, parser_version)
    result = execute(resources, inputs, quiet)
    elapsed = time.perf_counter() - started
    if report:
        from orchestration.run_report import write_run_report

        write_run_report(result, elapsed, report)
    if not result.success:
        print("govmeet run failed; the published warehouse was left as it was.", file=sys.stderr)
        for message in failure_messages(result)[:8]:
            print(f"  {message}", file=sys.stderr)
        return 1
    print_summary(Path(warehouse), elapsed, run_counts(result))
    return 0


def _report_idle(work, warehouse: str, quiet: bool, report: str | None, started: float) -> None:
    """A run with nothing new (no new or changed input, nothing for a new parser) stops before
    Dagster: no build, no checks, no marts, no publish (issue 16). This says so."""
    for path in work.missing:
        print(f"WARNING: input {path} does not exist; it was skipped", file=sys.stderr)
    if not quiet:
        print(f"{work.input_files:,} input files, none new or changed; nothing to parse", file=sys.stderr)
    elapsed = time.perf_counter() - started
    if report:
        from orchestration.run_report import write_idle_report

        write_idle_report(work.input_files, elapsed, report)
    print_summary(Path(warehouse).resolve(), elapsed, {"new files": 0, "documents parsed": 0, "rejected": 0})


def failure_messages(result) -> list[str]:
    """Why a run failed, a line each: the checks that failed with what they found, then step errors."""
    messages = []
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            found = {k: v.value for k, v in evaluation.metadata.items() if k in ("problems", "failing_rows", "sample")}
            messages.append(f"check {'/'.join(evaluation.asset_key.path)}:{evaluation.check_name} failed: "
                            f"{json.dumps(found, ensure_ascii=False, default=str)[:500]}")
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            cause = error.cause if error.cls_name == "DagsterExecutionStepExecutionError" and error.cause else error
            if cause.cls_name == "DagsterAssetCheckFailedError":
                continue  # said above, with what the check found
            messages.append(f"step {event.step_key}: {cause.cls_name}: {cause.message.strip().splitlines()[0]}")
    return messages


def run_counts(result) -> dict[str, int]:
    """What this run did, from its assets' metadata: new files, documents parsed, inputs rejected."""
    def value(asset: str, key: str) -> int:
        for m in result.asset_materializations_for_node(asset):
            if key in m.metadata:
                return int(m.metadata[key].value)
        return 0

    return {"new files": value("raw_documents", "new_files"),
            "documents parsed": value("extracted_facts", "documents"),
            "rejected": sum(value(a, "rejected") for a in ("raw_documents", "normalized_documents", "extracted_facts"))}


def print_summary(warehouse: Path, elapsed: float, this_run: dict[str, int] | None = None) -> None:
    from warehouse.connections import open_reader

    print(f"govmeet: warehouse {warehouse}")
    if not warehouse.exists():
        print("  (no warehouse yet: no input was found)")
        return
    con = open_reader(warehouse)
    try:
        counts = {label: con.execute(f"select count(*) from {table}").fetchone()[0] for label, table in summary_tables()}
        reasons = con.execute("select reason, count(*) from core.rejected_inputs group by 1 order by 2 desc").fetchall()
    finally:
        con.close()
    for label, n in counts.items():
        print(f"  {label:<18} {n:>9,}")
    if reasons:
        print("  rejected by reason: " + ", ".join(f"{r} {n}" for r, n in reasons))
    if this_run is not None:
        print("  this run:          " + ", ".join(f"{n:,} {label}" for label, n in this_run.items()))
    print(f"  time taken         {elapsed:>8.1f}s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="govmeet", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run_cmd = commands.add_parser("run", help="parse inputs into the warehouse through the Dagster asset graph")
    run_cmd.add_argument("--input", action="append", dest="inputs", metavar="PATH",
                         help="a file or folder (searched recursively); repeatable; default: the bundled sample")
    run_cmd.add_argument("--warehouse", default=os.environ.get("GOVMEET_WAREHOUSE", DEFAULT_WAREHOUSE),
                         help=f"the DuckDB file to publish (default: {DEFAULT_WAREHOUSE} or $GOVMEET_WAREHOUSE)")
    run_cmd.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="parser processes")
    run_cmd.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="largest input file accepted")
    run_cmd.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                         help="documents per parse batch (and per progress line)")
    run_cmd.add_argument("--quiet", action="store_true", help="log warnings only")
    run_cmd.add_argument("--report", metavar="FILE", help="also write seconds per step and asset metadata as JSON")
    from orchestration.evaluate_cli import add_eval_command
    from orchestration.export_cli import add_export_command
    from orchestration.sql_cli import add_sql_command

    add_eval_command(commands)
    add_sql_command(commands)
    add_export_command(commands)
    args = parser.parse_args(argv)
    if args.command == "run":
        logging.getLogger("dagster").setLevel(logging.WARNING if args.quiet else logging.INFO)
        return run(args.inputs or [SAMPLE_CORPUS], args.warehouse, args.workers, args.max_bytes, args.quiet,
                   args.report, args.batch_size)
    return args.func(args)


def console_main() -> None:
    """The `govmeet` script: main(), then exit without tearing the interpreter down.

    Everything is written and closed by then (connections are closed by their context managers;
    atexit handlers, such as stopping the worker processes, and logging still run here). What is
    skipped is Python freeing Dagster's, SQLAlchemy's and the parsers' objects one by one at
    shutdown: 0.8 s of every run on this machine, a fifth of a small incremental run (issue 20)."""
    code = main()
    import atexit

    atexit._run_exitfuncs()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    console_main()
