"""`govmeet export`: every core table and mart as Parquet, CSV or Stata files, with a schema file.

Parquet and CSV are written by DuckDB's COPY, Stata .dta through pyreadstat (the optional extra
`stata`), all from one read-only connection, so every file comes from the same published run.
`schema.json` (and the same, flat, in `schema.csv`) describes each column: core tables from their
row models in transforms/shared/models.py (type, nullability, the closed vocabulary of a Literal field,
the Field description or else the contract's meaning), marts from the DuckDB catalog, the first
comment line of their SQL file, and the core column a mart column passes through unchanged.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
import types
import typing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal, Union, get_args, get_origin

import duckdb

from transforms.shared.models import CORE_ROW_MODELS, Row
from warehouse.reading import connect

FORMATS = ("parquet", "csv", "dta")
EXPORTED_SCHEMAS = ("core", "marts")  # staging holds views over core: nothing of its own to export
CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "CONTRACT.md"
CONVENTIONS = [
    "doc_id is the lowercase hex SHA-256 of the input's decoded text; it joins every table to core.documents.",
    "span_start, span_end are 0-based, end-exclusive character offsets into core.documents.text: "
    "text[span_start:span_end] (Python) or substr(text, span_start + 1, span_end - span_start) (R, SQL) "
    "is the evidence for the row.",
    "Closed vocabularies are lowercase snake_case codes; text as written is in *_text columns.",
]
# what a column of this name means in every table, where the model and the contract say nothing more
SHARED_COLUMNS = {
    "doc_id": "the document (see conventions); joins core.documents",
    "meeting_id": "the meeting: doc_id + ordinal; joins core.meetings",
    "span_start": "start of the evidence: 0-based character offset into core.documents.text",
    "span_end": "end of the evidence (exclusive): character offset into core.documents.text",
    "parser_version": "version (hash) of the extraction code and lexicons that produced the row",
    "source_uri": "the input: file path, path#line for a JSONL record, or the URL given with the record",
    "target_id": "stable id of the target: doc_id + ordinal",
    "target_year": "the year the target is for",
    "meeting_date": "the day the meeting was held; NULL when not known (see date_basis)",
    "rejected_at": "when the input was rejected",
}
FORMAT_NOTES = {
    "csv": ["CSV files are UTF-8 with a header row; NULL is an empty field; list columns (type ending in []) "
            "are JSON arrays, e.g. [\"县委副书记\",\"代理县长\"]; dates are YYYY-MM-DD."],
    "dta": ["Stata 14+ files (format 118, UTF-8): list columns are JSON text, NULL text is \"\" (Stata has no "
            "missing string), BOOLEAN is 0/1, BIGINT is double (exact up to 2^53), variable labels are the "
            "first 80 characters of each description."],
}


@dataclass
class ExportedTable:
    name: str  # core.meetings
    file: str  # relative to the export folder: core/meetings.parquet
    rows: int
    description: str | None
    key: list[str] = field(default_factory=list)
    columns: list[dict] = field(default_factory=list)


def export_warehouse(warehouse: str | Path, out_dir: str | Path, fmt: str) -> list[ExportedTable]:
    """Write every core table and mart of `warehouse` under `out_dir` as `fmt`, then the schema files."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    con = connect(warehouse)
    try:
        exported = [_describe_table(con, schema, table, fmt) for schema, table in _tables(con)]
        describe_from_core(exported)
        for table in exported:
            (out_dir / table.file).parent.mkdir(parents=True, exist_ok=True)
            WRITERS[fmt](con, table, out_dir / table.file)
    finally:
        con.close()
    write_schema(exported, out_dir, fmt, Path(warehouse))
    return exported


