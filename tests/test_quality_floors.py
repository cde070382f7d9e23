"""The dev-set quality guard: every headline score on the real articles of ../shared/eval/dev stays
at or above its floor in tests/quality_floors.toml.

The pipeline runs over ../shared/corpus/dev into a temporary warehouse and is scored by the
project's own evaluation (`govmeet eval`'s rules). A figure more than TOLERANCE below its floor
fails the test, which names the figure, the floor, the new value and the misses that changed
most against tests/quality_baseline.json (miss counts per document and kind: file names and
numbers only, no article text). Rising figures pass and are printed, so the floor can be raised
in the same commit (a one-line edit); lowering a floor needs a comment in the floors file.

    GOVMEET_WRITE_QUALITY_BASELINE=1 pytest tests/test_quality_floors.py   # refresh the baseline counts
"""
from __future__ import annotations

import json
import os
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, SHARED
from orchestration.cli import run
from warehouse.evaluation import DOCUMENT_FIELDS, MEETING_FIELDS, Miss, Scorecard, load_gold, load_predictions, score

MEETING_FIELD_KINDS = MEETING_FIELDS

FLOORS_FILE = REPO / "tests" / "quality_floors.toml"
BASELINE_FILE = REPO / "tests" / "quality_baseline.json"
TOLERANCE = 0.005
DEV_CORPUS, DEV_GOLD = SHARED / "corpus" / "dev", SHARED / "eval" / "dev"


def headline(card: Scorecard) -> dict[str, float]:
    """The figures the floors file guards, by the names it uses."""
    t = card.tables
    figures = {
        "meetings_precision": t["meetings"].precision, "meetings_recall": t["meetings"].recall,
        "meeting_fields_mean": card.mean_field_accuracy(),
        "people_precision": t["people"].precision, "people_recall": t["people"].recall,
        "name_role_f1": t["name_role_pairs"].f1, "titles": card.titles.value,
        "quorum_f1": t["quorum"].f1, "adopted_f1": t["adopted_documents"].f1,
        "numeric_targets_precision": t["numeric_targets"].precision,
        "numeric_targets_recall": t["numeric_targets"].recall,
        "qualitative_targets_recall": card.qualitative_targets.recall,
        "document_fields_mean": _mean(a.value for a in card.document_fields.values()),
        # each field too: one field can fall a long way while the mean of fourteen barely moves
        **{f"meeting_field.{name}": a.value for name, a in card.meeting_fields.items()},
        **{f"document_field.{name}": a.value for name, a in card.document_fields.items()},
    }
    return {name: (value if value is not None else 0.0) for name, value in figures.items()}


def _mean(values) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def miss_kind(miss: Miss) -> str:
    """`m2.titles 张三` -> `titles`; `extra meeting` -> `extra meeting`; `document.outlet` -> `document.outlet`."""
    field = miss.field.split(" ", 1)[0] if not miss.field.startswith("extra ") else miss.field
    return field.split(".", 1)[1] if field[:1] == "m" and field[1:2].isdigit() else field


# which kinds of miss move which figure (for the failure message)
KINDS_OF = {
    "meetings_precision": {"extra meeting", "meetings"}, "meetings_recall": {"meeting"},
    "people_precision": {"people"}, "people_recall": {"people", "meeting"},
    "name_role_f1": {"roles", "people"}, "titles": {"titles"}, "quorum_f1": {"quorum"},
    "adopted_f1": {"adopted_documents"}, "numeric_targets_precision": {"targets"},
    "numeric_targets_recall": {"targets"}, "qualitative_targets_recall": {"qualitative targets"},
    "must_not_contain_hits": {"must_not_contain"},
}


def miss_counts(card: Scorecard) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter] = {}
    for miss in card.misses:
        counts.setdefault(miss.document, Counter())[miss_kind(miss)] += 1
    return {doc: dict(sorted(c.items())) for doc, c in sorted(counts.items())}


def kinds_of(figure: str) -> set[str]:
    if figure.startswith("meeting_field."):
        return {figure.split(".", 1)[1]}
    if figure.startswith("document_field."):
        return {"document." + figure.split(".", 1)[1]}
    if figure in ("meeting_fields_mean", "document_fields_mean"):
        return set(MEETING_FIELD_KINDS) if figure.startswith("meeting") else {f"document.{f}" for f in DOCUMENT_FIELDS}
    return KINDS_OF.get(figure, set())


