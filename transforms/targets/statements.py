"""Target statements: each figure or qualitative relation with the indicator(s) it is about.

`GDP增长8.5%,规模工业增加值增长12%` -> two statements; `粮食总产量、能耗“双控”完成市定目标` -> one
relation about two indicators; `地区生产总值实现300亿元,增长8%` -> the second clause inherits
the indicator of the first; `城乡居民人均可支配收入分别增长6%、7%` -> one statement whose two
figures pair with urban and rural income. Whether a statement is a target is decided in targets.py.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from transforms.shared.numerals import parse_chinese_number
from transforms.shared.regex_first import fast
from transforms.shared.lexicon import load_toml

INDICATORS = load_toml("indicators.toml")
CUES = load_toml("target_cues.toml")


def words(entries: list[str]) -> str:
    """Plain words -> one alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(entries), key=len, reverse=True))


def patterns(entries: list[str]) -> str:
    """Regular-expression fragments -> one alternation, in lexicon order."""
    return "|".join(f"(?:{p})" for p in entries)


_QUOTES = "“”\"'‘’「」"
_QUOTE_FOLD = str.maketrans("", "", _QUOTES)


def _term(term: str) -> str:
    """能耗“双控” -> a pattern where each quote is any quote, or none."""
    return "".join(f"[{_QUOTES}]?" if ch in _QUOTES else re.escape(ch) for ch in term)


# ---------------------------------------------------------------------------------------------
# Lexicon tables, compiled once

_CODE_OF_TERM = {
    term.translate(_QUOTE_FOLD): code for code, terms in INDICATORS["terms"].items() for term in terms
}
_ALL_TERMS = [term for terms in INDICATORS["terms"].values() for term in terms]
_INDICATOR_AT_END = re.compile(
    "(?:" + "|".join(_term(t) for t in sorted(_ALL_TERMS, key=len, reverse=True)) + ")$"
)
# a figure before its indicator, in a target: 9%的经济增长目标, 8%的地区生产总值增长预期目标
_INDICATOR_AFTER = re.compile(
    "的(?P<term>" + "|".join(_term(t) for t in sorted(_ALL_TERMS, key=len, reverse=True)) + ")"
    f"(?P<measure>{patterns(CUES['measure']['growth'])})?(?:预期|奋斗|年度)?目标"
)
_PAIRS: dict[str, list[str]] = INDICATORS["pairs"]
_ALLOWED_PREFIX_ENDINGS = tuple(INDICATORS["prefix"]["allowed_endings"])
_OTHER_HEADS = tuple(INDICATORS["other"]["heads"])
_OTHER_MAX = INDICATORS["other"]["max_length"]
# 20个以上过亿项目: a count with its noun after it (a figure is otherwise never followed by a word)
_COUNT = fast(
    rf"(?<![\d.．])(?P<num>\d+)(?P<unit>{words(CUES['figure']['count_units'])})"
    r"(?P<after>以上|左右)?(?=[\u4e00-\u9fff])"
)
# the noun a count is of, up to its clause end: 20个以上|过亿项目|, 10家|规模以上工业企业|;
_COUNTED = re.compile(
    rf"(?P<noun>[\u4e00-\u9fff]{{1,{_OTHER_MAX}}}?(?:{'|'.join(map(re.escape, _OTHER_HEADS))}))"
    r"(?=$|[，,；;。!！?？])"
)

_SPACE = re.compile(r"\s+")
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（()）]")
_CONNECTORS = re.compile(f"(?:{patterns(CUES['measure']['connectors'])})+$")
_CONNECTOR = re.compile(patterns(CUES["measure"]["connectors"]))
_LEADING = re.compile(f"(?:{patterns(CUES['subject']['leading'])})+")
_JOINER = re.compile(words(CUES["subject"]["joiners"]))
_JOINER_ONLY = re.compile(rf"\s*(?:{words(CUES['subject']['joiners'])})?\s*")
_GROWTH = re.compile(patterns(CUES["measure"]["growth"]))
_DECLINE = re.compile(patterns(CUES["measure"]["decline"]))
_CONTROL = re.compile(patterns(CUES["measure"]["control"]))
_CAP = re.compile(patterns(CUES["measure"]["cap"]))
_GROWTH_HELD = re.compile(patterns(CUES["measure"]["growth_held"]))
# a target-list lead-in ends the words before an indicator: 主要预期目标为地区生产总值增长7%
_LEAD_IN = re.compile(patterns(CUES["planned"]["paragraph"]))
_MEASURE_WORD = re.compile(
    patterns(CUES["measure"]["growth"] + CUES["measure"]["decline"] + CUES["measure"]["control"])
)

