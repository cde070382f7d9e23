"""A run costs what it adds (issue 20): a chain of incremental runs (new files, an edited file, a
rerun) gives the same core and mart tables as one fresh run over the same inputs; marts are
maintained by the keys the changed documents touch; checks read only this run's rows."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from bench.generate import generate_corpus
from conftest import SAMPLE_DIR
from orchestration.cli import run
from transforms.shared.models import CORE_ROW_MODELS
from warehouse.changes import define_check_scope, record_changes
from warehouse.ingest import DEFAULT_MAX_BYTES
from warehouse.sql_models import discover_models, discover_tests, failing_rows, header_tags, refresh_models


def govmeet(inputs, warehouse: Path) -> int:
    return run([str(p) for p in inputs], str(warehouse), workers=1, max_bytes=DEFAULT_MAX_BYTES, quiet=True)


def _tables(con) -> list[str]:
    rows = con.execute("select schema_name || '.' || table_name from duckdb_tables() "
                       "where schema_name in ('core', 'marts') order by 1").fetchall()
    return [r[0] for r in rows]


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every core and mart table as a sorted list of rows, without the columns that say when
    something happened (rejected_at, parsed_at …: they differ from run to run by design)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for table in _tables(con):
            schema, name = table.split(".")
            columns = [c for c, t in con.execute(
                "select column_name, data_type from information_schema.columns where table_schema = ? "
                "and table_name = ? order by ordinal_position", [schema, name]).fetchall()
                if not t.startswith("TIMESTAMP")]
            rows = con.execute(f"select {', '.join(columns)} from {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def assert_same(chain: Path, fresh: Path) -> None:
    a, b = snapshot(chain), snapshot(fresh)
    assert a.keys() == b.keys()
    for table in a:
        assert a[table] == b[table], f"{table}: {len(a[table])} rows after the chain, {len(b[table])} in a fresh run"


def _edit(path: Path) -> None:
    """Change a file's content the way a corrected article would: one more sentence in the body."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("。", "。会议强调，要抓好落实。", 1), encoding="utf-8")


@pytest.fixture
def always_by_keys(monkeypatch):
    """Marts maintained key by key however much a run changes (by default a run that replaces
    a quarter of the documents rebuilds them from scratch), so that the chains below test it."""
    monkeypatch.setattr("warehouse.sql_models.REBUILD_SHARE", 1.0)


