"""`govmeet export --format parquet|csv|dta DIR`: every core table and mart as files, for R, Stata or pandas.

Writes DIR/core/<table>.<format> and DIR/marts/<table>.<format> from one read-only connection (so
every file is of the same published run), then DIR/schema.json and DIR/schema.csv describing
each column. Exit status 0; 1 when a file cannot be written; 2 when the warehouse cannot be read.
"""
from __future__ import annotations

import argparse
import os
import sys

from warehouse import DEFAULT_WAREHOUSE


def add_export_command(commands) -> None:
    cmd = commands.add_parser("export", help="write every core table and mart as Parquet, CSV or Stata files, "
                              "with a schema file",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.add_argument("out_dir", metavar="DIR", help="folder to write (created if missing; files in it are replaced)")
    cmd.add_argument("--format", choices=("parquet", "csv", "dta"), default="parquet",
                     help="parquet, csv, or dta for Stata 14+ (default: parquet)")
    cmd.add_argument("--warehouse", default=os.environ.get("GOVMEET_WAREHOUSE", DEFAULT_WAREHOUSE), metavar="FILE",
                     help=f"the DuckDB file, opened read-only (default: {DEFAULT_WAREHOUSE} or $GOVMEET_WAREHOUSE)")
    cmd.set_defaults(func=export)


def export(args) -> int:
    import duckdb

    from warehouse.export import ExportUnavailable, export_warehouse
    from warehouse.reading import WarehouseUnreadable

    try:
        exported = export_warehouse(args.warehouse, args.out_dir, args.format)
    except WarehouseUnreadable as error:
        print(f"govmeet export: {error}", file=sys.stderr)
        return 2
    except ExportUnavailable as error:
        print(f"govmeet export: {error}", file=sys.stderr)
        return 1
    except (duckdb.Error, OSError) as error:
        print(f"govmeet export: cannot write {args.out_dir} ({error}); pass a folder you can write to",
              file=sys.stderr)
        return 1
    width = max(len(t.name) for t in exported)
    for table in exported:
        rows = f"{table.rows:,} row{'s' if table.rows != 1 else ''}"
        print(f"  {table.name:<{width}} {rows:>12}  {os.path.join(args.out_dir, table.file)}")
    print(f"govmeet export: {len(exported)} tables from {args.warehouse}; columns described in "
          f"{os.path.join(args.out_dir, 'schema.json')} (and schema.csv)")
    return 0
