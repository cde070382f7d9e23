# where `govmeet run` publishes by default (orchestration.resources.DEFAULT_WAREHOUSE says the same);
# here so that commands which only read the warehouse need import neither Dagster nor DuckDB to know it
DEFAULT_WAREHOUSE = "warehouse/govmeet.duckdb"
