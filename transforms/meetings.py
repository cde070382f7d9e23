"""Meetings: find each meeting an article reports, with its name, kinds, body, region, 届/次, date.

A meeting the article reports is announced in a dated sentence, in one of three shapes
(verbs and markers in lexicons/meeting_markers.toml):
    8月22日上午,中国共产党衡南县第十三届委员会第七次全体(扩大)会议暨…会议召开   name + verb
    4月15日上午,县委副书记、县长龙向洋主持召开第60次县政府常务会议          verb + name
    1月22日,在组织收听收看全省春节假期重点工作视频调度会后,…               watched remotely
`X召开第N次Y` and `X会议举行Y` name the meeting X+Y (县十七届人大常委会第二十三次主任会议);
`主持召开A和B` reports two meetings sharing one scope; `A暨B` is one meeting with several kinds.
Meetings only announced (即将召开, 决定…于9月29日召开) or relayed (传达…会议精神) are not
reported; nor is anything after the article's credits (related headlines), nor fiction.
A headline naming the same meeting more fully (雁峰区委五届四次全会… over 区委五届四次全会…)
gives the name.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms import regions
from transforms.dates import (
    DATE_WORD,
    MONTH_DAY,
    RELATIVE_DAYS,
    SAME_DAY_WORDS,
    MonthDay,
    date_near,
    day_before,
    month_day,
    parse_metadata_date,
    resolve_date,
    shift_days,
    time_of_day,
)
from transforms.meeting_fields import (
    expanded,
    kinds_of,
    level_char_of,
    meeting_format,
    organizer_of,
    term_and_session,
)
from transforms.models import DocumentMetadata, MeetingRow
from transforms.names import alternation, load_toml
from transforms.numerals import parse_chinese_number

_MARKERS = load_toml("meeting_markers.toml")

# a meeting name: no clause punctuation inside (、 and brackets are fine: 县(市、区)委书记…)
_NAME_CHARS = r"[^,,。;;!!??::\n]"
# what may follow the head 会/会议 of a name: the end of the clause, a bracket that is not (扩大),
# or the next verb (主持召开县委常委会议并讲话 / 研究… / …调度会后)
_AFTER_HEAD = (
    r"(?=[,,。;;!!??::\n\s]|[(（](?!扩大)|$|后|上|期间|时|前|并|对|研究|听取|传达|学习|审议|部署|强调"
    r"|通报|分析|总结|安排|专题|集中)"
)
_NAME = rf"{_NAME_CHARS}*?会议?{_AFTER_HEAD}"
_ADVERBS = alternation(_MARKERS["verbs"]["adverbs"])
# `召开的X` describes X (要开好3月10日召开的全县两会): a meeting talked about, not reported
_VERB_FIRST = re.compile(
    rf"(?P<verb>{alternation(_MARKERS['verbs']['before_name'])})了?(?!的)(?P<name>{_NAME})"
)
_WATCHED = re.compile(rf"(?:{alternation(_MARKERS['verbs']['watched'])})了?(?P<name>{_NAME})")
_AFTER_VERBS = alternation(_MARKERS["verbs"]["after_name"])
# …会议 在县剧院开幕 / 于上午闭幕 / 经过…胜利闭幕 / 圆满完成各项议程并胜利闭幕 / 隆重召开;
# a dispatch may date it after the name: …第二次会议今天上午在南宁开幕
_DAY_AFTER_NAME = r"(?:今天|今日|昨天|昨日|\d{1,2}日)?(?:上午|下午|晚上|晚)?"
_NAME_FIRST = re.compile(
    rf"(?P<name>{_NAME_CHARS}*?会议?)(?={_DAY_AFTER_NAME}(?:在|于|经过|圆满|顺利|[,,]|(?:{_ADVERBS})*(?:{_AFTER_VERBS})))"
)
_HELD_LATER = re.compile(_AFTER_VERBS)
_FUTURE = re.compile(alternation(_MARKERS["not_held"]["future"]))
_RELAY_AFTER = re.compile(rf"^(?:{alternation(_MARKERS['not_held']['relay_after'])})")
_FALSE_HEAD = re.compile(rf"(?:{alternation(_MARKERS['false_heads']['words'])})$")
_VERB_INSIDE = re.compile(r"召开|主持|举行|出席|参加|讲话|收听|收看")
# 第二十三次…, 十一届三次…, 2024年第6次…: a sitting of the body named before the verb (第三季度… is none)
_ORDINAL_START = re.compile(r"^(?:(?:19|20)\d{2}年度?)?第?[0-9一二三四五六七八九十百]+[次届]")
_BODY_END = re.compile(r"(?:会|会议|委|政府|政协|人大|党组|党委|主席团|中心组|小组|指挥部|镇|乡|县|区|市|旗|州|街道)$")
_JOINER = re.compile(r"(?<=会议|[^议]会)(?:和|及|以及|与|、)(?=\S)")
_END_LINE = re.compile(
    rf"(?m)^[ \t\u3000]*(?:{alternation(_MARKERS['article_end']['line_starts'])})"
    rf"|(?:{alternation(_MARKERS['article_end']['line_ends'])})[ \t\u3000]*$"
)
_REPORT_START = re.compile(alternation(_MARKERS["report_starts"]["words"]))
_FICTION = re.compile("|".join(_MARKERS["fiction"]["line_patterns"]), re.M)
_HEADLINE_VERBS = re.compile(rf"(?:{_AFTER_VERBS})$")
# 县委书记, 县长, 主任 …: a person, not a body, stands before the verb
_PERSON_TITLE = re.compile(r"书记|[省市县区州镇乡]长|主任|主席|部长|局长|同志|负责人")


@dataclass
class _Found:
    name: str
    subject: str  # the X of `X召开Y`, cleaned: 代县, 我县, 省委, '' when a person presided
    sentence: tuple[int, int]
    date: MonthDay | None
    time_text: str  # where the time of day is read: around the date and the verb
    report: int
    order: int = 0  # where the name starts


def find_meetings(text: str, metadata: DocumentMetadata) -> list[MeetingRow]:
    """One MeetingRow per meeting the article reports (ids are filled by the caller)."""
    if _FICTION.search(text):
        return []
    reports = _reports(text)
    # the publication date: the metadata's, or a full date in a page header the normalizer kept
    first_sentence = text.find("。")
    header_end = text.rfind("\n", 0, first_sentence) + 1 if first_sentence > 0 else 0
    published = metadata.published_date or parse_metadata_date(text[:header_end])
    found = [f for i, (start, end) in enumerate(reports) for f in _find_in(text, start, end, i, published)]
    if not found:
        return []
    headline_lines = _headline_lines(text, metadata, found[0].sentence[0])
    headline = _headline_names(headline_lines)
    rows = []
    seen: set[tuple[int, str]] = set()
    for item in found:
        if (item.report, item.name) in seen:
            continue
        seen.add((item.report, item.name))
        rows.append(_row(text, item, reports[item.report], headline, "\n".join(headline_lines), published))
    _share_years(rows)
    return rows


def _share_years(rows: list[MeetingRow]) -> None:
    """A meeting of unknown year reported beside a dated one: `4月8日…2024年一季度经济运行分析会…
    4月9日,县委又召开专题会议` -> 2024-04-09 (inferred)."""
    dated = [row.meeting_date for row in rows if row.meeting_date]
    for row in rows:
        if dated and not row.meeting_date and row.month_day:
            row.meeting_date = date_near(row.month_day, dated[0])
            row.date_basis = "inferred" if row.meeting_date else "unknown"


# ---------------------------------------------------------------------------------------------
# Where the reports are


def _reports(text: str) -> list[tuple[int, int]]:
    """[start, end) of each report on the page: a new one starts at 又讯."""
    starts = [0] + [m.start() for m in _REPORT_START.finditer(text)]
    bounds = starts + [len(text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(starts))]


def _article_end(text: str, after: int) -> int:
    """The first credits or related-headlines line after the first meeting sentence."""
    match = _END_LINE.search(text, after)
    return match.start() if match else len(text)


def _find_in(text: str, start: int, end: int, report: int, published: dt.date | None) -> list[_Found]:
    """The meetings reported in text[start:end]: only sentences with a meeting verb are read."""
    found: list[_Found] = []
    sentence_end = start
    for verb in _ANY_VERB.finditer(text, start, end):
        if verb.start() >= end:
            break  # past the article's end: credits, related headlines
        if verb.start() < sentence_end:
            continue  # this sentence was read already
        sentence_start = max(text.rfind(ch, start, verb.start()) for ch in "。;;!!??\n") + 1
        sentence_start = max(sentence_start, start)
        sentence_end = _SENTENCE_END.search(text, verb.end(), end)
        sentence_end = sentence_end.start() if sentence_end else end
        found.extend(_meetings_in_sentence(text, sentence_start, sentence_end, report, published))
        if found:
            end = min(end, _article_end(text, sentence_end))
    return found


_ANY_VERB = re.compile(
    alternation(_MARKERS["verbs"]["before_name"] + _MARKERS["verbs"]["after_name"] + _MARKERS["verbs"]["watched"])
)
_SENTENCE_END = re.compile(r"[。;;!!??\n]")


# ---------------------------------------------------------------------------------------------
# One sentence


def _meetings_in_sentence(
    text: str, start: int, end: int, report: int, published: dt.date | None
) -> list[_Found]:
    sentence = text[start:end]
    # 今天/会后 date a sentence only after a day was named or on a dated page; a speech's
    # `今天,我们召开…` is no report
    dates = [d for d in DATE_WORD.finditer(sentence)
             if d.group() not in RELATIVE_DAYS
             or (_month_day(text, start, d, published) is not None and not _SPEAKER.match(sentence, d.end()))]
    if not dates:
        return []
    results: list[_Found] = []
    for pattern in (_VERB_FIRST, _WATCHED):
        for match in pattern.finditer(sentence):
            date = _date_before(dates, match.start())
            if date is None:
                continue
            subject = _subject(sentence, date.end(), match) if pattern is _VERB_FIRST else ""
            name = match.group("name")
            if pattern is _VERB_FIRST and _composes(subject, name, match.group("verb")):
                name = subject + name
            if not _is_held(sentence, date, match.start(), match.end("name")):
                continue
            for part in _split_joined(name):
                results.append(_found(text, start, end, part, subject, date, match, report, published))
    if not results:
        results.extend(_name_first(text, start, end, dates, report, published))
    results.sort(key=lambda r: r.order)  # in the order the sentence names them
    return [r for r in results if _plausible(r.name)]


def _date_before(dates: list[re.Match], position: int) -> re.Match | None:
    before = [d for d in dates if d.end() <= position]
    return before[-1] if before else None


def _subject(sentence: str, begin: int, verb: re.Match) -> str:
    """`6月15日,我县在西配楼301会议室召开` -> 我县; `县委书记毛朝晖主持召开` -> ''."""
    verb_at = verb.start()
    if verb.group("verb").startswith("主持") or _PERSON_TITLE.search(sentence, begin, verb_at):
        return ""  # a person convened it: the subject is no body
    clause = re.split(r"[,,::\s]", sentence[begin:verb_at])[-1]
    clause = re.sub(r"^(?:上午|下午|晚上|早上|\d+[点时](?:\d+分)?|[^\u4e00-\u9fff]+)+", "", clause)
    clause = clause.split("在")[0] if not clause.startswith("在") else ""
    return re.sub(rf"(?:{_ADVERBS})+$", "", clause)


def _composes(subject: str, name: str, verb: str) -> bool:
    """`县十七届人大常委会`召开`第二十三次主任会议`, `县政协十一届一次会议`举行`预备会议`,
    `县委常委会`召开`会议`: the subject is part of the name."""
    if not subject or subject in _DEICTIC or not _BODY_END.search(subject):
        return False
    if subject.endswith(("会议", "大会")) or (verb == "举行" and subject.endswith("会")):
        return True  # the subject is itself a meeting: 县…第三次会议(在县电影院)召开大会预备会议
    return bool(_ORDINAL_START.match(name)) or name in _RELATIVE_EXACT or name.startswith(_RELATIVE_STARTS)


_DEICTIC = frozenset(load_toml("organizers.toml")["deictic"]["words"])
_RELATIVE_EXACT = frozenset(_MARKERS["body_relative_names"]["exact"])
_RELATIVE_STARTS = tuple(_MARKERS["body_relative_names"]["starts"])


def _is_held(sentence: str, date: re.Match, verb_at: int, name_end: int) -> bool:
    """Not announced (即将召开, 定于9月29日召开) and not relayed (…会议精神)."""
    clause_start = max(sentence.rfind(ch, 0, verb_at) for ch in ",,;;") + 1
    if _FUTURE.search(sentence, clause_start, verb_at) or _FUTURE.search(sentence[max(0, date.start() - 4) : date.start()]):
        return False
    return not _RELAY_AFTER.match(sentence[name_end:])


def _split_joined(name: str) -> list[str]:
    """县政府党组(扩大)会议和县十六届第9次政府常务会议 -> the two meetings."""
    parts = _JOINER.split(name)
    return parts if all(p.endswith(("会", "会议")) for p in parts) else [name]


def _name_first(
    text: str, start: int, end: int, dates: list[re.Match], report: int, published: dt.date | None
) -> list[_Found]:
    """`8月22日上午,中国共产党衡南县…会议召开` / `…代表大会在…后,于上午胜利闭幕`."""
    sentence = text[start:end]
    for date in reversed(dates):  # the date nearest the name: 12月28日电 (梁宏鑫)今天上午,…
        clause_start = date.end() + len(_CLAUSE_LEAD.match(sentence, date.end()).group())
        place = _PLACE_CLAUSE.match(sentence, clause_start)  # 8月22日上午,在县委礼堂,…会议召开
        if place:
            clause_start = place.end()
        match = _NAME_FIRST.match(sentence, clause_start)
        if not match:
            continue
        # a date right after the name is the meeting's (12月28日电 …会议今天上午开幕)
        date = next((d for d in dates if d.start() == match.end()), date)
        held = _HELD_LATER.search(sentence, match.end())
        if held and _is_held(sentence, date, match.start(), match.end("name")):
            return [_found(text, start, end, match.group("name"), "", date, match, report, published, held.end())]
    return []


# between a date and a name: a dateline's 电/讯 and byline (12月28日电 (记者 次仁)), 上午, 9点, spaces
_CLAUSE_LEAD = re.compile(r"[电讯]?(?:[(（][^()（）]{0,20}[)）])?(?:[^\u4e00-\u9fff]|上午|下午|晚上|早上|[点时])*")
_PLACE_CLAUSE = re.compile(r"在[^,,。]{1,20}[,,]\s*")


def _found(text, start, end, name, subject, date: re.Match, match: re.Match, report, published,
           verb_end=None) -> _Found:
    sentence = text[start:end]
    md = _month_day(text, start, date, published)
    # the time of day is written with the date (8月22日上午) or by the verb (于上午胜利闭幕)
    time_text = sentence[date.start() : match.start()] + sentence[match.end() : verb_end or match.end()]
    return _Found(name.strip(), subject, (start, end), md, time_text, report, start + match.start("name"))


def _month_day(text: str, sentence_start: int, date: re.Match, published: dt.date | None) -> MonthDay | None:
    """The month-day a date word stands for. 今天/昨天 count from the dateline (12月28日电 … 今天上午)
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
# `今天,我们召开…`, `今天我们在这里…`: a speaker's today, not a report's
_SPEAKER = re.compile(r"[,,\s]*(?:我们|咱们|大家)")


