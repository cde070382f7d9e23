"""Decoding: input bytes -> text, or the reason the input cannot be a document.

Order: a byte-order mark decides (UTF-8, UTF-16); then binary inputs are refused; then strict
UTF-8, which almost never accepts bytes of another encoding; then GB18030 and Big5 are both
tried strictly. The two often both succeed on the same bytes (Big5 bytes decode as GB18030 into
rare characters, GB2312 bytes as Big5 into arbitrary common ones), so each decoding is scored by
the share of its Han characters that are among the ~500 commonest characters (charset-normalizer's
list, in Simplified and Traditional forms); the plausible one wins. Only when no strict decoding
is plausible does charset-normalizer get a say, and a decoding that loses a few bytes is accepted
only when those are rare and the rest reads as Chinese.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.constant import COMMON_CHINESE_CHARACTERS

from transforms.text.script import traditional_forms


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass(frozen=True)
class Undecodable:
    reason: str  # a RejectReason code
    detail: str  # a sentence a person can act on


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# magic numbers of files that are often dropped into a text folder by mistake
_BINARY_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx/.xlsx is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
)
_COMMON_HAN = frozenset(traditional_forms(COMMON_CHINESE_CHARACTERS))
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# control characters that never occur in text (tab, newlines, form feed and ESC may)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_SHARE_LIMIT = 0.02
# a decoding reads as Chinese when this share of its Han characters is among the commonest;
# running news text scores 0.55-0.8, a wrong codec's output below 0.3
PLAUSIBLE_COMMON_SHARE = 0.4
# a lossy decoding is accepted when at most this share of its characters (or 2, what one broken
# byte costs) are U+FFFD
LOSSY_REPLACEMENT_LIMIT = 0.002
MIN_HAN_TO_JUDGE = 20


def common_han_share(text: str) -> float:
    """Share of the Han characters of `text` that are among the ~500 commonest; 1.0 with no Han."""
    han = _HAN.findall(text)
    if not han:
        return 1.0
    return sum(1 for char in han if char in _COMMON_HAN) / len(han)


def _reads_as_chinese(text: str, share: float) -> bool:
    # a snippet of a few names or a date line says too little to judge: take the best decoding
    return share >= PLAUSIBLE_COMMON_SHARE or len(_HAN.findall(text)) < MIN_HAN_TO_JUDGE


def _strict(data: bytes, encoding: str) -> str | None:
    """The text, or None; a multibyte character cut off at the very end (a truncated crawl) is dropped."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if error.start < len(data) - 3:
            return None
        try:
            return data[: error.start].decode(encoding)
        except UnicodeDecodeError:
            return None


def _best_cjk_decoding(data: bytes) -> Decoded | None:
    candidates = []
    for encodings in (("gb18030",), ("big5", "cp950", "big5hkscs")):
        for encoding in encodings:  # Big5 variants: the first that decodes
            text = _strict(data, encoding)
            if text is not None:
                candidates.append((common_han_share(text), -len(candidates), text, encoding))
                break
    if not candidates:
        return None
    share, _, text, encoding = max(candidates)
    return Decoded(text, encoding) if _reads_as_chinese(text, share) else None


def _lossy_decoding(data: bytes) -> Decoded | None:
    """A crawl that broke a byte or two: keep it when nearly all of it reads as Chinese."""
    best = from_bytes(data, cp_isolation=["utf_8", "gb18030", "big5", "cp950"]).best()
    guesses = [best.encoding] if best is not None else []
    for encoding in [*guesses, "utf-8", "gb18030", "big5"]:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(2, LOSSY_REPLACEMENT_LIMIT * len(text)) and _reads_as_chinese(text, common_han_share(text)):
            return Decoded(text, f"{encoding} (lossy)")
    return None


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:65536]
    if b"\x00" in head:
        return "a binary file (it holds NUL bytes)"
    if len(_CONTROL.findall(head)) > _CONTROL_SHARE_LIMIT * len(head):
        return "a binary file (it is full of control characters)"
    return None


def decode_bytes(data: bytes) -> Decoded | Undecodable:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                return Undecodable(
                    "undecodable",
                    f"The file starts with a {encoding} byte-order mark but is not valid {encoding}; "
                    "re-save the article as UTF-8.",
                )
            text = text.lstrip("\ufeff")
            if not text.strip():
                return _empty()
            return Decoded(text, encoding)
    if not data.strip():
        return _empty()
    kind = _binary_kind(data)
    if kind:
        return Undecodable("not_text", f"The file is {kind}, not an article; remove it from the input.")
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8") if text.strip() else _empty()
    decoded = _best_cjk_decoding(data) or _lossy_decoding(data)
    if decoded is not None:
        return decoded
    return Undecodable(
        "undecodable",
        "The bytes do not read as Chinese text in UTF-8, GB18030 or Big5 (or were damaged in the "
        "crawl); re-crawl the article or re-save it as UTF-8.",
    )


def _empty() -> Undecodable:
    return Undecodable("empty", "The file is empty or holds only white space; remove it or re-crawl the article.")
