"""Dates: month-day from the text, the year from the date, the metadata, or the context.

(Placeholder; issue 4 builds year inference.)
"""
from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def parse_metadata_date(value: str) -> dt.date | None:
    """`2021-12-29 16:00:51`, `2024/03/27`, `2010年4月17日` -> a date; None if it is none."""
    match = _ISO_DATE.search(value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
