"""People: participants with title chains and roles, and the units that spoke.

(Placeholder; issue 5 builds the real extractor.)
"""
from __future__ import annotations

from transforms.models import MeetingRow, ParticipationRow, UnitParticipationRow


def find_participations(text: str, meeting: MeetingRow) -> list[ParticipationRow]:
    return []


def find_unit_participations(text: str, meeting: MeetingRow) -> list[UnitParticipationRow]:
    return []
