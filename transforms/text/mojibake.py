"""Character-level repairs on the raw text: pinyin glosses, GBK byte-replace mojibake,
obfuscation dots, HTML left in a crawl.

Each finder returns Edits on the text it is given; normalize.apply_edits applies them. The
mechanisms are explained in lexicons/mojibake.toml, next to their parameters.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import NamedTuple

from charset_normalizer.constant import COMMON_CHINESE_CHARACTERS

from transforms.text.script import to_simplified, traditional_forms
from transforms.shared.lexicon import load_toml

_LEXICON = load_toml("mojibake.toml")

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "。，、；：？！“”‘’《》（）【】…—"


class Edit(NamedTuple):
    """Replace text[start:end] by `replacement` ('' deletes); `kind` names the rule."""

    start: int
    end: int
    replacement: str
    kind: str


# ---------------------------------------------------------------------------------------------
# pinyin syllables


_VOWEL_FORMS = _LEXICON["pinyin"]["vowel_forms"]
# tone-marked or font-variant letter -> plain letter (ǎ -> a, ɡ -> g)
_PLAIN_LETTER = str.maketrans({form: base for base, forms in _VOWEL_FORMS.items() for form in forms[1:]})
_SYLLABLES = frozenset(
    initial + final
    for initial in ["", *_LEXICON["pinyin"]["initials"]]
    for final in _LEXICON["pinyin"]["finals"]
)
_PINYIN_LETTERS = "a-z" + "".join(forms for forms in _VOWEL_FORMS.values())
# a candidate syllable: letters only, then is_syllable() decides
_SYLLABLE = f"[{_PINYIN_LETTERS}]{{1,6}}[1-5]?"


@lru_cache(maxsize=4096)
def is_syllable(word: str) -> bool:
    """`chǎn`, `zhang3`, `qu` -> True; `gdp`, `app` -> False."""
    return word.rstrip("12345").translate(_PLAIN_LETTER) in _SYLLABLES


# 產(chǎn), 經（jīng）: a syllable in parentheses right after a Han character (the pattern starts
# with its parenthesis, so the scan skips fast to the few parentheses; the character is checked apart)
_GLOSS = re.compile(rf"[(（] ?({_SYLLABLE}) ?[)）]")
_HAN_CHAR = re.compile(f"[{HAN}]")
# what byte-level gloss insertion leaves when its `(` was swallowed with a lone byte: ?jiǎng)
_GLOSS_DEBRIS = re.compile(rf"\?({_SYLLABLE})[)）]")
# a letter that ends a misread run: the surviving trail byte of a GBK character
_MISREAD_END = re.compile(r"[\x40-\x7e]")
# 形勢??h委 / 確?h政府: `?` then one letter sitting between Han characters (or after CJK punctuation)
_BYTE_REPLACE = re.compile(rf"\?{{1,2}}([\x40-\x7e])(?=[{HAN}])")
_BEFORE_BYTE_REPLACE = re.compile(f"[{HAN}{_CJK_PUNCT}]")
_MIN_TONED_GLOSSES_FOR_PLAIN = 2

_OBFUSCATION_DOT = re.compile(rf"{re.escape(_LEXICON['obfuscation']['dot'])}(?=[{HAN}])")
_NUMERALS = frozenset(_LEXICON["obfuscation"]["numerals_before_list_dot"])

# the ~500 commonest characters in both scripts: what plain Chinese is made of
_COMMON = frozenset(traditional_forms(COMMON_CHINESE_CHARACTERS))


def find_glosses(text: str) -> list[Edit]:
    """Pinyin glosses to delete: every toned syllable in parentheses; a plain (toneless) one only
    right after a Han character on a page that also has toned glosses, so that (ai) stays elsewhere."""
    if "(" not in text and "（" not in text:
        return []
    toned, plain, previous_end = [], [], -1
    for m in _GLOSS.finditer(text):
        if not is_syllable(m.group(1)):
            continue
        if _is_toned(m.group(1)):  # (chǎn) is never article text, wherever it stands
            toned.append(m)
        # a toneless one right after a Han character, or after another gloss: 中(zhong)(zhòng)
        elif m.group(1).islower() and (m.start() == previous_end or _HAN_CHAR.match(text, m.start() - 1)):
            plain.append(m)
        else:
            continue
        previous_end = m.end()
    if len(toned) >= _MIN_TONED_GLOSSES_FOR_PLAIN:
        toned = sorted(toned + plain, key=lambda m: m.start())
    return [Edit(m.start(), m.end(), "", "gloss") for m in toned]


def _is_toned(syllable: str) -> bool:
    return not syllable.isascii() or syllable[-1].isdigit()


def find_mojibake(text: str) -> list[Edit]:
    """Repairs of GBK byte-replace damage; an Edit of kind `unrepaired` only removes debris."""
    if "?" not in text:
        return []
    edits = [
        _repair_byte_replace(text, m)
        for m in _BYTE_REPLACE.finditer(text)
        if m.start() and _BEFORE_BYTE_REPLACE.match(text, m.start() - 1)
    ]
    edits = [e for e in edits if e is not None]
    taken = {i for e in edits for i in range(e.start, e.end)}
    for m in _GLOSS_DEBRIS.finditer(text):
        if m.start() not in taken and is_syllable(m.group(1)):
            edits.append(_repair_gloss_debris(text, m))
    return sorted(edits, key=lambda e: e.start)


def find_obfuscation_dots(text: str) -> list[Edit]:
    if "." not in text:
        return []
    return [
        Edit(m.start(), m.end(), "", "dot")
        for m in _OBFUSCATION_DOT.finditer(text)
        if m.start() and _HAN_CHAR.match(text, m.start() - 1) and text[m.start() - 1] not in _NUMERALS
    ]


# ---------------------------------------------------------------------------------------------
# mechanism 1: ？ (GBK A3 BF) replaced by ? across a character boundary


def _gbk(byte_values: bytes) -> str | None:
    text = byte_values.decode("gbk", errors="replace")  # cheaper than catching an exception
    return None if "\ufffd" in text else text


_FULLWIDTH_BYTES = _LEXICON["fullwidth_byte_replace"]["fullwidth"].encode("gbk")  # A3 BF
# characters whose GBK trail byte is A3, common enough to be the one lost: 。 保 常 海 專 ...
_LOST_CANDIDATES = tuple(
    char
    for lead in range(0x81, 0xFF)
    if (char := _gbk(bytes([lead, _FULLWIDTH_BYTES[0]]))) is not None
    and (char in _COMMON or char in _CJK_PUNCT)
)
_DEFAULT_LOST = _LEXICON["fullwidth_byte_replace"]["default_lost"]


def _repair_byte_replace(text: str, match: re.Match) -> Edit | None:
    survivor = _gbk(bytes([_FULLWIDTH_BYTES[1], ord(match.group(1))]))  # BF + 'h' -> 縣
    # GBK BF40-BF7E holds only Traditional and rare characters: the survivor is believed only
    # when the page uses it elsewhere (縣 in a county's news), so `什么?A股` stays as it is
    if survivor is None or text.count(survivor) == 0:
        return None
    before = text[match.start() - 1]
    lost = _choose_lost(text, before, survivor)
    return Edit(match.start(), match.end(), lost + survivor, "mojibake")


def _choose_lost(text: str, before: str, after: str) -> str:
    """The character hidden by `?`: a word with its neighbour, as seen elsewhere in the page or
    in OpenCC's phrase list (確 + 保), else the sentence end."""

    def evidence(candidate: str) -> int:
        if candidate in _CJK_PUNCT:
            return 0
        pair_before, pair_after = before + candidate, candidate + after
        score = text.count(pair_before) + text.count(pair_after)
        words = _phrase_bigrams()
        score += 2 * (to_simplified(pair_before) in words) + (to_simplified(pair_after) in words)
        return score

    scored = [(evidence(c), c) for c in _LOST_CANDIDATES]
    best_score = max(score for score, _ in scored)
    if best_score == 0:
        return _DEFAULT_LOST
    return next(c for score, c in scored if score == best_score)


