"""Dates: month-day from the text, the year from the date, the metadata, or the context.

The year of a meeting is taken, in this order:
1. `explicit`: a year written with the date (`2024年8月22日`);
2. `metadata`: the publication date (record metadata or the page's dateline): the year that puts
   the meeting on or shortly before publication (a 12月28日 meeting published in January is in
   the previous year);
3. `inferred`: the document itself: a year in the meeting's name (`2024年上半年经济运行分析会议`),
   `2025年第三次会议` in the meeting's sentence, what the meeting plans or reviews
   (`部署2022年经济工作`, `2022年主要预期目标`, `2015年度...报告`: lexicons/dates.toml), then
   the central sessions it refers to (`党的二十大召开之年`; studying 十九届六中全会 puts it after
   November 2021; 迎接二十大 before October 2022: lexicons/central_sessions.toml);
4. otherwise `unknown`: meeting_date NULL. The machine clock is never used.

Scoring decision (eval/README.md): where the gold date is null the month and day must still
match and the basis must not be `explicit`. A date needs a year, and inventing one would break
the contract (`unknown` means meeting_date NULL), so an unknown year gives meeting_date NULL,
date_basis `unknown`, and the month-day is kept in MeetingRow.month_day ('04-15') for the scorer
to compare. Where no month is written (`5日晚`, `近日`) month_day is NULL as well.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms.shared.numerals import parse_chinese_number
from transforms.shared.vocab import DateBasis, TimeOfDay
from transforms.shared.lexicon import in_written_order, load_toml
from transforms.shared.regex_first import fast

_DATES = load_toml("dates.toml")
_CALENDAR = load_toml("central_sessions.toml")
_SESSIONS = _CALENDAR["sessions"]

_ISO_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")

_CN_DIGIT = "〇零一二三四五六七八九十廿"
# 2024年8月22日, 8月22日, 十二月二十八日, 8月22号; the year is optional
MONTH_DAY = re.compile(
    rf"(?:(?P<year>(?:19|20)\d{{2}}|[〇零一二][〇零一二三四五六七八九]{{3}})年)?"
    rf"(?P<month>\d{{1,2}}|[{_CN_DIGIT}]{{1,2}})月"
    rf"(?P<day>\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})[日号]"
)
SAME_DAY_WORDS: tuple[str, ...] = tuple(_DATES["same_day"]["words"])
RELATIVE_DAYS: dict[str, int] = {**_DATES["relative_days"], **{word: 0 for word in SAME_DAY_WORDS}}
_UNDATED = "|".join(_DATES["undated"]["words"])
# 8月22日至23日: the meeting opened on the first day
_RANGE_TAIL = rf"(?:(?:至|到|—|-|~|～)(?:\d{{1,2}}月)?(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})[日号])?"
# 5日晚: a day without its month, so no month-day can be known
_DAY_ONLY = rf"(?<![月\d{_CN_DIGIT}])(?:\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日(?=上午|下午|晚|早|中午|[,,])"
# any word that dates a sentence: a month-day, 今天, 会后, 近日, 5日晚
DATE_WORD = re.compile(
    rf"{MONTH_DAY.pattern}{_RANGE_TAIL}|{'|'.join(RELATIVE_DAYS)}|{_UNDATED}|{_DAY_ONLY}"
)
_TIME_WORDS = {word: tod for tod, words in _DATES["time_of_day"].items() for word in words}
TIME_OF_DAY = re.compile("|".join(sorted(_TIME_WORDS, key=len, reverse=True)))

_YEAR = r"(?P<year>(?:19|20)\d{2})"
# behind a look-ahead of their first characters (shared/regex_first): tried only where they can start
_PLAN = fast("|".join(f"(?:{p})" for p in _DATES["year_cues"]["plan"]).replace("{Y}", r"((?:19|20)\d{2})"))
_REVIEW = fast("|".join(f"(?:{p})" for p in _DATES["year_cues"]["review"]).replace("{Y}", r"((?:19|20)\d{2})"))
_NAMED_YEAR = re.compile(_YEAR + r"年(?P<annual>度)?")
_ANNUAL_REVIEW_WORDS = tuple(_DATES["annual_review"]["words"])
_NUMBERED_SITTING_YEAR = re.compile(_YEAR + r"年(?:度)?第[0-9一二三四五六七八九十]+次")

# 十九届六中全会, 二十届二中、三中全会, 党的二十大, 十八大
_TERM = r"十[六七八九]|二十[一二三]?"
_PLENUM = re.compile(rf"(?P<term>{_TERM})届(?P<list>(?:[一二三四五六七]中[、和及与]?)+)全会")
# 党的二十大, 十八大 (not 二十大会: the words after 大 are in central_sessions.toml)
_CONGRESS = re.compile(rf"(?<![一二三四五六七八九十])(?P<term>{_TERM})大(?!{in_written_order(_CALENDAR['not_congress_after'])})")
# 迎接党的二十大: the cue, then 党的, then the name
_UPCOMING = re.compile(rf"(?:{in_written_order(_CALENDAR['upcoming_before'])})(?:党的)?$")
# 传达学习党的二十届三中全会精神: the first relay of a session, within weeks of it
_RELAY_BEFORE = re.compile(r"传达(?:学习)?(?:贯彻)?(?:了)?(?:党的)?$")
_RELAY_DAYS = 92
# 为党的二十大胜利召开营造…: written before the congress
_UPCOMING_AFTER = re.compile(
    rf"^(?:{in_written_order(_CALENDAR['held_manner'])})?召开(?:{in_written_order(_CALENDAR['upcoming_after'])})")
_YEAR_OF = re.compile(r"^(?:胜利)?召开之年")  # 今年是党的二十大(胜利)召开之年: the congress's own year
_SESSION_DATES = {(s["congress"], s["plenum"]): s["opened"] for s in _SESSIONS}
# the sessions texts go on citing once held (党的二十大和二十届三中全会精神)
_CITED_SESSIONS = sorted(s["opened"] for s in _SESSIONS if s["plenum"] in _CALENDAR["cited_plenums"])
_PLAN_STARTS: dict[str, int] = _CALENDAR["five_year_plans"]
_PLAN_YEAR_OF: dict[str, int] = _CALENDAR["plan_years"]
_NATIONAL_TERMS: dict[int, int] = {int(term): year for term, year in _CALENDAR["national_terms"].items()}
# 十三届全国人大二次会议, 全国政协十三届二次会议, 第十四届全国人民代表大会第二次会议
_NATIONAL_SESSION = re.compile(
    r"(?:第?(?P<t1>[一二三四五六七八九十]+)届全国(?:人大|人民代表大会|政协)第?(?P<s1>[一二三四五六七八九十]+)次"
    r"|全国政协第?(?P<t2>[一二三四五六七八九十]+)届第?(?P<s2>[一二三四五六七八九十]+)次)(?:全体)?会议"
)
_NATIONAL_OPENS = (3, 3)  # the 两会 open on 3 or 5 March
_RELATIVE_YEAR: dict[str, int] = _DATES["relative_years"]
# 今年是“十四五”开局之年, 明年是“十四五”规划的收官之年, 今年是“十三五”规划实施的第三年
_PLAN_PERIOD = re.compile(
    rf"(?P<rel>{in_written_order(_RELATIVE_YEAR)})(?:是|为|作为)[^,,。;;]{{0,12}}?[“\"]?(?P<plan>"
    + "|".join(_PLAN_STARTS)
    + r")[”\"]?(?:规划)?(?:实施)?的?(?P<which>"
    + "|".join(sorted(_PLAN_YEAR_OF, key=len, reverse=True))
    + r"|第[一二三四五]年)"
)
# 会议决定,县第十八届人民代表大会第四次会议于2024年1月9日召开
_SITTING = _DATES["announced_sitting"]
_ANNOUNCED = re.compile(
    rf"(?:{in_written_order(_SITTING['before'])})[^。;;]{{0,40}}?(?P<year>(?:19|20)\d{{2}})年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日"
    rf"(?:[^。;;]{{0,6}}?)(?:{in_written_order(_SITTING['held'])})"
)


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int
    year: int | None  # written with the date
    start: int
    end: int

    @property
    def text(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


def parse_metadata_date(value: str) -> dt.date | None:
    """`2021-12-29 16:00:51`, `2024/03/27`, `2010年4月17日` -> a date; None if it is none."""
    match = _ISO_DATE.search(value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def month_day(match: re.Match) -> MonthDay | None:
    """A MONTH_DAY match -> MonthDay, None when the numbers are no date (13月, 32日)."""
    month = parse_chinese_number(match.group("month"))
    day = parse_chinese_number(match.group("day"))
    year = parse_chinese_number(match.group("year")) if match.group("year") else None
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return MonthDay(int(month), int(day), int(year) if year else None, match.start(), match.end())


def shift_days(date: MonthDay, days: int) -> MonthDay:
    """The dateline's day moved by `days` (昨天 = -1), in a leap year so 2月29日 survives."""
    moved = dt.date(2000, date.month, date.day) + dt.timedelta(days=days)
    return MonthDay(moved.month, moved.day, None, date.start, date.end)


