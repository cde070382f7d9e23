"""Proceedings: quorum (应到/实到) and the documents a meeting adopted, reviewed or read.

(Placeholder; issue 5 builds the real extractor.)
"""
from __future__ import annotations

from transforms.models import AdoptedDocumentRow, MeetingRow, QuorumRow


def find_quorum(text: str, meeting: MeetingRow) -> list[QuorumRow]:
    return []


def find_adopted_documents(text: str, meeting: MeetingRow) -> list[AdoptedDocumentRow]:
    return []