@lru_cache(maxsize=1)
def _phrase_bigrams() -> frozenset[str]:
    """The two-character pieces of OpenCC's Simplified phrase list (49,000 words) that hold a
    candidate character (确保, 保障 ...): read once, and only when a page needs them."""
    from importlib import resources

    words = resources.files("opencc").joinpath("dictionary", "STPhrases.txt").read_text(encoding="utf-8")
    candidates = "".join(c for c in _LOST_CANDIDATES if c not in _CJK_PUNCT)
    candidates = re.escape(candidates + to_simplified(candidates))  # 專 is looked up as 专
    return frozenset(re.findall(rf"(?=([^\s][{candidates}]|[{candidates}][^\s]))", words))


# ---------------------------------------------------------------------------------------------
# mechanism 2: a gloss inserted between the two bytes of a character


def _repair_gloss_debris(text: str, match: re.Match) -> Edit:
    """`?qū)嶋H` -> `實際` when one lost byte re-reads the run as plain Chinese; else drop `?qū)`."""
    limit = _LEXICON["gloss_debris"]["max_misread_run"]
    tail = text[match.end() : match.end() + limit + 1]
    end = _MISREAD_END.search(tail)
    if end and end.start() > 0:
        run = tail[: end.end()]
        repaired = _reread(run, text[match.start() - 1] if match.start() else "")
        if repaired is not None:
            return Edit(match.start(), match.end() + len(run), repaired, "mojibake")
    return Edit(match.start(), match.end(), "", "unrepaired")


def _reread(run: str, before: str) -> str | None:
    try:
        run_bytes = run.encode("gbk")
        before_bytes = before.encode("gbk") if before else b""
    except UnicodeEncodeError:
        return None
    readings = set()
    for lost in range(0x81, 0xFF):
        if len(before_bytes) == 2 and _gbk(bytes([before_bytes[1], lost])) is None:
            continue  # the gloss was put after a character made of before's trail byte + lost
        reading = _gbk(bytes([lost]) + run_bytes)
        if reading and all(c in _COMMON for c in reading if not c.isascii()) and not reading.isascii():
            readings.add(reading)
    return readings.pop() if len(readings) == 1 else None


# ---------------------------------------------------------------------------------------------
# HTML left in a crawl: `<br>` and `</p>` end a line, other tags go, entities become characters

_MARKUP = re.compile(r"<[a-zA-Z/!][^<>\n]{0,200}>|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#[xX][0-9a-fA-F]{2,5});")
_LINE_BREAK_TAG = re.compile(r"<(?:br|/p|/div|/h\d|/li|/tr)\b", re.IGNORECASE)


def find_markup(text: str) -> list[Edit]:
    if "<" not in text and "&" not in text:
        return []
    edits = []
    for m in _MARKUP.finditer(text):
        found = m.group(0)
        if found[0] == "&":
            replacement = html.unescape(found)
            if replacement == found:
                continue
            replacement = " " if replacement == "\xa0" else replacement  # &nbsp;
        else:
            replacement = "\n" if _LINE_BREAK_TAG.match(found) else ""
        edits.append(Edit(m.start(), m.end(), replacement, "markup"))
    return edits


def find_character_repairs(text: str) -> list[Edit]:
    """Every character-level repair of a raw text, sorted and without overlaps."""
    edits = find_glosses(text) + find_mojibake(text) + find_obfuscation_dots(text) + find_markup(text)
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for edit in edits:
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept
