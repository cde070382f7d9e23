"""Units that spoke at a meeting (core.unit_participations).

    会上,衡南高新区、县发改局、县财政局…作了发言             -> 衡南高新区, 县发改局, 县财政局
    宜昌市夷陵区、鄂州市鄂城区…主要负责同志分别发言          -> 宜昌市夷陵区, 鄂州市鄂城区 …
    县规建局、县交通局2家部门和中铁十一局…2家企业就…发了言   -> 县规建局, 县交通局, 中铁十一局 …
A unit is a listed name ending in a unit word (局, 区, 公司 …); vague ones (区直有关单位) are
not units. Vocabulary: lexicons/role_verbs.toml, [units].
"""
from __future__ import annotations

import re

from transforms.shared.lexicon import alternation, load_toml
from transforms.shared.width import is_cjk
from transforms.shared.regex_first import fast

_UNITS = load_toml("role_verbs.toml")["units"]
_UNIT_SPOKE_RE = fast(_UNITS["spoke"])
_UNIT_END_RE = re.compile(f"(?:{alternation(_UNITS['suffixes'])})$")
_UNIT_VAGUE_RE = re.compile(alternation(_UNITS["vague"]))
_UNIT_TRAILER_RE = re.compile(_UNITS["trailers"])
_UNIT_SPLIT_RE = re.compile(r"、|以及|及|和|与")
_CLAUSE_MARKS = ",,。;;:\n"


def units_that_spoke(text: str, low: int, high: int) -> list[tuple[str, int, int]]:
    """(unit name, span start, span end) for each unit listed before a 发言 verb."""
    found = []
    for verb in _UNIT_SPOKE_RE.finditer(text, low, high):
        clause_start = max(low, max(text.rfind(c, low, verb.start()) for c in _CLAUSE_MARKS) + 1)
        subject = text[clause_start : verb.start()].split("就", 1)[0]
        for piece in _UNIT_SPLIT_RE.split(subject):
            unit = _UNIT_TRAILER_RE.sub("", piece.strip())
            if (2 <= len(unit) <= 20 and all(is_cjk(c) for c in unit) and _UNIT_END_RE.search(unit)
                    and not _UNIT_VAGUE_RE.search(unit)):
                found.append((unit, clause_start, verb.end()))
    return found
