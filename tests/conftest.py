"""Shared fixtures: the bundled sample and, when present, the shared gold and dev corpus."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO / "data" / "sample"
SHARED = REPO.parent / "shared"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def read_article(path: Path) -> str:
    """An article file as govmeet decodes it (UTF-8, GB18030, Big5 … detected)."""
    from transforms.text.decode import decode_bytes

    return decode_bytes(path.read_bytes()).text


def older_dev_golds(shared: Path) -> list[Path]:
    """The dev gold files the rules were first written from: those not listed in a later
    `eval/dev_added_*.txt`. They stay exact article by article; the whole dev set, newer
    articles included, is guarded by the floors of test_quality_floors.py."""
    added = {line.strip() for listing in (shared / "eval").glob("dev_added_*.txt")
             for line in listing.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    return [p for p in sorted((shared / "eval" / "dev").glob("*.json")) if p.stem not in added]


def figure_is_written_in(value: float, evidence: str) -> bool:
    """The figure `value` stands in `evidence` as written: 8.5 as 8.5 or ８．５, 12.0 as 12, or a
    Chinese numeral that reads as it (百分之八点五, 十二)."""
    import re
    import unicodedata

    from transforms.shared.numerals import parse_chinese_number

    written = unicodedata.normalize("NFKC", evidence)
    if f"{abs(value):g}" in written:
        return True
    runs = re.findall("(?:百分之)?[零〇一二两三四五六七八九十百千万亿点]+", written)
    # 三百亿元 is 300 of the unit 亿元: the run is read with and without its unit character
    return any(parse_chinese_number(r) == abs(value) for run in runs for r in (run, run.rstrip("万亿")))


def materialize_core(inputs, warehouse: Path, max_bytes: int = 5_000_000):
    """Dagster's materialize() of the ingest and parse assets, raw_documents to core_tables, over
    `inputs`: what a run would merge into core.*, left in the run's build file (no mart, no check,
    nothing published), for tests of those assets where a whole `govmeet run` is not the point.
    Returns (the run's result, its build file)."""
    from dagster import materialize

    from orchestration.assets import core_tables, extracted_facts, normalized_documents, raw_documents
    from orchestration.cli import cli_resources

    inputs = [str(p) for p in inputs]
    resources = cli_resources(inputs, str(warehouse), workers=1, max_bytes=max_bytes)
    result = materialize([raw_documents, normalized_documents, extracted_facts, core_tables], resources=resources,
                         run_config={"ops": {"raw_documents": {"config": {"inputs": inputs}}},
                                     "loggers": {"console": {"config": {"log_level": "WARNING"}}}})
    return result, resources["warehouse"].build(result.run_id).path


def query(warehouse: Path, sql: str) -> list[tuple]:
    """The rows of `sql` on a read-only connection to the warehouse file."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def sample_text(prefix: str) -> str:
    """The seed article whose file name starts with `prefix` (e.g. '003')."""
    (path,) = SAMPLE_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The bundled sample through `govmeet run`, as `make run` makes it, built once a session;
    a module takes its own copy (copy_of), so that no test sees another's changes."""
    from orchestration.cli import run

    path = tmp_path_factory.mktemp("sample_build") / "govmeet.duckdb"
    assert run([str(SAMPLE_DIR)], str(path), workers=1, max_bytes=5_000_000, quiet=True) == 0
    return path


def copy_of(warehouse: Path, folder: Path) -> Path:
    """A copy of a warehouse file in `folder`, under the name `make run` gives it."""
    import shutil

    return Path(shutil.copy(warehouse, folder / "govmeet.duckdb"))


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present on this machine")
    return SHARED
