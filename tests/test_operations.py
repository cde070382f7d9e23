"""Operations: incremental and idempotent runs, parser versions, killed runs, readers during writes,
concurrent writers, rejected inputs, loud checks."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psutil
import pytest

import transforms.document.extract
from conftest import REPO, SAMPLE_DIR, materialize_core, query
from orchestration.cli import print_summary, run, run_counts
from orchestration.resources import default_resources
from transforms.shared.models import QuorumRow
from warehouse.ingest import DEFAULT_MAX_BYTES
from warehouse.publish import Build, PublishConflict

SEEDS = sorted(SAMPLE_DIR.glob("*.txt"))
CORE = ["core.documents", "core.meetings", "core.participations", "core.unit_participations", "core.quorum",
        "core.adopted_documents", "core.economic_targets", "core.rejected_inputs", "core.raw_documents",
        "core.input_files"]
GOVMEET = str(Path(sys.executable).with_name("govmeet"))


def govmeet(inputs, warehouse, version: str | None = None) -> int:
    return run([str(p) for p in inputs], str(warehouse), workers=1, max_bytes=DEFAULT_MAX_BYTES, quiet=True,
               parser_version=version)


def counts(warehouse) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in CORE}
    finally:
        con.close()


def identity(path: Path) -> tuple:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def build_files(warehouse: Path) -> list[str]:
    folder = warehouse.parent / ".build"
    return sorted(p.name for p in folder.glob("*") if not p.name.endswith(".lock")) if folder.exists() else []


def make_corpus(folder: Path, n: int, start: int = 0) -> Path:
    """n distinct articles: the seed texts, each copy marked with its own number."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    for i in range(start, start + n):
        (folder / f"article_{i:05d}.txt").write_text(f"{seeds[i % len(seeds)]}\n（本文第{i}号）\n", encoding="utf-8")
    return folder


def with_marker(seed: Path, marker: str) -> str:
    """The seed article with `marker` added to the body (after its first sentence), where it survives normalization."""
    return seed.read_text(encoding="utf-8").replace("。", "。" + marker, 1)


# --- incremental and idempotent --------------------------------------------------------------


