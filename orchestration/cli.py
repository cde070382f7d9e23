"""`govmeet`: the command line. `govmeet run` materializes the Dagster asset graph in-process."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from orchestration.resources import DEFAULT_WAREHOUSE, SAMPLE_CORPUS, InboxResource, ParserResource, WarehouseResource
from warehouse.ingest import DEFAULT_MAX_BYTES

SUMMARY_TABLES = [("documents", "core.documents"), ("meetings", "core.meetings"),
                  ("participations", "core.participations"), ("quorum rows", "core.quorum"),
                  ("adopted documents", "core.adopted_documents"), ("targets", "core.economic_targets"),
                  ("rejected inputs", "core.rejected_inputs")]


def run(inputs: list[str], warehouse: str, workers: int, max_bytes: int, quiet: bool = False) -> int:
    """Materialize every asset and check over `inputs` into `warehouse`; returns the exit status."""
    from dagster import DagsterInstance, materialize

    from orchestration.definitions import ALL_ASSETS, ALL_CHECKS

    started = time.perf_counter()
    resources = {
        "warehouse": WarehouseResource(path=warehouse),
        "inbox": InboxResource(paths=inputs, max_bytes=max_bytes),
        "parser": ParserResource(workers=workers),
    }
    run_config = {"ops": {"raw_documents": {"config": {"inputs": inputs}}},
                  "loggers": {"console": {"config": {"log_level": "WARNING" if quiet else "INFO"}}}}
    with DagsterInstance.ephemeral() as instance:
        result = materialize([*ALL_ASSETS, *ALL_CHECKS], resources=resources, run_config=run_config,
                             instance=instance, raise_on_error=False)
    elapsed = time.perf_counter() - started
    if not result.success:
        failures = [event.message for event in result.all_events if event.is_failure]
        print("govmeet run failed; the published warehouse was left as it was.", file=sys.stderr)
        for message in failures[:5]:
            print(f"  {message}", file=sys.stderr)
        return 1
    print_summary(Path(warehouse), elapsed)
    return 0


def print_summary(warehouse: Path, elapsed: float) -> None:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        counts = {label: con.execute(f"select count(*) from {table}").fetchone()[0] for label, table in SUMMARY_TABLES}
        reasons = con.execute("select reason, count(*) from core.rejected_inputs group by 1 order by 2 desc").fetchall()
    finally:
        con.close()
    print(f"govmeet: warehouse {warehouse}")
    for label, n in counts.items():
        print(f"  {label:<18} {n:>9,}")
    if reasons:
        print("  rejected by reason: " + ", ".join(f"{r} {n}" for r, n in reasons))
    print(f"  time taken         {elapsed:>8.1f}s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="govmeet", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run_cmd = commands.add_parser("run", help="parse inputs into the warehouse through the Dagster asset graph")
    run_cmd.add_argument("--input", action="append", dest="inputs", metavar="PATH",
                         help="a file or folder (searched recursively); repeatable; default: the bundled sample")
    run_cmd.add_argument("--warehouse", default=os.environ.get("GOVMEET_WAREHOUSE", DEFAULT_WAREHOUSE),
                         help=f"the DuckDB file to publish (default: {DEFAULT_WAREHOUSE} or $GOVMEET_WAREHOUSE)")
    run_cmd.add_argument("--workers", type=int, default=ParserResource().workers, help="parser processes")
    run_cmd.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="largest input file accepted")
    run_cmd.add_argument("--quiet", action="store_true", help="log warnings only")
    from orchestration.evaluate_cli import add_eval_command

    add_eval_command(commands)
    args = parser.parse_args(argv)
    if args.command == "run":
        logging.getLogger("dagster").setLevel(logging.WARNING if args.quiet else logging.INFO)
        return run(args.inputs or [SAMPLE_CORPUS], args.warehouse, args.workers, args.max_bytes, args.quiet)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
