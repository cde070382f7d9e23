"""Pure parsing and normalization: text in, validated rows out. No Dagster, no DuckDB, no input I/O.

PARSER_VERSION changes whenever any extraction code or lexicon changes, so that the warehouse
knows which documents were parsed by older code and must be parsed again.
"""
import hashlib
from pathlib import Path

__version__ = "0.1.0"


def _code_fingerprint() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), *here.glob("lexicons/*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = f"{__version__}+{_code_fingerprint()}"
