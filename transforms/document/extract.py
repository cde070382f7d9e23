"""One document end to end: raw text -> normalized text -> every row it yields, with ids."""
from __future__ import annotations

import hashlib
from operator import attrgetter

from transforms import PARSER_VERSION
from transforms.shared.models import DocumentMetadata, DocumentRow, ParsedDocument, RawDocument, Row
from transforms.meetings.detect import find_meetings
from transforms.text.normalize import normalize
from transforms.targets.outcomes import find_outcomes, without_targets
from transforms.people.participants import find_participations, find_unit_participations
from transforms.meetings.proceedings import find_adopted_documents, find_quorum
from transforms.targets.find import find_targets


def document_id(decoded_text: str) -> str:
    """CONTRACT: lowercase hex SHA-256 of the UTF-8 encoding of the text as decoded."""
    return hashlib.sha256(decoded_text.encode("utf-8")).hexdigest()


def _metadata_hints(raw: RawDocument) -> DocumentMetadata:
    from transforms.shared.dates import parse_metadata_date

    return DocumentMetadata(
        title=raw.title,
        outlet=raw.source,
        published_date=parse_metadata_date(raw.published_at) if raw.published_at else None,
    )


def parse_document(raw: RawDocument, parser_version: str = PARSER_VERSION) -> ParsedDocument:
    """Normalize and extract: the whole parse of one document."""
    return extract_facts(normalize_document(raw, parser_version))


def normalize_document(raw: RawDocument, parser_version: str = PARSER_VERSION) -> DocumentRow:
    """The document row with its normalized text; status is settled by extract_facts."""
    normalized = normalize(raw.raw_text, _metadata_hints(raw))
    meta = normalized.metadata
    return DocumentRow(
        doc_id=raw.doc_id,
        source_uri=raw.source_uri,
        script=normalized.script,
        title=meta.title,
        outlet=meta.outlet,
        authors=meta.authors,
        editor=meta.editor,
        published_date=meta.published_date,
        text=normalized.text,
        status="no_meeting",
        parser_version=parser_version,
        glosses_removed=normalized.glosses_removed,
        mojibake_repaired=normalized.mojibake_repaired,
        unrepaired_spots=normalized.unrepaired_spots,
        boilerplate_chars_removed=normalized.boilerplate_chars_removed,
        encoding=raw.encoding,
    )


def _metadata_of(document: DocumentRow) -> DocumentMetadata:
    return DocumentMetadata(title=document.title, outlet=document.outlet, authors=document.authors,
                            editor=document.editor, published_date=document.published_date)


def extract_facts(document: DocumentRow) -> ParsedDocument:
    """Every meeting, participation, quorum, document, target and outcome of a normalized document."""
    text = document.text
    meta = _metadata_of(document)
    doc_id = document.doc_id
    meetings = find_meetings(text, meta)
    parsed = ParsedDocument(
        document=document.model_copy(update={"status": "parsed" if meetings else "no_meeting"}))
    for ordinal, meeting in enumerate(meetings, start=1):
        meeting_id = f"{doc_id}:m{ordinal}"  # stable: doc_id + ordinal
        _set_ids(meeting, meeting_id=meeting_id, doc_id=doc_id)
        parsed.meetings.append(meeting)
        for rows, found in (
            (parsed.participations, find_participations(text, meeting)),
            (parsed.unit_participations, find_unit_participations(text, meeting)),
            (parsed.quorum, find_quorum(text, meeting)),
            (parsed.adopted_documents, find_adopted_documents(text, meeting)),
        ):
            for row in found:
                _set_ids(row, meeting_id=meeting_id)
                rows.append(row)
    for ordinal, target in enumerate(find_targets(text, meetings, meta), start=1):
        _set_ids(target, doc_id=doc_id, target_id=f"{doc_id}:t{ordinal}")
        parsed.economic_targets.append(target)
    outcomes = without_targets(find_outcomes(text, meetings, meta), parsed.economic_targets)
    for ordinal, outcome in enumerate(outcomes, start=1):
        _set_ids(outcome, doc_id=doc_id, outcome_id=f"{doc_id}:o{ordinal}")
        parsed.economic_outcomes.append(outcome)
    _drop_duplicate_keys(parsed)
    return parsed


def _set_ids(row: Row, **ids: str) -> None:
    """Ids made here from the document's id are strings: set them without revalidating the row
    (an assignment reruns the row's validators; ~20 a document)."""
    row.__dict__.update(ids)
    row.__pydantic_fields_set__.update(ids)


def _drop_duplicate_keys(parsed: ParsedDocument) -> None:
    """A fact found twice (two sentences naming the same role) is one row: keep the first span."""
    for name in ("participations", "unit_participations", "quorum", "adopted_documents"):
        rows = getattr(parsed, name)
        if len(rows) < 2:
            continue
        key_of = attrgetter(*rows[0].key)  # one model a list: one key
        seen: set = set()
        kept = []
        for row in rows:
            key = key_of(row)
            if key not in seen:
                seen.add(key)
                kept.append(row)
        setattr(parsed, name, kept)