_Q = CUES["qualifier"]
_QUALIFIER_OF_WORD = {
    **{w: "about" for w in _Q["about_before"] + _Q["about_after"]},
    **{w: "at_least" for w in _Q["at_least_before"] + _Q["at_least_after"]},
    **{w: "at_most" for w in _Q["at_most_before"] + _Q["at_most_after"]},
}
_BEFORE = words(_Q["about_before"] + _Q["at_least_before"] + _Q["at_most_before"])
_AFTER = words(_Q["about_after"] + _Q["at_least_after"] + _Q["at_most_after"])
_UNIT = words(CUES["figure"]["units"])
_CN_UNIT = words(CUES["figure"]["chinese_numeral_units"])
# a space may stand inside a figure where a crawled line broke it: 7.\n5% (unwrapped to "7. 5%")
_AR = r"\d+(?:[.．] ?\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_RANGE = r"\s*[-—–~～至到]\s*"
# 增长8.5% | 7%-8% | 7-8% | 300亿元 | 百分之八点五 | 三百亿元 ; not followed by more of a word
# (千万元企业 and 500万元以上项目 are names, not figures)
_FIGURE = fast(
    rf"(?P<before>{_BEFORE})?"
    rf"(?:(?P<pct>百分之{_CN})(?:{_RANGE}(?P<pct2>百分之{_CN}))?"
    rf"|(?<![\d.．])(?P<num>{_AR})(?:(?:{_UNIT})?{_RANGE}(?P<num2>{_AR}))? ?(?P<unit>{_UNIT})"
    rf"|(?<![零〇一二两三四五六七八九十百千万亿])(?P<cnum>{_CN})(?P<cunit>{_CN_UNIT})"
    # the % lost in a crawled page: 社会消费品零售总额增长18以上 (only after 增长, before 以上/左右)
    rf"|(?<=增长)(?P<bare>{_AR})(?=以上|左右))"
    rf"(?P<after>{_AFTER})?"
    r"(?=$|[^\u4e00-\u9fff]|[的和及与或、并])"
)
_RELATION = fast(patterns(CUES["relations"]["patterns"]))


# ---------------------------------------------------------------------------------------------
# Items: figures and relations


@dataclass
class Item:
    """A figure (value, unit, own qualifier) or a qualitative relation, at [start, end)."""

    start: int
    end: int
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    qualifier: str | None = None  # written with the figure: 以上, 左右, 不低于 …
    relation: str | None = None
    counted: bool = False  # a count before its noun: 招引20个以上过亿项目


def _figure(m: re.Match) -> Item | None:
    if m["pct"]:  # 百分之八点五
        low, high, unit = m["pct"], m["pct2"], "%"
    elif m["num"]:
        low, high, unit = m["num"], m["num2"], m["unit"]
    elif m["bare"]:
        low, high, unit = m["bare"], None, None
    else:  # 三百亿元
        low, high, unit = m["cnum"], None, m["cunit"]
    value = parse_chinese_number(low.replace(" ", ""))
    high = parse_chinese_number(high.replace(" ", "")) if high else None
    if value is None:
        return None
    own = [w for w in (m["after"], m["before"]) if w]
    return Item(
        start=m.start(),
        end=m.end(),
        value=value,
        value_high=high or None,
        unit="%" if unit == "％" else unit,
        qualifier=_QUALIFIER_OF_WORD[own[0]] if own else None,
    )


def _items(text: str) -> list[Item]:
    figures = [item for m in _FIGURE.finditer(text) if (item := _figure(m))]
    spans = [(f.start, f.end) for f in figures]
    relations = [
        Item(start=m.start(), end=m.end(), relation=m[0])
        for m in _RELATION.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in spans)
    ]
    counts = [
        Item(start=m.start(), end=m.end(), value=float(m["num"]), unit=m["unit"],
             qualifier=_QUALIFIER_OF_WORD[m["after"]] if m["after"] else None, counted=True)
        for m in _COUNT.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in spans)
    ]
    return sorted(figures + relations + counts, key=lambda i: i.start)


# ---------------------------------------------------------------------------------------------
# Subjects: the indicators an item is about


@dataclass
class Indicator:
    code: str  # contract code, `other` when unlisted
    text: str  # as written
    start: int
    lookup: str | None = None  # the term it was read as, when not as written (城、乡… -> 城乡…)


def _indicator(part: str, start: int) -> Indicator | None:
    """One subject part -> its indicator: 全县地区生产总值 -> gdp; 工业总产值 -> other."""
    lead = _LEADING.match(part)
    if lead:
        part, start = part[lead.end() :], start + lead.end()
    if not part:
        return None
    m = _INDICATOR_AT_END.search(part)
    # a term after a modifier is another indicator: 人均地区生产总值 is not gdp; 湘潭市GDP is
    if m and (m.start() == 0 or part[: m.start()].endswith(_ALLOWED_PREFIX_ENDINGS)):
        return Indicator(_CODE_OF_TERM[m[0].translate(_QUOTE_FOLD)], m[0], start + m.start())
    if len(part) <= _OTHER_MAX and part.endswith(_OTHER_HEADS):
        return Indicator("other", part, start)
    return None


