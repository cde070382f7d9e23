"""Read-only access to the published warehouse, one short-lived connection per query.

A govmeet run never writes the file readers read: it builds a private copy under
`<dir>/.build/` and publishes it with one atomic rename (warehouse/publish.py). So the dashboard
never keeps the file open: it notes the published file's identity (inode, size, mtime) when a page
starts (a `Snapshot`), and every query opens a read-only connection, checks that the path still
names that same file, runs, and closes. When a run publishes in between, the query raises
`WarehouseChanged` and the page is drawn again from the new file, so one page never mixes two
states of the warehouse.

Everything that can keep a page from being drawn is a `WarehouseUnavailable` whose `title` and
message say what happened and what to do; nothing here imports Streamlit.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.publish import STALE_BUILD_SECONDS, CorruptWarehouse, connect_reader

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = REPO / "warehouse" / "govmeet.duckdb"

# What the pages read. A warehouse built by an older govmeet may lack the newer marts.
REQUIRED_TABLES = (
    "core.documents", "core.meetings", "core.participations", "core.economic_targets",
    "core.rejected_inputs", "core.unit_participations", "core.quorum", "core.adopted_documents",
    "marts.gdp_targets", "marts.target_series", "marts.official_appearances",
    "marts.official_timeline", "marts.meeting_calendar", "marts.meetings_by_month", "marts.corpus_health",
    "core.economic_outcomes", "marts.target_vs_outcome", "marts.target_hierarchy",
)


class WarehouseUnavailable(Exception):
    """The warehouse cannot be shown right now; str(self) says why and what to do."""

    title = "The warehouse cannot be read"
    level = "error"  # how the dashboard shows it: 'info', 'warning' or 'error'


class WarehouseMissing(WarehouseUnavailable):
    title = "No warehouse yet"
    level = "info"


class WarehouseBuilding(WarehouseUnavailable):
    title = "The warehouse is being built"
    level = "info"


class WarehouseChanged(WarehouseUnavailable):
    title = "A newer warehouse was just published"
    level = "info"


class WarehouseEmpty(WarehouseUnavailable):
    title = "The warehouse is empty"
    level = "info"


class WarehouseOutdated(WarehouseUnavailable):
    title = "The warehouse lacks tables this dashboard reads"
    level = "warning"


class WarehouseUnreadable(WarehouseUnavailable):
    title = "The warehouse file cannot be read"
    level = "error"


def warehouse_path(environ: os._Environ | dict | None = None) -> Path:
    """$GOVMEET_WAREHOUSE (relative to the working folder) or the repository's warehouse/govmeet.duckdb."""
    environ = os.environ if environ is None else environ
    given = environ.get("GOVMEET_WAREHOUSE")
    return Path(given).expanduser().resolve() if given else DEFAULT_WAREHOUSE


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """What tells one published file from the next: inode, size, modification time (ns)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def build_in_progress(path: Path, now: float | None = None) -> bool:
    """Whether a run is building a file it will publish at `path`: a recent build file under .build/
    (warehouse/publish.py layout; files older than STALE_BUILD_SECONDS were left by dead runs)."""
    folder = path.parent / ".build"
    if not folder.is_dir():
        return False
    now = time.time() if now is None else now
    for pattern in (f"{path.stem}.*.duckdb", f"{path.stem}.*.copying"):
        for build in folder.glob(pattern):
            try:
                if now - build.stat().st_mtime < STALE_BUILD_SECONDS:
                    return True
            except FileNotFoundError:  # published or discarded while we looked
                continue
    return False


def _run_command(path: Path) -> str:
    return f"govmeet run --input DIR --warehouse {path}"


@dataclass(frozen=True)
class Snapshot:
    """One published state of the warehouse: every query of a page reads this same file."""

    path: Path
    identity: tuple[int, int, int]

    @property
    def published_at(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.identity[2] / 1e9)

    @property
    def size_bytes(self) -> int:
        return self.identity[1]


def _missing(path: Path) -> WarehouseUnavailable:
    if build_in_progress(path):
        return WarehouseBuilding(
            f"A govmeet run is building the first warehouse for {path}; it appears here as soon as "
            "the run publishes it. Reload this page in a moment.")
    return WarehouseMissing(
        f"There is no warehouse at {path}. Build one with `make run` (the bundled sample) or "
        f"`{_run_command(path)}`, or point the dashboard at another file with GOVMEET_WAREHOUSE.")


def _connect(snapshot: Snapshot) -> duckdb.DuckDBPyConnection:
    """A read-only connection to exactly the file of `snapshot`, or the reason there is none."""
    path = snapshot.path
    if file_identity(path) is None:
        raise _missing(path)
    try:
        # a database instance of its own: never the one an older, still open connection holds
        con = connect_reader(path)
    except CorruptWarehouse as exc:
        raise WarehouseUnreadable(
            f"{path} is not a DuckDB database this dashboard can read ({exc.__cause__}). Rebuild it with "
            f"`{_run_command(path)}` into a new file.") from exc
    except duckdb.IOException as exc:
        raise WarehouseBuilding(
            f"Another program has {path} open for writing, so it cannot be read now. govmeet "
            "runs never do this (they build a copy and rename it into place); close that "
            "program, or wait for it, and reload.") from exc
    if con is None:
        raise _missing(path)
    if file_identity(path) != snapshot.identity:
        con.close()
        raise WarehouseChanged(
            f"A govmeet run published a new {path.name} while this page was being drawn; reload to read it.")
    return con


def query(snapshot: Snapshot, sql: str, params: tuple | dict = ()) -> pd.DataFrame:
    """Run one read-only query against the snapshot's file and close the connection.

    `params`: a tuple for `?` placeholders, a dict for `$name` ones."""
    con = _connect(snapshot)
    try:
        return con.execute(sql, params if isinstance(params, dict) else list(params)).df()
    finally:
        con.close()


def open_snapshot(path: Path, attempts: int = 3) -> Snapshot:
    """The current published warehouse at `path`, checked to hold what the dashboard reads."""
    for _ in range(attempts - 1):
        try:
            return _checked_snapshot(path)
        except WarehouseChanged:  # published between our look and our checks: look again
            continue
    return _checked_snapshot(path)


def _checked_snapshot(path: Path) -> Snapshot:
    identity = file_identity(path)
    if identity is None:
        raise _missing(path)
    snapshot = Snapshot(path, identity)
    tables = set(query(snapshot, "select table_schema || '.' || table_name as t from information_schema.tables")["t"])
    if "core.documents" not in tables:
        raise WarehouseEmpty(
            f"{path} holds no govmeet tables yet. Fill it with `{_run_command(path)}`.")
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise WarehouseOutdated(
            f"{path} has no {', '.join(missing)}: it was built before these models existed. "
            f"Run `{_run_command(path)}` again: the missing models are built even when no input changed.")
    counts = query(snapshot, "select (select count(*) from core.documents) as documents, "
                             "(select count(*) from core.rejected_inputs) as rejected")
    if int(counts["documents"][0]) == 0 and int(counts["rejected"][0]) == 0:
        raise WarehouseEmpty(
            f"{path} has no documents and no rejected inputs: no run has read any article into it yet. "
            f"Add articles with `{_run_command(path)}`.")
    return snapshot
