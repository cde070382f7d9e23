"""The pipeline's stages over the build: stage inputs, normalize, extract.

Each stage streams the previous stage's table (as Arrow batches) in chunks of ~100 documents to
the worker processes, which run the pure transforms and send back their rows as column frames;
this process only inserts those, a batch at a time, so memory stays bounded at any corpus size,
no pydantic object crosses a process boundary, and the workers never wait for the database.

The stage tables live in a scratch database next to the build file, attached as `stage`: the
warehouse file never holds them, and merge_stage() deletes the scratch file once core has them.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from transforms import PARSER_VERSION
from transforms.shared.models import (
    FACT_MODELS,
    DocumentRow,
    InputDocumentRow,
    InputFileRow,
    ParsedDocument,
    RawDocument,
    RejectedInputRow,
)
from warehouse.ingest import InputFile, read_failure, read_input
from warehouse.load import bulk_write_settings, insert_frame, rows_frame
from warehouse.parallel import SERIAL_BELOW, WorkerPool
from warehouse.schema import create_stage_tables

if TYPE_CHECKING:
    import pyarrow as pa

Progress = Callable[[str, int, int, float], None]  # stage, done, total, seconds so far

CHUNK_DOCUMENTS = 100  # documents a worker gets at a time: ~0.1-0.3 s of parsing
CHUNK_BYTES = 1 << 20  # input bytes a worker reads at a time (a .jsonl file may hold many articles)


def _scalar(con, sql: str, params: list | None = None):
    # fetchall: DuckDB refuses register() on a connection whose last result was not read to the end
    return con.execute(sql, params or []).fetchall()[0][0]


def _quiet(stage: str, done: int, total: int, seconds: float) -> None:
    return None


@dataclass
class StageCounts:
    read: int = 0
    documents: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's and the workers' CPU time for the stage
    def reject(self, reason: str) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + 1


# ---------------------------------------------------------------------------------------------
# The scratch database


def stage_path(build_file: str | Path) -> Path:
    build_file = Path(build_file)
    return build_file.with_name(f"{build_file.stem}.stage{build_file.suffix}")


def attach_stage(con) -> None:
    """Attach this build's scratch database as `stage` (created on first use) and set the
    connection up for bulk writes."""
    bulk_write_settings(con)
    if _scalar(con, "select count(*) from duckdb_databases() where database_name = 'stage'"):
        return
    # a warehouse built before the scratch file kept its stage tables in a schema of that name
    con.execute("DROP SCHEMA IF EXISTS stage CASCADE")
    path = _scalar(con, "select path from duckdb_databases() where database_name = current_database()")
    target = str(stage_path(path)) if path else ":memory:"
    con.execute(f"ATTACH '{target.replace(chr(39), chr(39) * 2)}' AS stage")


def drop_stage(con) -> None:
    """Detach the scratch database and delete its file."""
    if not _scalar(con, "select count(*) from duckdb_databases() where database_name = 'stage'"):
        return
    path = _scalar(con, "select path from duckdb_databases() where database_name = 'stage'")
    con.execute("DETACH stage")
    if path:
        for file in (Path(path), Path(f"{path}.wal")):
            file.unlink(missing_ok=True)


class _Sink:
    """Worker results waiting to be inserted: one INSERT per stage table per batch of documents."""

    def __init__(self, con, targets: dict[str, str], counts: StageCounts):
        self.con = con
        self.targets = targets  # result name -> stage table
        self.counts = counts
        self.pending: dict[str, list[pl.DataFrame]] = defaultdict(list)

    def add(self, results: dict[str, pl.DataFrame]) -> None:
        for name, frame in results.items():
            if frame.height:
                self.pending[name].append(frame)
        rejected = results.get("rejected_inputs")
        if rejected is not None and rejected.height:
            for reason in rejected["reason"].to_list():
                self.counts.reject(reason)

    def flush(self) -> None:
        for name, parts in self.pending.items():
            if parts:
                insert_frame(self.con, self.targets[name], pl.concat(parts, rechunk=False))
        self.pending.clear()


def _stream(con, table: str, model, rows: int) -> Iterator[pa.RecordBatch]:
    """The rows of stage.<table> as Arrow batches of about `rows` rows, read on a second
    connection so that this one can insert meanwhile."""
    reader = con.cursor()
    try:
        query = f"select {', '.join(model.model_fields)} from stage.{table}"
        yield from reader.sql(query).to_arrow_reader(rows)
    finally:
        reader.close()


def _measured(work: Callable, chunk) -> tuple[int, float, dict[str, pl.DataFrame]]:
    """Worker: `work(chunk)`, with the process that did it and the CPU time it took."""
    started = time.process_time()
    results = work(chunk)
    return os.getpid(), time.process_time() - started, results


def _run(con, pool: WorkerPool, work: Callable, chunks: Iterable, total: int, targets: dict[str, str],
         batch_size: int, stage: str, progress: Progress, counts: StageCounts, produced: str = "documents",
         size: Callable[[object], int] = len, on_result: Callable | None = None) -> None:
    """Send chunks to the workers and insert what comes back. counts.read counts `size(chunk)`
    units (documents, or files), counts.documents the rows of the `produced` result."""
    sink = _Sink(con, targets, counts)
    start = time.perf_counter()
    cpu_start, worker_cpu, here = time.process_time(), 0.0, os.getpid()
    since_flush = 0
    sizes: deque[int] = deque()  # of the chunks sent and not yet back

    def sized(items):
        for chunk in items:
            sizes.append(size(chunk))
            yield chunk

    for pid, cpu, results in pool.imap(partial(_measured, work), sized(chunks), serial=total < SERIAL_BELOW):
        if pid != here:
            worker_cpu += cpu
        if on_result is not None:
            results = on_result(results)
        sink.add(results)
        done = sizes.popleft()
        counts.documents += results[produced].height
        counts.read += done
        since_flush += done
        if since_flush >= batch_size:
            sink.flush()
            since_flush = 0
            progress(stage, counts.read, total, time.perf_counter() - start)
    sink.flush()
    progress(stage, counts.read, total, time.perf_counter() - start)
    counts.cpu_seconds += time.process_time() - cpu_start + worker_cpu


# ---------------------------------------------------------------------------------------------
# Stage 1: read and decode input files


def documents_to_reparse(con, parser_version: str = PARSER_VERSION) -> int:
    """How many stored documents were parsed by another version of the parser (or never)."""
    if con is None:
        return 0
    return con.execute(_REPARSE_SQL.format(select="count(*)"), [parser_version, parser_version]).fetchone()[0]


_REPARSE_SQL = """
    select {select} from core.raw_documents r
    where r.doc_id not in (select doc_id from core.documents where parser_version = ?)
      and r.doc_id not in (select doc_id from core.rejected_inputs
                           where reason = 'parse_error' and parser_version = ? and doc_id is not null)