def _subject(region: str, offset: int) -> tuple[list[Indicator], str] | None:
    """The text between the previous item and this one -> (indicators, connecting words).

    `,规模工业增加值增长` -> ([industrial_value_added], '增长'); `,增长` -> ([], '增长');
    None when the clause holds words that are not an indicator (各乡镇要按时).
    """
    breaks = list(CLAUSE_BREAK.finditer(region))
    cut = breaks[-1].end() if breaks else 0
    joiner = _JOINER.match(region, cut)  # 、千万元企业2家
    cut = joiner.end() if joiner else cut
    lead_ins = list(_LEAD_IN.finditer(region, cut))
    rest = _SPACE.sub("", region[lead_ins[-1].end() :]) if lead_ins else ""
    if rest and not _CONNECTORS.match(rest):
        cut = lead_ins[-1].end()  # not when only connectors follow: 增长目标设定为6%
    head = region[cut:]
    positions = None  # where each char of head was, when spaces had to go
    if _SPACE.search(head):  # GDP 增长 8%: spaces are no part of any word
        positions = [offset + i for i in range(cut, len(region)) if not region[i].isspace()]
        head = _SPACE.sub("", head)
    connectors = _CONNECTORS.search(head)
    head_end = connectors.start() if connectors else len(head)
    term = _INDICATOR_AT_END.search(head) if connectors else None
    if term and term.start() < head_end < term.end():
        head_end = term.end()  # the term ends inside the connecting words: 经济增长8%
    if head_end == 0 or _LEADING.fullmatch(head, 0, head_end):
        return [], head[head_end:]
    indicators = _indicators(head, head_end)
    # a connecting word may be part of the name: 人口自然增长率控制在3‰ (增长率 also connects,
    # as in 地区生产总值增长率达到8%); then the subject runs on over it
    position = head_end
    while indicators is None and (word := _CONNECTOR.match(head, position)) and word.end() < len(head):
        position = word.end()
        indicators = _indicators(head, position)
        head_end = position
    if indicators is None:
        return None
    for indicator in indicators:
        indicator.start = positions[indicator.start] if positions else offset + cut + indicator.start
    return indicators, head[head_end:]


def _indicators(head: str, head_end: int) -> list[Indicator] | None:
    """The indicators of head[:head_end], parts joined by 、和及与; None when a part is none."""
    parts = []
    position = 0
    for found in [*_JOINER.finditer(head, 0, head_end), None]:
        stop = found.start() if found else head_end
        parts.append((head[position:stop], position))
        position = found.end() if found else stop
    return _shared_head(parts, head[:head_end])


def _shared_head(parts: list[tuple[str, int]], head: str) -> list[Indicator] | None:
    """The indicators of the parts of a subject joined by 、和及与; a part that is only the start
    of a term shares the end of the last part (城镇和农村居民人均可支配收入 -> urban and rural
    income) or the joiner stands inside one term (城、乡居民人均可支配收入 -> the pair term)."""
    indicators = [_indicator(part, start) for part, start in parts]
    if all(indicators):
        return indicators
    if len(parts) < 2 or indicators[-1] is None:
        return None
    whole = _indicator(_JOINER.sub("", head), 0)  # 城、乡居民人均可支配收入
    if whole is not None and whole.code != "other" and len(_JOINER.sub("", head)) == len(whole.text):
        return [Indicator(whole.code, head, 0, lookup=whole.text)]
    last, _ = parts[-1]
    for i, (part, start) in enumerate(parts[:-1]):
        if indicators[i] is None:
            term = next(
                (part + last[k:] for k in range(1, len(last)) if part + last[k:] in _CODE_OF_TERM), None
            )
            if term is None:
                return None
            # as written from this part on, read as the whole term: 城镇[和农村]居民人均可支配收入
            indicators[i] = Indicator(_CODE_OF_TERM[term], head[start:], start, lookup=term)
    return indicators


# ---------------------------------------------------------------------------------------------
# Statements


