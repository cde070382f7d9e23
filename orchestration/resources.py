"""Dagster resources: where the warehouse lives, where articles arrive, how parsing is parallelized."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from dagster import ConfigurableResource, InitResourceContext
from pydantic import PrivateAttr

from transforms import PARSER_VERSION
from warehouse import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES, DEFAULT_WAREHOUSE, DEFAULT_WORKERS, REPO, SAMPLE_CORPUS  # noqa: F401 (re-exported)
from warehouse.connections import open_writer
from warehouse.load import DUCKDB_CONFIG
from warehouse.publish import Build, check_readable, connect_reader, sweep_stale_builds


class WarehouseResource(ConfigurableResource):
    """The published DuckDB file readers use, and each run's private build file next to it.

    A run's steps share one connection to its build file: it is opened on first use and closed
    before publishing (`close`) and when the run ends. Opening the file costs 20-30 ms, and a
    run's steps would otherwise open it 16 times (issue 20)."""

    path: str = DEFAULT_WAREHOUSE
    _writers: dict = PrivateAttr(default_factory=dict)

    @property
    def published(self) -> Path:
        return Path(self.path).resolve()

    def build(self, run_id: str) -> Build:
        return Build(self.published, run_id)

    def check(self) -> None:
        """Raise CorruptWarehouse, saying what to do, when the published file cannot be read."""
        check_readable(self.published)

    def sweep(self) -> int:
        """Remove the build files of runs that died; returns how many builds were removed."""
        return sweep_stale_builds(self.published.parent / ".build")

    @contextmanager
    def writer(self, run_id: str):
        """A read-write connection to this run's build file (created from the published file on first use)."""
        con = self._writers.get(run_id)
        if con is None:
            con = self._writers[run_id] = open_writer(self.build(run_id).ensure(), DUCKDB_CONFIG)
        yield con

    def close(self, run_id: str | None = None) -> None:
        """Close the build connection of `run_id` (of every run when None): before the build is
        published or discarded."""
        for key in [run_id] if run_id is not None else list(self._writers):
            con = self._writers.pop(key, None)
            if con is not None:
                con.close()

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        self.close()

    @contextmanager
    def reader(self, run_id: str):
        """What this run sees: its build file if it has one, else the published warehouse, read-only.

        Yields None when there is no warehouse yet.
        """
        build = self.build(run_id)
        if build.exists():
            with self.writer(run_id) as con:
                yield con
        elif self.published.exists():
            con = connect_reader(self.published, DUCKDB_CONFIG)
            try:
                yield con
            finally:
                con.close()
        else:
            yield None


class InboxResource(ConfigurableResource):
    """Where articles arrive: files or folders searched recursively (.txt, .jsonl, .json)."""

    paths: list[str] = [SAMPLE_CORPUS]
    max_bytes: int = DEFAULT_MAX_BYTES


class ParserResource(ConfigurableResource):
    """How parsing uses the machine (worker processes, documents per batch), and the parser's version.

    `version` goes into core.documents.parser_version; documents parsed by another version are
    parsed again. It defaults to transforms.PARSER_VERSION, a hash of the transforms code and lexicons.
    """

    workers: int = DEFAULT_WORKERS
    batch_size: int = DEFAULT_BATCH_SIZE
    version: str = PARSER_VERSION


def default_resources() -> dict[str, ConfigurableResource]:
    """Resources from the environment: GOVMEET_WAREHOUSE, GOVMEET_INBOX (os.pathsep-separated),
    GOVMEET_MAX_BYTES, GOVMEET_WORKERS, GOVMEET_BATCH_SIZE."""
    env = os.environ
    inbox = env.get("GOVMEET_INBOX")
    return {
        "warehouse": WarehouseResource(path=env.get("GOVMEET_WAREHOUSE", DEFAULT_WAREHOUSE)),
        "inbox": InboxResource(paths=inbox.split(os.pathsep) if inbox else [SAMPLE_CORPUS],
                               max_bytes=int(env.get("GOVMEET_MAX_BYTES", DEFAULT_MAX_BYTES))),
        "parser": ParserResource(workers=int(env.get("GOVMEET_WORKERS", ParserResource().workers)),
                                 batch_size=int(env.get("GOVMEET_BATCH_SIZE", ParserResource().batch_size))),
    }
