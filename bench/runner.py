"""Time `govmeet run` the way a user runs it: the console script in a subprocess, through Dagster,
into a fresh warehouse; read its per-step seconds from the run report it writes (--report)."""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from warehouse.connections import open_reader

# Dagster steps that are pipeline stages (sql_models: every staging view and mart); every other step
# is an asset of its own SQL model (staging/marts) or a check.
STAGE_STEPS = {"raw_documents": "decode", "normalized_documents": "normalize", "extracted_facts": "extract",
               "core_tables": "load", "sql_models": "marts", "published_warehouse": "publish"}
STAGE_ORDER = ["decode", "normalize", "extract", "load", "checks", "marts", "publish"]


def govmeet_command() -> list[str]:
    """The installed `govmeet` script next to this interpreter, else the module it runs."""
    script = Path(sys.executable).with_name("govmeet")
    return [str(script)] if script.exists() else [sys.executable, "-m", "orchestration.cli"]


class TreeMemory:
    """Samples the resident memory of a process and all its descendants while it runs."""

    def __init__(self, pid: int, every: float = 0.2):
        self.process = psutil.Process(pid)
        self.every = every
        self.peak_total = 0  # bytes, sum over the tree at one instant
        self.peak_single = 0  # bytes, the largest single process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = []
            for proc in tree:
                try:
                    sizes.append(proc.memory_info().rss)
                except psutil.Error:  # a worker that just exited
                    continue
            if sizes:
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_single = max(self.peak_single, max(sizes))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class RunFigures:
    seconds: float  # wall time of the whole command, start-up included
    cpu_seconds: float  # user + system time of the command and every process it started
    exit_code: int
    peak_rss: int
    peak_rss_single: int
    report: dict
    documents: int = 0
    rejected: dict[str, int] = field(default_factory=dict)  # core.rejected_inputs by reason
    warehouse_bytes: int = 0
    log: str = ""
    stages: dict[str, float] = field(default_factory=dict)
    stage_cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of the parse stages, workers included

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def cpu_bound_rate(self, cores: int) -> float:
        """Documents/s if the run had `cores` idle cores to itself and kept them all busy."""
        return self.documents * cores / self.cpu_seconds if self.cpu_seconds else 0.0


def stage_seconds(report: dict) -> dict[str, float]:
    """Seconds per pipeline stage from a run report; `other` is start-up and Dagster's own time."""
    models = set(report.get("assets", {}))
    stages = dict.fromkeys(STAGE_ORDER, 0.0)
    for step, seconds in report.get("steps", {}).items():
        if step in STAGE_STEPS:
            stages[STAGE_STEPS[step]] += seconds
        elif step.replace("__", "/", 1) in models:
            stages["marts"] += seconds
        else:
            stages["checks"] += seconds
    return stages


def stage_cpu(report: dict) -> dict[str, float]:
    """CPU seconds of the stages that parse in worker processes (this process's and the workers'),
    from the `cpu_seconds` their assets report."""
    assets = report.get("assets", {})
    return {STAGE_STEPS[step]: assets[step]["cpu_seconds"] for step in ("raw_documents", "normalized_documents",
                                                                        "extracted_facts")
            if "cpu_seconds" in assets.get(step, {})}


def run_govmeet(inputs: list[Path], warehouse: Path, workdir: Path, workers: int = 2) -> RunFigures:
    """One `govmeet run` over `inputs` into `warehouse`; figures of the run."""
    report_path = workdir / f"report-{time.monotonic_ns()}.json"
    log_path = report_path.with_suffix(".log")
    command = [*govmeet_command(), "run", "--warehouse", str(warehouse), "--workers", str(workers),
               "--report", str(report_path)]
    for path in inputs:
        command += ["--input", str(path)]
    with log_path.open("w") as log:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        memory = TreeMemory(process.pid)
        exit_code = process.wait()
        seconds = time.perf_counter() - started
        memory.stop()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(report_path.read_text()) if report_path.exists() else {}
    figures = RunFigures(seconds, cpu_seconds, exit_code, memory.peak_total, memory.peak_single,
                         report, log=log_path.read_text(errors="replace"))
    if exit_code == 0 and warehouse.exists():
        con = open_reader(warehouse)
        try:
            figures.documents = con.execute("select count(*) from core.documents").fetchall()[0][0]
            figures.rejected = dict(con.execute(
                "select reason, count(*) from core.rejected_inputs group by 1 order by 2 desc").fetchall())
        finally:
            con.close()
        figures.warehouse_bytes = warehouse.stat().st_size
    figures.stages = stage_seconds(report)
    figures.stage_cpu = stage_cpu(report)
    figures.stages["other"] = max(0.0, seconds - sum(figures.stages.values()))
    return figures


def fresh_warehouse(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder / "govmeet.duckdb"


def load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"
