"""Pure parsing and normalization: text in, validated rows out. No Dagster, no DuckDB, no input I/O.

PARSER_VERSION changes whenever any extraction code or lexicon changes, so that the warehouse
knows which documents were parsed by older code and must be parsed again.
"""
import hashlib
from pathlib import Path

__version__ = "0.1.0"


def code_fingerprint(here: Path = Path(__file__).parent) -> str:
    """A hash of every module and lexicon under `here` (the transforms package)."""
    digest = hashlib.sha256()
    # every module of every package and every lexicon, at any depth (not caches)
    files = [p for p in here.rglob("*") if p.is_file() and (p.suffix == ".py" or "lexicons" in p.parts)
             and "__pycache__" not in p.parts]
    for path in sorted(files):
        digest.update(path.relative_to(here).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = f"{__version__}+{code_fingerprint()}"
