"""Reliability (issue 17): no bad input fails a run, every rejection's advice works when followed,
an input owns its documents (edits, renames and deletions leave what a fresh run would build),
workers die with their parent, evidence stays small, readers see each new publish."""
from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path

import duckdb
import pytest

import warehouse.ingest
from conftest import SAMPLE_DIR, query
from orchestration.cli import run
from warehouse.publish import CorruptWarehouse, check_readable, connect_reader

SEEDS = sorted(SAMPLE_DIR.glob("*.txt"))
LIMIT = 200_000  # --max-bytes in these tests: every input but big.txt is below it


def govmeet(inputs, warehouse, max_bytes: int = LIMIT) -> int:
    return run([str(p) for p in inputs], str(warehouse), workers=1, max_bytes=max_bytes, quiet=True)


def rejected(warehouse) -> dict[str, str]:
    """file name (or name#record) -> reason"""
    return dict(query(warehouse, "select regexp_extract(source_uri, '[^/]+$'), reason from core.rejected_inputs"))


def marked(seed: Path, marker: str) -> str:
    """The seed article with `marker` added after its first sentence, where it survives normalization."""
    return seed.read_text(encoding="utf-8").replace("。", "。" + marker, 1)


@pytest.fixture
def permissions(monkeypatch):
    """Permissions as a non-root user sees them, also when the tests run as root (who reads anything):
    a path whose mode grants no read bit is unreadable."""
    real = warehouse.ingest._readable

    def readable(path: str, folder: bool = False) -> bool:
        try:
            if not os.stat(path).st_mode & 0o444:
                return False
        except OSError:
            return False
        return real(path, folder)

    monkeypatch.setattr(warehouse.ingest, "_readable", readable)


# --- 1, 3: the red-team folder: every bad input a rejection, the sample loads, each advice works ----


