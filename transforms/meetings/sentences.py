"""One sentence: the meetings a dated sentence reports, with name, subject, date and time text.

A meeting the article reports is announced in a dated sentence (or, on a page that dates none,
in its lead: meetings.py), in one of these shapes
(verbs and markers in lexicons/meeting_markers.toml):
    8月22日上午,中国共产党衡南县第十三届委员会第七次全体(扩大)会议暨…会议召开   name + verb
    县委常委会(扩大)会议于3月5日召开 / …第二次会议今天上午在南宁开幕            name, date, verb
    4月15日上午,县委副书记、县长龙向洋主持召开第60次县政府常务会议          verb + name
    1月22日,在组织收听收看全省春节假期重点工作视频调度会后,…               watched remotely
    12月25日,在全县经济工作会议上,县委书记强调…                           set at a meeting
`X召开第N次Y` and `X会议举行Y` name the meeting X+Y (县十七届人大常委会第二十三次主任会议);
`主持召开A和B` reports two meetings; `A暨B` is one meeting with several kinds. Meetings only
announced (即将召开, 决定…于9月29日召开) or relayed (传达…会议精神) are not reported.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms.shared.dates import DATE_WORD, RELATIVE_DAYS, MonthDay, month_day_of
from transforms.meetings.fields import names_its_body
from transforms.shared.lexicon import alternation, in_written_order, load_toml
from transforms.shared.regex_first import fast

MARKERS = load_toml("meeting_markers.toml")
# the same matches as DATE_WORD, scanned 5x faster (most positions start no date word)
_DATE_WORD = fast(DATE_WORD.pattern)

# a meeting name: no clause punctuation inside (、 and brackets are fine: 县(市、区)委书记…)
_NAME_CHARS = r"[^,,。;;!!??::\n]"
# what may follow the head 会/会议 of a name: the end of the clause, a bracket that is not (扩大),
# or the next verb (主持召开县委常委会议并讲话 / 研究… / …调度会后)
_AFTER_HEAD = (
    r"(?=[,,。;;!!??::\n\s]|[”\"」』][,,。;;\s]|[(（](?!扩大)|$|后|上|期间|时|前|并|对|研究|听取|传达|学习|审议|部署|强调"
    r"|通报|分析|总结|安排|专题|集中)"
)
_NAME = rf"{_NAME_CHARS}*?会议?{_AFTER_HEAD}"
_ADVERBS = alternation(MARKERS["verbs"]["adverbs"])
# `召开的X` describes X (要开好3月10日召开的全县两会): a meeting talked about, not reported;
# a name in quotes is taken without them (召开“三干会”), an opening quote inside it stays
# (召开“两新”组织党建工作座谈会): see unquoted()
VERB_FIRST = re.compile(
    rf"(?P<verb>{alternation(MARKERS['verbs']['before_name'])})了?(?!的)(?P<name>[“\"「]?{_NAME})"
)
_WATCHED = re.compile(rf"(?:{alternation(MARKERS['verbs']['watched'])})了?(?P<name>{_NAME})")
AFTER_VERBS = alternation(MARKERS["verbs"]["after_name"])
# `全省…视频调度会召开后,我县随即召开…`: a meeting held just before the report's own
_HELD_BEFORE = re.compile(
    rf"在?(?P<name>{_NAME_CHARS}*?会议?)(?:{alternation(MARKERS['verbs']['held_before'])})后(?=[,,])"
)
# …会议 在县剧院开幕 / 于上午闭幕 / 经过…胜利闭幕 / 圆满完成各项议程并胜利闭幕 / 隆重召开;
# a dispatch may date it after the name: …第二次会议今天上午在南宁开幕
# …会议首次以电视电话会议形式 1月3日在拉萨召开: how it was held may come before the date;
# …会议今日(23日)上午开幕: a dispatch's today may give its day in brackets
_MANNER = r"(?:(?:首次|再次|正式)?以[^,,。;;]{1,12}?(?:形式|方式)\s*)?"
_DAY_AFTER_NAME = (
    _MANNER
    + r"(?:于?(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?\d{1,2}日(?:至\d{1,2}日)?|(?:今天|今日|昨天|昨日)(?:[(（]\d{1,2}日[)）])?)?"
    r"(?:上午|下午|晚上|晚)?"
)
_NAME_FIRST = re.compile(
    rf"(?P<name>{_NAME_CHARS}*?会议?)(?={_DAY_AFTER_NAME}(?:在|于|经过|圆满|顺利|[,,]|(?:{_ADVERBS})*(?:{AFTER_VERBS})))"
)
_HELD_LATER = re.compile(AFTER_VERBS)
_FUTURE = re.compile(alternation(MARKERS["not_held"]["future"]))
_RELAY_AFTER = re.compile(rf"^(?:{alternation(MARKERS['not_held']['relay_after'])})")
_FALSE_HEAD = re.compile(rf"(?:{alternation(MARKERS['false_heads']['words'])})$")
_VERB_INSIDE = re.compile(in_written_order(MARKERS["sentence_words"]["verbs_inside"]))
# 第二十三次…, 十一届三次…, 2024年第6次…: a sitting of the body named before the verb (第三季度… is none)
_ORDINAL_START = re.compile(r"^(?:(?:19|20)\d{2}年度?)?第?[0-9一二三四五六七八九十百]+[次届]")
_BODY_END = re.compile(f"(?:{in_written_order(MARKERS['sentence_words']['body_endings'])})$")
_JOINER = re.compile(r"(?<=会议|[^议]会)(?:和|及|以及|与|、)(?=\S)")
# 县委书记, 县长, 主任 …: a person, not a body, stands before the verb
# (a 主席团 is a body: 县十八届人大三次会议主席团举行第一次会议)
_PERSON_TITLE = re.compile(r"书记|[省市县区州镇乡]长|主任|主席(?!团)|部长|局长|同志|负责人")
# `今天,我们召开…`, `今天我们在这里…`: a speaker's today, not a report's
_SPEAKER = re.compile(rf"[,,\s]*(?:{in_written_order(MARKERS['sentence_words']['speakers'])})")


_NO_DATE = re.compile("")
# 十二月十一日 with no year: news writes a month-day in figures (8月22日) and a document writes the
# year too (二〇二四年十二月十一日); a month-day in words alone is a story's
_STORY_DATE = re.compile(r"[一二三四五六七八九十]{1,2}月")
# 为期四天的市政协十届三次会议…, 备受瞩目的…: how long it lasts, how it is seen is no part of the name
_DURATION = re.compile(rf"^(?:为期|历时)[^的,,]{{1,6}}的|^(?:{alternation(MARKERS['name_descriptors']['words'])})的")


@dataclass
class Found:
    name: str
    subject: str  # the X of `X召开Y`, cleaned: 代县, 我县, 省委, '' when a person presided
    sentence: tuple[int, int]
    date: MonthDay | None
    time_text: str  # where the time of day is read: around the date and the verb
    report: int
    order: int = 0  # where the name starts
    presider: str = ""  # a presiding person's title when the subject is '': 石牛镇党委书记


def meetings_in_sentence(
    text: str, start: int, end: int, report: int, published: dt.date | None, undated: bool = False
) -> list[Found]:
    """The meetings the sentence text[start:end] reports, in the order it names them; `published`
    dates 今天/昨天 where no dateline does. An `undated` sentence (the lead of a page that dates
    no meeting: 市十七届人大一次会议开幕) may report a meeting of unknown day."""
    sentence = text[start:end]
    # 今天/会后 date a sentence only after a day was named or on a dated page; a speech's
    # `今天,我们召开…` is no report
    dates = [d for d in _DATE_WORD.finditer(sentence)
             if not _STORY_DATE.match(d.group())
             and (d.group() not in RELATIVE_DAYS
                  or (month_day_of(text, start, d, published) is not None and not _SPEAKER.match(sentence, d.end())))]
    if not dates and undated and not _SPEAKER.search(sentence):
        dates = [_NO_DATE.match(sentence)]  # an empty date at the sentence's start: no month-day
    if not dates:
        return []
    results: list[Found] = []
    for pattern in (VERB_FIRST, _WATCHED):
        for match in pattern.finditer(sentence):
            date = _date_before(dates, match.start())
            if date is None:
                continue
            subject = _subject(sentence, date.end(), match) if pattern is VERB_FIRST else ""
            name = unquoted(match.group("name"))
            if pattern is VERB_FIRST and composes(subject, name, match.group("verb")):
                name = subject + name
            if not _is_held(sentence, date, match.start(), match.end("name")):
                continue
            presider = "" if subject or pattern is not VERB_FIRST else _clause_before(sentence, date.end(), match.start())
            for part in split_joined(name):
                found = _found(text, start, end, part, subject, date, match, report, published)
                found.presider = presider
                results.append(found)
    if results:
        results.extend(_held_before(text, start, end, dates, report, published))
    else:
        results.extend(_name_first(text, start, end, dates, report, published))
    results.sort(key=lambda r: r.order)  # in the order the sentence names them
    return [r for r in results if plausible(r.name)]


def _date_before(dates: list[re.Match], position: int) -> re.Match | None:
    before = [d for d in dates if d.end() <= position]
    return before[-1] if before else None


def _subject(sentence: str, begin: int, verb: re.Match) -> str:
    """`6月15日,我县在西配楼301会议室召开` -> 我县; `县委书记毛朝晖主持召开` -> ''."""
    verb_at = verb.start()
    if verb.group("verb").startswith("主持") or _PERSON_TITLE.search(sentence, begin, verb_at):
        return ""  # a person convened it: the subject is no body
    clause = re.split(r"[,,::\s]", sentence[begin:verb_at])[-1]
    clause = re.sub(r"^(?:上午|下午|晚上|早上|中午|晚|\d+[点时](?:\d+分)?|[^\u4e00-\u9fff]+)+", "", clause)
    # 出席市十七届人大一次会议的县代表团举行全体会议: the delegation is the body
    clause = re.sub(r"^出席[^,,的]{2,30}的", "", clause)
    clause = clause.split("在")[0] if not clause.startswith("在") else ""
    return re.sub(rf"(?:{_ADVERBS})+$", "", clause)


def _clause_before(sentence: str, begin: int, verb_at: int) -> str:
    """The clause between the date and the verb: `石牛镇党委书记` in `5月6日,石牛镇党委书记主持召开…`."""
    return re.split(r"[,,::\s]", sentence[begin:verb_at])[-1]


def composes(subject: str, name: str, verb: str) -> bool:
    """`县十七届人大常委会`召开`第二十三次主任会议`, `县政协十一届一次会议`举行`预备会议`,
    `县委常委会`召开`会议`: the subject is part of the name."""
    if not subject or subject in _DEICTIC or not _BODY_END.search(subject):
        return False
    if subject.endswith(("会议", "大会")) or (verb == "举行" and subject.endswith("会")):
        return True  # the subject is itself a meeting: 县…第三次会议(在县电影院)召开大会预备会议
    if names_its_body(name):
        return False  # 沅江市召开2023年第二次市委常委会会议: the name has its own body
    return bool(_ORDINAL_START.match(name)) or name in _RELATIVE_EXACT or name.startswith(_RELATIVE_STARTS)


_DEICTIC = frozenset(load_toml("organizers.toml")["deictic"]["words"])
_RELATIVE_EXACT = frozenset(MARKERS["body_relative_names"]["exact"])
_RELATIVE_STARTS = tuple(MARKERS["body_relative_names"]["starts"])


def _is_held(sentence: str, date: re.Match, verb_at: int, name_end: int) -> bool:
    """Not announced (即将召开, 定于9月29日召开) and not relayed (…会议精神)."""
    clause_start = max(sentence.rfind(ch, 0, verb_at) for ch in ",,;;") + 1
    if _FUTURE.search(sentence, clause_start, verb_at) or _FUTURE.search(sentence[max(0, date.start() - 4) : date.start()]):
        return False
    return not _RELAY_AFTER.match(sentence[name_end:])


def unquoted(name: str) -> str:
    """“三干会” -> 三干会 (the quotes enclose the name), but “两新”组织党建工作座谈会 keeps its
    opening quote (it encloses only a part)."""
    if name[:1] in _CLOSING and _CLOSING[name[0]] not in name[1:]:
        return name[1:]
    return name


_CLOSING = {"“": "”", '"': '"', "「": "」"}


def _held_before(
    text: str, start: int, end: int, dates: list[re.Match], report: int, published: dt.date | None
) -> list[Found]:
    """`7月22日,全省防汛工作视频调度会召开后,我县随即召开…`: the meeting named first was held too."""
    sentence = text[start:end]
    for date in dates:
        clause_start = date.end() + len(_CLAUSE_LEAD.match(sentence, date.end()).group())
        match = _HELD_BEFORE.match(sentence, clause_start)
        if match and _is_held(sentence, date, match.start(), match.end("name")):
            return [_found(text, start, end, match.group("name"), "", date, match, report, published)]
    return []


def split_joined(name: str) -> list[str]:
    """县政府党组(扩大)会议和县十六届第9次政府常务会议 -> the two meetings."""
    parts = _JOINER.split(name)
    return parts if all(p.endswith(("会", "会议")) for p in parts) else [name]


def _name_first(
    text: str, start: int, end: int, dates: list[re.Match], report: int, published: dt.date | None
) -> list[Found]:
    """`8月22日上午,中国共产党衡南县…会议召开` / `…代表大会在…后,于上午胜利闭幕`."""
    sentence = text[start:end]
    for date in reversed(dates):  # the date nearest the name: 12月28日电 (梁宏鑫)今天上午,…
        clause_start = date.end() + len(_CLAUSE_LEAD.match(sentence, date.end()).group())
        at_meeting = _AT_MEETING.match(sentence, clause_start)  # 12月25日,在全县经济工作会议上,…强调
        if at_meeting and _is_held(sentence, date, at_meeting.start(), at_meeting.end("name")):
            return [_found(text, start, end, at_meeting.group("name"), "", date, at_meeting, report, published)]
        place = _PLACE_CLAUSE.match(sentence, clause_start)  # 8月22日上午,在县委礼堂,…会议召开
        if place:
            clause_start = place.end()
        found = _name_then_verb(text, start, end, clause_start, date, dates, report, published)
        if found:
            return found
    # 县委常委会(扩大)会议于3月5日召开: the date after the name, at the start of the sentence or
    # of a clause before the date (经过三天的议程,县…会议于1月10日下午胜利闭幕)
    lead = len(sentence) - len(sentence.lstrip())
    clause_starts = [lead] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, dates[-1].start())]
    for clause_start in clause_starts:
        found = _name_then_verb(text, start, end, clause_start, None, dates, report, published)
        if found:
            return found
    return []


_CLAUSE_BREAK = re.compile(r"[,,]\s*")


def _name_then_verb(text, start, end, clause_start, date, dates, report, published) -> list[Found]:
    sentence = text[start:end]
    match = _NAME_FIRST.match(sentence, clause_start)
    if not match:
        return []
    # a date between the name and its verb is the meeting's (12月28日电 …会议今天上午开幕,
    # …会议于3月5日召开, …会议首次以视频形式 1月3日在拉萨召开)
    held = _HELD_LATER.search(sentence, match.end())
    if not held:
        return []
    dated_after = next((d for d in dates if match.end() <= d.start() < held.start() and d.group()), None)
    if (dated_after or date) is None:
        return []
    if date is None and _FUTURE.search(sentence, 0, held.start()):
        return []  # 会议决定(,)县…第十四次会议于9月29日召开: announced
    date = dated_after or date
    if not _is_held(sentence, date, match.start(), match.end("name")):
        return []
    return [_found(text, start, end, match.group("name"), "", date, match, report, published, held.end())]


# between a date and a name: a dateline's 电/讯 and byline (12月28日电 (记者 次仁)), 上午, 9点, spaces
# or an outlet's 【点新闻报道】 heading the first line
_CLAUSE_LEAD = re.compile(
    r"[电讯]?(?:[(（][^()（）]{0,20}[)）])?(?:【[^】]{1,12}】)?(?:[^\u4e00-\u9fff]|上午|下午|晚上|早上|中午|晚|[点时])*"
)
_PLACE_CLAUSE = re.compile(r"在[^,,。]{1,20}[,,]\s*")
_AT_MEETING = re.compile(rf"在(?P<name>{_NAME_CHARS}{{2,40}}?会议?)上(?=[,,])")


def _found(text, start, end, name, subject, date: re.Match, match: re.Match, report, published,
           verb_end=None) -> Found:
    sentence = text[start:end]
    name = _DURATION.sub("", name)
    md = month_day_of(text, start, date, published)
    # the time of day is written with the date (8月22日上午) or by the verb (于上午胜利闭幕)
    time_text = sentence[date.start() : match.start()] + sentence[match.end() : verb_end or match.end()]
    return Found(name.strip(), subject, (start, end), md, time_text, report, start + match.start("name"))


def plausible(name: str) -> bool:
    """A name, not a clause: no false head (社会, 发布会), no verb inside (召开, 出席 …)."""
    if len(name) < 3 or _FALSE_HEAD.search(name) or _VERB_INSIDE.search(name):
        return False
    return not name.startswith(_NOT_A_NAME_START)


# `我县…` starts a clause about the county, never a meeting's name (全省… may: 全省…视频调度会)
_NOT_A_NAME_START = tuple(w for w in _DEICTIC if not w.startswith("全"))
