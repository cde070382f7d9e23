"""DuckDB DDL and polars schemas, derived from the row models in transforms/shared/models.py.

A column exists because a pydantic field exists; nothing here lists columns by hand.
"""
from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from typing import Literal, Union, get_args, get_origin

import polars as pl

from transforms.shared.models import CORE_ROW_MODELS, Row

# Integers that can exceed 2**31 are declared on the field: Field(json_schema_extra={"duckdb": "BIGINT"})
_DUCKDB_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN",
                 dt.date: "DATE", dt.datetime: "TIMESTAMP"}
_POLARS_TYPES = {str: pl.String, int: pl.Int64, float: pl.Float64, bool: pl.Boolean,
                 dt.date: pl.Date, dt.datetime: pl.Datetime("us")}


def _base_type(annotation) -> tuple[type, bool]:
    """(scalar python type, is_list) of an annotation such as `list[Role]` or `int | None`."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in get_args(annotation) if a is not type(None)]
        return _base_type(inner)
    if origin is list:
        scalar, _ = _base_type(get_args(annotation)[0])
        return scalar, True
    if origin is Literal:
        return type(get_args(annotation)[0]), False
    return annotation, False


def field_names(model: type[Row]) -> list[str]:
    """The model's fields, evidence spans last so that tables read naturally."""
    names = list(model.model_fields)
    return [n for n in names if not n.startswith("span_")] + [n for n in names if n.startswith("span_")]


@functools.cache  # a model's columns are fixed once it is defined; every run asks for them dozens of times
def columns(model: type[Row]) -> dict[str, tuple[type, bool]]:
    hints = typing.get_type_hints(model)
    return {name: _base_type(hints[name]) for name in field_names(model)}


def duckdb_type(model: type[Row], name: str) -> str:
    extra = model.model_fields[name].json_schema_extra or {}
    if "duckdb" in extra:
        return extra["duckdb"]
    scalar, is_list = columns(model)[name]
    return _DUCKDB_TYPES[scalar] + ("[]" if is_list else "")


def polars_schema(model: type[Row]) -> dict[str, pl.DataType]:
    schema = {}
    for name, (scalar, is_list) in columns(model).items():
        dtype = _POLARS_TYPES[scalar]
        schema[name] = pl.List(dtype) if is_list else dtype
    return schema


@functools.cache
def table_ddl(model: type[Row], schema: str | None = None) -> str:
    """CREATE TABLE for a model; `schema` overrides the model's own (stage copies of core tables)."""
    table = model.table if schema is None else f"{schema}.{model.table.split('.')[1]}"
    body = [f"    {name} {duckdb_type(model, name)}" for name in field_names(model)]
    if model.key and schema is None:
        body.append(f"    PRIMARY KEY ({', '.join(model.key)})")
    return f"CREATE TABLE IF NOT EXISTS {table} (\n" + ",\n".join(body) + "\n)"


def create_core_schema(con) -> None:
    """Create (or extend) every core table; safe to run on an existing warehouse."""
    con.execute("CREATE SCHEMA IF NOT EXISTS core")
    have: dict[str, set[str]] = {}
    for table, column in con.execute("select table_schema || '.' || table_name, column_name "
                                     "from information_schema.columns where table_schema = 'core'").fetchall():
        have.setdefault(table, set()).add(column)
    for model in CORE_ROW_MODELS:
        if model.table not in have:
            con.execute(table_ddl(model))
            continue
        for name in field_names(model):
            if name not in have[model.table]:  # migration: a column added to a model after the table was made
                con.execute(f"ALTER TABLE {model.table} ADD COLUMN {name} {duckdb_type(model, name)}")


def create_stage_tables(con) -> None:
    """Fresh, empty stage tables for this run's delta (same columns as core, no keys); the stage
    schema is attached already (warehouse/stages.py)."""
    for model in CORE_ROW_MODELS:
        con.execute(f"DROP TABLE IF EXISTS stage.{model.table.split('.')[1]}")
        con.execute(table_ddl(model, schema="stage"))
