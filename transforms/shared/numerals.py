"""Chinese numerals -> numbers: 十三 -> 13, 一百零五 -> 105, 百分之八点五 -> 8.5, ２０２４ -> 2024.

Shared by meetings (届/次 numbers, dates) and targets (growth rates). A small, well-tested
function rather than a dependency: the numbers in meeting news are short, and the few forms
that occur are listed below.
"""
from __future__ import annotations

import re

from transforms.shared.width import fold_width

# digit characters, including the financial forms (壹贰叁) and 〇/○ used in years (二〇二四)
_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "两": 2, "兩": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# multipliers inside a section (below 万)
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# section multipliers: 一万二千 -> 12000, 三亿 -> 300000000
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# 廿 = 二十, 卅 = 三十 (廿三日)
_TENS_SHORTHAND = {"廿": 20, "卅": 30}

_ARABIC = re.compile(r"[+-]?\d+(?:\.\d+)?")
_PERCENT_PREFIX = "百分之"


def _integer(s: str) -> int | None:
    """An integer written in Chinese: 十三, 二十三, 一百零五, 一万零五百, 二〇二四, 廿三."""
    if not s:
        return None
    if all(ch in _DIGITS for ch in s):
        if len(s) == 1:
            return _DIGITS[s]
        # a digit string read digit by digit: 二〇二四 -> 2024
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total = 0  # finished big sections (万, 亿)
    section = 0  # current section below 万
    digit: int | None = None
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _TENS_SHORTHAND:
            section += _TENS_SHORTHAND[ch]
            digit = None
        elif ch in _SMALL_UNITS:
            # a bare 十 means 一十: 十三 -> 13
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            section += digit or 0
            if section == 0 and total == 0:
                section = 1  # 万 alone -> 10000
            if _BIG_UNITS[ch] > 10_000:  # 亿 closes everything before it: 一亿二千万
                total = (total + section) * _BIG_UNITS[ch]
            else:
                total += section * _BIG_UNITS[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _fraction(s: str) -> float | None:
    """Digits after 点, read one by one: 八点五 -> '5' -> 0.5."""
    if not s or not all(ch in _DIGITS for ch in s):
        return None
    return float("0." + "".join(str(_DIGITS[ch]) for ch in s))


def parse_chinese_number(s: str) -> float | None:
    """The number written in `s`, or None when `s` is not one number.

    >>> parse_chinese_number("二十三"), parse_chinese_number("百分之八点五")
    (23.0, 8.5)

    Accepts Chinese numerals (十三, 一百零五, 两, 〇, 二〇二四, 一万二千), a decimal part after
    点 (八点五), the 百分之 prefix (returns the percentage number: 百分之八点五 -> 8.5), and
    Arabic digits, full-width or not (１３, 8.5, 8.5%). Mixed forms such as 1.5万 are not read.
    """
    if not s:
        return None
    s = fold_width(s.strip()).replace(",", "")
    if s.startswith(_PERCENT_PREFIX):
        s = s[len(_PERCENT_PREFIX):]
    s = s.removesuffix("%")
    if not s:
        return None
    if _ARABIC.fullmatch(s):
        return float(s)
    sign = 1.0
    if s[0] in "负負":
        sign, s = -1.0, s[1:]
    whole, point, decimals = s.partition("点")
    if not whole or (point and not decimals):
        return None
    integer = _integer(whole)
    if integer is None:
        return None
    if decimals:
        fraction = _fraction(decimals)
        if fraction is None:
            return None
        return sign * (integer + fraction)
    return sign * float(integer)
