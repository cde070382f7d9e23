"""`govmeet eval` (placeholder until the evaluation issue lands)."""
from __future__ import annotations


def add_eval_command(commands) -> None:
    cmd = commands.add_parser("eval", help="score a warehouse against gold annotations")
    cmd.add_argument("--gold", required=True)
    cmd.add_argument("--warehouse", default="warehouse/govmeet.duckdb")
    cmd.set_defaults(func=lambda args: print("govmeet eval: not implemented yet") or 0)