def _tables(con) -> list[tuple[str, str]]:
    """(schema, table) of every base table to export: core in row-model order, then marts by name."""
    found = con.execute("select schema_name, table_name from duckdb_tables() where database_name = current_database() "
                        f"and schema_name in {EXPORTED_SCHEMAS} order by 1, 2").fetchall()
    model_order = {m.table: i for i, m in enumerate(CORE_ROW_MODELS)}
    return sorted(found, key=lambda st: (EXPORTED_SCHEMAS.index(st[0]), model_order.get(f"{st[0]}.{st[1]}", 99), st[1]))


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _describe_table(con, schema: str, table: str, fmt: str) -> ExportedTable:
    catalog = con.execute("select column_name, data_type, comment from duckdb_columns() where database_name = "
                          "current_database() and schema_name = ? and table_name = ? order by column_index",
                          [schema, table]).fetchall()
    name = f"{schema}.{table}"
    rows = con.execute(f"select count(*) from {name}").fetchall()[0][0]
    model = _MODELS.get(name)
    if model is not None:
        columns = describe_model_columns(model, catalog)
        description = _first_paragraph(model.__doc__) or contract_meanings().get(name, {}).get("")
        key = list(model.key)
    else:
        columns = [{"name": n, "type": t, "description": c or None} for n, t, c in catalog]
        description, key = _mart_descriptions().get(name), []
    return ExportedTable(name, f"{schema}/{table}.{fmt}", rows, description, key, columns)


def _write_parquet(con, table: ExportedTable, path: Path) -> None:
    con.execute(f"COPY {table.name} TO {_sql_text(str(path))} (FORMAT parquet, COMPRESSION zstd)")


def _write_csv(con, table: ExportedTable, path: Path) -> None:
    """CSV has no lists: each list (or struct) column is written as its JSON text."""
    select = ", ".join(f'to_json("{c["name"]}") AS "{c["name"]}"' if _is_nested(c["type"]) else f'"{c["name"]}"'
                       for c in table.columns)
    con.execute(f"COPY (SELECT {select} FROM {table.name}) TO {_sql_text(str(path))} (FORMAT csv, HEADER true)")


class ExportUnavailable(Exception):
    """A format whose writer is not installed; the message says what to install."""


STATA_LABEL = 80  # characters Stata keeps of a variable or dataset label


def _write_dta(con, table: ExportedTable, path: Path) -> None:
    """Stata 14+ .dta (format 118, UTF-8) through pyreadstat, as Stata can hold it: lists as JSON
    text, NULL text as '' (Stata has no missing string), booleans as 0/1, wide integers as double;
    each column's description is its variable label."""
    try:
        import pyreadstat
    except ImportError as error:
        raise ExportUnavailable("--format dta needs pyreadstat: `pip install -e '.[stata]'` "
                                "(`make install` installs it)") from error
    frame = con.sql(f"SELECT {', '.join(_stata_column(c) for c in table.columns)} FROM {table.name}").pl()
    pyreadstat.write_dta(frame, str(path), version=14, file_label=(table.description or "")[:STATA_LABEL],
                         column_labels=[(c.get("description") or "")[:STATA_LABEL] for c in table.columns])


def _stata_column(column: dict) -> str:
    name, data_type = f'"{column["name"]}"', column["type"]
    if _is_nested(data_type):
        return f"coalesce(to_json({name})::VARCHAR, '') AS {name}"
    if data_type == "VARCHAR":
        return f"coalesce({name}, '') AS {name}"
    if data_type == "BOOLEAN":
        return f"{name}::TINYINT AS {name}"
    if data_type.startswith(("HUGEINT", "UBIGINT", "UHUGEINT", "DECIMAL")):
        return f"{name}::DOUBLE AS {name}"
    return name


WRITERS = {"parquet": _write_parquet, "csv": _write_csv, "dta": _write_dta}


def describe_from_core(exported: list[ExportedTable]) -> None:
    """A mart column named as a column of exactly one core table it reads (through staging) is that
    column: it takes that column's description, with `from` naming it. Computed columns stay bare."""
    from warehouse.sql_models import discover_models

    models = {m.qualified: m for m in discover_models()}
    core = {t.name: {c["name"]: c for c in t.columns} for t in exported if t.name.startswith("core.")}

    def core_sources(name: str) -> set[str]:
        if name in core:
            return {name}
        model = models.get(name)
        return set().union(*(core_sources(u) for u in model.upstream)) if model else set()

    for table in exported:
        if table.name in core:
            continue
        sources = core_sources(table.name)
        for column in table.columns:
            matches = [f"{s}.{column['name']}" for s in sorted(sources) if column["name"] in core[s]]
            if column["description"] or len(matches) != 1:
                column["description"] = column["description"] or SHARED_COLUMNS.get(column["name"])
                continue
            source, _, column_name = matches[0].rpartition(".")
            column["from"] = matches[0]
            column["description"] = core[source][column_name].get("description")
            if "values" in core[source][column_name]:
                column["values"] = core[source][column_name]["values"]


