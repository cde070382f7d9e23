"""`make bench` (`python -m bench`): generate N articles, time `govmeet run` over them, print the figures.

Environment: BENCH_N (articles, default 100,000), BENCH_SEED, BENCH_WORKERS (default 2),
BENCH_NORM_N (documents per normalization measurement, default 10,000), BENCH_DIR (where the
temporary inbox and warehouses go; default the system temp folder), BENCH_KEEP=1 keeps them.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.floor import measure as measure_floor
from bench.generate import DEFAULT_SEED, SHARD_SIZE, generate_corpus, write_shard
from bench.runner import STAGE_ORDER, RunFigures, fresh_warehouse, load_average, run_govmeet

SCALE_POINT = 10_000  # the smaller corpus of the scale figures
GOAL_RATE, GOAL_RSS, GOAL_NOOP = 500, 2 * 2**30, 5.0
GOAL_INCREMENTAL, GOAL_INCREMENTAL_GROWTH, GOAL_NOTHING_NEW = 4.0, 1.5, 3.0
NEW_ARTICLES = 10  # the incremental runs add this many articles
MB = 2**20


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").replace("_", "") or default)


def _print_run(label: str, run: RunFigures, cores: int) -> None:
    print(f"\n{label}")
    if run.exit_code != 0:
        print(f"  govmeet run FAILED (exit {run.exit_code}); its output ends with:")
        print("  " + "\n  ".join(run.log.strip().splitlines()[-15:]))
        return
    rejected = ", ".join(f"{reason} {n:,}" for reason, n in run.rejected.items()) or "none"
    print(f"  {'end to end':<30}{run.seconds:>9.1f} s {run.rate:>9,.0f} documents/s"
          f"   ({run.documents:,} documents; inputs rejected: {rejected})")
    for stage in [*STAGE_ORDER, "other"]:
        seconds = run.stages.get(stage, 0.0)
        rate = f"{run.documents / seconds:>9,.0f} documents/s" if seconds >= 0.05 and stage != "other" else ""
        name = {"load": "load (merge into core)", "checks": "checks (contract, SQL tests)",
                "marts": "marts (staging + marts SQL)", "other": "other (start-up, Dagster)"}.get(stage, stage)
        cpu = run.stage_cpu.get(stage)
        cpu = (f"   CPU {cpu:.1f} s = {1000 * cpu / max(1, run.documents):.2f} CPU-ms/article (all processes)"
               if cpu is not None else "")
        print(f"    {name:<28}{seconds:>9.1f} s {rate:<20}{cpu}")
    print(f"  {'CPU time, all processes':<30}{run.cpu_seconds:>9.1f} s {run.cpu_bound_rate(cores):>9,.0f} documents/s"
          f" if {cores} idle cores were kept busy ({run.cpu_seconds / max(run.seconds * cores, 1e-9):.0%} of {cores} cores used)")
    print(f"  {'peak RSS, process tree':<30}{run.peak_rss / MB:>9,.0f} MB   (largest process {run.peak_rss_single / MB:,.0f} MB)")
    print(f"  {'warehouse size':<30}{run.warehouse_bytes / MB:>9,.1f} MB")


def _noop_rerun(inbox: Path, warehouse: Path, base: Path, workers: int) -> RunFigures:
    noop = run_govmeet([inbox], warehouse, base, workers)
    ingest = noop.report.get("assets", {}).get("raw_documents", {})
    print(f"\n  {'no-op rerun':<30}{noop.seconds:>9.1f} s   (exit {noop.exit_code}, "
          f"new files {ingest.get('new_files')}, reparsed {ingest.get('reparse')})")
    return noop


def _copy_seconds(warehouse: Path) -> float:
    """What copying the published file costs (the build starts as a copy of it), page cache warm."""
    target = warehouse.with_name("copy-probe.duckdb")
    started = time.perf_counter()
    shutil.copyfile(warehouse, target)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def _print_incremental(label: str, run: RunFigures, warehouse: Path) -> None:
    """`incremental: 10 new articles into a 5,000-article warehouse: 2.1 s (…)`"""
    if run.exit_code != 0:
        print(f"{label}: FAILED (exit {run.exit_code})\n  " + "\n  ".join(run.log.strip().splitlines()[-10:]))
        return
    parts = ", ".join(f"{stage} {run.stages.get(stage, 0.0):.2f} s" for stage in (*STAGE_ORDER, "other")
                      if run.stages.get(stage, 0.0) >= 0.005)
    size = warehouse.stat().st_size / MB if warehouse.exists() else 0.0
    print(f"{label}: {run.seconds:.1f} s   (CPU {run.cpu_seconds:.1f} s; {parts}; warehouse {size:,.0f} MB, "
          f"copying it {_copy_seconds(warehouse):.2f} s)" if warehouse.exists() else f"{label}: {run.seconds:.1f} s")


def _incremental(base: Path, inbox: Path, corpus, n: int, seed: int, workers: int, full: RunFigures,
                 warehouse: Path, small: tuple[int, Path] | None) -> list[tuple[str, bool, str]]:
    """Ten new articles into warehouses of N/4 and N articles, then a run with nothing new (issue 20)."""
    new = base / "new-articles"
    write_shard(new, seed, 100_000, 10_000_000, 10_000_000 + NEW_ARTICLES)  # not in the corpus: new texts
    quarter_shards = corpus.shards[:max(1, round(n / 4 / SHARD_SIZE))]
    quarter_n = min(n, len(quarter_shards) * SHARD_SIZE)
    if small is not None and small[0] == quarter_n:
        quarter = small[1]
    else:
        quarter = fresh_warehouse(base / "wh-quarter")
        first = run_govmeet(quarter_shards, quarter, base, workers)
        quarter_n = first.documents
    print()
    into_quarter = run_govmeet([*quarter_shards, new], quarter, base, workers)
    _print_incremental(f"incremental: {NEW_ARTICLES} new articles into a {quarter_n:,}-article warehouse",
                       into_quarter, quarter)
    into_full = run_govmeet([inbox, new], warehouse, base, workers)
    _print_incremental(f"incremental: {NEW_ARTICLES} new articles into a {full.documents:,}-article warehouse",
                       into_full, warehouse)
    nothing = run_govmeet([inbox, new], warehouse, base, workers)
    _print_incremental(f"incremental: nothing new, {full.documents:,}-article warehouse", nothing, warehouse)
    growth = into_full.seconds / into_quarter.seconds if into_quarter.seconds else 0.0
    return [
        (f"{NEW_ARTICLES} new into {full.documents:,} < {GOAL_INCREMENTAL:.0f} s",
         into_full.exit_code == 0 and into_full.seconds < GOAL_INCREMENTAL, f"{into_full.seconds:.1f} s"),
        (f"... <= {GOAL_INCREMENTAL_GROWTH}x into {quarter_n:,}", growth <= GOAL_INCREMENTAL_GROWTH,
         f"{growth:.2f}x"),
        (f"nothing new < {GOAL_NOTHING_NEW:.0f} s", nothing.exit_code == 0 and nothing.seconds < GOAL_NOTHING_NEW,
         f"{nothing.seconds:.1f} s"),
    ]


def main() -> int:
    n = _env_int("BENCH_N", 100_000)
    seed = _env_int("BENCH_SEED", DEFAULT_SEED)
    workers = _env_int("BENCH_WORKERS", 2)
    norm_n = _env_int("BENCH_NORM_N", 10_000)
    base = Path(tempfile.mkdtemp(prefix="govmeet-bench-", dir=os.environ.get("BENCH_DIR") or None))
    started = time.perf_counter()
    print(f"govmeet bench: {n:,} articles, seed {seed}, {workers} worker processes, "
          f"{os.cpu_count()} CPUs, load average {load_average()}")
    try:
        inbox = base / "inbox"
        t = time.perf_counter()
        corpus = generate_corpus(inbox, n, seed, workers=workers)
        scripts = ", ".join(f"{k} {v / corpus.articles:.0%}" for k, v in sorted(corpus.scripts.items()))
        encodings = ", ".join(f"{k} {v:,}" for k, v in sorted(corpus.encodings.items()))
        print(f"corpus: {corpus.articles:,} articles in {corpus.files:,} files, {corpus.bytes / MB:,.1f} MB, "
              f"mean {corpus.chars / max(1, corpus.articles):,.0f} characters; generated in {time.perf_counter() - t:.1f} s")
        print(f"  scripts: {scripts}\n  containers: {encodings}")
        print("  added on purpose: " + ", ".join(f"{v} {k}" for k, v in sorted(corpus.junk.items())))

        runs: list[tuple[int, RunFigures]] = []
        small_warehouse = None
        if n > SCALE_POINT:
            shards = corpus.shards[:SCALE_POINT // SHARD_SIZE]
            small_path = fresh_warehouse(base / "wh-small")
            small = run_govmeet(shards, small_path, base, workers)
            _print_run(f"govmeet run, {SCALE_POINT:,} articles, fresh warehouse", small, workers)
            runs.append((SCALE_POINT, small))
            small_warehouse = (small.documents, small_path)
        warehouse = fresh_warehouse(base / "wh")
        full = run_govmeet([inbox], warehouse, base, workers)
        _print_run(f"govmeet run, {n:,} articles, fresh warehouse", full, workers)
        runs.append((n, full))
        noop = _noop_rerun(inbox, warehouse, base, workers)
        if noop.report.get("assets", {}).get("raw_documents", {}).get("reparse"):
            print("  (the parser's code changed during the bench: that rerun parsed the documents again; once more:)")
            noop = _noop_rerun(inbox, warehouse, base, workers)

        incremental_goals = _incremental(base, inbox, corpus, n, seed, workers, full, warehouse, small_warehouse)

        if full.exit_code == 0:
            f = measure_floor(warehouse)
            print(f"\nCPU per article, one core, this process, {f.documents:,} of the articles (issue 16):")
            print(f"  {'one-regex floor (48 words)':<30}{f.floor_ms:>9.3f} CPU-ms/article "
                  f"{1000 / max(f.floor_ms, 1e-9):>9,.0f} documents/s")
            print(f"  {'normalize':<30}{f.normalize_ms:>9.3f} CPU-ms/article")
            print(f"  {'extract':<30}{f.extract_ms:>9.3f} CPU-ms/article   ({f.ratio:,.0f}x the floor)")
            print(f"  {'end to end, all processes':<30}{1000 * full.cpu_seconds / max(1, full.documents):>9.3f} CPU-ms/article")

        print("\nscale (end to end, fresh warehouse):")
        for size, run in runs:
            print(f"  {size:>9,} articles {run.seconds:>8.1f} s {run.rate:>9,.0f} documents/s "
                  f"{1000 * run.seconds / max(1, run.documents):>7.2f} ms/document, "
                  f"{1000 * run.cpu_seconds / max(1, run.documents):.2f} CPU-ms/document")
        print(f"\ngoals at {n:,} articles on {workers} cores:")
        for label, ok, value in [
            (f">= {GOAL_RATE} documents/s end to end", full.rate >= GOAL_RATE,
             f"{full.rate:,.0f} documents/s ({full.cpu_bound_rate(workers):,.0f} if {workers} idle cores were kept busy)"),
            ("peak RSS < 2 GiB", full.peak_rss < GOAL_RSS, f"{full.peak_rss / MB:,.0f} MB"),
            (f"no-op rerun < {GOAL_NOOP:.0f} s", noop.seconds < GOAL_NOOP, f"{noop.seconds:.1f} s"),
            *incremental_goals]:
            print(f"  {label:<34} {'met' if ok else 'NOT met':<8} {value}")

        from bench.normalization import normalization_figures
        from bench.variation import SAMPLE_DIR

        print(f"\nnormalization (issue 3): the sample repeated to {norm_n:,} documents")
        for fig in normalization_figures(SAMPLE_DIR, norm_n, workers):
            print(f"  {fig.script:<12} ({fig.samples} sample articles) {fig.one_core:>9,.0f} documents/s on 1 core "
                  f"{fig.all_cores:>9,.0f} documents/s on {fig.workers} cores")
        print(f"\nbench finished in {time.perf_counter() - started:.0f} s; load average {load_average()}")
        return 0 if all(run.exit_code == 0 for _, run in runs) and noop.exit_code == 0 else 1
    finally:
        if os.environ.get("BENCH_KEEP") == "1":
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