def _plausible(name: str) -> bool:
    if len(name) < 3 or _FALSE_HEAD.search(name) or _VERB_INSIDE.search(name):
        return False
    return not name.startswith(_NOT_A_NAME_START)


# `我县…` starts a clause about the county, never a meeting's name (全省… may: 全省…视频调度会)
_NOT_A_NAME_START = tuple(w for w in _DEICTIC if not w.startswith("全"))


# ---------------------------------------------------------------------------------------------
# The headline


def _headline_lines(text: str, metadata: DocumentMetadata, body_start: int) -> list[str]:
    """The metadata title and the short lines above the body that are no credits or outlets."""
    lines = [metadata.title] if metadata.title else []
    lines += [line.strip() for line in text[:body_start].splitlines()]
    return [line for line in lines if line and len(line) <= 60 and "。" not in line and not _CREDIT.search(line)]


_CREDIT = re.compile(r"来源|编辑|作者|记者|通讯员|融媒体|客户端|日报|晚报|新闻网|发布|时间|首页|位置")


def _headline_names(lines: list[str]) -> list[str]:
    """Meeting names in the headline (雁峰区委五届四次全会暨…会议召开 -> 雁峰区委…会议)."""
    names = []
    for line in lines:
        line = _HEADLINE_VERBS.sub("", line)
        match = _VERB_FIRST.search(line + "。")
        if match:
            subject = line[: match.start()]
            name = match.group("name")
            name = subject + name if _composes(subject, name, match.group("verb")) else name
            names.extend(_split_joined(name))  # 海淀区委召开常委会会议和…第五次会议: two names
        elif line.endswith(("会", "会议")):
            names.append(line)
    return names


