"""Meetings: find each meeting an article reports, with its name, kinds, body, region, 届/次, date.

The page is read report by report (a second one starts at 又讯), sentence by sentence, until the
article's credits or related headlines; only sentences with a meeting verb are read, and
transforms/meetings/sentences.py says which meetings each reports. A page that dates no meeting
is read in its lead (first sentence, then headline) for a sitting named by its 届/次, of unknown
day (市十七届人大一次会议开幕). Fiction has no meetings. A
headline naming the same meeting more fully (雁峰区委五届四次全会… over 区委五届四次全会…) gives
the name. Each meeting then gets its fields: kinds, body, 届/次 and format from its name
(meeting_fields.py), its region (meeting_region.py), its date and year (dates.py).
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from transforms.meetings import region as meeting_region
from transforms.shared import regions
from transforms.shared.dates import date_near, headline_date, parse_metadata_date, resolve_date, time_of_day
from transforms.meetings.fields import (
    expanded,
    kinds_of,
    level_char_of,
    meeting_format,
    organizer_of,
    term_and_session,
)
from transforms.meetings.sentences import (
    AFTER_VERBS,
    MARKERS,
    VERB_FIRST,
    Found,
    composes,
    meetings_in_sentence,
    plausible,
    split_joined,
    unquoted,
)
from transforms.shared.models import DocumentMetadata, MeetingRow
from transforms.shared.lexicon import alternation

_END_LINE = re.compile(
    rf"(?m)^[ \t\u3000]*(?:{alternation(MARKERS['article_end']['line_starts'])})"
    rf"|(?:{alternation(MARKERS['article_end']['line_ends'])})[ \t\u3000]*$"
)
_REPORT_START = re.compile(alternation(MARKERS["report_starts"]["words"]))
_FICTION = re.compile("|".join(MARKERS["fiction"]["line_patterns"]), re.M)
_CHAPTER_MARK = MARKERS["fiction"]["chapter_mark"]
_HEADLINE_VERBS = re.compile(rf"(?:{AFTER_VERBS})$")
_SPACE = re.compile(r"\s")


def find_meetings(text: str, metadata: DocumentMetadata) -> list[MeetingRow]:
    """One MeetingRow per meeting the article reports (ids are filled by the caller)."""
    if _CHAPTER_MARK in text and _FICTION.search(text):  # the test of one character spares a scan
        return []
    reports = _reports(text)
    # the publication date: the metadata's, or a full date in a page header the normalizer kept
    first_sentence = text.find("。")
    header_end = text.rfind("\n", 0, first_sentence) + 1 if first_sentence > 0 else 0
    published = metadata.published_date or parse_metadata_date(text[:header_end])
    ends = _ArticleEnds(text)
    found = [f for i, (start, end) in enumerate(reports) for f in _find_in(text, start, end, i, published, ends)]
    if not found:
        found = _undated_lead(text, published)
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
        rows.append(_row(text, item, reports[item.report], headline, "\n".join(headline_lines), published, ends))
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


def _undated_lead(text: str, published: dt.date | None) -> list[Found]:
    """A page that dates no meeting may still report one in its lead: the first full sentence
    (广东省十四届人大二次会议今日(23日)上午开幕。), else the headline lines above it
    (市十七届人大一次会议开幕 孙述涛宣布大会开幕); the day stays unknown."""
    first_stop = text.find("。")
    if first_stop < 0:
        return []
    lead_start = _sentence_start(text, 0, first_stop)
    lines = [(lead_start, first_stop)]
    line_end = lead_start
    while line_end > 0:  # the short lines above, nearest first
        line_start = text.rfind("\n", 0, line_end - 1) + 1
        if line_end - line_start <= _HEADLINE_MAX:
            lines.append((line_start, line_end))
        line_end = line_start
    for start, end in lines:
        if _RULE_WORDS.search(text, start, end) or _AFTERWARDS.search(text, start, end):
            continue
        found = [f for f in meetings_in_sentence(text, start, end, 0, published, undated=True) if _definite(f.name)]
        if found:
            return found
    return []


_HEADLINE_MAX = 60
_RULE_WORDS = re.compile(alternation(MARKERS["undated_lead"]["rule_words"]))
# `…胜利闭幕后,各乡镇迅速掀起学习热潮`: what follows a meeting, not the meeting
_AFTERWARDS = re.compile(rf"(?:{AFTER_VERBS})(?:之|以)?后")
# 第23次常务会议, 十四届人大二次会议, 五届四次全会 (第X次 in a template is none)
_DESIGNATION = re.compile(r"第?[0-9一二三四五六七八九十百]+[届次]")


def _definite(name: str) -> bool:
    """A name that says which sitting it is: 第23次…, 十四届人大二次会议 (a fiction's lead,
    第二天一早,县委书记…主持召开县委常委会会议, names none)."""
    return bool(_DESIGNATION.search(name))


def _sentence_start(text: str, low: int, position: int) -> int:
    """Where the sentence around `position` starts: after the last 。;!? or line break, but a line
    broken after a comma or 、 goes on (print layout: `1月22日下午,省委、\n省政府在西安举行…`)."""
    start = max(text.rfind(ch, low, position) for ch in "。;;!!??\n") + 1
    while start > low + 1 and text[start - 1] == "\n" and text[start - 2] in ",,、":
        start = max(text.rfind(ch, low, start - 1) for ch in "。;;!!??\n") + 1
    return max(start, low)


class _ArticleEnds:
    """The credits and related-headlines lines of one text, found in one scan instead of one search
    to the end of the text per meeting sentence."""

    def __init__(self, text: str):
        self.text = text
        self.spans = [m.span() for m in _END_LINE.finditer(text)]
        self.starts = [start for start, _ in self.spans]

    def after(self, position: int) -> int:
        """Where the first such line after `position` starts (the end of the text if none does)."""
        i = bisect_left(self.starts, position)
        if i and position < self.spans[i - 1][1]:  # inside a line the scan took whole: search again
            match = _END_LINE.search(self.text, position)
            return match.start() if match else len(self.text)
        return self.starts[i] if i < len(self.starts) else len(self.text)


def _find_in(text: str, start: int, end: int, report: int, published: dt.date | None,
             ends: _ArticleEnds) -> list[Found]:
    """The meetings reported in text[start:end]: only sentences with a meeting verb are read."""
    found: list[Found] = []
    sentence_end = start
    for verb in _ANY_VERB.finditer(text, start, end):
        if verb.start() >= end:
            break  # past the article's end: credits, related headlines
        if verb.start() < sentence_end:
            continue  # this sentence was read already
        sentence_start = _sentence_start(text, start, verb.start())
        sentence_end = _SENTENCE_END.search(text, verb.end(), end)
        sentence_end = sentence_end.start() if sentence_end else end
        found.extend(meetings_in_sentence(text, sentence_start, sentence_end, report, published))
        if found:
            end = min(end, ends.after(sentence_end))
    return found


_ANY_VERB = re.compile(
    alternation(
        MARKERS["verbs"]["before_name"] + MARKERS["verbs"]["after_name"] + MARKERS["verbs"]["watched"]
        + MARKERS["verbs"]["at_meeting"]
    )
)
_SENTENCE_END = re.compile(r"[。;;!!??\n]")


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
        match = VERB_FIRST.search(line + "。")
        if match:
            subject = line[: match.start()]
            name = unquoted(match.group("name"))
            name = subject + name if composes(subject, name, match.group("verb")) else name
            names.extend(split_joined(name))  # 海淀区委召开常委会会议和…第五次会议: two names
        elif line.endswith(("会", "会议")):
            names.append(line)
    return names


def _prefer_headline(name: str, headline: list[str]) -> str:
    """The headline's fuller form of the same name (区委五届四次全会… -> 雁峰区委五届四次全会…)."""
    for candidate in headline:
        # `…主席会议 确定12月8日召开…常委会议`: two headlines on one line are no name
        if candidate != name and name in candidate and plausible(candidate) and not _SPACE.search(candidate):
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


