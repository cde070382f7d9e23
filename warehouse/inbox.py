"""What is new in an inbox, by content: the inbox sensor's question, answered without Dagster.

A file is new when the published warehouse has never seen its content: no row of core.input_files
carries its SHA-256. Files whose path, size and mtime the manifest already holds are not read at
all. A file at a path the manifest does not know (new, renamed, re-dropped, copied) is read once
to hash it; the hash is remembered by (path, size, mtime) for the life of the process, so a
renamed file costs one read, not one read per tick.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from warehouse.ingest import RECORD_SUFFIXES, TEXT_SUFFIXES, InputFile, Scan, needs_reading, read_manifest


@dataclass(frozen=True)
class InboxDelta:
    files: int  # files in the inbox
    new: list[InputFile]  # files whose content the warehouse has not seen
    content_keys: list[str]  # their content hashes, sorted and unique
    relocated: list[InputFile]  # files at new paths whose content is known: renames, re-drops, copies
    gone: list[str] = ()  # files the warehouse holds that left the inbox (deleted, renamed, moved out)
    content_of: dict[str, str] = field(default_factory=dict)  # path -> content key, of the new files

    def without(self, paths: set[str]) -> "InboxDelta":
        """The same delta with these new files held back (a batch of theirs keeps failing)."""
        new = [f for f in self.new if f.path not in paths]
        return replace(self, new=new, content_keys=sorted({self.content_of[f.path] for f in new}))

    @property
    def batch_key(self) -> str:
        """Names the batch by its content (and the files gone): the same new content gives the same
        key, whatever the paths."""
        return hashlib.sha256("\n".join([*self.content_keys, *self.gone]).encode()).hexdigest()[:32]


class ContentHashes:
    """SHA-256 of file contents, remembered by (path, size, mtime_ns), for at most `limit` files."""

    def __init__(self, limit: int = 200_000):
        self.limit = limit
        self._known: OrderedDict[tuple[str, int, int], str] = OrderedDict()

    def of(self, file: InputFile) -> str | None:
        """The content hash, or None when the file cannot be read (the run will say why)."""
        key = (file.path, file.size_bytes, file.mtime_ns)
        if key in self._known:
            self._known.move_to_end(key)
            return self._known[key]
        try:
            with open(file.path, "rb") as handle:
                sha = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            return None
        self._known[key] = sha
        if len(self._known) > self.limit:
            self._known.popitem(last=False)
        return sha


def known_content(con, shas: Iterable[str]) -> set[str]:
    """Which of these content hashes some input already seen by the warehouse had."""
    wanted = sorted({s for s in shas if s})
    if con is None or not wanted:
        return set()
    return {r[0] for r in con.execute(
        "select distinct content_sha256 from core.input_files where content_sha256 in (select unnest(?::varchar[]))",
        [wanted]).fetchall()}


def _is_readable_kind(file: InputFile, max_bytes: int) -> bool:
    """Files a run reads (and hashes); others (wrong type, too large) it rejects by path without reading."""
    return Path(file.path).suffix.lower() in TEXT_SUFFIXES | RECORD_SUFFIXES and file.size_bytes <= max_bytes


def inbox_delta(scan: Scan, con, hashes: ContentHashes, max_bytes: int) -> InboxDelta:
    """The files of an inbox scan whose content the warehouse (read-only `con`, or None) has not
    seen (or that a run would read again: see ingest.needs_reading), and the files gone."""
    seen = read_manifest(con)
    files = scan.files
    candidates = [f for f in files if needs_reading(f, seen.get(f.path), max_bytes)]
    content: dict[str, str] = {}
    for file in candidates:
        sha = hashes.of(file) if file.problem is None and _is_readable_kind(file, max_bytes) else None
        # a file the run rejects without reading, or cannot read, is new by its path and stat
        content[file.path] = sha or f"path:{file.path}:{file.size_bytes}:{file.mtime_ns}"
    # a rejected file whose advice was followed is new, whatever its content
    retried = {content[f.path] for f in candidates if f.path in seen and seen[f.path].reason}
    known = known_content(con, content.values()) - retried
    new = [f for f in candidates if content[f.path] not in known]
    return InboxDelta(files=len(files), new=new, content_keys=sorted({content[f.path] for f in new}),
                      relocated=[f for f in candidates if content[f.path] in known], gone=scan.gone(seen),
                      content_of={f.path: content[f.path] for f in new})


def listing_fingerprint(files: list[InputFile], *extra: object) -> str:
    """A short hash of an inbox listing (paths, sizes, mtimes) and anything else given."""
    digest = hashlib.sha256(repr(extra).encode())
    for file in files:
        digest.update(f"{file.path}\0{file.size_bytes}\0{file.mtime_ns}\n".encode())
    return digest.hexdigest()[:32]
