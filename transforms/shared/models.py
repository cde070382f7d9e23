"""Row models: one pydantic model per warehouse table, the single source of its columns.

The DuckDB DDL (warehouse/schema.py) and the polars schemas are derived from these classes,
so a column is added here and nowhere else. Every extracted fact carries `span_start`,
`span_end`: 0-based, end-exclusive offsets into the normalized text (core.documents.text).
"""
from __future__ import annotations

import datetime as dt
from typing import ClassVar, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from transforms.shared.vocab import (
    Basis,
    DateBasis,
    DocumentAction,
    DocumentStatus,
    Indicator,
    Measure,
    MeetingFormat,
    MeetingKind,
    MemberClass,
    Period,
    Qualifier,
    RegionLevel,
    Role,
    Script,
    TimeOfDay,
)


class Row(BaseModel):
    """A row of a warehouse table. `table` names it; `key` lists its unique key columns; `label`
    is how a run's summary names its rows."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    table: ClassVar[str]
    key: ClassVar[tuple[str, ...]] = ()
    label: ClassVar[str | None] = None

    @classmethod
    def table_name(cls) -> str:
        """`core.quorum` -> `quorum`: the name of its stage table and of its ParsedDocument field."""
        return cls.table.split(".", 1)[1]

    @classmethod
    def summary_label(cls) -> str:
        return cls.label or cls.table_name().replace("_", " ")


class Evidence(Row):
    """A row whose fact was read from the normalized text at [span_start, span_end)."""

    span_start: int = Field(ge=0)
    span_end: int = Field(gt=0)

    @model_validator(mode="after")
    def _span_is_not_empty(self):
        if self.span_end <= self.span_start:
            raise ValueError(f"empty evidence span [{self.span_start}, {self.span_end})")
        return self


class DocumentRow(Row):
    table = "core.documents"
    key = ("doc_id",)

    doc_id: str
    source_uri: str
    script: Script
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)
    editor: str | None = None
    published_date: dt.date | None = None
    text: str
    status: DocumentStatus
    parser_version: str
    # normalization quality, per document (issue 3)
    glosses_removed: int = Field(0, description="pinyin glosses removed from the text, e.g. the (chǎn) of 產(chǎn)")
    mojibake_repaired: int = Field(0, description="stretches of mojibake (text decoded with a wrong codec) repaired")
    unrepaired_spots: int = Field(0, description="stretches that look like mojibake but could not be repaired")
    boilerplate_chars_removed: int = Field(
        0, description="characters of site furniture removed (breadcrumbs, related-article lists, app prompts)")
    encoding: str | None = Field(None, description="the input's detected encoding, e.g. utf-8, gb18030, big5")


class MeetingRow(Evidence):
    table = "core.meetings"
    key = ("meeting_id",)

    meeting_id: str = ""
    doc_id: str = ""
    name_text: str
    kinds: list[MeetingKind] = Field(min_length=1)
    organizer_text: str | None = None
    region_name: str | None = None
    region_code: str | None = None
    region_level: RegionLevel | None = None
    province: str | None = None
    prefecture: str | None = None
    term_number: int | None = None
    session_number: int | None = None
    is_expanded: bool = False
    format: MeetingFormat = "in_person"
    meeting_date: dt.date | None = None
    date_basis: DateBasis = "unknown"
    # 'MM-DD' as written, also when the year is unknown (meeting_date NULL); NULL when no month
    month_day: str | None = None
    time_of_day: TimeOfDay | None = None
    # the stretch of text that reports this meeting: people, quorum and documents are read there
    scope_start: int = Field(
        0, description="start of the stretch of text that reports this meeting (offset into core.documents.text)")
    scope_end: int = Field(0, description="end (exclusive) of the stretch of text that reports this meeting")


class ParticipationRow(Evidence):
    table = "core.participations"
    key = ("meeting_id", "person_name", "role")

    meeting_id: str = ""
    person_name: str
    titles: list[str] = Field(default_factory=list)
    role: Role


class UnitParticipationRow(Evidence):
    table = "core.unit_participations"
    key = ("meeting_id", "unit_name", "role")

    meeting_id: str = ""
    unit_name: str = Field(description="a body that took part, as written, e.g. 县财政局")
    role: Role


class QuorumRow(Evidence):
    table = "core.quorum"
    key = ("meeting_id", "member_class")
    label = "quorum rows"

    meeting_id: str = ""
    member_class: MemberClass
    expected: int | None = Field(default=None, ge=0)
    present: int = Field(ge=0)


class AdoptedDocumentRow(Evidence):
    table = "core.adopted_documents"
    key = ("meeting_id", "title", "action")

    meeting_id: str = ""
    title: str
    short_title: str | None = None
    action: DocumentAction


class EconomicTargetRow(Evidence):
    table = "core.economic_targets"
    key = ("target_id",)
    label = "targets"

    target_id: str = ""
    doc_id: str = ""
    meeting_id: str | None = None
    region_name: str | None = None
    region_code: str | None = None
    target_year: int | None = None
    indicator: Indicator
    indicator_text: str
    measure: Measure
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    relation_text: str | None = None


class EconomicOutcomeRow(Evidence):
    """An achieved, preliminary or estimated figure (2023年全县地区生产总值增长6.1%, 上半年…增长5.2%,
    预计全年增长6%): what core.economic_targets must not hold."""

    table = "core.economic_outcomes"
    key = ("outcome_id",)

    outcome_id: str = ""
    doc_id: str = ""
    meeting_id: str | None = None
    region_name: str | None = None
    region_code: str | None = None
    period_year: int | None = None  # NULL when a reader could not know the year
    period: Period
    period_text: str | None = None  # 上半年, 一季度, 1-10月 as written; NULL for a full year
    basis: Basis
    indicator: Indicator
    indicator_text: str
    measure: Measure
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None


class RejectedInputRow(Row):
    table = "core.rejected_inputs"
    key = ("source_uri", "reason")

    source_uri: str
    doc_id: str | None = None
    reason: str
    detail: str
    rejected_at: dt.datetime
    parser_version: str | None = None  # set for parse_error: retried when the parser changes


class InputFileRow(Row):
    """Manifest of every input seen, so that a rerun skips unchanged files without reading them."""

    table = "core.input_files"
    key = ("source_uri",)

    source_uri: str
    size_bytes: int = Field(json_schema_extra={"duckdb": "BIGINT"}, description="the file's size when read")
    mtime_ns: int = Field(json_schema_extra={"duckdb": "BIGINT"}, description="its modification time, ns since 1970")
    content_sha256: str = Field(description="hex SHA-256 of the file's bytes: a renamed or copied file is one input")
    doc_id: str | None = None
    outcome: str = Field(description="document, rejected or records (a JSONL file holding several documents)")
    reason: str | None = Field(default=None, description="why it was rejected: a rerun retries it once the advice is followed")
    seen_at: dt.datetime = Field(description="when a run last read the file")


class InputDocumentRow(Row):
    """Which input holds which document: one row per .txt file or JSON record that decoded to a
    document, duplicates included. An input owns its documents: when a file is edited, renamed or
    deleted, the documents no input holds any more go, and each kept one is named by its first holder."""

    table = "core.input_documents"
    key = ("file_uri", "ordinal")

    file_uri: str = Field(description="the file (core.input_files.source_uri)")
    ordinal: int = Field(description="1 for a .txt file; the record's place in a .jsonl / .json file")
    source_uri: str = Field(description="the input as core.documents names it: path, path#line, or the record's url")
    doc_id: str


# ---------------------------------------------------------------------------------------------
# Values passed between the stages (not tables)


class RawDocument(Row):
    """One decoded input article, before normalization; kept in core.raw_documents so that a new
    parser version can reparse every document without the input files."""

    table = "core.raw_documents"
    key = ("doc_id",)

    doc_id: str  # sha256 of the decoded text, see CONTRACT.md
    source_uri: str
    raw_text: str = Field(description="the input's text as decoded, before normalization; doc_id is its SHA-256")
    encoding: str | None = Field(None, description="the input's detected encoding")
    title: str | None = None
    url: str | None = Field(None, description="the url given with a JSONL record")
    published_at: str | None = Field(None, description="the published_at given with a JSONL record, as given")
    source: str | None = Field(None, description="the source given with a JSONL record")


class DocumentMetadata(BaseModel):
    """What bylines, datelines and credit lines say about a document."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)
    editor: str | None = None
    published_date: dt.date | None = None


