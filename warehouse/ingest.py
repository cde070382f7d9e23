"""The input side: find input files, skip the unchanged ones, read and decode the rest.

A manifest (core.input_files) remembers each file's size and mtime, so a rerun over 100,000
unchanged files costs one stat() each and reads nothing. It also remembers why a file was
rejected, so that following the rejection's advice is enough for the next run to read it again:
a file rejected as too large is read once the limit (--max-bytes) admits it, an unreadable one
once its permissions let this process read it.

Nothing found under an input folder can fail a run: a folder that cannot be listed, a link that
loops or leads nowhere, a file that cannot be read, is an InputFile with a `problem`, which the
run records as a row of core.rejected_inputs.
"""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from warehouse import DEFAULT_MAX_BYTES
from transforms.shared.models import InputDocumentRow, InputFileRow, RawDocument, RejectedInputRow

TEXT_SUFFIXES = {".txt"}
RECORD_SUFFIXES = {".jsonl", ".json"}


@dataclass(frozen=True)
class InputFile:
    path: str
    size_bytes: int
    mtime_ns: int
    problem: tuple[str, str] | None = None  # (reason, detail) when the scan could not get at it as a file


@dataclass(frozen=True)
class Scan:
    files: list[InputFile]  # sorted by path; scan problems included (they become rejections)
    missing: list[str]  # given paths that do not exist
    folders: list[str]  # the folders searched: a file the manifest knows under one, not found now, is gone
    blind: list[str]  # folders that could not be listed: nothing under them is taken for gone

    def gone(self, manifest: dict) -> list[str]:
        """Paths the manifest holds under a searched folder that are no longer there (deleted,
        renamed, moved out); a run drops what they held (see warehouse/merge.py)."""
        found = {f.path for f in self.files}
        under = tuple(os.path.join(f, "") for f in self.folders)
        blind = tuple(os.path.join(b, "") for b in self.blind)
        if not under:
            return []
        return sorted(p for p in manifest if p not in found and p.startswith(under) and not p.startswith(blind))


def _readable(path: str, folder: bool = False) -> bool:
    """Whether this process may read `path` (list it, for a folder) now, e.g. after a chmod."""
    return os.access(path, os.R_OK | os.X_OK if folder else os.R_OK)


def _problem(path: str, reason: str, detail: str) -> InputFile:
    try:
        st = os.lstat(path)
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        size, mtime = 0, 0
    return InputFile(path, size, mtime, (reason, detail))


def _unlistable(folder: str, why: str) -> InputFile:
    return _problem(folder, "unreadable", f"{folder}: the folder could not be listed ({why}), so nothing in it "
                                          "was read; give this user read and execute permission on it "
                                          "(chmod u+rx) or move it out of the input folder, then run again.")


def _bad_link(path: str, error: OSError) -> InputFile:
    if error.errno == errno.ELOOP:  # a -> b -> a
        return _problem(path, "unreadable", f"{path} is a symbolic link that loops ({error.strerror}); "
                                            "point it at a file or remove it, then run again.")
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return _problem(path, "unreadable", f"{path} could not be opened ({error.strerror}); it is a link to "
                                        f"{target}: point it at an existing file or remove it, then run again."
                    if os.path.islink(path) else f"{path} could not be opened ({error.strerror}); "
                                                 "check it and its folder's permissions, then run again.")


def scan_inputs(paths: list[str]) -> Scan:
    """Every file under each path (recursively, names starting with '.' left out), sorted by path,
    and the paths that do not exist (or are links to nothing).

    A file's path is its resolved absolute path. Folders are resolved once and walked with
    os.scandir, so 100,000 files cost one stat() each and nothing per path component.
    """
    found: dict[str, InputFile] = {}
    missing: list[str] = []
    folders: list[str] = []
    blind: list[str] = []
    for given in paths:
        root = Path(given)
        try:
            st = root.stat()
        except FileNotFoundError:
            if root.is_symlink():
                found[str(root.absolute())] = _bad_link(str(root.absolute()), FileNotFoundError(2, "No such file or directory"))
            else:
                missing.append(given)
            continue
        except OSError as error:  # a loop, a folder on the way that cannot be entered
            found[str(root.absolute())] = _bad_link(str(root.absolute()), error)
            continue
        if stat.S_ISDIR(st.st_mode):
            folder = str(root.resolve())
            folders.append(folder)
            _scan_folder(folder, found, blind)
        else:
            key = str(root.resolve())
            found[key] = _regular(key, st) or InputFile(key, st.st_size, st.st_mtime_ns)
    return Scan(sorted(found.values(), key=lambda f: f.path), missing, folders, blind)


def _regular(path: str, st: os.stat_result) -> InputFile | None:
    """None for a regular file; for anything else (a FIFO, a device, a socket) the rejection:
    reading one could block the run forever."""
    if stat.S_ISREG(st.st_mode):
        return None
    return _problem(path, "not_text", f"{path} is not a regular file (a pipe, socket or device); "
                                      "only files are read: move it out of the input folder.")


