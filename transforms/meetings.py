"""Meetings: find each meeting an article reports, with its name, kinds, body, region, 届/次, date.

(Placeholder; issue 4 builds the real extractor.)
"""
from __future__ import annotations

import re

from transforms.models import DocumentMetadata, MeetingRow

_MEETING_NAME = re.compile(r"召开([^，。,;；]{2,60}?会议?)")


def find_meetings(text: str, metadata: DocumentMetadata) -> list[MeetingRow]:
    match = _MEETING_NAME.search(text)
    if not match:
        return []
    return [
        MeetingRow(
            name_text=match.group(1),
            kinds=["other"],
            span_start=match.start(1),
            span_end=match.end(1),
            scope_start=0,
            scope_end=len(text),
        )
    ]