def day_before(anchor: MonthDay, day: int) -> MonthDay | None:
    """A bare day (`25日下午`) on or shortly before the anchor's day: the dateline's or the page's
    (6月26日 -> 25日 is 06-25; 7月2日 -> 30日 is 06-30); None when that is more than
    _BARE_DAY_REACH days back, too far for a report to leave the month unsaid."""
    if not 1 <= day <= 31:
        return None
    month = anchor.month if day <= anchor.day else anchor.month - 1 or 12
    moved = _on(2000, month, day)  # a leap year, so 2月29日 survives
    if moved is None:
        return None
    gap = (dt.date(2000 + (month > anchor.month), anchor.month, anchor.day) - moved).days
    return MonthDay(month, day, None, anchor.start, anchor.end) if 0 <= gap <= _BARE_DAY_REACH else None


_BARE_DAY_REACH = 10


def month_day_of(text: str, sentence_start: int, date: re.Match, published: dt.date | None) -> MonthDay | None:
    """The month-day a DATE_WORD match (in the sentence starting at `sentence_start`) stands for. 今天/昨天 count from the dateline (12月28日电 … 今天上午)
    or else the page's publication date; a bare day (本报6月26日讯 25日下午) from the dateline only:
    a page date does not say which month a report left unsaid (`5日晚` alone has no month-day);
    会后/当天 are the day just named."""
    word = date.group()
    match = MONTH_DAY.match(word)
    if match:
        return month_day(match)
    before = list(MONTH_DAY.finditer(text, max(0, sentence_start - 600), sentence_start + date.start()))
    anchor = month_day(before[-1]) if before else None
    if word in RELATIVE_DAYS:
        if anchor is None and published is not None and word in _PAGE_RELATIVE:
            anchor = MonthDay(published.month, published.day, None, 0, 0)
        return shift_days(anchor, RELATIVE_DAYS[word]) if anchor else None
    day = _DAY_NUMBER.match(word)
    if day is None:
        return None  # 近日, 日前: no day
    return day_before(anchor, int(parse_chinese_number(day.group()) or 0)) if anchor else None


