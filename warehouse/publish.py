"""Build-and-publish: writers never write where readers read.

DuckDB allows one read-write process or many read-only ones, never both. A run therefore copies
the published warehouse to a private build file, does all its work there, checkpoints it, and
publishes it with one atomic rename (os.replace). Readers open the published path read-only: a
reader that opened the file before the rename keeps reading the old, complete state; one that
opens after sees the new, complete state. A run that fails or is killed leaves the published file
exactly as it was. Each build records the process that owns it (pid, host, process start time),
so the next run recognises the build of a run that died (killed, crashed) and sweeps it away at
once; a build whose owner cannot be checked (another host) is swept only when it is old.

If another run published while this one was building, publishing is refused (nothing is lost:
the inputs are picked up again by the next run). The check and the rename happen under an
exclusive lock (`.build/<name>.publish.lock`), so two runs finishing together cannot both publish.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psutil

from warehouse.schema import create_core_schema
from warehouse.connections import open_reader, open_writer

STALE_BUILD_SECONDS = 6 * 3600


class PublishConflict(RuntimeError):
    pass


class CorruptWarehouse(RuntimeError):
    """The published file is not a DuckDB warehouse that can be read (truncated, overwritten)."""

    def __init__(self, path: Path, error: Exception):
        aside = f"{path}.corrupt"
        super().__init__(
            f"{path} is damaged and cannot be read as a DuckDB warehouse ({str(error).splitlines()[0]}). "
            f"Move it aside (mv {path} {aside}) and run govmeet run again over your inputs: the run "
            "builds a new warehouse from them.")


def _is_lock_error(error: Exception) -> bool:
    return "lock" in str(error).lower()


def check_readable(path: Path) -> None:
    """Raise CorruptWarehouse unless `path` (if it exists) opens as a DuckDB database whose blocks are
    all in the file (a truncated copy opens, then fails on its first read of a missing block); a
    file another process holds locked is not corrupt."""
    if not path.exists():
        return
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{_quoted(path)}' AS probe (READ_ONLY)")
            # used blocks only: free blocks at the end of a file may be trimmed from it (a warehouse
            # that runs deleted rows from is smaller than all its blocks, and is sound)
            block_size, blocks = con.execute("select block_size, used_blocks from pragma_database_size() "
                                             "where database_name = 'probe'").fetchone()
        finally:
            con.close()
    except duckdb.Error as error:
        if _is_lock_error(error):
            return
        raise CorruptWarehouse(path, error) from error
    expected = _HEADER_BYTES + block_size * blocks
    size = path.stat().st_size
    if size < expected:
        raise CorruptWarehouse(path, OSError(f"the file is {size:,} bytes, its blocks need {expected:,}: it was cut short"))


_HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _identity(path: Path) -> list[int] | None:
    """What tells one published file from the next: inode, size and modification time."""
    try:
        return _stat_identity(path.stat())
    except FileNotFoundError:
        return None


def _stat_identity(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _owner() -> dict:
    """This process, as a later run can check whether it is still alive (pid reuse included)."""
    return {"pid": os.getpid(), "host": socket.gethostname(), "pid_started": psutil.Process().create_time()}


def _owner_is_dead(owner: dict) -> bool | None:
    """True when the owning process is gone, False when it runs, None when this host cannot tell."""
    if owner.get("host") != socket.gethostname() or "pid" not in owner:
        return None
    try:
        process = psutil.Process(owner["pid"])
        if process.status() == psutil.STATUS_ZOMBIE:
            return True
        return abs(process.create_time() - owner.get("pid_started", 0)) > 1.0  # pid reused by another process
    except psutil.NoSuchProcess:
        return True


@dataclass(frozen=True)
class Build:
    published: Path
    run_id: str

    @property
    def folder(self) -> Path:
        return self.published.parent / ".build"

    @property
    def path(self) -> Path:
        return self.folder / f"{self.published.stem}.{self.run_id}.duckdb"

    @property
    def base_file(self) -> Path:
        return self.folder / f"{self.published.stem}.{self.run_id}.base.json"

    def exists(self) -> bool:
        return self.path.exists()

    def ensure(self) -> Path:
        """The build file of this run, copied from the published warehouse on first use."""
        if self.path.exists():
            return self.path
        self.folder.mkdir(parents=True, exist_ok=True)
        sweep_stale_builds(self.folder)
        tmp = self.path.with_suffix(".copying")
        owner = _owner()
        self.base_file.write_text(json.dumps({"published_identity": None, **owner}))  # claim before copying
        try:
            with open(self.published, "rb") as source, open(tmp, "wb") as target:
                base = _stat_identity(os.fstat(source.fileno()))  # the identity of exactly what is copied
                shutil.copyfileobj(source, target, 1 << 20)
        except FileNotFoundError:
            base = None
        try:
            con = open_writer(tmp)
            try:
                create_core_schema(con)
            finally:
                con.close()
        except duckdb.Error as error:
            tmp.unlink(missing_ok=True)
            raise CorruptWarehouse(self.published, error) from error
        os.replace(tmp, self.path)
        self.base_file.write_text(json.dumps({"published_identity": base, **owner}))
        return self.path

    def publish(self) -> bool:
        """Atomically replace the published warehouse with this build; False if nothing was built."""
        if not self.path.exists():
            return False
        base = json.loads(self.base_file.read_text())["published_identity"]
        con = open_writer(self.path)
        try:
            con.execute("CHECKPOINT")
        finally:
            con.close()
        # compare-and-swap under a lock, so that two runs finishing together cannot both pass the check
        with open(self.folder / f"{self.published.stem}.publish.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if _identity(self.published) != base:
                raise PublishConflict(
                    f"{self.published} was published by another run while run {self.run_id} was "
                    "building; this run's changes were not published. Run again: unchanged inputs are "
                    "skipped and new ones are picked up."
                )
            self.published.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.path, self.published)
        self.base_file.unlink(missing_ok=True)
        return True

    def discard(self) -> None:
        """Delete every file of this build: the build, its owner file, its WAL and scratch files."""
        for path in self.folder.glob(f"{self.published.stem}.{self.run_id}.*"):
            path.unlink(missing_ok=True)


def _build_files(folder: Path) -> dict[str, list[Path]]:
    """The files in `folder` by build: every file named `<warehouse stem>.<run id>.*` belongs to the
    build whose owner file is `<warehouse stem>.<run id>.base.json`; a file of no known build is
    a group of its own."""
    if not folder.is_dir():
        return {}
    files = [p for p in folder.iterdir() if not p.name.endswith(".lock")]
    owners = [p.name[: -len(".base.json")] for p in files if p.name.endswith(".base.json")]
    builds: dict[str, list[Path]] = {}
    for path in files:
        build = next((o for o in owners if path.name.startswith(f"{o}.")), path.name)
        builds.setdefault(build, []).append(path)
    return builds


def sweep_stale_builds(folder: Path, older_than: float = STALE_BUILD_SECONDS) -> int:
    """Remove the builds of runs that died; returns how many builds were removed.

    A build whose owner process is gone is removed at once; one whose owner cannot be checked
    (written on another host, or before owners were recorded) only when all its files are older
    than `older_than` seconds. The build of a live run is never touched.
    """
    removed = 0
    now = time.time()
    for name, paths in _build_files(folder).items():
        owner_file = folder / f"{name}.base.json"
        try:
            dead = _owner_is_dead(json.loads(owner_file.read_text()))
        except (FileNotFoundError, ValueError):
            dead = None
        if dead is None:
            try:
                dead = all(now - p.stat().st_mtime > older_than for p in paths)
            except FileNotFoundError:  # its run is finishing or discarding it right now
                continue
        if dead:
            for path in paths:
                path.unlink(missing_ok=True)
            removed += 1
    return removed


def connect_reader(published: Path, config: dict | None = None) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the published warehouse, or None when there is none yet.

    Each call opens a database instance of its own (an in-memory database with the file attached
    read-only, as its default catalog), so it reads the file published now, even while this
    process holds an older connection open; `duckdb.connect(path)` would instead share the
    instance an open connection already has, and see the state that one opened."""
    if not published.exists():
        return None
    try:
        return open_reader(published, config)
    except duckdb.Error as error:
        if _is_lock_error(error):
            raise
        raise CorruptWarehouse(published, error) from error
