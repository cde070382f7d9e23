"""Build-and-publish: writers never write where readers read.

DuckDB allows one read-write process or many read-only ones, never both. A run therefore copies
the published warehouse to a private build file, does all its work there, checkpoints it, and
publishes it with one atomic rename (os.replace). Readers open the published path read-only: a
reader that opened the file before the rename keeps reading the old, complete state; one that
opens after sees the new, complete state. A run that fails or is killed leaves the published file
exactly as it was; its abandoned build file is swept away by a later run.

If another run published while this one was building, publishing is refused (nothing is lost:
the inputs are picked up again by the next run).
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.schema import create_core_schema

STALE_BUILD_SECONDS = 6 * 3600


class PublishConflict(RuntimeError):
    pass


def _identity(path: Path) -> list[int] | None:
    """What tells one published file from the next: inode, size and modification time."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


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
        base = _identity(self.published)
        tmp = self.path.with_suffix(".copying")
        if base is not None:
            shutil.copyfile(self.published, tmp)
        con = duckdb.connect(str(tmp))
        try:
            create_core_schema(con)
        finally:
            con.close()
        os.replace(tmp, self.path)
        self.base_file.write_text(json.dumps({"published_identity": base}))
        return self.path

    def publish(self) -> bool:
        """Atomically replace the published warehouse with this build; False if nothing was built."""
        if not self.path.exists():
            return False
        base = json.loads(self.base_file.read_text())["published_identity"]
        if _identity(self.published) != base:
            raise PublishConflict(
                f"{self.published} was published by another run while run {self.run_id} was "
                "building; this run's changes were not published. Run again: unchanged inputs are "
                "skipped and new ones are picked up."
            )
        con = duckdb.connect(str(self.path))
        try:
            con.execute("CHECKPOINT")
        finally:
            con.close()
        self.published.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.path, self.published)
        self.base_file.unlink(missing_ok=True)
        return True

    def discard(self) -> None:
        for path in (self.path, self.base_file, self.path.with_suffix(".copying"),
                     Path(str(self.path) + ".wal")):
            path.unlink(missing_ok=True)


def sweep_stale_builds(folder: Path, older_than: float = STALE_BUILD_SECONDS) -> int:
    """Remove build files left by runs that died (older than `older_than` seconds)."""
    removed = 0
    now = time.time()
    for path in folder.glob("*"):
        if now - path.stat().st_mtime > older_than:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def connect_reader(published: Path) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the published warehouse, or None when there is none yet."""
    if not published.exists():
        return None
    return duckdb.connect(str(published), read_only=True)
