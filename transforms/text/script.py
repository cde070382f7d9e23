"""Script of a text (simplified / traditional / mixed) and Traditional -> Simplified conversion.

The conversion is OpenCC `t2s` (opencc-python-reimplemented), made fast without changing its
output: OpenCC splits the text at separators, then in each chunk applies its phrase table
(TSPhrases, longest match first) and maps every other character through TSCharacters (first
value). A chunk that holds no phrase key is therefore a plain character mapping, done here with
one `str.translate`; only chunks holding a phrase key (瞭解, 反覆, 乾隆 ...) go through OpenCC
itself. Every key and value have the same length, so conversion never moves an offset.

Both tables are read once, from OpenCC's own dictionary files.
"""
from __future__ import annotations

import re
from importlib import resources

import opencc

from transforms.shared.vocab import Script

_OPENCC = opencc.OpenCC("t2s")


def _read_table(name: str) -> dict[str, list[str]]:
    # parsed exactly as OpenCC parses it: `key<TAB>value [value ...]`
    table = {}
    text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            key, value = line.strip().split("\t")
            table[key] = value.split(" ")
    return table


_TS_CHARS = _read_table("TSCharacters.txt")
_TS_PHRASES = _read_table("TSPhrases.txt")
_ST_CHARS = _read_table("STCharacters.txt")

# characters t2s changes: 縣 -> 县, 產 -> 产 (乾, 於, 後 too: OpenCC maps them)
TRADITIONAL_ONLY = frozenset(k for k, v in _TS_CHARS.items() if v[0] != k)
# characters s2t always changes (县 has no reading as itself in Traditional; 干, 后 do)
SIMPLIFIED_ONLY = frozenset(k for k, v in _ST_CHARS.items() if k not in v)
_CHAR_MAP = {ord(k): _TS_CHARS[k][0] for k in TRADITIONAL_ONLY}


# A Simplified text usually encodes in GB2312 (10 us for 3,000 characters); then only the few
# GB2312 characters t2s changes (乾 於 後 ...) need a look. Other texts go through a set.
_GB2312_TRADITIONAL = tuple(sorted(c for c in TRADITIONAL_ONLY if c.encode("gb2312", "ignore")))
# phrase keys without a Traditional-only character that t2s still changes (瞭解 -> 了解, 沈默 -> 沉默),
# and the characters that change in them (瞭, 覆, 藉, 沈 ...)
_PLAIN_CHANGING = {
    k: v[0] for k, v in _TS_PHRASES.items() if v[0] != k and not any(c in TRADITIONAL_ONLY for c in k)
}
_PLAIN_PIVOTS = tuple(sorted({a for k, v in _PLAIN_CHANGING.items() for a, b in zip(k, v) if a != b}))
_PLAIN_CHANGING_RE = re.compile("|".join(map(re.escape, sorted(_PLAIN_CHANGING, key=len, reverse=True))))
# any phrase key at all decides how OpenCC segments a chunk, so any key sends that chunk to OpenCC
_PHRASE_FIRST_CHARS = frozenset(k[0] for k in _TS_PHRASES)
_PHRASE_RE = re.compile("|".join(map(re.escape, sorted(_TS_PHRASES, key=len, reverse=True))))
_OPENCC_SEPARATORS = _OPENCC.split_chars_re  # OpenCC's own chunking, so that chunks agree


def distinct_chars(text: str) -> frozenset[str] | None:
    """The text's distinct characters, or None for a text wholly in GB2312 (most Simplified
    texts: 10 us to find out), whose script-specific characters are looked up one by one."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return frozenset(text)
    return None


def traditional_chars(text: str, chars: frozenset[str] | None = None) -> set[str]:
    """The distinct characters of the text that t2s changes (縣, 產 ...)."""
    if chars is None:
        chars = distinct_chars(text)
    if chars is None:
        return {c for c in _GB2312_TRADITIONAL if c in text}
    return set(chars & TRADITIONAL_ONLY)


def needs_conversion(text: str, traditional: set[str] | None = None) -> bool:
    """True when t2s would change the text; False lets a Simplified text skip conversion."""
    if traditional is None:
        traditional = traditional_chars(text)
    if traditional:
        return True
    return any(c in text for c in _PLAIN_PIVOTS) and bool(_PLAIN_CHANGING_RE.search(text))


def to_simplified(text: str, traditional: set[str] | None = None, chars: frozenset[str] | None = None) -> str:
    """OpenCC t2s, character for character the same output; len(result) == len(text)."""
    if not needs_conversion(text, traditional):
        return text
    if _PHRASE_FIRST_CHARS.isdisjoint(chars if chars is not None else text) or not _PHRASE_RE.search(text):
        return text.translate(_CHAR_MAP)
    parts = _OPENCC_SEPARATORS.split(text)
    for i in range(0, len(parts), 2):  # even items are chunks, odd items separators
        chunk = parts[i]
        parts[i] = _OPENCC.convert(chunk) if _PHRASE_RE.search(chunk) else chunk.translate(_CHAR_MAP)
    return "".join(parts)


# `mixed`: both scripts are substantial. Counted over DISTINCT script-specific characters: each
# side has at least MIXED_MIN_CHARS of them and the smaller side at least MIXED_MIN_SHARE of
# all. A Traditional page with Simplified leftovers (并, 群) or a Simplified page with a
# `繁體版` link is not mixed; a page that switches script halfway is.
MIXED_MIN_CHARS = 3
MIXED_MIN_SHARE = 0.2


def classify_script(text: str, traditional: set[str] | None = None, chars: frozenset[str] | None = None) -> Script:
    if traditional is None:
        traditional = traditional_chars(text, chars)
    if not traditional:
        return "simplified"
    n_traditional = len(traditional)
    n_simplified = len(SIMPLIFIED_ONLY & chars) if chars is not None else len(SIMPLIFIED_ONLY.intersection(text))
    minority = min(n_traditional, n_simplified)
    if minority >= MIXED_MIN_CHARS and minority >= MIXED_MIN_SHARE * (n_traditional + n_simplified):
        return "mixed"
    return "traditional" if n_traditional > n_simplified else "simplified"


def traditional_forms(chars: str) -> set[str]:
    """Every Traditional form OpenCC knows for these Simplified characters, with the characters."""
    forms = set(chars)
    for char in chars:
        forms.update(_ST_CHARS.get(char, ()))
    return forms
