"""Use both cores: map a pure function over items in a process pool, in order.

Workers are spawned (no Dagster threads are forked) once per process and shared by every stage
of a run: spawning two workers and importing the parsers in them costs about a second, which
raw_documents, normalized_documents and extracted_facts would otherwise each pay.
Small inputs run in this process (starting workers costs more than it saves below a few
hundred documents), unless `govmeet run` started workers already: it starts them before it
loads Dagster, so that they load the parsers on the other core meanwhile (`prestart`).
Workers die with their parent, however it ends (kill -9 included): each one watches its parent
process and exits once it is gone.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import sys
import threading
import time
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_BELOW = 200
PARENT_CHECK_SECONDS = 0.5

_EXECUTORS: dict[int, ProcessPoolExecutor] = {}


def _executor(workers: int) -> ProcessPoolExecutor:
    executor = _EXECUTORS.get(workers)
    if executor is None or getattr(executor, "_broken", False):
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_start_worker, initargs=(os.getpid(),))
        _start_workers(executor, workers)
        _EXECUTORS[workers] = executor
    return executor


def prestart(workers: int) -> None:
    """Start `workers` worker processes now, without waiting for them: each loads the parsers
    (about a second of CPU) while this process goes on. Small inputs then run in them too."""
    _executor(max(1, workers))


def _started() -> tuple[int, ProcessPoolExecutor] | None:
    """(workers, pool) of a pool started already (by prestart or an earlier stage), if any."""
    return next(((n, e) for n, e in _EXECUTORS.items() if not getattr(e, "_broken", False)), None)


def _start_worker(parent: int) -> None:
    """Worker initializer: watch the parent, then load the parsers before the first task comes."""
    _die_with_parent(parent)
    import transforms.document.extract  # noqa: F401  (compiles the lexicons' patterns once per worker)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: exit as soon as the parent process is gone.

    A killed parent cannot stop its workers, and they would go on parsing under PID 1. Polling
    getppid() works on every POSIX system and whichever thread started the worker (Linux's
    PR_SET_PDEATHSIG fires when that *thread* ends, which would kill shared workers between stages).
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _start_workers(executor: ProcessPoolExecutor, workers: int) -> None:
    """Start every worker now, with the parent's __main__ hidden.

    A spawned process first re-runs its parent's main script (so that functions defined there
    can be unpickled). For `govmeet` that script imports Dagster and all of orchestration/:
    a second of CPU and 65 MB per worker, for nothing, since the functions workers run live in
    importable modules (warehouse/, bench/). Functions given to a WorkerPool must do so.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        for _ in range(workers):  # each submit starts one more worker while none is idle
            executor.submit(int)
    finally:
        sys.modules["__main__"] = main


@atexit.register
def shutdown_workers() -> None:
    """Stop the shared worker processes (at exit, or to free their memory)."""
    while _EXECUTORS:
        _, executor = _EXECUTORS.popitem()
        executor.shutdown(wait=True, cancel_futures=True)


class WorkerPool:
    """The worker processes one stage uses; `workers=1` runs everything in this process."""

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self._pending: deque[Future] = deque()

    def map(self, func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """func over items, in order; items are sent to workers in chunks."""
        if self.workers == 1 or len(items) < SERIAL_BELOW:
            return map(func, items)
        chunksize = max(1, min(64, len(items) // (self.workers * 8)))
        return _executor(self.workers).map(func, items, chunksize=chunksize)

    def _pool_for(self, serial: bool) -> tuple[int, ProcessPoolExecutor] | None:
        """(workers, pool) where a stream of work runs; None for this process."""
        if self.workers == 1:
            return None
        if serial:  # a small input: in workers only if they are running already
            return _started()
        return self.workers, _executor(self.workers)

    def imap(self, func: Callable[[T], R], items: Iterable[T], serial: bool = False,
             ahead: int = 3) -> Iterator[R]:
        """func over a stream of items (each one a chunk of work), in order, with at most
        `ahead` items per worker in flight: memory stays bounded and the workers keep busy while
        the caller stores the results it has."""
        pool = self._pool_for(serial)
        if pool is None:
            yield from map(func, items)
            return
        workers, executor = pool
        pending = self._pending
        limit = workers * ahead
        try:
            for item in items:
                pending.append(executor.submit(func, item))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool:
            _EXECUTORS.pop(workers, None)
            raise
        finally:
            self.close()

    def close(self) -> None:
        """Cancel work not yet started (after an error); the shared workers stay for the next stage."""
        while self._pending:
            self._pending.popleft().cancel()

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