# 今天, 昨天 count from the publication date; 会后, 当天 only from a day named before them
_PAGE_RELATIVE = frozenset(RELATIVE_DAYS) - frozenset(SAME_DAY_WORDS)
_DAY_NUMBER = re.compile(r"\d{1,2}(?=日)|[一二三十]+(?=日)")


def time_of_day(text: str) -> TimeOfDay | None:
    match = TIME_OF_DAY.search(text)
    return _TIME_WORDS[match.group()] if match else None  # type: ignore[return-value]


def _on(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2月29日 outside a leap year
        return None


def year_from_publication(month: int, day: int, published: dt.date) -> int | None:
    """The year that puts month-day on or before the publication date (a week's slack for clocks)."""
    for year in (published.year, published.year - 1):
        date = _on(year, month, day)
        if date and date <= published + dt.timedelta(days=7):
            return year
    return None


def date_near(month_day_text: str, anchor: dt.date) -> dt.date | None:
    """'04-09' in the year that puts it within half a year of `anchor` (a meeting reported beside it)."""
    month, day = map(int, month_day_text.split("-"))
    for year in (anchor.year, anchor.year + 1, anchor.year - 1):
        date = _on(year, month, day)
        if date and abs((date - anchor).days) <= 183:
            return date
    return None


def _plan_review_year(month: int, context: str) -> int | None:
    years = []
    for match in _PLAN.finditer(context):
        planned = int(next(g for g in match.groups() if g))
        years.append(planned - 1 if month >= 11 else planned)
    for match in _REVIEW.finditer(context):
        reviewed = int(next(g for g in match.groups() if g))
        years.append(reviewed + 1 if month <= 6 else reviewed)
    return max(set(years), key=years.count) if years else None


def _central_session_year(month: int, day: int, context: str) -> int | None:
    """The year the central sessions the text refers to leave for month-day, when only one is left.

    A session studied (学习贯彻十九届六中全会精神) is a lower bound; official texts cite the latest
    sessions, so the next session that texts go on to cite (a congress or a 3rd-6th plenum) is an
    upper bound; a first relay of a session's spirit (传达学习…全会精神) follows it within weeks. A
    session looked forward to (迎接二十大, 为党的二十大胜利召开营造…) is an upper bound. Where the
    window still holds two dates (学习贯彻党的二十大精神 on 3月10日: 2023 or 2024), no year.
    """
    lower: dt.date | None = None
    upper: dt.date | None = None
    relayed = False
    for kind, match in [("plenum", m) for m in _PLENUM.finditer(context)] + [
        ("congress", m) for m in _CONGRESS.finditer(context)
    ]:
        term = int(parse_chinese_number(match.group("term")) or 0)
        if kind == "plenum":
            numbers = [int(parse_chinese_number(ch) or 0) for ch in re.findall(r"[一二三四五六七]", match.group("list"))]
            opened = _SESSION_DATES.get((term, max(numbers)))
        else:
            opened = _SESSION_DATES.get((term, 0))
        if opened is None:
            continue
        if kind == "congress" and _YEAR_OF.match(context[match.end() :]):
            return opened.year  # 今年是党的二十大召开之年
        if _UPCOMING.search(context[max(0, match.start() - 10) : match.start()]) or _UPCOMING_AFTER.match(
            context[match.end() :]
        ):
            upper = opened if upper is None else min(upper, opened)
        elif lower is None or opened >= lower:
            first_relay = bool(_RELAY_BEFORE.search(context[max(0, match.start() - 12) : match.start()]))
            relayed = first_relay or (relayed and opened == lower)
            lower = opened
    if lower is not None:
        cited_next = next((d for d in _CITED_SESSIONS if d > lower), None)
        if relayed:
            cited_next = min(cited_next or dt.date.max, lower + dt.timedelta(days=_RELAY_DAYS))
        if cited_next is not None:
            upper = cited_next if upper is None else min(upper, cited_next)
        if upper is None:
            return None  # the latest session in the calendar: any year after it
        return _only_year(month, day, lower, upper)
    if upper is not None:  # looked forward to: the year before it opens
        return _only_year(month, day, upper - dt.timedelta(days=365), upper)
    return None


def _only_year(month: int, day: int, lower: dt.date, upper: dt.date) -> int | None:
    """The one year in which month-day falls in [lower, upper), else None."""
    years = [y for y in range(lower.year, upper.year + 1) if (d := _on(y, month, day)) and lower <= d < upper]
    return years[0] if len(years) == 1 else None


def _national_session_year(month: int, day: int, name: str, context: str) -> int | None:
    """The meeting is a 两会 session (its own year), or names one: it is held from that session's
    opening until the next year's (十三届全国人大二次会议精神 on 3月19日 -> 2019)."""
    years = set()
    for text, own in ((name, True), (context, False)):
        for match in _NATIONAL_SESSION.finditer(text):
            term = parse_chinese_number(match.group("t1") or match.group("t2"))
            session = parse_chinese_number(match.group("s1") or match.group("s2"))
            first = _NATIONAL_TERMS.get(int(term or 0))
            if first is None or not session or not 1 <= session <= 5:
                continue
            year = first + int(session) - 1
            if own:
                return year
            years.add(year)
        if len(years) > 1:
            return None
    if not years:
        return None
    (year,) = years
    opened = dt.date(year, *_NATIONAL_OPENS)
    return _only_year(month, day, opened, dt.date(year + 1, *_NATIONAL_OPENS))


def _plan_period_year(context: str) -> int | None:
    """`今年是“十四五”开局之年` -> 2021; `明年是“十四五”开局之年` -> 2020; `…收官之年` -> the last year."""
    for match in _PLAN_PERIOD.finditer(context):
        first = _PLAN_STARTS.get(match.group("plan"))
        which = match.group("which")
        if first is None:
            continue
        offset = _PLAN_YEAR_OF.get(which)
        if offset is None:  # 第三年
            offset = int(parse_chinese_number(which[1:-1]) or 0) - 1
        return first + offset - _RELATIVE_YEAR[match.group("rel")]
    return None


def _announced_year(month: int, day: int, context: str) -> int | None:
    """`会议决定…于2024年1月9日召开`: a later sitting announced with its date; the meeting is in the
    year before that date."""
    for match in _ANNOUNCED.finditer(context):
        announced = _on(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        if announced:
            return _only_year(month, day, announced - dt.timedelta(days=365), announced)
    return None


def infer_year(month: int, day: int, name: str, sentence: str, context: str) -> int | None:
    """The meeting's year from the document alone (see the module docstring), or None."""
    named = _NAMED_YEAR.search(name)
    if named:
        year = int(named.group("year"))
        # `2023年度民主生活会` in January reviews the year before; `2025年度工作会议` is 2025's own
        looks_back = any(word in name for word in _ANNUAL_REVIEW_WORDS)
        return year + 1 if named.group("annual") and looks_back and month <= 6 else year
    sitting = _NUMBERED_SITTING_YEAR.search(sentence)
    if sitting:
        return int(sitting.group("year"))
    return (
        _plan_review_year(month, context)
        or _plan_period_year(context)
        or _announced_year(month, day, context)
        or _central_session_year(month, day, context)
        or _national_session_year(month, day, name, context)
    )


def headline_date(found: MonthDay, headline_names: list[str], headline_text: str) -> tuple[dt.date | None, DateBasis]:
    """The year a headline gives a meeting the body dates without one: a full date of the same
    month-day (2024年1月8日 县委召开常委会会议), else a year in the headline's name of the meeting
    (2024年县委第一次常委会会议, read as the meeting's own name would be)."""
    for match in MONTH_DAY.finditer(headline_text):
        written = month_day(match)
        if written and written.year and (written.month, written.day) == (found.month, found.day):
            return _on(written.year, found.month, found.day), "explicit"
    for name in headline_names:
        if _NAMED_YEAR.search(name):
            year = infer_year(found.month, found.day, name, name, "")
            date = _on(year, found.month, found.day) if year else None
            if date:
                return date, "inferred"
    return None, "unknown"


def resolve_date(
    found: MonthDay | None,
    published: dt.date | None,
    name: str,
    sentence: str,
    context: str,
) -> tuple[dt.date | None, DateBasis]:
    """meeting_date and date_basis for a month-day found in the text."""
    if found is None:
        return None, "unknown"
    if found.year is not None:
        date = _on(found.year, found.month, found.day)
        if date:
            return date, "explicit"
    if published is not None:
        year = year_from_publication(found.month, found.day, published)
        if year is not None:
            return _on(year, found.month, found.day), "metadata"
    year = infer_year(found.month, found.day, name, sentence, context)
    if year is not None:
        date = _on(year, found.month, found.day)
        if date:
            return date, "inferred"
    return None, "unknown"
