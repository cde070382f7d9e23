"""Merge this run's stage tables into core: replace every row of a reparsed document, in one transaction."""
from __future__ import annotations

from transforms.models import (
    AdoptedDocumentRow,
    DocumentRow,
    EconomicTargetRow,
    MeetingRow,
    ParticipationRow,
    QuorumRow,
    RejectedInputRow,
    UnitParticipationRow,
)

_MEETING_CHILDREN = (ParticipationRow, UnitParticipationRow, QuorumRow, AdoptedDocumentRow)


def _name(model) -> str:
    return model.table.split(".")[1]


def merge_stage(con) -> dict[str, int]:
    """Apply stage.* to core.*; returns rows added per core table."""
    before = {m.table: con.execute(f"select count(*) from {m.table}").fetchone()[0]
              for m in (DocumentRow, MeetingRow, *_MEETING_CHILDREN, EconomicTargetRow, RejectedInputRow)}
    con.execute("BEGIN TRANSACTION")
    try:
        # documents reparsed now: drop their old rows first (no stale rows from an older parser)
        con.execute("CREATE OR REPLACE TEMP TABLE _reparsed AS SELECT doc_id FROM stage.documents")
        for child in _MEETING_CHILDREN:
            con.execute(f"""DELETE FROM {child.table} WHERE meeting_id IN
                            (SELECT meeting_id FROM core.meetings WHERE doc_id IN (SELECT doc_id FROM _reparsed))""")
        for model in (EconomicTargetRow, MeetingRow, DocumentRow):
            con.execute(f"DELETE FROM {model.table} WHERE doc_id IN (SELECT doc_id FROM _reparsed)")
        for model in (DocumentRow, MeetingRow, *_MEETING_CHILDREN, EconomicTargetRow):
            con.execute(f"INSERT INTO {model.table} BY NAME SELECT * FROM stage.{_name(model)}")
        con.execute("""INSERT INTO core.raw_documents BY NAME
                       SELECT * FROM stage.raw_documents
                       WHERE doc_id NOT IN (SELECT doc_id FROM core.raw_documents)""")
        # a file seen again replaces what was said of it before
        con.execute("""DELETE FROM core.rejected_inputs WHERE source_uri IN
                       (SELECT source_uri FROM stage.rejected_inputs)
                       OR split_part(source_uri, '#', 1) IN (SELECT source_uri FROM stage.input_files)""")
        con.execute("INSERT INTO core.rejected_inputs BY NAME SELECT * FROM stage.rejected_inputs")
        con.execute("DELETE FROM core.input_files WHERE source_uri IN (SELECT source_uri FROM stage.input_files)")
        con.execute("INSERT INTO core.input_files BY NAME SELECT * FROM stage.input_files")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {table: con.execute(f"select count(*) from {table}").fetchone()[0] - n for table, n in before.items()}
