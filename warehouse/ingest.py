"""The input side: find input files, skip the unchanged ones, read and decode the rest.

A manifest (core.input_files) remembers each file's size and mtime, so a rerun over 100,000
unchanged files costs one stat() each and reads nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from warehouse import DEFAULT_MAX_BYTES
from transforms.shared.models import InputFileRow, RawDocument, RejectedInputRow

TEXT_SUFFIXES = {".txt"}
RECORD_SUFFIXES = {".jsonl", ".json"}


@dataclass(frozen=True)
class InputFile:
    path: str
    size_bytes: int
    mtime_ns: int


def scan_inputs(paths: list[str]) -> tuple[list[InputFile], list[str]]:
    """Every file under each path (recursively, names starting with '.' left out), sorted by path,
    and the paths that do not exist (or are links to nothing).

    A file's path is its resolved absolute path. Folders are resolved once and walked with
    os.scandir, so 100,000 files cost one stat() each and nothing per path component.
    """
    found: dict[str, InputFile] = {}
    missing = []
    for given in paths:
        root = Path(given)
        if root.is_file():
            key = str(root.resolve())
            st = root.stat()
            found[key] = InputFile(key, st.st_size, st.st_mtime_ns)
        elif root.is_dir():
            _scan_folder(str(root.resolve()), found, missing)
        else:
            missing.append(given)
    return sorted(found.values(), key=lambda f: f.path), missing


def _scan_folder(folder: str, found: dict[str, InputFile], missing: list[str]) -> None:
    stack = [folder]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                if entry.name.startswith(".") or entry.is_symlink() and entry.is_dir():
                    continue  # hidden files; links to folders are not followed (as os.walk does)
                try:
                    st = entry.stat()
                except OSError:  # a link to nothing
                    missing.append(entry.path)
                    continue
                key = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
                found[key] = InputFile(key, st.st_size, st.st_mtime_ns)


def unchanged_files(files: list[InputFile], manifest: dict[str, tuple[int, int]]) -> set[str]:
    """Paths whose size and mtime equal what the manifest saw last time."""
    return {f.path for f in files if manifest.get(f.path) == (f.size_bytes, f.mtime_ns)}


def fresh_files(files: list[InputFile], manifest: dict[str, tuple[int, int]]) -> list[InputFile]:
    """The files that are new or changed since the manifest saw them (size or mtime differ)."""
    return [f for f in files if manifest.get(f.path) != (f.size_bytes, f.mtime_ns)]


@dataclass
class ReadResult:
    manifest: InputFileRow
    documents: list[RawDocument]
    rejected: list[RejectedInputRow]


def read_input(file: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read, decode and split one input file. Never raises for bad content: it rejects it."""
    # imported here: a run with nothing new (and the inbox sensor) never loads the parsers
    from transforms.text.decode import Decoded, decode_bytes
    from transforms.document.extract import document_id
    from transforms.text.records import BadRecord, split_records

    now = dt.datetime.now()
    uri = file.path

    def result(outcome: str, sha: str, documents=(), rejected=()) -> ReadResult:
        doc_id = documents[0].doc_id if len(documents) == 1 and outcome == "document" else None
        return ReadResult(
            InputFileRow(source_uri=uri, size_bytes=file.size_bytes, mtime_ns=file.mtime_ns,
                         content_sha256=sha, doc_id=doc_id, outcome=outcome, seen_at=now),
            list(documents), list(rejected))

    def reject(reason: str, detail: str, sha: str = "", doc_id: str | None = None) -> ReadResult:
        return result("rejected", sha, rejected=[RejectedInputRow(
            source_uri=uri, doc_id=doc_id, reason=reason, detail=detail, rejected_at=now)])

    suffix = Path(uri).suffix.lower()
    if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
        return reject("not_text", f"{uri}: only .txt, .jsonl and .json files are read; "
                                  f"convert this {suffix or 'extension-less'} file or move it out of the input folder.")
    if file.size_bytes > max_bytes:
        return reject("too_large", f"{uri} is {file.size_bytes:,} bytes, over the {max_bytes:,}-byte limit for one "
                                   "input; split it into one article a file (or a .jsonl of records), "
                                   "or raise --max-bytes.")
    try:
        data = Path(uri).read_bytes()
    except OSError as error:
        return reject("unreadable", f"{uri} could not be read ({error.strerror}); check its permissions.")
    sha = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(data)
    if not isinstance(decoded, Decoded):
        return reject(decoded.reason, f"{uri}: {decoded.detail}", sha)
    if suffix in TEXT_SUFFIXES:
        doc = RawDocument(doc_id=document_id(decoded.text), source_uri=uri,
                          raw_text=decoded.text, encoding=decoded.encoding)
        return result("document", sha, documents=[doc])
    documents, rejected = [], []
    for item in split_records(decoded.text, uri, decoded.encoding, is_json_lines=suffix == ".jsonl"):
        if isinstance(item, BadRecord):
            rejected.append(RejectedInputRow(source_uri=item.source_uri, reason=item.reason,
                                             detail=item.detail, rejected_at=now))
        else:
            documents.append(item)
    return result("records", sha, documents, rejected)
