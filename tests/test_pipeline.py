"""The spine: `govmeet run` over inputs gives a warehouse that keeps the contract, idempotently."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import duckdb
import pytest

from conftest import SAMPLE_DIR, SHARED, copy_of, materialize_core
from orchestration.checks import contract_problems
from orchestration.cli import run
from transforms.shared.models import CORE_ROW_MODELS

TABLES = ["core.documents", "core.meetings", "core.participations", "core.quorum",
          "core.adopted_documents", "core.economic_targets", "core.rejected_inputs"]


def govmeet_run(inputs, warehouse, **kw) -> int:
    return run([str(p) for p in inputs], str(warehouse), workers=1, max_bytes=kw.get("max_bytes", 5_000_000),
               quiet=True)


def snapshot(warehouse) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {
            "documents": con.execute("select doc_id, status from core.documents order by 1").fetchall(),
            "meetings": con.execute("select meeting_id, name_text from core.meetings order by 1").fetchall(),
            "participations": con.execute("select meeting_id, person_name, role from core.participations order by all").fetchall(),
            "targets": con.execute("select target_id, indicator, value from core.economic_targets order by 1").fetchall(),
            "rejected": con.execute("select source_uri, reason from core.rejected_inputs order by all").fetchall(),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory, sample_build) -> Path:
    """The bundled sample through `govmeet run` (built once a session: conftest.sample_build), this module's copy."""
    return copy_of(sample_build, tmp_path_factory.mktemp("sample"))


def test_sample_run_fills_every_contract_table(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    tables = {f"{s}.{t}" for s, t in con.execute("select table_schema, table_name from information_schema.tables").fetchall()}
    assert set(TABLES) | {"marts.gdp_targets", "marts.official_appearances", "marts.meeting_calendar"} <= tables
    assert con.execute("select count(*) from core.documents").fetchone()[0] == 5
    assert con.execute("select count(*) from core.meetings").fetchone()[0] >= 1
    assert con.execute("select count(*) from core.documents where parser_version is null").fetchone()[0] == 0
    con.close()


def test_sample_warehouse_keeps_the_contract(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    problems = [p for model in CORE_ROW_MODELS for p in contract_problems(con, model)]
    con.close()
    assert problems == []


def test_shared_contract_checker_finds_no_problem(sample_warehouse):
    checker = SHARED / "tools" / "check_contract.py"
    if not checker.exists():
        pytest.skip("../shared/tools/check_contract.py is not present")
    done = subprocess.run([sys.executable, str(checker), str(sample_warehouse)], capture_output=True, text=True)
    assert done.stdout.strip().endswith("contract: 0 problems"), done.stdout


def test_rerun_changes_nothing(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    assert govmeet_run([SAMPLE_DIR], warehouse) == 0
    first = snapshot(warehouse)
    assert govmeet_run([SAMPLE_DIR], warehouse) == 0
    assert snapshot(warehouse) == first


def test_more_input_adds_only_the_new_documents(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seeds = sorted(SAMPLE_DIR.glob("*.txt"))
    for path in seeds[:2]:
        shutil.copy(path, inbox)
    warehouse = tmp_path / "w.duckdb"
    assert govmeet_run([inbox], warehouse) == 0
    before = snapshot(warehouse)
    for path in seeds[2:]:
        shutil.copy(path, inbox)
    assert govmeet_run([inbox], warehouse) == 0
    after = snapshot(warehouse)
    assert len(before["documents"]) == 2 and len(after["documents"]) == 5
    for table in ("documents", "meetings", "participations", "targets"):
        assert set(before[table]) <= set(after[table])


def test_bad_inputs_are_rejected_and_the_run_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(next(SAMPLE_DIR.glob("001_*.txt")), inbox / "good.txt")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inbox / "huge.txt").write_bytes("会议".encode() * 4000)
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4")
    records = [json.dumps({"text": "3月1日上午,县委召开常委会会议。", "url": "http://example.org/a"}, ensure_ascii=False),
               '{"text": "truncated', json.dumps({"title": "no text"})]
    (inbox / "batch.jsonl").write_text("\n".join(records), encoding="utf-8")
    result, build = materialize_core([inbox], tmp_path / "w.duckdb", max_bytes=20_000)
    assert result.success
    con = duckdb.connect(str(build), read_only=True)
    reasons = dict(con.execute("select regexp_extract(source_uri, '[^/]+$'), reason from core.rejected_inputs").fetchall())
    details = [r[0] for r in con.execute("select detail from core.rejected_inputs").fetchall()]
    uris = {r[0] for r in con.execute("select source_uri from core.documents").fetchall()}
    con.close()
    assert reasons == {"empty.txt": "empty", "binary.txt": "not_text", "huge.txt": "too_large",
                       "notes.pdf": "not_text", "batch.jsonl#2": "malformed_record", "batch.jsonl#3": "malformed_record"}
    assert all(len(d) > 30 for d in details)  # sentences a person can act on
    assert any(u.endswith("good.txt") for u in uris) and "http://example.org/a" in uris


def test_same_article_in_two_encodings_is_one_document(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = next(SAMPLE_DIR.glob("001_*.txt")).read_text(encoding="utf-8")
    (inbox / "a_utf8.txt").write_text(text, encoding="utf-8")
    (inbox / "b_gb18030.txt").write_bytes(text.encode("gb18030"))
    (inbox / "c_bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result, build = materialize_core([inbox], tmp_path / "w.duckdb")
    assert result.success
    snap = snapshot(build)
    assert len(snap["documents"]) == 1
    assert [reason for _, reason in snap["rejected"]] == ["duplicate", "duplicate"]


def test_help_and_argument_errors_load_neither_dagster_nor_duckdb():
    """`govmeet --help` answers at once: the CLI module loads no engine until a command runs."""
    probe = ("import sys; import orchestration.cli as cli\n"
             "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('dagster', 'duckdb', 'polars', 'pydantic') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=SAMPLE_DIR.parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