def test_chain_of_runs_equals_a_fresh_run_on_the_sample(tmp_path, always_by_keys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seeds = sorted(SAMPLE_DIR.glob("*.txt"))
    chain = tmp_path / "chain" / "w.duckdb"
    for seed in seeds[:2]:
        shutil.copy(seed, inbox)
    assert govmeet([inbox], chain) == 0
    for seed in seeds[2:]:  # new files
        shutil.copy(seed, inbox)
    assert govmeet([inbox], chain) == 0
    _edit(inbox / seeds[0].name)  # a corrected article replaces its document
    assert govmeet([inbox], chain) == 0
    assert govmeet([inbox], chain) == 0  # nothing new
    fresh = tmp_path / "fresh" / "w.duckdb"
    assert govmeet([inbox], fresh) == 0
    assert_same(chain, fresh)


def test_chain_of_runs_equals_a_fresh_run_on_a_bench_corpus(tmp_path, always_by_keys):
    inbox = tmp_path / "inbox"
    corpus = generate_corpus(inbox, 240, seed=7, workers=1, shard_size=60)
    shards = corpus.shards
    chain = tmp_path / "chain" / "w.duckdb"
    assert govmeet(shards[:2], chain) == 0
    assert govmeet(shards[:3], chain) == 0  # 60 new articles
    edited = sorted(shards[1].glob("0*.txt"))[:3]
    for path in edited:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        path.write_text(text.replace("。", "。会议强调，要抓好落实。", 1), encoding="utf-8")
    assert govmeet(shards[:3], chain) == 0  # edited files replace their documents
    assert govmeet(shards, chain) == 0  # the last shard
    assert govmeet(shards, chain) == 0  # nothing new
    fresh = tmp_path / "fresh" / "w.duckdb"
    assert govmeet(shards, fresh) == 0
    assert_same(chain, fresh)


def test_incremental_marts_equal_marts_built_from_scratch(tmp_path):
    """On one warehouse: replace some documents' rows by hand, refresh the marts by touched keys,
    and compare with the marts built from scratch over the same core."""
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([SAMPLE_DIR], warehouse) == 0
    models = discover_models()
    con = duckdb.connect(str(warehouse))
    try:
        doc = con.execute("select doc_id from core.meetings group by 1 order by count(*) desc, 1 limit 1").fetchone()[0]
        con.execute("create temp table _reparsed as select ? as doc_id", [doc])
        con.execute("create temp table _replaced as select doc_id from core.documents where false")
        con.execute("attach ':memory:' as stage")
        con.execute("create table stage.input_files (source_uri varchar)")
        con.execute("create table stage.rejected_inputs (source_uri varchar)")
        record_changes(con, ["_reparsed", "_replaced"])
        from warehouse.sql_models import note_touched_keys

        note_touched_keys(con, models)
        # the document's meetings lose their people; one target moves to another year
        con.execute("delete from core.participations where meeting_id in (select meeting_id from core.meetings where doc_id = ?)", [doc])
        con.execute("update core.economic_targets set target_year = target_year + 1 where doc_id = ?", [doc])
        done = refresh_models(con, models)
        assert {how for _, how, _ in done.values()} >= {"incremental"}
        incremental = {m.qualified: sorted(con.execute(f"select * from {m.qualified}").fetchall(), key=repr)
                       for m in models if m.materialization == "TABLE"}
        refresh_models(con, models, full=True)
        for m in models:
            if m.materialization == "TABLE":
                assert incremental[m.qualified] == sorted(con.execute(f"select * from {m.qualified}").fetchall(), key=repr), m.qualified
    finally:
        con.close()


def test_mart_headers_declare_keys_and_touched_queries():
    tags = header_tags("-- One row per x.\n-- key: a, b\n-- touched: select a, b\n--     from core.t\nselect 1")
    assert tags == {"key": "a, b", "touched": "select a, b from core.t"}
    by_name = {m.qualified: m for m in discover_models()}
    assert by_name["marts.gdp_targets"].key == ("region_code", "target_year")
    assert by_name["marts.gdp_targets"].incremental
    assert not by_name["marts.corpus_health"].incremental  # no declaration: rebuilt from scratch


def test_checks_read_only_this_runs_rows(tmp_path):
    """A bad row outside this run's documents is not seen by the run's checks, but by a full check."""
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([SAMPLE_DIR], warehouse) == 0
    con = duckdb.connect(str(warehouse))
    try:
        bad = con.execute("select min(doc_id) from core.economic_targets").fetchone()[0]
        other = con.execute("select min(doc_id) from core.documents where doc_id <> ?", [bad]).fetchone()[0]
        docs = [bad, other]
        con.execute("update core.economic_targets set value = 900 where doc_id = ? and measure = 'growth_pct'", [docs[0]])
        con.execute("create temp table _reparsed as select ? as doc_id", [docs[1]])
        con.execute("create temp table _replaced as select doc_id from _reparsed where false")
        con.execute("attach ':memory:' as stage")
        con.execute("create table stage.input_files (source_uri varchar)")
        con.execute("create table stage.rejected_inputs (source_uri varchar)")
        record_changes(con, ["_reparsed", "_replaced"])
        (test,) = [t for t in discover_tests() if t.name == "targets_values_plausible"]
        assert failing_rows(con, test)[0] == 0
        assert failing_rows(con, test, full=True)[0] > 0
        define_check_scope(con, full=False)
        assert con.execute("select count(*) from checked_documents").fetchone()[0] == 1
        from warehouse.contract import contract_problems

        model = next(m for m in CORE_ROW_MODELS if m.table == "core.economic_targets")
        assert contract_problems(con, model, full=False) == []
    finally:
        con.close()


def test_nothing_new_stops_before_dagster(tmp_path, monkeypatch, capsys):
    warehouse = tmp_path / "w.duckdb"
    assert govmeet([SAMPLE_DIR], warehouse) == 0
    before = warehouse.stat().st_mtime_ns

    def no_dagster(*args, **kwargs):
        raise AssertionError("a run with nothing new started Dagster")

    monkeypatch.setattr("orchestration.cli.execute", no_dagster)
    report = tmp_path / "report.json"
    assert run([str(SAMPLE_DIR)], str(warehouse), workers=1, max_bytes=DEFAULT_MAX_BYTES, quiet=True,
               report=str(report)) == 0
    assert warehouse.stat().st_mtime_ns == before and not (tmp_path / ".build").exists() or \
        list((tmp_path / ".build").glob("*.duckdb")) == []
    assert '"new_files": 0' in report.read_text()
    assert "0 new files, 0 documents parsed" in capsys.readouterr().out
