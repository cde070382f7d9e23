"""The region whose body met: name, 6-digit code, level, province and prefecture of a meeting.

From the most direct evidence (transforms/shared/regions.py finds the names): the meeting's name
(中国共产党衡南县…), the subject of `X召开` (代县召开, 宜昌县黄沙镇召开), a township whose secretary
presided, a zone (兰州新区召开); then the report: a region attached to a body (衡南县委), the region
of the meeting's level named most often (places visited or learnt from do not count: 赴桐庐县考察),
a short name in a place phrase (落户茶陵), for a city body the city whose counties spoke, for a
provincial body the province containing every region named (seed 004). An unnamed region stays
NULL with only its level (我县召开…). Cues are data: lexicons/regions.toml.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from transforms.shared.lexicon import in_written_order, load_toml
from transforms.shared.regions import (
    DIVISIONS,
    Division,
    RegionMention,
    common_province,
    division_named,
    find_region_mentions,
    find_short_mentions_near,
)
from transforms.shared.vocab import RegionLevel

_LEXICON = load_toml("regions.toml")


@dataclass(frozen=True)
class Region:
    name: str | None = None
    code: str | None = None
    level: RegionLevel | None = None
    province: str | None = None
    prefecture: str | None = None


_LEVEL_OF_CHAR: dict[str, RegionLevel] = _LEXICON["level_of_body_word"]  # 县 -> county, 市 -> prefecture
_ORGAN_AFTER = re.compile(in_written_order(_LEXICON["body_after_region"]["words"]))
_TOWNSHIP = re.compile(r"[^\W县区市省全我该本各]{1,5}?(?:镇|乡|街道)")
_ZONE = re.compile(
    r"[^\W在于的和与及我区县市省镇乡全该本]{2,4}(?:" + "|".join(sorted(_LEXICON["zones"]["suffixes"], key=len, reverse=True)) + ")"
)
_CONTEXT = _LEXICON["short_name_context"]
_BEFORE_SHORT = tuple(_CONTEXT["before"])
_AFTER_SHORT = tuple(_CONTEXT["after"])


def _region_of(division: Division, written: str | None = None) -> Region:
    return Region(written or division.name, division.code, division.level, division.province,
                  division.prefecture if division.level != "province" else None)


def _fits(division: Division, level_char: str | None) -> bool:
    """衡南县 fits 县委, 舞钢市 (county-level city) fits 市委, 永州市 does not fit 县政府."""
    if level_char is None:
        return False
    level = _LEVEL_OF_CHAR.get(level_char)
    if level == "province":
        return division.level == "province"
    if level in (None, "township"):
        return False
    suffix_ok = division.name.endswith(level_char) or (level_char == "县" and division.name.endswith("旗"))
    return suffix_ok and (division.level == level or (level_char == "市" and division.level == "county"))


def township_of(text: str) -> Region | None:
    """The township `text` starts with (宜章县黄沙镇…, 石牛镇党委书记), else None."""
    return _township(text, "")


def _township(text: str, scope: str) -> Region | None:
    """洪畴镇: level township, no code; its prefecture from the report (2009年被评为台州市…), or from
    the county written before it (宜章县黄沙镇 -> 湖南省, 郴州市)."""
    at, parent = 0, None
    for mention in find_region_mentions(text):
        if mention.start != at:
            break
        at, parent = mention.end, mention.only() or parent
    match = _TOWNSHIP.match(text, at)
    if not match or match.group() in _NOT_TOWNSHIPS or match.group().endswith(_NOT_TOWNSHIP_ENDINGS):
        return None
    if "副" in match.group():
        return None  # 副镇长, 常务副乡长: a title
    if parent is not None:
        prefecture = parent.prefecture if parent.level != "province" else None
        return Region(match.group(), None, "township", parent.province, prefecture)
    prefectures = {d.prefecture for m in find_region_mentions(scope) if (d := m.only()) and d.prefecture}
    prefecture = prefectures.pop() if len(prefectures) == 1 else None
    division = division_named(prefecture, "prefecture") if prefecture else None
    province = division.province if division else None
    return Region(match.group(), None, "township", province, prefecture)


# words ending in 乡/镇 that name no township (城乡统筹, 乡镇干部); 陈集镇, 古城镇 are townships
_NOT_TOWNSHIPS = frozenset(_LEXICON["not_townships"]["words"])
_NOT_TOWNSHIP_ENDINGS = tuple(_LEXICON["not_townships"]["endings"])


def resolve_region(name: str, subject: str, scope: str, level_char: str | None,
                   organizer: str | None) -> Region:
    """The region whose body met, from the most direct evidence; unnamed regions stay NULL.

    In order: a region in the meeting's name (中国共产党衡南县…, 洪畴镇第十五届…); the subject of
    `X召开` (代县召开, 戴庙镇召开); in the report: a region attached to a body (衡南县委), the
    region of the meeting's level named most often (东安县 for 县政府; for a city body, the city
    whose counties are named), a short name of that level in a place phrase (落户茶陵, 青春渌口);
    for a provincial body, the province containing every region named (seed 004); for 我区, a
    development zone named (松山新区).
    Only the level is known when none of these is found (我县召开…).
    """
    for text in (name, subject):
        township = _township(text, scope)
        if township:
            return township
        mentions = find_region_mentions(text)
        if mentions and (division := mentions[-1].only()):
            return _region_of(division, mentions[-1].written)
        zone = _ZONE.match(text)
        if zone:
            return Region(zone.group())  # 兰州新区召开…: a zone, no administrative division
    level = _LEVEL_OF_CHAR.get(level_char or "")
    in_scope = find_region_mentions(scope)  # one scan of the report serves every test below
    if level_char == "市":
        prefecture = _common_prefecture(in_scope)
        if prefecture:
            return _region_of(prefecture)
    mentions = [m for m in in_scope
                if (d := m.only()) and _fits(d, level_char) and not _relayed(scope, m)]
    attached = [m for m in mentions if _ORGAN_AFTER.match(scope, m.end)]
    named = [m for m in mentions if not _foreign_place(scope, m)]
    for pool in (attached, named):
        ranked = Counter(m.only() for m in pool).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            best = ranked[0][0]
            written = next(m.written for m in pool if m.only() == best)
            return _region_of(best, written)
    short = _short_region(scope, level_char)
    if short:
        return short
    if level == "province" and organizer and organizer.startswith("省"):
        province = common_province(d for m in in_scope for d in m.divisions[:1])
        if province and len(in_scope) >= 2:
            return _region_of(province)
    if level_char == "区":
        zones = Counter(_ZONE.findall(scope))
        if zones:
            return Region(zones.most_common(1)[0][0], None, None, None, None)
    return Region(level=level)


_RELAY_OPENERS = tuple(_LEXICON["relayed_body_cues"]["before"])
_RELAY_CLOSERS = tuple(_LEXICON["relayed_body_cues"]["after"])
_CLAUSE_END = re.compile(r"[,;。!?]")


def _relayed(scope: str, mention: RegionMention) -> bool:
    """`传达学习省委全会和哈尔滨市委常委会议精神`: a body whose meeting is only relayed did not meet
    here; the mention stands after a relay word and before 精神 in one clause."""
    start = max((m.end() for m in _CLAUSE_END.finditer(scope, 0, mention.start)), default=0)
    end_match = _CLAUSE_END.search(scope, mention.end)
    before, after = scope[start:mention.start], scope[mention.end:end_match.start() if end_match else len(scope)]
    return any(w in before for w in _RELAY_OPENERS) and any(w in after for w in _RELAY_CLOSERS)


_FOREIGN_BEFORE = tuple(_LEXICON["foreign_place_cues"]["before"])
_FOREIGN_AFTER = tuple(_LEXICON["foreign_place_cues"]["after"])


def _foreign_place(scope: str, mention: RegionMention) -> bool:
    """`赴桐庐县考察`, `桐庐县、德清县考察学习`, `学习借鉴桐庐县“…”做法`: a place visited or learnt from."""
    before = scope[max(0, mention.start - 4) : mention.start]
    after = _LIST_TAIL.sub("", scope[mention.end : mention.end + 24])
    return before.endswith(_FOREIGN_BEFORE) or after.startswith(_FOREIGN_AFTER)


# what may stand between a name and a cue after it: more names (、德清县) and a quoted phrase (“乡村运营师”)
_LIST_TAIL = re.compile(r"^(?:[、和与及][\u4e00-\u9fff]{1,8}?[县区市旗])*(?:[“\"][^”\"]{1,12}[”\"])?")


def _common_prefecture(in_scope: tuple[RegionMention, ...]) -> Division | None:
    """A city meeting where several of its counties spoke: 浏阳市、宁乡市、长沙县 -> 长沙市."""
    counties = {d for m in in_scope if (d := m.only()) and d.level == "county"}
    parents = {d.parent_code for d in counties}
    if len(counties) < 2 or len(parents) != 1:
        return None
    parent = DIVISIONS.get(parents.pop() or "")
    return parent if parent and parent.level == "prefecture" and parent.name.endswith("市") else None


def _short_region(scope: str, level_char: str | None) -> Region | None:
    """A short name in a place phrase (落户茶陵, 青春渌口, 渌口发展) naming a unit of the level."""
    if _LEVEL_OF_CHAR.get(level_char or "") not in ("province", "prefecture", "county"):
        return None
    counts: Counter = Counter(
        division
        for mention in find_short_mentions_near(scope, _BEFORE_SHORT, _AFTER_SHORT)
        if (division := mention.only()) is not None and _fits(division, level_char)
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None  # none, or two places as likely: name neither
    return _region_of(ranked[0][0])
