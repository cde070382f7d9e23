"""Use both cores: map a pure function over items in a process pool, in order, in chunks.

Small inputs run in this process: starting workers costs more than it saves below a few
hundred documents.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_BELOW = 200


class WorkerPool:
    """A process pool kept for one asset's whole run (spawned, so no Dagster threads are forked)."""

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self._executor: ProcessPoolExecutor | None = None

    def map(self, func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        if self.workers == 1 or len(items) < SERIAL_BELOW:
            return map(func, items)
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        chunksize = max(1, min(64, len(items) // (self.workers * 8)))
        return self._executor.map(func, items, chunksize=chunksize)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