def changed_most(card: Scorecard, kinds: set[str], baseline: dict, limit: int = 5) -> list[str]:
    """The `limit` misses of these kinds in the documents whose count of them rose most."""
    now = miss_counts(card)
    def rise(doc: str) -> int:
        return sum(now.get(doc, {}).get(k, 0) - baseline.get(doc, {}).get(k, 0) for k in kinds)
    documents = sorted({m.document for m in card.misses if miss_kind(m) in kinds}, key=lambda d: (-rise(d), d))
    lines = []
    for doc in documents:
        for miss in card.misses:
            if miss.document == doc and miss_kind(miss) in kinds and len(lines) < limit:
                lines.append(f"{doc} (+{rise(doc)} vs baseline) {miss.field}: expected {miss.expected!r}, got {miss.got!r}")
    return lines


def compare(card: Scorecard, config: dict, baseline: dict) -> tuple[list[str], list[str]]:
    """(figures fallen below their floor with the misses that changed most, figures risen)."""
    floors, ceilings = config["floors"], config["ceilings"]
    figures = headline(card)
    assert set(floors) == set(figures), "the floors file and headline() must name the same figures"
    fallen, gains = [], []
    for name, floor in floors.items():
        value = figures[name]
        if value < floor - TOLERANCE:
            fallen.append(f"{name}: floor {floor:.3f}, now {value:.3f}\n    "
                          + "\n    ".join(changed_most(card, kinds_of(name), baseline)))
        elif value > floor + TOLERANCE:
            gains.append(f"{name}: {floor:.3f} -> {value:.3f} (raise the floor in {FLOORS_FILE.name})")
    hits, ceiling = card.must_not_contain_hits, ceilings["must_not_contain_hits"]
    if hits > ceiling:
        fallen.append(f"must_not_contain_hits: ceiling {ceiling}, now {hits}\n    "
                      + "\n    ".join(changed_most(card, KINDS_OF["must_not_contain_hits"], baseline)))
    elif hits < ceiling:
        gains.append(f"must_not_contain_hits: {ceiling} -> {hits} (lower the ceiling in {FLOORS_FILE.name})")
    return fallen, gains


def _config() -> tuple[dict, dict]:
    config = tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    baseline = json.loads(BASELINE_FILE.read_text(encoding="utf-8")) if BASELINE_FILE.exists() else {}
    return config, baseline


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory) -> tuple[list[dict], dict[str, dict]]:
    """The gold files of the dev set and the warehouse's rows for them, in the scorer's shape."""
    if not DEV_CORPUS.is_dir() or not DEV_GOLD.is_dir():
        pytest.skip(f"{DEV_CORPUS} or {DEV_GOLD} is absent (a clone without ../shared): the dev-set guard cannot run")
    warehouse = tmp_path_factory.mktemp("dev") / "dev.duckdb"
    assert run([str(DEV_CORPUS)], str(warehouse), workers=2, max_bytes=5_000_000, quiet=True) == 0
    golds = load_gold(DEV_GOLD)
    predictions, _ = load_predictions(warehouse, [g["file"] for g in golds])
    return golds, predictions


def test_dev_scores_stay_at_or_above_their_floors(dev_run, capsys):
    card = score(*dev_run)
    config, baseline = _config()
    fallen, gains = compare(card, config, baseline)
    if os.environ.get("GOVMEET_WRITE_QUALITY_BASELINE"):
        BASELINE_FILE.write_text(json.dumps(miss_counts(card), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with capsys.disabled():
        if gains:
            print("\ndev-set quality gains:\n  " + "\n  ".join(gains))
    assert not fallen, "dev-set scores fell below their floors:\n  " + "\n  ".join(fallen)


def test_the_guard_names_the_figure_that_falls(dev_run):
    """Losing the meetings of a few documents (as when a meeting kind leaves the lexicon) fails
    the guard, and the message names meetings_recall and a document whose misses rose."""
    golds, predictions = dev_run
    with_meetings = sorted(name for name, p in predictions.items() if p["meetings"])[:6]
    worse = {name: ({**p, "meetings": []} if name in with_meetings else p) for name, p in predictions.items()}
    config, baseline = _config()
    fallen, _ = compare(score(golds, worse), config, baseline)
    message = "\n".join(fallen)
    assert "meetings_recall: floor" in message
    assert any(doc in message for doc in with_meetings)


WRITTEN = REPO / "tests" / "fixtures" / "written_blind_2026_12"


def test_written_articles_stay_at_or_above_their_floors(tmp_path):
    """The same guard over 24 articles written by hand for blind scoring (not crawled; see their
    README), whose floors are in the [written] tables of the floors file."""
    warehouse = tmp_path / "written.duckdb"
    assert run([str(WRITTEN / "corpus")], str(warehouse), workers=1, max_bytes=5_000_000, quiet=True) == 0
    golds = load_gold(WRITTEN / "gold")
    predictions, _ = load_predictions(warehouse, [g["file"] for g in golds])
    config, _ = _config()
    fallen, _ = compare(score(golds, predictions), config["written"], {})
    assert not fallen, "scores on the written articles fell below their floors:\n  " + "\n  ".join(fallen)