def test_bad_inputs_are_rejected_the_sample_loads_and_each_advice_works(tmp_path, permissions):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_DIR, inbox)
    (inbox / "loop_a").symlink_to(inbox / "loop_b")  # a symbolic link loop
    (inbox / "loop_b").symlink_to(inbox / "loop_a")
    (inbox / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (inbox / "deep.json").write_text("[" * 100_000)  # RecursionError in json.loads
    (inbox / "deep.jsonl").write_text(json.dumps({"text": marked(SEEDS[1], "深层记录。")}, ensure_ascii=False)
                                      + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    big = inbox / "big.txt"
    big.write_text(marked(SEEDS[2], "本文很长。" * 15_000), encoding="utf-8")  # over LIMIT
    locked_file = inbox / "locked.txt"
    locked_file.write_text(marked(SEEDS[3], "锁定的文件。"), encoding="utf-8")
    locked_file.chmod(0)
    locked_folder = inbox / "locked"
    locked_folder.mkdir()
    (locked_folder / "inside.txt").write_text(marked(SEEDS[4], "锁定的文件夹。"), encoding="utf-8")
    locked_folder.chmod(0)
    os.mkfifo(inbox / "pipe.txt")  # reading it would block forever
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 8)
    warehouse_file = tmp_path / "w.duckdb"
    try:
        assert govmeet([inbox], warehouse_file) == 0
        assert query(warehouse_file, "select count(*) from core.documents") == [(6,)]  # the sample's 5 + deep.jsonl#1
        reasons = rejected(warehouse_file)
        assert reasons == {"loop_a": "unreadable", "loop_b": "unreadable", "dangling.txt": "unreadable",
                           "deep.json": "malformed_record", "deep.jsonl#2": "malformed_record",
                           "big.txt": "too_large", "locked.txt": "unreadable", "locked": "unreadable",
                           "pipe.txt": "not_text", "empty.txt": "empty", "binary.txt": "not_text"}, reasons
        details = dict(query(warehouse_file, "select regexp_extract(source_uri, '[^/]+$'), detail from core.rejected_inputs"))
        assert "loops" in details["loop_a"] and "nested too deeply" in details["deep.json"]
        assert "raise --max-bytes" in details["big.txt"] and "chmod u+r" in details["locked.txt"]
        assert "chmod u+rx" in details["locked"]

        published = warehouse_file.stat().st_mtime_ns
        assert govmeet([inbox], warehouse_file) == 0  # nothing changed: nothing is rebuilt
        assert warehouse_file.stat().st_mtime_ns == published

        # follow each advice: raise the limit, chmod, fix the link, move the bad JSON out
        locked_file.chmod(0o644)
        locked_folder.chmod(0o755)
        (tmp_path / "nowhere.txt").write_text(marked(SEEDS[0], "链接的目标。"), encoding="utf-8")
        (inbox / "deep.json").rename(tmp_path / "deep.json")
        assert govmeet([inbox], warehouse_file, max_bytes=LIMIT * 10) == 0
        names = {n for (n,) in query(warehouse_file, "select regexp_extract(source_uri, '[^/]+$') from core.documents")}
        assert {"big.txt", "locked.txt", "inside.txt", "nowhere.txt"} <= names
        assert query(warehouse_file, "select count(*) from core.documents") == [(10,)]
        assert rejected(warehouse_file) == {"loop_a": "unreadable", "loop_b": "unreadable", "deep.jsonl#2": "malformed_record",
                                            "pipe.txt": "not_text", "empty.txt": "empty", "binary.txt": "not_text"}
    finally:
        locked_folder.chmod(0o755)


# --- 4, 5: an input owns its documents ----------------------------------------------------------


FACTS = {
    "documents": "select doc_id, regexp_extract(source_uri, '[^/]+$'), title, status, text from core.documents",
    "meetings": "select meeting_id, doc_id, name_text, meeting_date from core.meetings",
    "participations": "select meeting_id, person_name, role, span_start, span_end from core.participations",
    "rejected": "select regexp_extract(source_uri, '[^/]+$'), doc_id, reason from core.rejected_inputs",
}


def facts(warehouse) -> dict[str, list]:
    return {name: sorted(query(warehouse, sql), key=repr) for name, sql in FACTS.items()}


def records(*texts: str) -> str:
    return "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)


def test_edits_renames_and_deletions_leave_what_a_fresh_run_builds(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = [s.read_text(encoding="utf-8") for s in SEEDS]
    for name, i in (("a.txt", 0), ("b.txt", 1), ("c.txt", 2), ("d.txt", 3)):
        (inbox / name).write_text(text[i], encoding="utf-8")
    (inbox / "feed.jsonl").write_text(records(text[4], marked(SEEDS[0], "记录二。")), encoding="utf-8")
    (inbox / "old_feed.jsonl").write_text(records(marked(SEEDS[1], "另一来源。")), encoding="utf-8")
    warehouse_file = tmp_path / "w.duckdb"
    assert govmeet([inbox], warehouse_file) == 0
    assert query(warehouse_file, "select count(*) from core.documents") == [(7,)]

    def same_as_a_fresh_run(step: str):
        fresh = tmp_path / f"fresh_{step}.duckdb"
        assert govmeet([inbox], fresh) == 0
        assert facts(warehouse_file) == facts(fresh), step

    # edit a .txt and a JSONL record; rename a .txt and a .jsonl; rename a .txt that is edited next
    (inbox / "a.txt").write_text(marked(SEEDS[0], "已修改。"), encoding="utf-8")
    (inbox / "feed.jsonl").write_text(records(text[4], marked(SEEDS[0], "记录二已修改。")), encoding="utf-8")
    (inbox / "b.txt").rename(inbox / "b_renamed.txt")
    (inbox / "old_feed.jsonl").rename(inbox / "new_feed.jsonl")
    (inbox / "c.txt").rename(inbox / "c_renamed.txt")
    assert govmeet([inbox], warehouse_file) == 0
    assert query(warehouse_file, "select count(*) from core.documents") == [(7,)]
    assert query(warehouse_file, "select count(*) from core.documents where source_uri like '%feed.jsonl#2'") == [(1,)]
    assert rejected(warehouse_file) == {}  # a renamed file is no duplicate of the path it left
    same_as_a_fresh_run("edit_and_rename")

    # edit the renamed file, delete a .txt, drop a record
    with open(inbox / "c_renamed.txt", "a", encoding="utf-8") as handle:
        handle.write("\n本文追加了一段。\n")
    (inbox / "d.txt").unlink()
    (inbox / "feed.jsonl").write_text(records(text[4]), encoding="utf-8")
    assert govmeet([inbox], warehouse_file) == 0
    assert query(warehouse_file, "select count(*) from core.documents") == [(5,)]
    same_as_a_fresh_run("edit_after_rename_and_delete")


def test_a_copy_keeps_the_document_when_its_first_holder_is_deleted(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS[0], inbox / "a.txt")
    shutil.copy(SEEDS[0], inbox / "b.txt")
    warehouse_file = tmp_path / "w.duckdb"
    assert govmeet([inbox], warehouse_file) == 0
    assert rejected(warehouse_file) == {"b.txt": "duplicate"}
    (inbox / "a.txt").unlink()
    assert govmeet([inbox], warehouse_file) == 0
    assert query(warehouse_file, "select regexp_extract(source_uri, '[^/]+$') from core.documents") == [("b.txt",)]
    assert rejected(warehouse_file) == {}
    # a run over another folder never takes away what this one holds
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEEDS[1], other / "x.txt")
    assert govmeet([other], warehouse_file) == 0
    assert query(warehouse_file, "select count(*) from core.documents") == [(2,)]


# --- 7: evidence stays small --------------------------------------------------------------------


def test_a_huge_sentence_is_not_copied_into_every_row_of_a_mart(tmp_path):
    from transforms.shared.models import DocumentRow, MeetingRow, ParticipationRow
    from warehouse.load import insert_rows
    from warehouse.schema import create_core_schema
    from warehouse.sql_models import build_model, discover_models, topological

    names = [f"张{chr(0x4e00 + i)}{chr(0x4e00 + i * 7 % 20000)}" for i in range(2060)]
    listing = "出席会议的有" + "、".join(names[:2000]) + "。"  # 8,000 characters: a list of 2,000 names
    sentence = "列席会议的有" + "、".join(names[2000:]) + "。"  # 240 characters
    text = "县委召开常委会议。" + listing + sentence
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_core_schema(con)
    insert_rows(con, DocumentRow, [DocumentRow(doc_id="d", source_uri="d.txt", script="simplified", text=text,
                                               status="parsed", parser_version="t")])
    insert_rows(con, MeetingRow, [MeetingRow(meeting_id="d-1", doc_id="d", name_text="常委会议", kinds=["party_standing_committee"],
                                             date_basis="unknown", span_start=0, span_end=9)])

    def rows(span: str, role: str, people: list[str]) -> list[ParticipationRow]:
        start = text.index(span)
        return [ParticipationRow(meeting_id="d-1", person_name=n, role=role, span_start=start, span_end=start + len(span))
                for n in people]

    insert_rows(con, ParticipationRow, rows(listing, "attended", names[:2000]) + rows(sentence, "sat_in", names[2000:]))
    for model in topological(discover_models()):
        build_model(con, model)
    evidence = dict(con.execute("select person_name, evidence from marts.official_timeline").fetchall())
    assert max(map(len, evidence.values())) <= 200
    assert all(evidence[n] == listing[:160] + "…" for n in names[:2000])  # the head of the list says what it is
    assert all(n in evidence[n] for n in names[2000:])  # a long sentence: a window around the name
    # the evidence of a short span is the text at the span, exactly
    assert con.execute("select evidence from staging.stg_meetings").fetchall() == [(text[0:9],)]
    con.close()


# --- 8, 9: a mistyped input, a damaged warehouse ------------------------------------------------


def test_a_missing_input_is_an_error_naming_it(tmp_path, capsys):
    assert govmeet([tmp_path / "no_such_folder"], tmp_path / "w.duckdb") != 0
    assert "no_such_folder" in capsys.readouterr().err
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.parametrize("damage", ["truncated", "random"])
def test_a_damaged_warehouse_says_to_move_it_aside_and_rebuild(tmp_path, capsys, damage):
    warehouse_file = tmp_path / "w.duckdb"
    con = duckdb.connect(str(warehouse_file))
    con.execute("create schema core; create table core.t as select range as x, repeat('x', 100) as y from range(200000)")
    con.close()
    if damage == "truncated":
        os.truncate(warehouse_file, warehouse_file.stat().st_size // 2)
    else:
        warehouse_file.write_bytes(os.urandom(1 << 16))
    with pytest.raises(CorruptWarehouse):
        check_readable(warehouse_file)
    assert govmeet([SEEDS[0]], warehouse_file) == 1
    err = capsys.readouterr().err
    assert f"mv {warehouse_file} {warehouse_file}.corrupt" in err and "Move it aside" in err


# --- 10: readers --------------------------------------------------------------------------------


def _warehouse_with(path: Path, rows: int) -> None:
    con = duckdb.connect(str(path))
    con.execute(f"create schema core; create table core.documents as select range as doc_id from range({rows})")
    con.close()


def test_a_reader_sees_a_newer_publish_while_an_older_connection_is_open(tmp_path):
    published = tmp_path / "w.duckdb"
    _warehouse_with(published, 1)
    old = connect_reader(published)
    assert old.execute("select count(*) from core.documents").fetchone() == (1,)
    _warehouse_with(tmp_path / "next.duckdb", 2)
    os.replace(tmp_path / "next.duckdb", published)  # what a run's publish does
    new = connect_reader(published)
    try:
        assert new.execute("select count(*) from core.documents").fetchone() == (2,)
        assert old.execute("select count(*) from core.documents").fetchone() == (1,)  # the old state, complete
    finally:
        old.close()
        new.close()

    from dashboard import reader

    held = reader._connect(reader.Snapshot(published, reader.file_identity(published)))
    _warehouse_with(tmp_path / "third.duckdb", 3)
    os.replace(tmp_path / "third.duckdb", published)
    try:
        fresh = reader.Snapshot(published, reader.file_identity(published))
        assert int(reader.query(fresh, "select count(*) as n from core.documents")["n"][0]) == 3
    finally:
        held.close()


# --- 6: workers die with their parent -----------------------------------------------------------

BUSY_PARENT = """
import time
from warehouse.parallel import WorkerPool
pool = WorkerPool(2)
next(pool.imap(time.sleep, [120] * 4))  # workers busy for two minutes
"""


def test_busy_workers_die_when_their_parent_is_killed(tmp_path):
    import signal
    import subprocess
    import sys

    import psutil

    from conftest import REPO

    parent = subprocess.Popen([sys.executable, "-c", BUSY_PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        workers = []
        while time.monotonic() < deadline:  # both workers started and sleeping
            workers = [p for p in psutil.Process(parent.pid).children(recursive=True)
                       if "resource_tracker" not in " ".join(p.cmdline())]
            if len(workers) >= 2:
                break
            time.sleep(0.2)
        assert len(workers) >= 2
        family = psutil.Process(parent.pid).children(recursive=True)  # the resource tracker too
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        _, alive = psutil.wait_procs(family, timeout=10)
        assert not alive, [p.cmdline()[-2:] for p in alive]
    finally:
        try:
            os.killpg(parent.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
