"""DuckDB side of govmeet. The defaults below are here, free of Dagster and DuckDB imports, so
that every command (and `govmeet --help`) knows them without loading either."""
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# where `govmeet run` publishes by default
DEFAULT_WAREHOUSE = "warehouse/govmeet.duckdb"
# the bundled sample corpus: the input when none is given
SAMPLE_CORPUS = str(REPO / "data" / "sample")
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))
DEFAULT_BATCH_SIZE = 2000
# largest input file accepted: a news article is a few KB; 5 MB is something else
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
