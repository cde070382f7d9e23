"""`govmeet sql`: SQL on the published warehouse, read-only, with the DuckDB that wrote it.

  govmeet sql "select …"         one query on a fresh read-only connection, as an aligned table
  govmeet sql --csv "select …"   the same as CSV (or --json) for scripts
  govmeet sql                    an interactive shell: statements end with ';', `.help` for commands
  govmeet sql < queries.sql      every statement of a script, each result printed

Exit status 0; 1 for a SQL error; 2 when the warehouse is missing or cannot be opened.
"""
from __future__ import annotations

import argparse
import os
import sys

from warehouse import DEFAULT_WAREHOUSE

SHELL_HELP = """Statements end with ';' and may span lines. Commands:
  .tables                  tables and views of core, staging and marts
  .schema TABLE            columns and types, e.g. .schema marts.gdp_targets
  .mode table|csv|json     how results are printed
  .reconnect               see the newest published run (a connection keeps the state it opened on)
  .quit                    leave (or Ctrl-D)"""


def add_sql_command(commands) -> None:
    cmd = commands.add_parser("sql", help="SQL on the warehouse, read-only: a query, a script on stdin, or a shell",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.add_argument("query", nargs="?", metavar="SQL", help="statements to run; without it, a shell (or stdin)")
    cmd.add_argument("--warehouse", default=os.environ.get("GOVMEET_WAREHOUSE", DEFAULT_WAREHOUSE), metavar="FILE",
                     help=f"the DuckDB file, opened read-only (default: {DEFAULT_WAREHOUSE} or $GOVMEET_WAREHOUSE)")
    output = cmd.add_mutually_exclusive_group()
    output.add_argument("--csv", dest="mode", action="store_const", const="csv", help="print CSV with a header")
    output.add_argument("--json", dest="mode", action="store_const", const="json",
                        help="print a JSON array of row objects")
    cmd.add_argument("--max-rows", type=int, default=100, metavar="N",
                     help="rows a table shows (default 100; 0 for all); --csv and --json print every row")
    cmd.set_defaults(func=sql, mode="table")


def sql(args) -> int:
    from warehouse.reading import Session, WarehouseUnreadable

    try:
        session = Session(args.warehouse)
    except WarehouseUnreadable as error:
        print(f"govmeet sql: {error}", file=sys.stderr)
        return 2
    shell = Shell(session, args.mode, args.max_rows or None)
    try:
        if args.query is not None:
            return 0 if shell.statements(args.query) else 1
        if sys.stdin.isatty():
            return shell.interact()
        return shell.script(sys.stdin)
    except BrokenPipeError:  # `govmeet sql --csv … | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        session.close()


class Shell:
    """Reads statements (ended by ';') and dot commands, prints each result in the chosen mode."""

    def __init__(self, session, mode: str = "table", max_rows: int | None = 100):
        self.session, self.mode, self.max_rows = session, mode, max_rows
        self.buffer: list[str] = []
        self.failed = False

    def print_result(self, result) -> None:
        from warehouse.reading import FORMATTERS, format_table

        if self.mode == "table":
            print(format_table(result, self.max_rows))
        else:
            print(FORMATTERS[self.mode](result))
        sys.stdout.flush()

    def statements(self, text: str) -> bool:
        """Run `text`; print its results, or the SQL error on stderr and return False."""
        import duckdb

        try:
            for result in self.session.run(text):
                self.print_result(result)
        except duckdb.Error as error:
            print(f"SQL error: {error}", file=sys.stderr)
            return False
        return True

    def command(self, line: str) -> bool:
        """A dot command; False when it asks to leave."""
        import duckdb

        from warehouse.reading import WarehouseUnreadable

        name, _, argument = line.strip().partition(" ")
        argument = argument.strip().rstrip(";")
        try:
            if name in (".quit", ".exit", ".q"):
                return False
            if name == ".help":
                print(SHELL_HELP)
            elif name == ".tables":
                self.print_result(self.session.tables())
            elif name == ".schema" and argument:
                self.print_result(self.session.describe(argument))
            elif name == ".mode" and argument in ("table", "csv", "json"):
                self.mode = argument
            elif name == ".reconnect":
                self.session.reconnect()
                print(f"reconnected to {self.session.path}")
            else:
                print(f"unknown command {line.strip()!r}\n{SHELL_HELP}", file=sys.stderr)
                self.failed = True
        except duckdb.Error as error:
            print(f"SQL error: {error}", file=sys.stderr)
            self.failed = True
        except WarehouseUnreadable as error:  # .reconnect while the file is gone
            print(f"govmeet sql: {error}", file=sys.stderr)
            self.failed = True
        return True

    def feed(self, line: str) -> bool:
        """One line of input: a dot command, or part of a statement that runs once a line ends
        with ';'. False when the line asks to leave."""
        if not self.buffer and line.lstrip().startswith("."):
            return self.command(line)
        self.buffer.append(line)
        if line.rstrip().endswith(";"):
            self.flush()
        return True

    def flush(self) -> None:
        """Run what has been typed so far (the end of a script may lack its ';')."""
        text, self.buffer = "\n".join(self.buffer), []
        if text.strip() and not self.statements(text):
            self.failed = True

    def script(self, stream) -> int:
        """Every line of `stream` (`govmeet sql < queries.sql`); exit status 1 when a statement failed."""
        for line in stream:
            if not self.feed(line.rstrip("\n")):
                break
        self.flush()
        return 1 if self.failed else 0

    def interact(self) -> int:
        import duckdb
        import readline  # noqa: F401  (line editing and history for input())

        print(f"govmeet sql on {self.session.path}, read-only, DuckDB {duckdb.__version__}. "
              "Statements end with ';'. .help for commands, .quit to leave.")
        while True:
            try:
                line = input("   ...> " if self.buffer else "govmeet> ")
            except EOFError:
                print()
                return 0
            except KeyboardInterrupt:  # Ctrl-C drops the statement being typed
                print()
                self.buffer = []
                continue
            try:
                if not self.feed(line):
                    return 0
            except KeyboardInterrupt:
                print("cancelled", file=sys.stderr)
