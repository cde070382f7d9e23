"""Decoding: input bytes -> text, or a reason the input cannot be a document.

(Placeholder order of strict decodes; issue 3 makes detection robust.)
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass(frozen=True)
class Undecodable:
    reason: str  # a RejectReason code
    detail: str  # a sentence a person can act on


def decode_bytes(data: bytes) -> Decoded | Undecodable:
    if not data.strip():
        return Undecodable("empty", "The file is empty or holds only white space; remove it or re-crawl the article.")
    if b"\x00" in data[:4096]:
        return Undecodable("not_text", "The file holds NUL bytes, so it is binary, not an article; remove it from the input.")
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="strict"), "utf-8-sig")
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    return Undecodable(
        "undecodable",
        "The bytes are not valid UTF-8, GB18030 or Big5; re-save the article as UTF-8.",
    )
