"""Contract checks of the core tables, derived from the row models: vocabularies, unique keys
and evidence spans as ../shared/CONTRACT.md fixes them. The Dagster asset checks
(orchestration/checks.py) and the tests call `contract_problems`.

A run checks only the rows it added or replaced (warehouse/changes.py): the rows of the documents
in `changed.documents`, and of the inputs in `changed.sources`. Key uniqueness is a PRIMARY KEY
constraint of every core table (warehouse/schema.py), and is also queried on the keys those rows
hold. `full=True` (the daily rebuild, GOVMEET_FULL_CHECKS=1) checks every row."""
from __future__ import annotations

import typing
from typing import Literal, get_args, get_origin

from transforms.shared.models import Evidence, Row
from warehouse.changes import SCHEMA as CHANGED, has_changes


def _literal_codes(annotation) -> tuple[str, ...] | None:
    """The allowed codes of a Literal field (also inside list[...] or ... | None)."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        codes = _literal_codes(arg)
        if codes:
            return codes
    return None


def _scope(model: type[Row], alias: str = "") -> str:
    """A condition on the rows of `model`'s table (as `alias`) that this run added or replaced."""
    t = f"{alias}." if alias else ""
    changed_documents = f"(SELECT doc_id FROM {CHANGED}.documents)"
    fields = model.model_fields
    if "doc_id" in fields:
        condition = f"{t}doc_id IN {changed_documents}"
        if "source_uri" in fields and model.table in ("core.rejected_inputs", "core.input_files"):
            condition += f" OR {t}source_uri IN (SELECT source_uri FROM {CHANGED}.sources)"
        return f"({condition})"
    if "meeting_id" in fields:
        return f"{t}meeting_id IN (SELECT meeting_id FROM core.meetings WHERE doc_id IN {changed_documents})"
    return "true"


def contract_problems(con, model: type[Row], full: bool = True) -> list[str]:
    """Every way the table of `model` breaks the contract, as sentences; unless `full`, only in
    the rows this run added or replaced (every row when the build recorded no changes)."""
    table = model.table
    scope = "true" if full or not has_changes(con) else _scope(model)
    problems = []
    for name, annotation in typing.get_type_hints(model).items():
        if name not in model.model_fields:
            continue
        codes = _literal_codes(annotation)
        if not codes:
            continue
        is_list = "list" in str(annotation)
        values = (f"select distinct unnest({name}) from {table} where {scope}" if is_list
                  else f"select distinct {name} from {table} where {name} is not null and {scope}")
        bad = [r[0] for r in con.execute(f"select * from ({values}) v(x) where x not in ({', '.join('?' * len(codes))})",
                                         list(codes)).fetchall()]
        if bad:
            problems.append(f"{table}.{name} has values outside the vocabulary: {sorted(map(str, bad))[:10]}")
    if model.key:
        key = ", ".join(model.key)
        touched = "" if scope == "true" else f"where ({key}) in (select {key} from {table} where {scope})"
        dupes = con.execute(f"select count(*) from (select {key} from {table} {touched} "
                            f"group by {key} having count(*) > 1)").fetchone()[0]
        if dupes:
            problems.append(f"{table} has {dupes} duplicated keys ({key})")
    if issubclass(model, Evidence):
        if "doc_id" in model.model_fields:
            join = f"{table} t join core.documents d on d.doc_id = t.doc_id"
        else:
            join = f"{table} t join core.meetings m on m.meeting_id = t.meeting_id join core.documents d on d.doc_id = m.doc_id"
        in_scope = "true" if scope == "true" else f"d.doc_id IN (SELECT doc_id FROM {CHANGED}.documents)"
        bad_spans = con.execute(f"select count(*) from {join} where {in_scope} and (t.span_start < 0 "
                                "or t.span_end <= t.span_start or t.span_end > length(d.text))").fetchone()[0]
        if bad_spans:
            problems.append(f"{table} has {bad_spans} rows whose evidence span lies outside its document")
    return problems