@dataclass
class Statement:
    """Items of one sentence about the same indicators, with the words linking them."""

    sentence: int
    indicators: list[Indicator]
    connectors: str  # 增长, 实现, 控制在 …
    items: list[Item] = field(default_factory=list)
    lead: int = 0  # where the words before its first item begin (after the previous item)
    inherited: bool = False  # no indicator of its own: 地区生产总值增长8%以上,力争达到9%

    def is_paired(self) -> bool:
        """Several indicators with one figure each (分别增长8%、10%): no later clause inherits them."""
        return len(self.indicators) > 1 and len(self.items) > 1

    def is_controlled(self) -> bool:
        """控制在, 保持在, 稳定在: the figure is a rate or a level, not a growth."""
        return bool(_CONTROL.search(self.connectors))

    def is_capped(self) -> bool:
        """控制在4.5%: at most, unless the figure says otherwise."""
        return bool(_CAP.search(self.connectors))

    def measure(self, indicator: Indicator, item: Item) -> tuple[str, float]:
        """(measure, sign): 增长8% -> growth_pct; 下降3% -> growth_pct, -1; 控制在4.5% -> rate."""
        if item.relation is not None:
            return "qualitative", 1.0
        context = indicator.text[-2:] + self.connectors  # 经济增长8%
        percent = item.unit in ("%", "‰", "个百分点", None)  # None: 增长18以上, the % lost
        if percent and (not self.is_controlled() or _GROWTH_HELD.search(context)):
            if _DECLINE.search(context):
                return "growth_pct", -1.0
            if _GROWTH.search(context):
                return "growth_pct", 1.0
        return ("rate" if percent else "level"), 1.0

    def readings(self) -> list[tuple[Indicator, Item, str, float]]:
        """(indicator, item, measure, sign) for each figure or relation and its indicator."""
        indicators, items = self.indicators, self.items
        if len(items) == 1:
            pairs = [(indicator, items[0]) for indicator in indicators]
        elif len(indicators) == 1 and len(_PAIRS.get(_term_of(indicators[0]), [])) == len(items):
            only = indicators[0]  # 城乡居民人均可支配收入分别增长6%、7%
            codes = _PAIRS[_term_of(only)]
            pairs = list(zip([Indicator(c, only.text, only.start) for c in codes], items))
        elif len(indicators) == len(items):
            pairs = list(zip(indicators, items))
        elif len(indicators) == 1:
            pairs = [(indicators[0], item) for item in items]
        else:
            pairs = []  # 3 indicators, 2 figures: no reading is safe
        return [(ind, item, *self.measure(ind, item)) for ind, item in pairs]


def _term_of(indicator: Indicator) -> str:
    return indicator.lookup or indicator.text


def statements(text: str, sentence_starts: list[int]) -> list[Statement]:
    """Every figure and relation of the text with the indicators it is about. Targets and outcomes
    both read a document's statements: the last document's are kept, not computed twice (the
    result is shared, so callers read it and never change it)."""
    key = (text, tuple(sentence_starts))
    if _LAST[0] == key:
        return _LAST[1]
    found = _statements(text, sentence_starts)
    _LAST[:] = [key, found]
    return found


_LAST: list = [None, None]


def _statements(text: str, sentence_starts: list[int]) -> list[Statement]:
    found: list[Statement] = []
    previous: Item | None = None
    previous_sentence = -1
    for item in _items(text):
        sentence = bisect.bisect_right(sentence_starts, item.start) - 1
        left = previous.end if previous and previous_sentence == sentence else sentence_starts[sentence]
        region = text[left : item.start]
        last = found[-1] if found and found[-1].sentence == sentence else None
        # the item just before belongs to the last statement and is a figure
        follows_figure = last is not None and last.items[-1] is previous and previous.relation is None
        previous, previous_sentence = item, sentence
        if item.relation is None and follows_figure and _JOINER_ONLY.fullmatch(region):
            last.items.append(item)  # 分别增长6%、7%
            continue
        if item.counted:  # 招引20个以上过亿项目: the figure counts the noun after it
            counted = _COUNTED.match(text, item.end)
            if counted:
                indicator = Indicator("other", counted["noun"], counted.start("noun"))
                found.append(Statement(sentence, [indicator], "", [item], left))
            continue
        subject = _subject(region, left)
        if subject is None:
            continue
        indicators, connectors = subject
        inherited = not indicators
        if inherited and item.relation is None and not follows_figure:
            trailing = _INDICATOR_AFTER.match(text, item.end)  # 实现9%的经济增长目标
            if trailing:
                indicator = Indicator(_CODE_OF_TERM[trailing["term"].translate(_QUOTE_FOLD)],
                                      trailing["term"], trailing.start("term"))
                found.append(Statement(sentence, [indicator], trailing["measure"] or "", [item], left))
                continue
        if inherited:
            if item.relation is not None or not follows_figure or last.is_paired():
                continue
            indicators = last.indicators  # 地区生产总值实现300亿元,增长8%
            if not _MEASURE_WORD.search(connectors):
                connectors = last.connectors  # 增长7%以上,力争8%: still a growth
        found.append(Statement(sentence, indicators, connectors, [item], left, inherited))
    return found
