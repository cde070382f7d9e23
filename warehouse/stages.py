"""The pipeline's stages over the build file: stage inputs, normalize, extract.

Each stage reads the previous stage's table in batches, runs the pure transforms in a worker
pool and appends the results to its own stage table, so memory stays bounded at any corpus size.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from transforms import PARSER_VERSION
from transforms.extract import extract_facts, normalize_document
from transforms.models import (
    AdoptedDocumentRow,
    DocumentRow,
    EconomicTargetRow,
    InputFileRow,
    MeetingRow,
    ParsedDocument,
    ParticipationRow,
    QuorumRow,
    RawDocument,
    RejectedInputRow,
    UnitParticipationRow,
)
from warehouse.ingest import InputFile, ReadResult, read_input
from warehouse.load import insert_frame, insert_rows, rows_frame
from warehouse.parallel import WorkerPool, batched
from warehouse.schema import create_stage_schema

Progress = Callable[[str, int, int, float], None]  # stage, done, total, seconds so far


def _quiet(stage: str, done: int, total: int, seconds: float) -> None:
    return None


@dataclass
class StageCounts:
    read: int = 0
    documents: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def reject(self, reason: str) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + 1


def _read_worker(args: tuple[InputFile, int]) -> ReadResult:
    return read_input(*args)


def known_documents(con) -> dict[str, str]:
    """doc_id -> source_uri of every document already in core (any parser version)."""
    if con is None:
        return {}
    return dict(con.execute("select doc_id, source_uri from core.raw_documents").fetchall())


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


def stage_inputs(con, files: list[InputFile], known: dict[str, str], pool: WorkerPool,
                 max_bytes: int, progress: Progress = _quiet) -> StageCounts:
    """Read and decode new or changed files into stage.raw_documents; also stage what to reparse."""
    create_stage_schema(con)
    counts = StageCounts()
    start = time.perf_counter()
    seen = dict(known)
    for batch in batched(files, 1000):
        manifests: list[InputFileRow] = []
        documents: list[RawDocument] = []
        rejected: list[RejectedInputRow] = []
        for result in pool.map(_read_worker, [(f, max_bytes) for f in batch]):
            manifests.append(result.manifest)
            rejected.extend(result.rejected)
            for doc in result.documents:
                if doc.doc_id not in seen:
                    seen[doc.doc_id] = doc.source_uri
                    documents.append(doc)
                elif seen[doc.doc_id] != doc.source_uri:
                    rejected.append(RejectedInputRow(
                        source_uri=doc.source_uri, doc_id=doc.doc_id, reason="duplicate",
                        rejected_at=dt.datetime.now(),
                        detail=f"{doc.source_uri} has the same text as {seen[doc.doc_id]} (document "
                               f"{doc.doc_id[:12]}…), which is loaded once; nothing to do."))
        for row in rejected:
            counts.reject(row.reason)
        insert_rows(con, InputFileRow, manifests, schema="stage")
        insert_rows(con, RawDocument, documents, schema="stage")
        insert_rows(con, RejectedInputRow, rejected, schema="stage")
        counts.read += len(batch)
        counts.documents += len(documents)
        progress("read", counts.read, len(files), time.perf_counter() - start)
    # documents parsed by an older parser version are parsed again from their stored raw text
    con.execute(f"insert into stage.raw_documents by name "
                f"{_REPARSE_SQL.format(select='r.*')} and r.doc_id not in (select doc_id from stage.raw_documents)",
                [PARSER_VERSION, PARSER_VERSION])
    counts.seconds = time.perf_counter() - start
    return counts


def _parse_error(doc_id: str, source_uri: str, stage: str, error: Exception) -> RejectedInputRow:
    return RejectedInputRow(
        source_uri=source_uri, doc_id=doc_id, reason="parse_error", rejected_at=dt.datetime.now(),
        parser_version=PARSER_VERSION,
        detail=f"{stage} failed on {source_uri}: {type(error).__name__}: {error}. The document was "
               "skipped; report it with this message (it is retried when the parser version changes).")


def _normalize_worker(raw: RawDocument) -> DocumentRow | RejectedInputRow:
    try:
        return normalize_document(raw)
    except Exception as error:  # one bad article must not stop the run: it is rejected with the reason
        return _parse_error(raw.doc_id, raw.source_uri, "normalization", error)


def _extract_worker(document: DocumentRow) -> ParsedDocument | RejectedInputRow:
    try:
        return extract_facts(document)
    except Exception as error:  # see _normalize_worker
        return _parse_error(document.doc_id, document.source_uri, "extraction", error)


def _batches(con, table: str, model, batch_size: int):
    total = con.execute(f"select count(*) from stage.{table}").fetchone()[0]
    ids = [r[0] for r in con.execute(f"select doc_id from stage.{table} order by doc_id").fetchall()]
    columns = ", ".join(model.model_fields)
    for chunk in batched(ids, batch_size):
        con.execute("create or replace temp table _batch_ids as select unnest(?::varchar[]) as doc_id", [chunk])
        cursor = con.execute(f"select {columns} from stage.{table} where doc_id in (select doc_id from _batch_ids)")
        names = [d[0] for d in cursor.description]
        yield total, [model.model_validate(dict(zip(names, row))) for row in cursor.fetchall()]


def normalize_stage(con, pool: WorkerPool, batch_size: int, progress: Progress = _quiet) -> StageCounts:
    counts = StageCounts()
    start = time.perf_counter()
    for total, raws in _batches(con, "raw_documents", RawDocument, batch_size):
        documents, rejected = [], []
        for result in pool.map(_normalize_worker, raws):
            (rejected if isinstance(result, RejectedInputRow) else documents).append(result)
        insert_rows(con, DocumentRow, documents, schema="stage")
        insert_rows(con, RejectedInputRow, rejected, schema="stage")
        for row in rejected:
            counts.reject(row.reason)
        counts.read += len(raws)
        counts.documents += len(documents)
        progress("normalize", counts.read, total, time.perf_counter() - start)
    counts.seconds = time.perf_counter() - start
    return counts


_FACT_TABLES = (
    ("meetings", MeetingRow),
    ("participations", ParticipationRow),
    ("unit_participations", UnitParticipationRow),
    ("quorum", QuorumRow),
    ("adopted_documents", AdoptedDocumentRow),
    ("economic_targets", EconomicTargetRow),
)


def extract_stage(con, pool: WorkerPool, batch_size: int, progress: Progress = _quiet) -> StageCounts:
    counts = StageCounts()
    start = time.perf_counter()
    con.execute("create or replace table stage.parsed_documents as select * from stage.documents limit 0")
    for total, documents in _batches(con, "documents", DocumentRow, batch_size):
        parsed: list[ParsedDocument] = []
        rejected: list[RejectedInputRow] = []
        for result in pool.map(_extract_worker, documents):
            (rejected if isinstance(result, RejectedInputRow) else parsed).append(result)
        insert_frame(con, "stage.parsed_documents", rows_frame(DocumentRow, [p.document for p in parsed]))
        for name, model in _FACT_TABLES:
            insert_rows(con, model, [row for p in parsed for row in getattr(p, name)], schema="stage")
        insert_rows(con, RejectedInputRow, rejected, schema="stage")
        for row in rejected:
            counts.reject(row.reason)
        counts.read += len(documents)
        counts.documents += len(parsed)
        progress("extract", counts.read, total, time.perf_counter() - start)
    # the documents table of this run is the one with statuses settled by extraction
    con.execute("drop table stage.documents")
    con.execute("alter table stage.parsed_documents rename to documents")
    counts.seconds = time.perf_counter() - start
    return counts
