"""Contract checks of the core tables, derived from the row models: vocabularies, unique keys
and evidence spans as ../shared/CONTRACT.md fixes them. The Dagster asset checks
(orchestration/checks.py) and the tests call `contract_problems`."""
from __future__ import annotations

import typing
from typing import Literal, get_args, get_origin

from transforms.shared.models import Evidence, Row


def _literal_codes(annotation) -> tuple[str, ...] | None:
    """The allowed codes of a Literal field (also inside list[...] or ... | None)."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        codes = _literal_codes(arg)
        if codes:
            return codes
    return None


def contract_problems(con, model: type[Row]) -> list[str]:
    """Every way the table of `model` breaks the contract, as sentences."""
    table = model.table
    problems = []
    for name, annotation in typing.get_type_hints(model).items():
        if name not in model.model_fields:
            continue
        codes = _literal_codes(annotation)
        if not codes:
            continue
        is_list = "list" in str(annotation)
        values = (f"select distinct unnest({name}) from {table}" if is_list
                  else f"select distinct {name} from {table} where {name} is not null")
        bad = [r[0] for r in con.execute(f"select * from ({values}) v(x) where x not in ({', '.join('?' * len(codes))})",
                                         list(codes)).fetchall()]
        if bad:
            problems.append(f"{table}.{name} has values outside the vocabulary: {sorted(map(str, bad))[:10]}")
    if model.key:
        key = ", ".join(model.key)
        dupes = con.execute(f"select count(*) from (select {key} from {table} group by {key} having count(*) > 1)").fetchone()[0]
        if dupes:
            problems.append(f"{table} has {dupes} duplicated keys ({key})")
    if issubclass(model, Evidence):
        if "doc_id" in model.model_fields:
            join = f"{table} t join core.documents d on d.doc_id = t.doc_id"
        else:
            join = f"{table} t join core.meetings m on m.meeting_id = t.meeting_id join core.documents d on d.doc_id = m.doc_id"
        bad_spans = con.execute(f"select count(*) from {join} where t.span_start < 0 or t.span_end <= t.span_start "
                                "or t.span_end > length(d.text)").fetchone()[0]
        if bad_spans:
            problems.append(f"{table} has {bad_spans} rows whose evidence span lies outside its document")
    return problems
