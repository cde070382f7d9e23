"""Reading the warehouse: `govmeet sql` (one-shot, script, interactive shell in a pseudo-terminal),
`govmeet export`, and the README's "Reading the warehouse" commands run as written."""
from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from conftest import copy_of
from orchestration.cli import main
from warehouse.export import contract_meanings, describe_model_columns
from warehouse.reading import Result, display_width, format_csv, format_json, format_table
from transforms.shared.models import ParticipationRow

REPO = Path(__file__).resolve().parents[1]
GOVMEET = str(Path(sys.prefix) / "bin" / "govmeet")


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory, sample_build) -> Path:
    """The bundled sample through `govmeet run` (built once a session: conftest.sample_build), this module's copy."""
    return copy_of(sample_build, tmp_path_factory.mktemp("sample"))


def warehouse_tables(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [f"{s}.{t}" for s, t in con.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in ('core', 'marts')").fetchall()]
        return {name: con.execute(f"select count(*) from {name}").fetchone()[0] for name in names}
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# Output formats


WIDE = Result(["region_name", "value", "kinds"], ["VARCHAR", "DOUBLE", "VARCHAR[]"],
              [("衡南县", 8.5, ["party_plenum", "economic_analysis"]), ("x", None, [])])


def test_table_aligns_wide_characters_and_right_aligns_numbers():
    # 衡南县 takes 6 terminal columns, so 5 spaces pad it to the width of 'region_name' (11)
    assert format_table(WIDE).splitlines() == [
        "region_name  value  kinds",
        "-----------  -----  ---------------------------------",
        "衡南县         8.5  [party_plenum, economic_analysis]",
        "x             NULL  []",
        "(2 rows)",
    ]
    assert {display_width(line) for line in format_table(WIDE).splitlines()[1:3]} == {53}


def test_table_cuts_long_cells_and_caps_rows():
    result = Result(["text"], ["VARCHAR"], [("长" * 100,), ("b",), ("c",)])
    out = format_table(result, max_rows=1, cell_width=10).splitlines()
    assert out[2] == "长长长长…" and display_width(out[2]) <= 10
    assert out[-1] == "(1 of 3 rows shown; add LIMIT, or use --csv / --json for all)"


def test_csv_and_json_keep_every_value():
    rows = list(csv.reader(io.StringIO(format_csv(WIDE))))
    assert rows == [["region_name", "value", "kinds"], ["衡南县", "8.5", '["party_plenum", "economic_analysis"]'],
                    ["x", "", "[]"]]
    assert json.loads(format_json(WIDE)) == [
        {"region_name": "衡南县", "value": 8.5, "kinds": ["party_plenum", "economic_analysis"]},
        {"region_name": "x", "value": None, "kinds": []}]


# ---------------------------------------------------------------------------------------------
# govmeet sql


def test_sql_one_shot_table_csv_json(sample_warehouse, capsys):
    query = "select region_name, count(*) as n from core.meetings group by 1 order by 1"
    assert main(["sql", "--warehouse", str(sample_warehouse), query]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["region_name", "n"] and table[-1] == "(5 rows)"
    assert main(["sql", "--warehouse", str(sample_warehouse), "--csv", query]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 5 and sum(int(r["n"]) for r in rows) == 5
    assert main(["sql", "--warehouse", str(sample_warehouse), "--json", query]) == 0
    assert [r["region_name"] for r in json.loads(capsys.readouterr().out)] == [r["region_name"] for r in rows]


def test_sql_errors_say_what_happened(sample_warehouse, tmp_path, capsys):
    assert main(["sql", "--warehouse", str(sample_warehouse), "selec 1"]) == 1
    assert "SQL error: Parser Error" in capsys.readouterr().err
    assert main(["sql", "--warehouse", str(sample_warehouse), "delete from core.meetings"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert main(["sql", "--warehouse", str(sample_warehouse), "select count(*) from core.meetings"]) == 0
    assert "5" in capsys.readouterr().out  # nothing was deleted
    missing = tmp_path / "nowhere.duckdb"
    assert main(["sql", "--warehouse", str(missing), "select 1"]) == 2
    err = capsys.readouterr().err
    assert f"warehouse {missing} does not exist" in err and "govmeet run --warehouse" in err
    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_text("not a database")
    assert main(["sql", "--warehouse", str(not_duckdb), "select 1"]) == 2
    assert f"cannot open {not_duckdb} read-only" in capsys.readouterr().err


def test_sql_script_on_stdin_prints_each_result(sample_warehouse):
    script = "select 1 as first;\n.mode csv\nselect 'a;b' as second,\n  2 as n;\nselect 3 as last"
    done = subprocess.run([GOVMEET, "sql", "--warehouse", str(sample_warehouse)], input=script,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["first", "-----", "    1", "(1 row)", "second,n", "a;b,2", "last", "3"]
    failing = subprocess.run([GOVMEET, "sql", "--warehouse", str(sample_warehouse)], input="select nope;\nselect 1;",
                             capture_output=True, text=True, timeout=120)
    assert failing.returncode == 1 and "Binder Error" in failing.stderr


def _read_until(fd: int, marker: bytes, timeout: float = 60) -> bytes:
    seen, deadline = b"", time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"no {marker!r} in {seen.decode(errors='replace')!r}"
        if select.select([fd], [], [], left)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_interactive_shell_in_a_pseudo_terminal(sample_warehouse):
    """The shell as a person meets it: a banner, a prompt, a statement over two lines, an answer."""
    primary, secondary = pty.openpty()
    shell = subprocess.Popen([GOVMEET, "sql", "--warehouse", str(sample_warehouse)],
                             stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True)
    os.close(secondary)
    try:
        banner = _read_until(primary, b"govmeet> ")
        assert b"read-only, DuckDB " + duckdb.__version__.encode() in banner
        os.write(primary, b"select person_name, meeting_count from marts.official_appearances\n")
        assert b"...> " in _read_until(primary, b"...> ")
        os.write(primary, b"where list_contains(roles, 'presided') order by person_name;\n")
        answer = _read_until(primary, b"govmeet> ").decode()
        assert re.search(r"应勇\s+1", answer) and re.search(r"龙向洋\s+1", answer) and "(2 rows)" in answer
        os.write(primary, b".schema marts.gdp_targets\n")
        assert "gdp_growth_pct" in _read_until(primary, b"govmeet> ").decode()
        os.write(primary, b".quit\n")
        assert shell.wait(timeout=30) == 0
    finally:
        if shell.poll() is None:
            shell.kill()
        os.close(primary)


def test_reading_commands_import_neither_dagster_nor_duckdb():
    """`govmeet --help` stays fast: the sql and export commands load their libraries when they run."""
    probe = ("import sys, orchestration.sql_cli, orchestration.export_cli; "
             "print(sorted(m for m in ('dagster', 'duckdb', 'polars') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# govmeet export


def test_export_parquet_has_every_table_with_its_row_count(sample_warehouse, tmp_path, capsys):
    out = tmp_path / "exports"
    assert main(["export", "--format", "parquet", "--warehouse", str(sample_warehouse), str(out)]) == 0
    expected = warehouse_tables(sample_warehouse)
    assert {"core.documents", "core.participations", "marts.gdp_targets", "marts.official_appearances"} <= set(expected)
    schema = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    assert {t["name"]: t["rows"] for t in schema["tables"]} == expected
    con = duckdb.connect()
    for table in schema["tables"]:
        path = out / table["file"]
        assert con.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone()[0] == expected[table["name"]]
        frame = pl.read_parquet(path)
        assert frame.height == expected[table["name"]]
        assert frame.columns == [c["name"] for c in table["columns"]]
    assert "marts.official_appearances" in capsys.readouterr().out


def test_export_csv_round_trips(sample_warehouse, tmp_path):
    out = tmp_path / "csv"
    assert main(["export", "--format", "csv", "--warehouse", str(sample_warehouse), str(out)]) == 0
    expected = warehouse_tables(sample_warehouse)
    for name, rows in expected.items():
        schema_name, table = name.split(".")
        frame = pl.read_csv(out / schema_name / f"{table}.csv", infer_schema=False)
        assert frame.height == rows, name
    people = pl.read_csv(out / "core" / "participations.csv", infer_schema=False)
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    titles = con.execute("select titles from core.participations where len(titles) > 1 limit 1").fetchone()[0]
    con.close()
    assert json.dumps(titles, ensure_ascii=False).replace(" ", "") in set(people["titles"].str.replace_all(" ", ""))


def test_export_dta_for_stata(sample_warehouse, tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    out = tmp_path / "stata"
    assert main(["export", "--format", "dta", "--warehouse", str(sample_warehouse), str(out)]) == 0
    expected = warehouse_tables(sample_warehouse)
    for name, rows in expected.items():
        frame, meta = pyreadstat.read_dta(str(out / name.replace(".", "/")) + ".dta", output_format="polars")
        assert frame.height == rows, name
    meetings, meta = pyreadstat.read_dta(str(out / "core" / "meetings.dta"), output_format="polars")
    assert meta.column_names_to_labels["region_code"].startswith("its 6-digit administrative division code")
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    stored = con.execute("select meeting_id, kinds, is_expanded, meeting_date, coalesce(prefecture, '') "
                         "from core.meetings order by 1").fetchall()
    con.close()
    read = meetings.sort("meeting_id").select("meeting_id", "kinds", "is_expanded", "meeting_date", "prefecture")
    assert [(m, json.loads(k), bool(e), d, p) for m, k, e, d, p in read.rows()] == stored


def test_schema_describes_columns_from_the_row_models(sample_warehouse, tmp_path):
    out = tmp_path / "exports"
    assert main(["export", "--warehouse", str(sample_warehouse), str(out)]) == 0
    tables = {t["name"]: t for t in json.loads((out / "schema.json").read_text(encoding="utf-8"))["tables"]}
    people = {c["name"]: c for c in tables["core.participations"]["columns"]}
    assert tables["core.participations"]["key"] == ["meeting_id", "person_name", "role"]
    assert people["role"]["values"] == ["presided", "reported", "spoke", "attended", "rostrum", "sat_in"]
    assert people["titles"]["type"] == "VARCHAR[]" and people["titles"]["nullable"] is False
    assert "offset" in people["span_start"]["description"]
    documents = {c["name"]: c for c in tables["core.documents"]["columns"]}
    assert documents["glosses_removed"]["description"].startswith("pinyin glosses")  # a Field description
    assert documents["published_date"]["nullable"] is True
    gdp = {c["name"]: c for c in tables["marts.gdp_targets"]["columns"]}
    assert tables["marts.gdp_targets"]["description"].startswith("One row per (region_code, target_year)")
    assert gdp["gdp_growth_pct"]["type"] == "DOUBLE" and gdp["gdp_growth_pct"]["description"] is None  # computed
    appearances = {c["name"]: c for c in tables["marts.official_appearances"]["columns"]}
    assert appearances["person_name"]["from"] == "core.participations.person_name"
    with open(out / "schema.csv", encoding="utf-8") as handle:
        flat = list(csv.DictReader(handle))
    assert sum(len(t["columns"]) for t in tables.values()) == len(flat)
    assert {"table": "core.participations", "column": "role"}.items() <= next(
        r for r in flat if r["table"] == "core.participations" and r["column"] == "role").items()


CONTRACT_SNIPPET = """\
### core.quorum
How many members were present.
| column | type | meaning |
|---|---|---|
| meeting_id | VARCHAR | |
| member_class | VARCHAR | `member` (委员) or `alternate` (候补委员) |
| span_start, span_end | INTEGER | the quorum sentence |

## Marts
| not | a | table of core |
"""


def test_contract_meanings_are_read_from_its_column_tables(tmp_path):
    path = tmp_path / "CONTRACT.md"
    path.write_text(CONTRACT_SNIPPET, encoding="utf-8")
    assert contract_meanings(path) == {"core.quorum": {
        "": "How many members were present.", "member_class": "member (委员) or alternate (候补委员)",
        "span_start": "the quorum sentence", "span_end": "the quorum sentence"}}
    assert contract_meanings(tmp_path / "absent.md") == {}


def test_model_columns_follow_the_table_as_stored():
    catalog = [("meeting_id", "VARCHAR", None), ("person_name", "VARCHAR", None), ("added_later", "INTEGER", "a note")]
    described = describe_model_columns(ParticipationRow, catalog)
    assert [c["name"] for c in described] == ["meeting_id", "person_name", "added_later"]
    assert described[2] == {"name": "added_later", "type": "INTEGER", "description": "a note"}


# ---------------------------------------------------------------------------------------------
# The README's reading section, as written


def readme_blocks(language: str) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Reading the warehouse\n"):]
    section = section[:section.index("\n## ", 1)]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def test_readme_reading_commands_run_as_written(sample_warehouse, tmp_path):
    """In a folder laid out as a clone after `make run`: every sh line, then every python block."""
    (tmp_path / "warehouse").mkdir()
    shutil.copy(sample_warehouse, tmp_path / "warehouse" / "govmeet.duckdb")
    (tmp_path / ".venv").symlink_to(sys.prefix)
    environment = {k: v for k, v in os.environ.items() if k != "GOVMEET_WAREHOUSE"}
    commands = [line for block in readme_blocks("sh") for line in block.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert any(" sql \"" in c for c in commands) and any(" sql --csv " in c for c in commands)
    assert any(c.rstrip().endswith("govmeet sql") for c in commands) and any(" export " in c for c in commands)
    outputs = []
    for command in commands:  # the bare shell reads its stdin: here a dot command, as a person would type
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, input=".tables\n", capture_output=True,
                              text=True, timeout=300, env=environment)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        assert done.stdout.strip(), command
        outputs.append(done.stdout)
    gdp, presided = outputs[0], outputs[1]
    assert re.search(r"2022\s+渌口区\s+430212\s+8\.5", gdp)
    assert {r["person_name"] for r in csv.DictReader(io.StringIO(presided))} == {"应勇", "龙向洋"}
    assert (tmp_path / "exports" / "marts" / "gdp_targets.parquet").is_file()
    for block in readme_blocks("python"):
        done = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120, env=environment)
        assert done.returncode == 0, done.stderr
        assert "渌口区" in done.stdout and "meeting_count" in done.stdout