class ParsedDocument(BaseModel):
    """Everything extracted from one document: the rows to load."""

    document: DocumentRow
    meetings: list[MeetingRow] = Field(default_factory=list)
    participations: list[ParticipationRow] = Field(default_factory=list)
    unit_participations: list[UnitParticipationRow] = Field(default_factory=list)
    quorum: list[QuorumRow] = Field(default_factory=list)
    adopted_documents: list[AdoptedDocumentRow] = Field(default_factory=list)
    economic_targets: list[EconomicTargetRow] = Field(default_factory=list)
    economic_outcomes: list[EconomicOutcomeRow] = Field(default_factory=list)


# The fact tables are the list fields of ParsedDocument, in load order: a new fact table is a new
# row model and a new field there; staging, merge, checks and the run summary follow from these.
FACT_MODELS: tuple[type[Evidence], ...] = tuple(
    get_args(field.annotation)[0] for name, field in ParsedDocument.model_fields.items() if name != "document")
# facts of a meeting (keyed by meeting_id, no doc_id of their own) and facts of a document
MEETING_FACT_MODELS = tuple(m for m in FACT_MODELS if "doc_id" not in m.model_fields)
DOCUMENT_FACT_MODELS = tuple(m for m in FACT_MODELS if "doc_id" in m.model_fields)
# every table of schema core, in load order
CORE_ROW_MODELS: tuple[type[Row], ...] = (DocumentRow, *FACT_MODELS, RejectedInputRow, InputFileRow,
                                          InputDocumentRow, RawDocument)