def test_noop_rerun_builds_nothing_and_leaves_the_file_alone(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([SAMPLE_DIR], warehouse) == 0
    before = identity(warehouse)
    started = time.perf_counter()
    assert govmeet([SAMPLE_DIR], warehouse) == 0
    print(f"no-op rerun over the sample: {time.perf_counter() - started:.2f}s in-process")
    assert identity(warehouse) == before  # not even republished
    assert build_files(warehouse) == []


def test_rename_and_touch_change_nothing(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy(seed, inbox)
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([inbox], warehouse) == 0
    facts = "select doc_id, status from core.documents union all select meeting_id, name_text from core.meetings"
    before, rows_before = counts(warehouse), sorted(query(warehouse, facts))
    os.rename(inbox / SEEDS[0].name, inbox / "renamed.txt")
    os.utime(inbox / SEEDS[1].name, (1_700_000_000, 1_700_000_000))
    assert govmeet([inbox], warehouse) == 0
    after = counts(warehouse)
    assert sorted(query(warehouse, facts)) == rows_before
    assert {t: after[t] - before[t] for t in CORE} == {t: 0 for t in CORE}
    # the renamed file's document is named by its new path; nothing names the old one
    assert query(warehouse, "select count(*) from core.documents where source_uri like '%renamed.txt'") == [(1,)]
    assert query(warehouse, f"select count(*) from core.input_files where source_uri like '%{SEEDS[0].name}'") == [(0,)]


def test_changed_file_replaces_its_document(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS[0], inbox / "a.txt")
    shutil.copy(SEEDS[1], inbox / "b.txt")
    shutil.copy(SEEDS[1], inbox / "b_copy.txt")
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([inbox], warehouse) == 0
    ((old_a,),) = query(warehouse, "select doc_id from core.documents where source_uri like '%/a.txt'")
    ((old_b,),) = query(warehouse, "select doc_id from core.documents where source_uri like '%/b.txt'")

    shutil.copy(SEEDS[2], inbox / "a.txt")  # a.txt now holds another article: its old document goes
    shutil.copy(SEEDS[3], inbox / "b.txt")  # b.txt too, but b_copy.txt still holds b's old text: it stays
    assert govmeet([inbox], warehouse) == 0
    docs = dict(query(warehouse, "select doc_id, regexp_extract(source_uri, '[^/]+$') from core.documents"))
    assert len(docs) == 3 and old_a not in docs and docs[old_b] == "b_copy.txt"
    assert sorted(docs.values()) == ["a.txt", "b.txt", "b_copy.txt"]
    for table in ("core.meetings", "core.economic_targets", "core.raw_documents", "core.rejected_inputs"):
        assert query(warehouse, f"select count(*) from {table} where doc_id = '{old_a}'") == [(0,)], table
    assert query(warehouse, f"select count(*) from core.participations where meeting_id like '{old_a}%'") == [(0,)]
    assert query(warehouse, "select count(*) from core.rejected_inputs") == [(0,)]  # b_copy is the source now


# --- parser versions -------------------------------------------------------------------------


def test_parser_version_change_reparses_every_document(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in SEEDS[:4]:
        shutil.copy(seed, inbox)
    marker = "本文用于测试解析失败。"
    failing = inbox / "failing.txt"
    failing.write_text(with_marker(SEEDS[4], marker), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    find_targets, find_participations = transforms.document.extract.find_targets, transforms.document.extract.find_participations

    def raising_for(text_marker):
        def patched(text, *args, **kwargs):
            if text_marker in text:
                raise ValueError("a rule broke on this article")
            return find_targets(text, *args, **kwargs)
        return patched

    # version A: one article's parse raises; it is rejected as parse_error and the run goes on
    monkeypatch.setattr(transforms.document.extract, "find_targets", raising_for(marker))
    assert govmeet([inbox], warehouse, version="A") == 0
    a = counts(warehouse)
    assert a["core.documents"] == 4 and a["core.raw_documents"] == 5
    assert query(warehouse, "select reason, parser_version, regexp_extract(source_uri, '[^/]+$') "
                            "from core.rejected_inputs") == [("parse_error", "A", "failing.txt")]

    # version B parses differently (no people, no targets): every document is reparsed, no row of A remains
    monkeypatch.setattr(transforms.document.extract, "find_targets", lambda *a, **k: [])
    monkeypatch.setattr(transforms.document.extract, "find_participations", lambda *a, **k: [])
    assert govmeet([inbox], warehouse, version="B") == 0
    b = counts(warehouse)
    assert query(warehouse, "select distinct parser_version from core.documents") == [("B",)]
    assert b["core.documents"] == 5 and b["core.raw_documents"] == 5  # the failed one is parsed now
    assert b["core.participations"] == 0 and b["core.economic_targets"] == 0
    assert b["core.meetings"] >= a["core.meetings"] and b["core.rejected_inputs"] == 0
    assert query(warehouse, "select count(*) from core.meetings "
                            "where doc_id not in (select doc_id from core.documents)") == [(0,)]
    published = identity(warehouse)
    assert govmeet([inbox], warehouse, version="B") == 0  # same version again: nothing to do
    assert identity(warehouse) == published

    # version C raises on an article B parsed: its old rows go, a parse_error row says why
    ((doc_id,),) = query(warehouse, "select doc_id from core.documents where source_uri like '%failing.txt'")
    monkeypatch.setattr(transforms.document.extract, "find_participations", find_participations)
    monkeypatch.setattr(transforms.document.extract, "find_targets", raising_for(marker))
    assert govmeet([inbox], warehouse, version="C") == 0
    assert query(warehouse, "select distinct parser_version from core.documents") == [("C",)]
    assert query(warehouse, f"select count(*) from core.meetings where doc_id = '{doc_id}'") == [(0,)]
    assert query(warehouse, "select doc_id, reason, parser_version from core.rejected_inputs") == [
        (doc_id, "parse_error", "C")]
    assert counts(warehouse)["core.participations"] > 0


# --- atomicity: a killed run -----------------------------------------------------------------


def test_killed_run_leaves_the_warehouse_as_it_was_and_no_worker_behind(tmp_path):
    warehouse = tmp_path / "wh" / "govmeet.duckdb"
    assert govmeet([SAMPLE_DIR], warehouse) == 0
    before, published = counts(warehouse), identity(warehouse)
    corpus = make_corpus(tmp_path / "corpus", 300)
    command = [GOVMEET, "run", "--input", str(corpus), "--warehouse", str(warehouse), "--batch-size", "50",
               "--workers", "2"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    progress = []
    workers: list[psutil.Process] = []
    try:
        for line in process.stderr:
            progress.append(line)
            if " extract: " in line:  # the first batch is extracted: kill the run in the middle of extraction
                workers = psutil.Process(process.pid).children(recursive=True)
                os.kill(process.pid, signal.SIGKILL)
                break
        process.wait(timeout=30)
        # its parser workers (and the resource tracker) die with it, within a second or two
        assert len(workers) >= 2
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, [(p.pid, p.cmdline()[-3:]) for p in alive]
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # and any parser process it left behind
        except ProcessLookupError:
            pass
    assert process.returncode == -signal.SIGKILL, "".join(progress)
    done, total = map(int, re.search(r"extract: ([\d,]+)/([\d,]+) documents \([\d,]+/s, \d+s left\)",
                                     progress[-1]).groups())
    assert 0 < done < total and total >= 300
    assert any(" read: 300/300 documents" in line for line in progress)

    after = counts(warehouse)
    print(f"killed run: rows before {before}, after {after}")
    assert after == before and identity(warehouse) == published
    assert any(name.endswith(".duckdb") for name in build_files(warehouse))  # what the dead run left

    assert govmeet([corpus, SAMPLE_DIR], warehouse) == 0  # the next run succeeds, and sweeps the dead build
    assert counts(warehouse)["core.documents"] == before["core.documents"] + 300
    assert build_files(warehouse) == []


def test_next_run_sweeps_the_build_of_a_dead_run_but_not_a_live_one(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    published = Build(warehouse, "run-0")  # a published warehouse (empty: its rows are not the point)
    published.ensure()
    assert published.publish() is True
    dead = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                           "from warehouse.publish import Build; Build(Path(sys.argv[1]), 'dead-run').ensure()",
                           str(warehouse)], cwd=REPO, check=True)
    assert dead.returncode == 0
    live = Build(warehouse.resolve(), "live-run")
    live.ensure()
    old = tmp_path / ".build" / "w.someone-elses-run.duckdb"  # no owner recorded: judged by age
    old.write_bytes(b"")
    os.utime(old, (time.time() - 7 * 3600,) * 2)
    assert govmeet([SEEDS[0], SEEDS[1]], warehouse) == 0  # any run sweeps first
    assert build_files(warehouse) == ["w.live-run.base.json", "w.live-run.duckdb"]
    live.discard()
    assert build_files(warehouse) == []


# --- readers during writes -------------------------------------------------------------------

READER = r"""
import json, os, sys, time, duckdb
path, stop = sys.argv[1], sys.argv[2]
connections = errors = mismatches = 0
states, samples = set(), []
print("ready", flush=True)
while not os.path.exists(stop):
    try:
        con = duckdb.connect(path, read_only=True)  # fresh per query, as a dashboard does
        try:
            calendar = con.execute("select count(*) from marts.meeting_calendar").fetchone()[0]
            meetings = con.execute("select count(*) from core.meetings").fetchone()[0]
            documents = con.execute("select count(*) from core.documents").fetchone()[0]
        finally:
            con.close()
        connections += 1
        mismatches += calendar != meetings
        states.add(documents)
    except Exception as error:
        errors += 1
        samples.append(repr(error)[:300])
    time.sleep(0.002)  # a busy dashboard, but one that leaves the writers a core
print(json.dumps({"connections": connections, "queries": 3 * connections, "errors": errors,
                  "mismatches": mismatches, "states": sorted(states), "samples": samples[:5]}))
"""


def test_readers_see_complete_states_while_three_runs_write(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([SEEDS[0]], warehouse) == 0
    published_states = {counts(warehouse)["core.documents"]}
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse), str(stop)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert reader.stdout.readline().strip() == "ready"
        inputs = [SEEDS[0]]
        for extra in (SEEDS[1:3], [make_corpus(tmp_path / "c1", 3)], [make_corpus(tmp_path / "c2", 4, 3)]):
            inputs += extra
            assert govmeet(inputs, warehouse) == 0
            published_states.add(counts(warehouse)["core.documents"])
        time.sleep(0.5)
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    report = json.loads(out)
    print(f"reader during three runs: {report}")
    assert published_states == {1, 3, 6, 10}
    assert report["errors"] == 0, report["samples"]
    assert report["mismatches"] == 0
    assert set(report["states"]) <= published_states and len(report["states"]) >= 2
    assert report["connections"] > 50


# --- concurrent writers ----------------------------------------------------------------------


def test_publish_refuses_when_another_run_published_first(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    first_publish = Build(warehouse, "run-0")  # a published warehouse (empty: its rows are not the point)
    first_publish.ensure()
    assert first_publish.publish() is True
    first, second = Build(warehouse, "run-1"), Build(warehouse, "run-2")
    for build, note in ((first, "one"), (second, "two")):
        con = duckdb.connect(str(build.ensure()))
        con.execute("create table core.note as select ? as note", [note])
        con.close()
    assert second.publish() is True
    with pytest.raises(PublishConflict, match="Run again"):
        first.publish()
    assert query(warehouse, "select note from core.note") == [("two",)]  # the refused build changed nothing

    # two runs finishing at the same instant from the same base: exactly one publishes
    builds = [Build(warehouse, f"race-{i}") for i in range(2)]
    for build in builds:
        build.ensure()
    barrier, outcomes = threading.Barrier(2), []

    def publish(build):
        barrier.wait()
        try:
            outcomes.append(build.publish())
        except PublishConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=publish, args=(b,)) for b in builds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, outcomes)) == ["True", "conflict"]


def test_run_that_loses_a_publish_race_fails_and_loses_nothing(tmp_path, monkeypatch, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS[0], inbox)
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([inbox], warehouse) == 0
    shutil.copy(SEEDS[1], inbox)
    ensure = Build.ensure

    def ensure_then_another_run_publishes(self):
        if self.exists():
            return ensure(self)
        path = ensure(self)
        other = Build(self.published, "other-run")  # publishes while this run builds
        ensure(other)
        other.publish()
        return path

    monkeypatch.setattr(Build, "ensure", ensure_then_another_run_publishes)
    assert govmeet([inbox], warehouse) == 1
    assert "was published by another run" in capsys.readouterr().err
    assert counts(warehouse)["core.documents"] == 1 and build_files(warehouse) == []
    monkeypatch.setattr(Build, "ensure", ensure)
    assert govmeet([inbox], warehouse) == 0  # the inputs of the refused run are picked up again
    assert counts(warehouse)["core.documents"] == 2


# --- rejected inputs -------------------------------------------------------------------------


def test_rejected_inputs_show_in_the_summary_and_the_asset_metadata(tmp_path, monkeypatch, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS[0], inbox / "good.txt")
    marker = "本文用于测试解析失败。"
    (inbox / "raises.txt").write_text(with_marker(SEEDS[1], marker), encoding="utf-8")
    (inbox / "latin.txt").write_bytes(b"\xff" * 64)
    (inbox / "empty.txt").write_bytes(b"  \n")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (inbox / "big.txt").write_bytes("会议".encode() * 2000)
    truncated = '{"text": "3月2日,县政府召'
    (inbox / "feed.jsonl").write_text('{"text": "3月1日,县委召开常委会会议。"}\n' + truncated, encoding="utf-8")
    find_meetings = transforms.document.extract.find_meetings

    def raising(text, *args, **kwargs):
        if marker in text:
            raise RuntimeError("a rule broke on this article")
        return find_meetings(text, *args, **kwargs)

    monkeypatch.setattr(transforms.document.extract, "find_meetings", raising)
    result, build = materialize_core([inbox], tmp_path / "w.duckdb", max_bytes=10_000)
    assert result.success
    reasons = dict(query(build, "select regexp_extract(source_uri, '[^/]+$'), reason from core.rejected_inputs"))
    assert reasons == {"raises.txt": "parse_error", "latin.txt": "undecodable", "empty.txt": "empty",
                       "image.txt": "not_text", "big.txt": "too_large", "feed.jsonl#2": "malformed_record"}

    def metadata(asset: str) -> dict:
        (materialization,) = result.asset_materializations_for_node(asset)
        return {k: v.value for k, v in materialization.metadata.items()}

    assert metadata("raw_documents")["rejected_by_reason"] == {"undecodable": 1, "empty": 1, "not_text": 1,
                                                              "too_large": 1, "malformed_record": 1}
    assert metadata("extracted_facts")["rejected_by_reason"] == {"parse_error": 1}
    (rejected,) = [m for m in result.asset_materializations_for_node("core_tables")
                   if m.asset_key.path == ["core", "rejected_inputs"]]
    assert rejected.metadata["by_reason"].value == {"parse_error": 1, "undecodable": 1, "empty": 1,
                                                    "not_text": 1, "too_large": 1, "malformed_record": 1}

    print_summary(build, 1.0, run_counts(result))
    summary = capsys.readouterr().out
    assert re.search(r"rejected inputs\s+6\b", summary)
    assert "parse_error 1" in summary and "this run:          7 new files, 2 documents parsed, 6 rejected" in summary


def test_size_limit_has_a_default_and_can_be_configured(monkeypatch):
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    assert default_resources()["inbox"].max_bytes == DEFAULT_MAX_BYTES
    monkeypatch.setenv("GOVMEET_MAX_BYTES", "1000")
    assert default_resources()["inbox"].max_bytes == 1000


# --- checks fail loudly ----------------------------------------------------------------------


def _bad_vocabulary(find_meetings):
    def patched(text, *args, **kwargs):
        meetings = find_meetings(text, *args, **kwargs)
        for meeting in meetings:
            meeting.__dict__["kinds"] = ["press_conference"]  # not a contract code (bypassing validation)
        return meetings
    return patched


def _quorum_above_expected(find_quorum):
    def patched(text, meeting, *args, **kwargs):
        return [QuorumRow(member_class="member", expected=30, present=45, span_start=meeting.span_start,
                          span_end=meeting.span_end)]
    return patched


@pytest.mark.parametrize("target, corrupt, check", [
    ("find_meetings", _bad_vocabulary, "meets_contract"),
    ("find_quorum", _quorum_above_expected, "quorum_present_not_above_expected"),
])
def test_failing_check_fails_the_run_and_leaves_the_published_file(tmp_path, monkeypatch, capsys,
                                                                   target, corrupt, check):
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([SEEDS[0]], warehouse) == 0
    before = identity(warehouse)
    monkeypatch.setattr(transforms.document.extract, target, corrupt(getattr(transforms.document.extract, target)))
    assert govmeet([SAMPLE_DIR], warehouse) == 1
    err = capsys.readouterr().err
    assert "govmeet run failed; the published warehouse was left as it was." in err and check in err
    assert identity(warehouse) == before and build_files(warehouse) == []
