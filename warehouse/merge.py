"""Merge this run's stage tables into core: replace every row of a reparsed document, in one transaction.

An input owns its documents (core.input_documents: a .txt file, or a record of a .jsonl / .json
file, and the document it decoded to). A file read again, or gone from a folder the run searched,
gives up what it held before; then
- a document no input holds any more is removed with every row about it (an edited record or
  file replaces its old document; a deleted file takes its documents along), and
- a document still held is named (source_uri) by its first holder in path and record order, the
  same one a fresh run over the same inputs would name (a renamed file keeps its document under
  the new path); every other holder is recorded as a `duplicate` rejection.
"""
from __future__ import annotations

from collections.abc import Callable

from transforms.shared.models import (
    CORE_ROW_MODELS,
    DOCUMENT_FACT_MODELS,
    FACT_MODELS,
    MEETING_FACT_MODELS,
    DocumentRow,
    InputDocumentRow,
    InputFileRow,
)
from warehouse.changes import record_changes
from warehouse.stages import attach_stage, drop_stage

_PARSED = (DocumentRow, *FACT_MODELS)  # what a parse produces, in load order


def _delete_documents(con, doc_ids_sql: str) -> None:
    """Delete every row the documents of `doc_ids_sql` (a query of doc_ids) parsed into: a
    meeting's facts first (found through core.meetings), then the document's own, then it."""
    for child in MEETING_FACT_MODELS:
        con.execute(f"""DELETE FROM {child.table} WHERE meeting_id IN
                        (SELECT meeting_id FROM core.meetings WHERE doc_id IN ({doc_ids_sql}))""")
    for model in (*sorted(DOCUMENT_FACT_MODELS, key=lambda m: m.table == "core.meetings"), DocumentRow):
        con.execute(f"DELETE FROM {model.table} WHERE doc_id IN ({doc_ids_sql})")


def merge_stage(con, before_delete: Callable | None = None) -> dict[str, int]:
    """Apply stage.* to core.*; returns rows added per core table. The stage's scratch file is
    deleted once core holds its rows. The documents whose rows are replaced are recorded in
    `changed.documents` (warehouse/changes.py); `before_delete(con)` runs once they are, before
    any row is deleted (the SQL models note which of their keys the old rows touch)."""
    attach_stage(con)
    tables = [m.table for m in CORE_ROW_MODELS]
    before = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    con.execute("BEGIN TRANSACTION")
    try:
        # documents parsed now: drop their old rows first (no stale rows from an older parser),
        # also when the new parse failed (then a parse_error row says so)
        con.execute("CREATE OR REPLACE TEMP TABLE _reparsed AS SELECT doc_id FROM stage.raw_documents")
        _backfill_holdings(con)
        # every document whose rows this run may replace: parsed now, or held by an input read again
        # or gone (an edited, renamed or deleted file); recorded before anything is deleted
        con.execute(_MAY_CHANGE_SQL)
        record_changes(con, ["_may_change"])
        if before_delete is not None:
            before_delete(con)
        _delete_documents(con, "SELECT doc_id FROM _reparsed")
        for model in _PARSED:
            con.execute(f"INSERT INTO {model.table} BY NAME SELECT * FROM stage.{model.table_name()}")
        con.execute("""INSERT INTO core.raw_documents BY NAME
                       SELECT * FROM stage.raw_documents
                       WHERE doc_id NOT IN (SELECT doc_id FROM core.raw_documents)""")
        con.execute("DELETE FROM core.rejected_inputs WHERE reason = 'parse_error' AND doc_id IN (SELECT doc_id FROM _reparsed)")
        _replace_holdings(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    drop_stage(con)
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] - n for t, n in before.items()}


_MAY_CHANGE_SQL = """
    CREATE OR REPLACE TEMP TABLE _may_change AS
    SELECT doc_id FROM _reparsed
    UNION SELECT doc_id FROM core.input_documents
          WHERE file_uri IN (SELECT source_uri FROM stage.input_files UNION SELECT source_uri FROM stage.gone_inputs)
    UNION SELECT doc_id FROM stage.input_documents
"""


