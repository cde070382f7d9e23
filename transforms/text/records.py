"""Input records: one .txt file is one article; a .jsonl / .json file holds records with `text`.

Pure functions over already-decoded text; reading the bytes is the caller's job.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from transforms.document.extract import document_id
from transforms.shared.models import RawDocument


@dataclass(frozen=True)
class BadRecord:
    source_uri: str
    reason: str  # a RejectReason code
    detail: str


def _record_document(record, source_uri: str, encoding: str) -> RawDocument | BadRecord:
    if not isinstance(record, dict):
        return BadRecord(source_uri, "malformed_record",
                         f"{source_uri}: the record is a JSON {type(record).__name__}, not an object; "
                         "write one object per line with at least a `text` field.")
    text = record.get("text")
    if not isinstance(text, str):
        return BadRecord(source_uri, "malformed_record",
                         f"{source_uri}: the record has no string `text` field; add the article text as `text`.")
    if not text.strip():
        return BadRecord(source_uri, "empty", f"{source_uri}: the record's `text` is empty; remove the record or re-crawl it.")

    def optional(name: str) -> str | None:
        value = record.get(name)
        return str(value) if value not in (None, "") else None

    return RawDocument(
        doc_id=document_id(text),
        source_uri=optional("url") or source_uri,
        raw_text=text,
        encoding=encoding,
        title=optional("title"),
        url=optional("url"),
        published_at=optional("published_at"),
        source=optional("source"),
    )


def _too_deep(source_uri: str) -> BadRecord:
    # '[[[[…' a hundred thousand levels deep: json.loads gives up with RecursionError
    return BadRecord(source_uri, "malformed_record",
                     f"{source_uri}: the JSON is nested too deeply to read (thousands of levels); an article "
                     "record is an object with a `text` field: re-export it.")


def split_records(text: str, source_uri: str, encoding: str, is_json_lines: bool) -> list[RawDocument | BadRecord]:
    """Documents of a .jsonl (one object a line) or .json (an object or a list of objects) file.

    The source_uri of a JSONL record is `path#line` unless the record gives its own `url`.
    """
    if not is_json_lines:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            return [BadRecord(source_uri, "malformed_record",
                              f"{source_uri}: not valid JSON ({error.msg} at line {error.lineno}); "
                              "fix the file or save it as .jsonl with one record a line.")]
        except RecursionError:
            return [_too_deep(source_uri)]
        items = data if isinstance(data, list) else [data]
        return [_record_document(item, f"{source_uri}#{i}" if len(items) > 1 else source_uri, encoding)
                for i, item in enumerate(items, start=1)]
    out: list[RawDocument | BadRecord] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        uri = f"{source_uri}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            out.append(BadRecord(uri, "malformed_record",
                                 f"{uri}: the line is not valid JSON ({error.msg}); it may be truncated — "
                                 "re-export the record."))
            continue
        except RecursionError:
            out.append(_too_deep(uri))
            continue
        out.append(_record_document(record, uri, encoding))
    return out