"""


def _read_chunk(files: list[InputFile], max_bytes: int) -> dict[str, pl.DataFrame]:
    """Worker: read, decode and split input files."""
    manifests, documents, rejected, holdings = [], [], [], []
    for file in files:
        try:
            result = read_input(file, max_bytes)
        except Exception as error:  # one file must not stop the run: it is rejected with the reason
            result = read_failure(file, error)
        manifests.append(result.manifest)
        documents.extend(result.documents)
        rejected.extend(result.rejected)
        holdings.extend(result.holdings)
    return {"input_files": rows_frame(InputFileRow, manifests),
            "raw_documents": rows_frame(RawDocument, documents),
            "rejected_inputs": rows_frame(RejectedInputRow, rejected),
            "input_documents": rows_frame(InputDocumentRow, holdings)}


def _file_chunks(files: list[InputFile]) -> Iterator[list[InputFile]]:
    chunk: list[InputFile] = []
    size = 0
    for file in files:
        chunk.append(file)
        size += file.size_bytes
        if size >= CHUNK_BYTES or len(chunk) >= CHUNK_DOCUMENTS * 2:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _drop_duplicates(results: dict[str, pl.DataFrame], con, seen: set[str]) -> dict[str, pl.DataFrame]:
    """Parse each text once: a document already in the warehouse, or read earlier in this run,
    is not staged again (merge_stage names it by its first input and records the others as
    duplicates). The warehouse is asked about this batch's documents only, so that the cost
    follows what the run reads, not what the warehouse holds."""
    raw = results["raw_documents"]
    ids = raw["doc_id"].to_list()
    stored = {row[0] for row in con.execute(
        "SELECT doc_id FROM core.raw_documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
    keep = []
    for doc_id in ids:
        keep.append(doc_id not in stored and doc_id not in seen)
        seen.add(doc_id)
    if not all(keep):
        results["raw_documents"] = raw.filter(pl.Series(keep, dtype=pl.Boolean))
    return results


def stage_inputs(con, files: list[InputFile], pool: WorkerPool,
                 max_bytes: int, progress: Progress = _quiet, parser_version: str = PARSER_VERSION,
                 gone: list[str] = ()) -> StageCounts:
    """Read and decode new or changed files into stage.raw_documents; also stage what to reparse,
    and the files that are `gone` (their documents go unless another input holds them)."""
    attach_stage(con)
    create_stage_tables(con)
    con.execute("CREATE OR REPLACE TABLE stage.gone_inputs AS SELECT unnest(?::varchar[]) AS source_uri", [list(gone)])
    counts = StageCounts()
    start = time.perf_counter()
    _run(con, pool, partial(_read_chunk, max_bytes=max_bytes), _file_chunks(files), len(files),
         {name: f"stage.{name}" for name in ("input_files", "raw_documents", "rejected_inputs", "input_documents")},
         batch_size=1000, stage="read", progress=progress, counts=counts, produced="raw_documents",
         on_result=partial(_drop_duplicates, con=con, seen=set()))
    # documents parsed by another parser version are parsed again from their stored raw text
    con.execute(f"insert into stage.raw_documents by name "
                f"{_REPARSE_SQL.format(select='r.*')} and r.doc_id not in (select doc_id from stage.raw_documents)",
                [parser_version, parser_version])
    counts.seconds = time.perf_counter() - start
    return counts


# ---------------------------------------------------------------------------------------------
# Stages 2 and 3: normalize, extract (one article's failure rejects that article, not the run)


def _parse_error(doc_id: str, source_uri: str, stage: str, error: Exception,
                 parser_version: str) -> RejectedInputRow:
    return RejectedInputRow(
        source_uri=source_uri, doc_id=doc_id, reason="parse_error", rejected_at=dt.datetime.now(),
        parser_version=parser_version,
        detail=f"{stage} failed on {source_uri}: {type(error).__name__}: {error}. The document was "
               "skipped; report it with this message (it is retried when the parser version changes).")


def _normalize_worker(raw: RawDocument, parser_version: str = PARSER_VERSION) -> DocumentRow | RejectedInputRow:
    from transforms.document.extract import normalize_document  # here: a run with nothing new never loads the parsers

    try:
        return normalize_document(raw, parser_version)
    except Exception as error:  # one bad article must not stop the run: it is rejected with the reason
        return _parse_error(raw.doc_id, raw.source_uri, "normalization", error, parser_version)


def _extract_worker(document: DocumentRow) -> ParsedDocument | RejectedInputRow:
    from transforms.document.extract import extract_facts

    try:
        return extract_facts(document)
    except Exception as error:  # see _normalize_worker
        return _parse_error(document.doc_id, document.source_uri, "extraction", error, document.parser_version)


def _normalize_chunk(batch: pa.RecordBatch, parser_version: str) -> dict[str, pl.DataFrame]:
    """Worker: normalize a chunk of stage.raw_documents rows."""
    documents, rejected = [], []
    for record in batch.to_pylist():
        result = _normalize_worker(RawDocument.model_validate(record), parser_version)
        (rejected if isinstance(result, RejectedInputRow) else documents).append(result)
    return {"documents": rows_frame(DocumentRow, documents),
            "rejected_inputs": rows_frame(RejectedInputRow, rejected)}


def normalize_stage(con, pool: WorkerPool, batch_size: int, progress: Progress = _quiet,
                    parser_version: str = PARSER_VERSION) -> StageCounts:
    """stage.raw_documents -> stage.documents (normalized text, metadata; status settled later)."""
    attach_stage(con)
    counts = StageCounts()
    start = time.perf_counter()
    total = _scalar(con, "select count(*) from stage.raw_documents")
    _run(con, pool, partial(_normalize_chunk, parser_version=parser_version),
         _stream(con, "raw_documents", RawDocument, CHUNK_DOCUMENTS), total,
         {"documents": "stage.documents", "rejected_inputs": "stage.rejected_inputs"},
         batch_size, "normalize", progress, counts, size=lambda batch: batch.num_rows)
    counts.seconds = time.perf_counter() - start
    return counts


_FACT_TABLES = tuple((model.table_name(), model) for model in FACT_MODELS)


def _extract_chunk(batch: pa.RecordBatch) -> dict[str, pl.DataFrame]:
    """Worker: extract every fact of a chunk of stage.documents rows."""
    parsed: list[ParsedDocument] = []
    rejected: list[RejectedInputRow] = []
    for record in batch.to_pylist():
        result = _extract_worker(DocumentRow.model_validate(record))
        (rejected if isinstance(result, RejectedInputRow) else parsed).append(result)
    # the text goes back and forth for nothing: extraction never changes it (its spans point into it)
    out = {"documents": rows_frame(DocumentRow, [p.document for p in parsed]).drop("text"),
           "rejected_inputs": rows_frame(RejectedInputRow, rejected)}
    for name, model in _FACT_TABLES:
        out[name] = rows_frame(model, [row for p in parsed for row in getattr(p, name)])
    return out


def extract_stage(con, pool: WorkerPool, batch_size: int, progress: Progress = _quiet) -> StageCounts:
    """stage.documents -> the stage fact tables, and stage.documents with each status settled."""
    attach_stage(con)
    counts = StageCounts()
    start = time.perf_counter()
    con.execute("create or replace table stage.parsed_documents as "
                "select * exclude (text) from stage.documents limit 0")
    total = _scalar(con, "select count(*) from stage.documents")
    targets = {name: f"stage.{name}" for name, _ in _FACT_TABLES}
    targets.update(documents="stage.parsed_documents", rejected_inputs="stage.rejected_inputs")
    _run(con, pool, _extract_chunk, _stream(con, "documents", DocumentRow, CHUNK_DOCUMENTS), total,
         targets, batch_size, "extract", progress, counts, size=lambda batch: batch.num_rows)
    # stage.documents becomes the documents as extraction settled them (their status), without
    # those whose extraction failed (a parse_error row says so)
    settled = ", ".join(f"{name} = p.{name}" for name in DocumentRow.model_fields if name not in ("doc_id", "text"))
    con.execute(f"UPDATE stage.documents AS d SET {settled} FROM stage.parsed_documents AS p WHERE d.doc_id = p.doc_id")
    con.execute("DELETE FROM stage.documents WHERE doc_id NOT IN (SELECT doc_id FROM stage.parsed_documents)")
    con.execute("DROP TABLE stage.parsed_documents")
    counts.seconds = time.perf_counter() - start
    return counts