def _replace_holdings(con) -> None:
    # the files whose holdings this run replaces: read again, or gone
    con.execute("""CREATE OR REPLACE TEMP TABLE _changed AS
                   SELECT source_uri AS file_uri FROM stage.input_files
                   UNION SELECT source_uri FROM stage.gone_inputs""")
    con.execute("""CREATE OR REPLACE TEMP TABLE _affected AS
                   SELECT doc_id FROM core.input_documents WHERE file_uri IN (SELECT file_uri FROM _changed)
                   UNION SELECT doc_id FROM stage.input_documents""")
    for model, key in ((InputDocumentRow, "file_uri"), (InputFileRow, "source_uri")):
        con.execute(f"DELETE FROM {model.table} WHERE {key} IN (SELECT file_uri FROM _changed)")
        con.execute(f"INSERT INTO {model.table} BY NAME SELECT * FROM stage.{model.table_name()}")

    # documents no input holds any more: gone with every row about them
    con.execute("""CREATE OR REPLACE TEMP TABLE _orphans AS
                   SELECT doc_id FROM _affected WHERE doc_id NOT IN (SELECT doc_id FROM core.input_documents)""")
    _delete_documents(con, "SELECT doc_id FROM _orphans")
    con.execute("DELETE FROM core.raw_documents WHERE doc_id IN (SELECT doc_id FROM _orphans)")
    con.execute("DELETE FROM core.rejected_inputs WHERE doc_id IN (SELECT doc_id FROM _orphans)")

    # what was said of a file read again (or gone) goes, and what this run says of it is added
    con.execute("""DELETE FROM core.rejected_inputs WHERE reason <> 'parse_error'
                   AND (split_part(source_uri, '#', 1) IN (SELECT file_uri FROM _changed)
                        OR source_uri IN (SELECT source_uri FROM stage.rejected_inputs))""")
    con.execute("INSERT INTO core.rejected_inputs BY NAME SELECT * FROM stage.rejected_inputs")

    # every document still held: named by its first holder; the other holders are duplicates
    con.execute("""CREATE OR REPLACE TEMP TABLE _holders AS
                   SELECT h.*, row_number() OVER (PARTITION BY doc_id ORDER BY file_uri, ordinal) AS rank
                   FROM core.input_documents h WHERE doc_id IN (SELECT doc_id FROM _affected)""")
    for table in ("core.documents", "core.raw_documents", "core.rejected_inputs"):
        con.execute(f"""UPDATE {table} t SET source_uri = h.source_uri FROM _holders h
                        WHERE h.rank = 1 AND t.doc_id = h.doc_id AND t.source_uri <> h.source_uri
                        {"AND t.reason = 'parse_error'" if table == "core.rejected_inputs" else ""}""")
    con.execute("DELETE FROM core.rejected_inputs WHERE reason = 'duplicate' AND doc_id IN (SELECT doc_id FROM _affected)")
    con.execute("""INSERT INTO core.rejected_inputs (source_uri, doc_id, reason, detail, rejected_at)
                   SELECT DISTINCT ON (h.source_uri) h.source_uri, h.doc_id, 'duplicate',
                          h.source_uri || ' has the same text as ' || first.source_uri || ' (document '
                          || left(h.doc_id, 12) || '…), which is loaded once; nothing to do.', now()::timestamp
                   FROM _holders h JOIN _holders first ON first.doc_id = h.doc_id AND first.rank = 1
                   WHERE h.rank > 1 AND h.source_uri <> first.source_uri
                     AND h.source_uri NOT IN (SELECT source_uri FROM core.rejected_inputs WHERE reason = 'duplicate')""")


def _backfill_holdings(con) -> None:
    """A warehouse made before core.input_documents existed: derive it once from the manifest, the
    documents' paths and the duplicate rejections. (A JSON record that named its own url cannot be
    traced to its file: its document stays until that file is read again.)"""
    if con.execute("select count(*) from core.input_documents").fetchone()[0] or \
            not con.execute("select count(*) from core.input_files").fetchone()[0]:
        return
    con.execute("""INSERT INTO core.input_documents (file_uri, ordinal, source_uri, doc_id)
                   SELECT DISTINCT ON (file_uri, ordinal) * FROM (
                       SELECT source_uri AS file_uri, 1 AS ordinal, source_uri, doc_id
                       FROM core.input_files WHERE doc_id IS NOT NULL
                       UNION ALL
                       SELECT split_part(source_uri, '#', 1), coalesce(try_cast(split_part(source_uri, '#', 2) AS INTEGER), 1),
                              source_uri, doc_id
                       FROM (SELECT source_uri, doc_id FROM core.raw_documents
                             UNION ALL SELECT source_uri, doc_id FROM core.rejected_inputs
                             WHERE reason = 'duplicate' AND doc_id IS NOT NULL)
                       WHERE split_part(source_uri, '#', 1) IN (SELECT source_uri FROM core.input_files))""")
