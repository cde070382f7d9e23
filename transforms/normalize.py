"""Normalization: raw decoded text -> the normalized text every span points into.

(Placeholder: converts Traditional to Simplified only; issue 3 builds the full normalizer.)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import opencc

from transforms.models import DocumentMetadata
from transforms.vocab import Script

_t2s = opencc.OpenCC("t2s")


@dataclass(frozen=True)
class NormalizedText:
    text: str
    script: Script
    # raw_offsets[i] is the offset in the raw text of normalized character i; one extra entry
    # at the end maps len(text) to len(raw), so a span [a, b) maps to [raw_offsets[a], raw_offsets[b])
    raw_offsets: list[int]
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    glosses_removed: int = 0
    mojibake_repaired: int = 0
    unrepaired_spots: int = 0
    boilerplate_chars_removed: int = 0


def normalize(raw_text: str, hints: DocumentMetadata | None = None) -> NormalizedText:
    text = _t2s.convert(raw_text)
    script: Script = "simplified" if text == raw_text else "traditional"
    return NormalizedText(
        text=text,
        script=script,
        raw_offsets=list(range(len(text) + 1)),
        metadata=hints or DocumentMetadata(),
    )