def _first_paragraph(text: str | None) -> str | None:
    """The first paragraph of a docstring, on one line."""
    paragraph = (text or "").strip().split("\n\n")[0]
    return " ".join(paragraph.split()) or None


def _is_nested(data_type: str) -> bool:
    return data_type.endswith("]") or data_type.startswith(("STRUCT", "MAP", "UNION"))


_MODELS: dict[str, type[Row]] = {m.table: m for m in CORE_ROW_MODELS}


@functools.cache
def _mart_descriptions() -> dict[str, str]:
    from warehouse.sql_models import discover_models

    return {m.qualified: m.description for m in discover_models() if m.description}


# ---------------------------------------------------------------------------------------------
# Column descriptions from the row models (and the contract's meanings where a Field has none)


def _literal_values(annotation) -> list[str] | None:
    """The codes of a closed vocabulary: Literal['presided', 'spoke', …], also inside list[…] or … | None."""
    origin = get_origin(annotation)
    if origin is Literal:
        return [str(v) for v in get_args(annotation)]
    if origin in (Union, types.UnionType, list):
        for inner in get_args(annotation):
            if (values := _literal_values(inner)) is not None:
                return values
    return None


def _nullable(annotation) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation)


def describe_model_columns(model: type[Row], catalog: list[tuple[str, str, str | None]]) -> list[dict]:
    """One entry per column of the table as stored (`catalog`: name, DuckDB type, comment), described
    by the model's field of that name."""
    hints = typing.get_type_hints(model)
    meanings = contract_meanings().get(model.table, {})
    columns = []
    for name, data_type, comment in catalog:
        info = model.model_fields.get(name)
        entry = {"name": name, "type": data_type}
        if info is not None:
            entry["nullable"] = _nullable(hints[name])
            if (values := _literal_values(hints[name])) is not None:
                entry["values"] = values
        entry["description"] = ((info.description if info is not None else None) or meanings.get(name)
                                or comment or SHARED_COLUMNS.get(name))
        columns.append(entry)
    return columns


@functools.cache
def contract_meanings(path: Path = CONTRACT) -> dict[str, dict[str, str]]:
    """{'core.meetings': {'name_text': "the meeting's full name as written, …"}, …} from the contract's
    column tables (`| column | type | meaning |` under `### core.x`); empty when it is not beside the repo."""
    if not path.is_file():
        return {}
    meanings: dict[str, dict[str, str]] = {}
    table = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"#+\s+(\S+)", line):
            table = heading[1] if heading[1].startswith("core.") else None
            continue
        if table is None:
            continue
        if not line.startswith("|"):  # the sentence under the heading describes the table
            if line.strip() and "" not in meanings.get(table, {}):
                meanings.setdefault(table, {})[""] = line.strip().replace("`", "")
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] in ("column", "") or set(cells[0]) <= set("-: "):
            continue
        meaning = "|".join(cells[2:]).replace("`", "").strip()
        for name in cells[0].split(","):
            if meaning and meaning != "see conventions":  # SHARED_COLUMNS says what the conventions say
                meanings.setdefault(table, {})[name.strip()] = meaning
    return meanings


# ---------------------------------------------------------------------------------------------
# The schema files


def write_schema(exported: list[ExportedTable], out_dir: Path, fmt: str, warehouse: Path) -> None:
    document = {
        "warehouse": str(warehouse),
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "format": fmt,
        "duckdb_version": duckdb.__version__,
        "conventions": CONVENTIONS + FORMAT_NOTES.get(fmt, []),
        "tables": [asdict(table) for table in exported],
    }
    (out_dir / "schema.json").write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(out_dir / "schema.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["table", "file", "column", "type", "nullable", "values", "description"])
        for table in exported:
            for column in table.columns:
                nullable = column.get("nullable")
                writer.writerow([table.name, table.file, column["name"], column["type"],
                                 "" if nullable is None else str(nullable).lower(),
                                 " ".join(column.get("values") or []), column.get("description") or ""])