def _prefer_headline(name: str, headline: list[str]) -> str:
    """The headline's fuller form of the same name (区委五届四次全会… -> 雁峰区委五届四次全会…)."""
    for candidate in headline:
        if candidate != name and name in candidate:
            return candidate
    return _drop_province_prefix(name)


def _drop_province_prefix(name: str) -> str:
    """宁夏石嘴山市第十五届… -> 石嘴山市第十五届…, 北京市朝阳区政府… -> 朝阳区政府…: the province
    is a locator, not the name."""
    fulls = regions.find_region_mentions(name)
    mentions = sorted(regions.find_short_mentions(name) + fulls, key=lambda m: m.start)
    first = mentions[0] if mentions else None
    if first and first.start == 0 and first.divisions[0].level == "province" and len(first.divisions) == 1:
        if any(m.start == first.end and m.divisions[0].level != "province" for m in fulls):
            return name[first.end :]
    return name


# ---------------------------------------------------------------------------------------------
# The row


def _row(text, item: _Found, report: tuple[int, int], headline, headline_text, published) -> MeetingRow:
    name = _prefer_headline(item.name, headline)
    scope_start = text.rfind("\n", report[0], item.sentence[0]) + 1 or report[0]
    scope_end = min(report[1], _article_end(text, item.sentence[1]))
    scope = text[scope_start:scope_end]
    kinds = kinds_of(name)
    level_char = level_char_of(name, item.subject, scope)
    organizer = organizer_of(name, item.subject, kinds, level_char)
    # the headline may name the region the body leaves implicit (衡南县召开… / 8月22日,县委召开…)
    region = regions.resolve_region(name, item.subject, headline_text + "\n" + scope, level_char, organizer)
    term, session = term_and_session(name)
    sentence = text[item.sentence[0] : item.sentence[1]]
    meeting_date, basis = resolve_date(item.date, published, name, sentence, scope)
    span_start, span_end = item.sentence
    while text[span_end - 1].isspace():
        span_end -= 1
    span_start += len(text[span_start:span_end]) - len(text[span_start:span_end].lstrip())
    return MeetingRow(
        name_text=name,
        kinds=kinds,
        organizer_text=organizer,
        region_name=region.name,
        region_code=region.code,
        region_level=region.level,
        province=region.province,
        prefecture=region.prefecture,
        term_number=term,
        session_number=session,
        is_expanded=expanded(name),
        format=meeting_format(name, scope),
        meeting_date=meeting_date,
        date_basis=basis,
        month_day=item.date.text if item.date else None,
        time_of_day=time_of_day(item.time_text),
        span_start=span_start,
        span_end=span_end + (0 < len(text[span_end : span_end + 1]) and text[span_end] in "。;;!!??"),
        scope_start=scope_start,
        scope_end=scope_end,
    )
