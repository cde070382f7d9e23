"""A JSON account of one `govmeet run`: seconds per Dagster step, each asset's run metadata and
each check's outcome. `govmeet run --report FILE` writes it; `make bench` reads its stage figures."""
from __future__ import annotations

import json
from pathlib import Path


def _plain(value):
    """A metadata value as JSON can hold it (MetadataValue wrappers unwrapped)."""
    value = getattr(value, "value", value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def run_report(result, seconds: float) -> dict:
    """What the events of an ExecuteInProcessResult say about the run, as plain JSON data."""
    steps: dict[str, float] = {}
    assets: dict[str, dict] = {}
    checks: dict[str, bool] = {}
    for event in result.all_events:
        if event.is_step_success:
            steps[event.step_key] = round(event.event_specific_data.duration_ms / 1000, 3)
        elif event.event_type_value == "ASSET_MATERIALIZATION":
            materialization = event.step_materialization_data.materialization
            assets["/".join(materialization.asset_key.path)] = {
                k: _plain(v) for k, v in materialization.metadata.items() if k != "sql"}
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.asset_check_evaluation_data
            checks[f"{'/'.join(evaluation.asset_key.path)}:{evaluation.check_name}"] = evaluation.passed
    return {"success": result.success, "seconds": round(seconds, 3), "steps": steps,
            "assets": assets, "checks": checks}


def write_run_report(result, seconds: float, path: str | Path) -> None:
    Path(path).write_text(json.dumps(run_report(result, seconds), ensure_ascii=False, indent=1), encoding="utf-8")


def write_idle_report(input_files: int, seconds: float, path: str | Path) -> None:
    """The report of a run that found nothing new and stopped before Dagster (no steps ran)."""
    ingest = {"input_files": input_files, "new_files": 0, "documents": 0, "rejected": 0, "reparse": 0}
    Path(path).write_text(json.dumps({"success": True, "seconds": round(seconds, 3), "steps": {},
                                      "assets": {"raw_documents": ingest}, "checks": {},
                                      "nothing_new": True}, indent=1), encoding="utf-8")
