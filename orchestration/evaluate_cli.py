"""`govmeet eval`: score a warehouse against gold annotations (rules: ../shared/eval/README.md).

Prints each miss first (document | item | expected | got), then the summary: precision, recall and
F1 per table, accuracy per field, and `mean F1` last. Exit status 0; with --min-f1 X, 1 when any
table's F1 is below X (for CI); 2 when the gold folder or the warehouse cannot be read.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from warehouse import DEFAULT_WAREHOUSE
from warehouse.evaluation import TABLE_LABELS, Accuracy, Counts, Scorecard, load_gold, load_predictions, score


def add_eval_command(commands) -> None:
    cmd = commands.add_parser("eval", help="score a warehouse against gold annotations",
                              description=__doc__.splitlines()[0])
    cmd.add_argument("--gold", required=True, metavar="DIR", help="folder of gold JSON files, one per article")
    cmd.add_argument("--warehouse", default=os.environ.get("GOVMEET_WAREHOUSE", DEFAULT_WAREHOUSE), metavar="FILE",
                     help=f"the DuckDB file to score, opened read-only (default: {DEFAULT_WAREHOUSE})")
    cmd.add_argument("--min-f1", type=float, metavar="X", help="exit 1 when any table's F1 is below X")
    cmd.add_argument("--json", dest="json_path", metavar="FILE", help="also write the scores and misses as JSON")
    cmd.add_argument("--no-misses", action="store_true", help="print the summary only")
    cmd.set_defaults(func=evaluate)


def evaluate(args) -> int:
    gold_dir, warehouse = Path(args.gold), Path(args.warehouse)
    if not gold_dir.is_dir():
        print(f"govmeet eval: gold folder {gold_dir} does not exist; pass --gold DIR", file=sys.stderr)
        return 2
    if not warehouse.is_file():
        print(f"govmeet eval: warehouse {warehouse} does not exist; run `govmeet run --warehouse {warehouse}` "
              "first or pass --warehouse FILE", file=sys.stderr)
        return 2
    try:
        golds = load_gold(gold_dir)
    except ValueError as error:
        print(f"govmeet eval: {error}", file=sys.stderr)
        return 2
    if not golds:
        print(f"govmeet eval: no *.json gold file in {gold_dir}", file=sys.stderr)
        return 2
    import duckdb

    try:
        predictions, warnings = load_predictions(warehouse, [g["file"] for g in golds])
    except duckdb.Error as error:
        print(f"govmeet eval: cannot read {warehouse} as a govmeet warehouse ({error}); pass the file "
              "`govmeet run --warehouse` wrote, and close any process writing to it", file=sys.stderr)
        return 2
    card = score(golds, predictions)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        if not args.no_misses:
            print_misses(card)
        print_summary(card, warehouse, gold_dir)
        sys.stdout.flush()
    except BrokenPipeError:  # `govmeet eval | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(card.to_json(), ensure_ascii=False, indent=1, default=str),
                                        encoding="utf-8")
    if args.min_f1 is not None:
        failing = card.below(args.min_f1)
        if failing:
            print(f"below --min-f1 {args.min_f1}: " + ", ".join(TABLE_LABELS[t] for t in failing))
            return 1
    return 0


def _value(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _num(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def print_misses(card: Scorecard) -> None:
    """One line a miss; kept free of the summary's words so that `grep -i f1` finds the summary."""
    print(f"Misses ({len(card.misses)}): document | item | expected | got")
    for miss in card.misses:
        print(f"  {miss.document} | {miss.field} | {_value(miss.expected)} | {_value(miss.got)}")
    print("Meeting attributes, accuracy where the gold has them:")
    for name, accuracy in card.meeting_fields.items():
        if accuracy.total:
            print(f"  {name:<16} {_num(accuracy.value)}  ({accuracy.right}/{accuracy.total})")
    print()


def _table_line(label: str, counts: Counts) -> str:
    return (f"  {label:<20} P {_num(counts.precision)}  R {_num(counts.recall)}  F1 {_num(counts.f1)}"
            f"   (gold {counts.tp + counts.fn}, predicted {counts.tp + counts.fp}, correct {counts.tp})")


def _accuracies(accuracies: dict[str, Accuracy]) -> str:
    return "  ".join(f"{name} {_num(a.value)}" for name, a in accuracies.items() if a.total)


def print_summary(card: Scorecard, warehouse: Path, gold_dir: Path) -> None:
    absent = len(card.documents_absent)
    print(f"Summary: {warehouse} against {gold_dir}: {card.documents} gold documents, {absent} absent "
          "from the warehouse (micro-averaged)")
    for name, counts in card.tables.items():
        print(_table_line(TABLE_LABELS[name], counts))
    qualitative = card.qualitative_targets
    print(f"  {'qualitative targets':<20} indicator recall {_num(qualitative.recall)}"
          f"   ({qualitative.tp} of {qualitative.tp + qualitative.fn} found)")
    scored = {name: a for name, a in card.meeting_fields.items() if a.total}
    lowest = sorted((a.value, name) for name, a in scored.items() if a.value < 1)[:3]
    print(f"  {'meeting fields':<20} mean accuracy {_num(card.mean_field_accuracy())} over {len(scored)} fields;"
          " lowest: " + (", ".join(f"{name} {value:.3f}" for value, name in lowest) or "none below 1"))
    print(f"  {'titles field':<20} accuracy {_num(card.titles.value)}   ({card.titles.right} of "
          f"{card.titles.total} matched people: title list equals the gold set)")
    print(f"  {'document fields':<20} accuracy {_accuracies(card.document_fields)}")
    print(f"  {'must_not_contain':<20} {card.must_not_contain_hits} hits in person or meeting name fields")
    print(f"mean F1: {_num(card.mean_f1())} (over the tables above with gold or predicted rows)")