def _scan_folder(folder: str, found: dict[str, InputFile], blind: list[str]) -> None:
    stack = [folder]
    while stack:
        current = stack.pop()
        if not _readable(current, folder=True):
            found[current] = _unlistable(current, "permission denied")
            blind.append(current)
            continue
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            found[current] = _unlistable(current, error.strerror or type(error).__name__)
            blind.append(current)
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                if entry.name.startswith("."):
                    continue  # hidden files
                st = entry.stat()  # follows a link
            except OSError as error:  # a link that loops or leads nowhere
                found[entry.path] = _bad_link(entry.path, error)
                continue
            if stat.S_ISDIR(st.st_mode):
                continue  # links to folders are not followed (as os.walk does)
            key = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
            found[key] = _regular(key, st) or InputFile(key, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Seen:
    """What the manifest remembers of a file: its size and mtime when read, and why it was rejected."""

    size_bytes: int
    mtime_ns: int
    reason: str | None = None


def read_manifest(con) -> dict[str, Seen]:
    """path -> what the warehouse (a connection, or None) remembers of every input file it has seen."""
    if con is None:
        return {}
    has_reason = con.execute("select count(*) from information_schema.columns where table_schema = 'core' "
                             "and table_name = 'input_files' and column_name = 'reason'").fetchone()[0]
    reason = "reason" if has_reason else "NULL"  # a warehouse made before rejections were remembered
    return {uri: Seen(size, mtime, why) for uri, size, mtime, why in con.execute(
        f"select source_uri, size_bytes, mtime_ns, {reason} from core.input_files").fetchall()}


def needs_reading(file: InputFile, seen: Seen | None, max_bytes: int) -> bool:
    """Whether a run reads this file: it is new or changed, or its rejection's advice was followed."""
    if seen is None or (seen.size_bytes, seen.mtime_ns) != (file.size_bytes, file.mtime_ns):
        return True
    if seen.reason == "too_large":  # `raise --max-bytes`
        return file.size_bytes <= max_bytes
    if seen.reason == "unreadable" and file.problem is None:  # `chmod u+r`
        return _readable(file.path)
    return False


def fresh_files(files: list[InputFile], manifest: dict[str, Seen], max_bytes: int = DEFAULT_MAX_BYTES) -> list[InputFile]:
    """The files a run reads: new, changed, or rejected for a reason that no longer holds."""
    return [f for f in files if needs_reading(f, manifest.get(f.path), max_bytes)]


@dataclass
class ReadResult:
    manifest: InputFileRow
    documents: list[RawDocument]
    rejected: list[RejectedInputRow]
    holdings: list[InputDocumentRow]  # every document the file holds, in file order, duplicates included


def read_input(file: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read, decode and split one input file. Never raises for bad content: it rejects it."""
    # imported here: a run with nothing new (and the inbox sensor) never loads the parsers
    from transforms.text.decode import Decoded, decode_bytes
    from transforms.document.extract import document_id
    from transforms.text.records import BadRecord, split_records

    now = dt.datetime.now()
    uri = file.path

    def result(outcome: str, sha: str, documents=(), rejected=(), reason: str | None = None) -> ReadResult:
        documents = list(documents)
        doc_id = documents[0].doc_id if len(documents) == 1 and outcome == "document" else None
        holdings = [InputDocumentRow(file_uri=uri, ordinal=i, source_uri=d.source_uri, doc_id=d.doc_id)
                    for i, d in enumerate(documents, start=1)]
        return ReadResult(
            InputFileRow(source_uri=uri, size_bytes=file.size_bytes, mtime_ns=file.mtime_ns,
                         content_sha256=sha, doc_id=doc_id, outcome=outcome, reason=reason, seen_at=now),
            documents, list(rejected), holdings)

    def reject(reason: str, detail: str, sha: str = "", doc_id: str | None = None) -> ReadResult:
        return result("rejected", sha, reason=reason, rejected=[RejectedInputRow(
            source_uri=uri, doc_id=doc_id, reason=reason, detail=detail, rejected_at=now)])

    if file.problem is not None:
        return reject(*file.problem)
    suffix = Path(uri).suffix.lower()
    if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
        return reject("not_text", f"{uri}: only .txt, .jsonl and .json files are read; "
                                  f"convert this {suffix or 'extension-less'} file or move it out of the input folder.")
    if file.size_bytes > max_bytes:
        return reject("too_large", f"{uri} is {file.size_bytes:,} bytes, over the {max_bytes:,}-byte limit for one "
                                   "input; split it into one article a file (or a .jsonl of records), "
                                   "or raise --max-bytes (the next run reads it then).")
    unreadable = ("{uri} could not be read ({why}); make it readable by this user (chmod u+r) and run again: "
                  "the next run reads it.")
    if not _readable(uri):
        return reject("unreadable", unreadable.format(uri=uri, why="permission denied"))
    try:
        data = Path(uri).read_bytes()
    except OSError as error:
        return reject("unreadable", unreadable.format(uri=uri, why=error.strerror or type(error).__name__))
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


def read_failure(file: InputFile, error: Exception) -> ReadResult:
    """What a run records when reading a file raised (a bug, or input no rule foresaw): the file is
    rejected with the error, and read again when it changes."""
    now = dt.datetime.now()
    return ReadResult(
        InputFileRow(source_uri=file.path, size_bytes=file.size_bytes, mtime_ns=file.mtime_ns, content_sha256="",
                     outcome="rejected", reason="read_error", seen_at=now),
        [], [RejectedInputRow(source_uri=file.path, reason="read_error", rejected_at=now, detail=(
            f"reading {file.path} failed ({type(error).__name__}: {str(error)[:200]}); the rest of the run went on. "
            "Report it with this message; the file is read again when it changes."))], [])