# 上午9点,孙述涛宣布大会开幕 / 大会于下午3时闭幕: when the report's own sentence gives no time
_OPENING_TIME = re.compile(r"(?:上午|下午|晚上)(?=[0-9一二三四五六七八九十]{1,3}[点时][^。;;]{0,24}(?:开幕|闭幕))")


def _opening_time(scope: str):
    match = _OPENING_TIME.search(scope)
    return time_of_day(match.group()) if match else None


def _row(text, item: Found, report: tuple[int, int], headline, headline_text, published,
         ends: _ArticleEnds) -> MeetingRow:
    name = _prefer_headline(item.name, headline)
    scope_start = text.rfind("\n", report[0], item.sentence[0]) + 1 or report[0]
    scope_end = min(report[1], ends.after(item.sentence[1]))
    scope = text[scope_start:scope_end]
    kinds = kinds_of(name)
    # a township's secretary presided (石牛镇党委书记主持召开…): the township is the body's place
    place = item.subject or (item.presider if meeting_region.township_of(item.presider) else "")
    level_char = level_char_of(name, place, scope)
    organizer = organizer_of(name, item.subject, kinds, level_char)
    # the headline may name the region the body leaves implicit (衡南县召开… / 8月22日,县委召开…)
    region = meeting_region.resolve_region(name, place, headline_text + "\n" + scope, level_char, organizer)
    term, session = term_and_session(name)
    sentence = text[item.sentence[0] : item.sentence[1]]
    meeting_date, basis = resolve_date(item.date, published, name, sentence, scope)
    if basis == "unknown" and item.date:  # 2024年县委召开第一次常委会会议 over 1月8日,县委召开…
        meeting_date, basis = headline_date(item.date, headline, headline_text)
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
        time_of_day=time_of_day(item.time_text) or _opening_time(scope),
        span_start=span_start,
        span_end=span_end + (0 < len(text[span_end : span_end + 1]) and text[span_end] in "。;;!!??"),
        scope_start=scope_start,
        scope_end=scope_end,
    )
