"""Merge this run's stage tables into core: replace every row of a reparsed document, in one transaction."""
from __future__ import annotations

from collections.abc import Callable

from transforms.shared.models import (
    DOCUMENT_FACT_MODELS,
    FACT_MODELS,
    MEETING_FACT_MODELS,
    DocumentRow,
    RawDocument,
    RejectedInputRow,
)
from warehouse.changes import record_changes
from warehouse.stages import attach_stage, drop_stage

_MEETING_CHILDREN = MEETING_FACT_MODELS
# a document's own facts, deleted before the document (the meetings last: children find them there)
_DOCUMENT_FACTS = tuple(sorted(DOCUMENT_FACT_MODELS, key=lambda m: m.table == "core.meetings"))


def merge_stage(con, before_delete: Callable | None = None) -> dict[str, int]:
    """Apply stage.* to core.*; returns rows added per core table. The stage's scratch file is
    deleted once core holds its rows. The documents whose rows are replaced are recorded in
    `changed.documents` (warehouse/changes.py); `before_delete(con)` runs once they are, before
    any row is deleted (the SQL models note which of their keys the old rows touch)."""
    attach_stage(con)
    before = {m.table: con.execute(f"select count(*) from {m.table}").fetchone()[0]
              for m in (DocumentRow, *FACT_MODELS, RejectedInputRow)}
    con.execute("BEGIN TRANSACTION")
    try:
        # documents parsed now: drop their old rows first (no stale rows from an older parser),
        # also when the new parse failed (then a parse_error row says so)
        con.execute("CREATE OR REPLACE TEMP TABLE _reparsed AS SELECT doc_id FROM stage.raw_documents")
        con.execute(_REPLACED_SQL)
        record_changes(con, ["_reparsed", "_replaced"])
        if before_delete is not None:
            before_delete(con)
        _delete_documents(con, "_reparsed")
        for model in (DocumentRow, *FACT_MODELS):
            con.execute(f"INSERT INTO {model.table} BY NAME SELECT * FROM stage.{model.table_name()}")
        con.execute("""INSERT INTO core.raw_documents BY NAME
                       SELECT * FROM stage.raw_documents
                       WHERE doc_id NOT IN (SELECT doc_id FROM core.raw_documents)""")
        # a file seen again replaces what was said of it before
        con.execute("""DELETE FROM core.rejected_inputs WHERE source_uri IN
                       (SELECT source_uri FROM stage.rejected_inputs)
                       OR split_part(source_uri, '#', 1) IN (SELECT source_uri FROM stage.input_files)""")
        con.execute("DELETE FROM core.rejected_inputs WHERE reason = 'parse_error' AND doc_id IN (SELECT doc_id FROM _reparsed)")
        con.execute("INSERT INTO core.rejected_inputs BY NAME SELECT * FROM stage.rejected_inputs")
        con.execute("DELETE FROM core.input_files WHERE source_uri IN (SELECT source_uri FROM stage.input_files)")
        con.execute("INSERT INTO core.input_files BY NAME SELECT * FROM stage.input_files")
        _drop_replaced_documents(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    drop_stage(con)
    return {table: con.execute(f"select count(*) from {table}").fetchone()[0] - n for table, n in before.items()}


# The documents that changed files held before this run (a file's manifest row names its document).
_REPLACED_SQL = """
    CREATE OR REPLACE TEMP TABLE _replaced AS
    SELECT old.doc_id FROM core.input_files old
    JOIN stage.input_files new USING (source_uri)
    JOIN core.raw_documents r ON r.doc_id = old.doc_id AND r.source_uri = old.source_uri
    WHERE old.doc_id IS DISTINCT FROM new.doc_id
"""


def _drop_replaced_documents(con) -> None:
    """A file whose content changed replaces its document: the old document and its rows go,
    unless another input still holds the same text (another file, or a record seen as its
    duplicate); then the document is kept and its source_uri points at that input."""
    con.execute("""CREATE OR REPLACE TEMP TABLE _holders AS
                   SELECT doc_id, min(source_uri) AS source_uri FROM (
                       SELECT doc_id, source_uri FROM core.input_files
                       UNION ALL SELECT doc_id, source_uri FROM core.rejected_inputs WHERE reason = 'duplicate')
                   WHERE doc_id IN (SELECT doc_id FROM _replaced) GROUP BY doc_id""")
    for table in ("core.documents", "core.raw_documents"):
        con.execute(f"UPDATE {table} t SET source_uri = h.source_uri FROM _holders h WHERE t.doc_id = h.doc_id")
    con.execute("""DELETE FROM core.rejected_inputs WHERE reason = 'duplicate'
                   AND (doc_id, source_uri) IN (SELECT doc_id, source_uri FROM _holders)""")
    con.execute("DELETE FROM _replaced WHERE doc_id IN (SELECT doc_id FROM _holders)")
    _delete_documents(con, "_replaced", also=(RawDocument, RejectedInputRow))


def _delete_documents(con, doc_ids: str, also=()) -> None:
    """Delete the documents whose ids the temp table `doc_ids` holds, with every fact of theirs
    (and the rows of the `also` tables keyed by doc_id)."""
    for child in _MEETING_CHILDREN:
        con.execute(f"""DELETE FROM {child.table} WHERE meeting_id IN
                        (SELECT meeting_id FROM core.meetings WHERE doc_id IN (SELECT doc_id FROM {doc_ids}))""")
    for model in (*_DOCUMENT_FACTS, DocumentRow, *also):
        con.execute(f"DELETE FROM {model.table} WHERE doc_id IN (SELECT doc_id FROM {doc_ids})")
