"""Economic targets: every planned figure with indicator, measure, value, qualifier, year, region.

(Placeholder; issue 6 builds the real extractor.)
"""
from __future__ import annotations

from transforms.models import DocumentMetadata, EconomicTargetRow, MeetingRow


def find_targets(
    text: str, meetings: list[MeetingRow], metadata: DocumentMetadata
) -> list[EconomicTargetRow]:
    return []
