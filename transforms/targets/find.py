"""Economic targets: every planned figure with indicator, measure, value, qualifier, year, region.

`2022年全区经济社会发展主要预期目标是:GDP增长8.5%,规模工业增加值增长12%,…。城镇调查失业率低于
全市平均水平` gives one row per indicator and figure, in four steps:

1. statements (transforms/targets/statements.py): every figure (增长8.5%, 300亿元, 7%-8%,
   百分之八点五) and qualitative relation (低于全市平均水平) with the indicator(s) it is about;
2. target or outcome: `classify` (transforms/targets/decision.py), the one place that decides it,
   from the cue lexicon; find_statements gives every figure with its Classification;
3. the target year from the statement (2022年, 今年, 明年, 到2025年), else from its section lead
   (二、2019年工作安排), else from the meeting (or 今年(2024年), the headline, the publication);
4. the region and meeting: those of the meeting whose scope holds the statement.

Cue and year words are read per paragraph by transforms/targets/layout.py. Vocabulary lives in
lexicons/indicators.toml and lexicons/target_cues.toml.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from transforms.shared.dates import parse_metadata_date
from transforms.shared.models import DocumentMetadata, EconomicTargetRow, MeetingRow
from transforms.shared.regions import find_region_mentions
from transforms.shared.width import fold_width
from transforms.targets.decision import (  # noqa: F401 (StatementContext, is_planned: re-exported)
    LAST_PLANNING_MONTH, Classification, StatementContext, admits_other, classify, deciding_cue,
    is_planned,
)
from transforms.targets.layout import Cue, Heading, layout_of, unwrap
from transforms.targets.statements import CLAUSE_BREAK, CUES, Statement, patterns, statements, words

_CLAUSE_END = re.compile(r"[，,；;。！？!?]")
_SCOPE_LEVELS = ("country", "province", "prefecture", "own")
_WIDER_SCOPE = re.compile(
    "|".join(f"(?P<{level}>{words(CUES['scope'][level])})" for level in _SCOPE_LEVELS)
)
_LAST_YEAR = re.compile(words(CUES["outcome"]["last_year"]))
_REPORT = re.compile(patterns(CUES["planned"]["report"]))
_TAIL = re.compile(patterns(CUES["planned"]["tail"]))
_RANKS = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4}
# the headline and lead (paragraphs) where a report without a meeting gives its date
_LEAD_PARAGRAPHS = 3


# ---------------------------------------------------------------------------------------------
# Year, meeting, region


def _target_year(
    years: list[tuple[int, int | None, str]], reference: dt.date | None, section: int | None = None
) -> int | None:
    """The nearest year word before the statement in its paragraph; else the year of its section
    lead (二、2019年工作安排), else the meeting's: one in December plans next year.

    The nearest cue wins: `2024年主要预期目标` under a headline naming 2023 is for 2024. A 今年 or
    明年 that nothing dates leaves the year unknown (an earlier 2022年 is not it)."""
    for _, year, kind in reversed(years):
        if kind == "span":  # 今后五年: no single year
            return None
        if year is None and kind in ("this", "next", "plan"):
            return None
        if year is not None and (reference is None or year >= reference.year):
            return year
    if section is not None:
        return section
    if reference is None:
        return None
    return reference.year + 1 if reference.month == 12 else reference.year


def _section_cues(heading: Heading | None, dated: dt.date | None) -> list[Cue]:
    """A numbered section lead decides for the paragraphs under it: 一、2018年工作回顾 reviews,
    二、2019年工作安排 plans (unless its year is past)."""
    if heading is None or not heading.numbered:
        return []
    if heading.review:
        return [Cue(heading.start, False, "paragraph")]
    if heading.year is not None and (dated is None or heading.year >= dated.year):
        return [Cue(heading.start, True, "paragraph")]
    return []


def _describes(text: str, end: int) -> bool:
    """A figure followed by 的 and a noun (not 的目标) describes it: 总投资35亿元的80项城建工程."""
    return text.startswith("的", end) and not _TAIL.match(text, end)


def _outcome_year(
    years: list[tuple[int, int | None, str]], reference: dt.date | None, cue: Cue | None, text: str
) -> int | None:
    """The year an achieved figure is for: the nearest year word before it (2023年, 今年), else
    去年 / 上年 the year before the meeting's, else the meeting's, or the year before it when the
    meeting is early in the year (过去一年,全县地区生产总值增长7.5% in January)."""
    for _, year, kind in reversed(years):
        return None if kind == "span" else year  # “十三五”期间…年均增长8%: several years
    if reference is None:
        return None
    if cue is not None and cue.end and _LAST_YEAR.search(cue.words(text)):
        return reference.year - 1
    return reference.year - (reference.month <= LAST_PLANNING_MONTH)


def meeting_at(meetings: list[MeetingRow], position: int) -> MeetingRow | None:
    for meeting in meetings:
        if meeting.scope_start <= position < meeting.scope_end:
            return meeting
    return meetings[0] if meetings else None


def _region(meeting: MeetingRow | None, sentence: str, upto: int) -> tuple[str | None, str | None]:
    """The meeting's region, unless the statement itself names another one.

    `sentence[:upto]` leads to the figure; a region counts when no clause ends between it and
    the figure: `某市2023年主要预期目标是:GDP增长7%`, not `要学习昆山市经验,GDP增长7%`.
    """
    lead = sentence[:upto]
    named = [  # read once per sentence (the lookup is cached), kept up to the figure
        m for m in find_region_mentions(sentence)
        if m.end <= upto and m.only() is not None and not _CLAUSE_END.search(lead, m.end)
    ]
    if named and not (meeting and named[-1].written == meeting.region_name):
        return named[-1].written, named[-1].only().code
    if meeting is None:
        return None, None
    # a wider scope than the meeting's: 全国 / 国内生产总值 (a relayed national target), 全省 at a
    # county meeting; its region is the meeting's province or prefecture when known, else NULL
    scopes = [
        m for m in _WIDER_SCOPE.finditer(lead) if not _CLAUSE_END.search(lead, m.end())
    ]
    if scopes:
        level = scopes[-1].lastgroup
        meeting_rank = _RANKS.get(meeting.region_level or "", len(_RANKS))
        if level == "country":
            return None, None
        if level != "own" and _RANKS[level] < meeting_rank and not (
            level == "prefecture" and (meeting.region_name or "").endswith("市")  # 全市 of a city
        ):
            return (meeting.province if level == "province" else meeting.prefecture), None
    return meeting.region_name, meeting.region_code


# ---------------------------------------------------------------------------------------------
# Rows


def _is_strive_effective(text: str, cue: Cue, figure_starts: list[int]) -> bool:
    """力争 reaches on only when a figure follows in its clause (力争实现工业总产值10亿元) or the
    clause opens a list (力争实现以下目标:); not after 在实际工作中争取更好结果;."""
    clause_end = CLAUSE_BREAK.search(text, cue.start)
    if clause_end and clause_end[0] in ":：":
        return True
    end = clause_end.start() if clause_end else len(text)
    i = bisect.bisect_left(figure_starts, cue.start)
    return i < len(figure_starts) and figure_starts[i] < end


@dataclass
class ClassifiedStatement:
    """A statement of the text with what it is (a target, an outcome) and the rows of its figures,
    shaped as core.economic_targets rows whose target_year is the year the figure is for."""

    statement: Statement
    classification: Classification
    rows: list[EconomicTargetRow]


def find_targets(
    text: str, meetings: list[MeetingRow], metadata: DocumentMetadata
) -> list[EconomicTargetRow]:
    """Every planned economic figure of the text, as rows of core.economic_targets."""
    rows: list[EconomicTargetRow] = []
    seen: set[tuple] = set()
    for found in find_statements(text, meetings, metadata):
        if found.classification.kind != "target":
            continue
        for row in found.rows:
            # the same target written twice (GDP增长8% ... 地区生产总值增长8%) is one row
            key = (row.region_name, row.target_year, row.indicator, row.measure, row.value,
                   row.value_high, row.unit, row.relation_text,
                   row.indicator_text if row.indicator == "other" else None)
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def find_statements(
    text: str, meetings: list[MeetingRow], metadata: DocumentMetadata
) -> list[ClassifiedStatement]:
    """Every figure of the text that is a target or an outcome (see classify), in text order.

    Targets keep an unlisted indicator (`other`) only where a target list admits it; outcomes
    keep listed indicators only. An outcome's year is the year word nearest before it, else
    the meeting's (early in the year, a full-year figure is last year's)."""
    written = text
    text = fold_width(text)  # ２０１５年 ＧＤＰ增长８．５％ -> 2015年 GDP增长8.5%, offsets unchanged
    text = unwrap(text)  # 増长 -> 增长; 增长\n15% -> 增长 15%: same length, offsets hold
    layout = layout_of(text)
    found = statements(text, layout.sentence_starts)
    if not found:
        return []
    figure_starts = sorted(item.start for s in found for item in s.items if item.relation is None)
    # 力争 after the indicator is about its own figure alone: 地区生产总值力争增长9%,固定资产投资
    # 增长12%; 确保…增长8%以上、力争达到9%,财政收入增长6%
    local_strive = {
        c.start: s
        for s in found
        for c in layout.cues_between(
            s.lead if s.inherited else min(i.start for i in s.indicators), s.items[0].start,
            s.items[0].start,
        )
        if c.strive
    }
    # the report's date, for a meeting without one: the first full date of its headline and lead
    lead = layout.paragraph_starts[_LEAD_PARAGRAPHS : _LEAD_PARAGRAPHS + 1]
    lead_date = parse_metadata_date(text[: lead[0] if lead else len(text)])
    gloss = layout.gloss_year()
    # a report whose meeting is not named (代市长某某在政府工作报告中提出) reads as a meeting's
    reported = not meetings and bool(_REPORT.search(text))
    result: list[ClassifiedStatement] = []
    for statement in found:
        first = statement.items[0]
        sentence_start, sentence_end = layout.sentence_bounds(first.start)
        paragraph_start = layout.paragraph_start(first.start)
        meeting = meeting_at(meetings, first.start)
        reference = (meeting.meeting_date if meeting else None) or metadata.published_date
        # the lead's date dates the year words (今年) but, unlike a meeting's, decides nothing;
        # 今年(2024年) says itself which year it is; a section lead or headline dates its part
        # when no meeting date does
        dated = reference or lead_date
        if gloss and (dated is None or dated.year != gloss):
            dated = dt.date(gloss, 1, 1)
            if reference and not (meeting and meeting.meeting_date):
                reference = dated  # a repost's publication date is not the text's 今年
        heading = layout.heading_at(first.start)
        section = None if heading is None or heading.review else heading.year
        if meeting and meeting.meeting_date:
            section = None
        elif section and heading.meeting and meeting and (meeting.month_day or "").startswith("12"):
            section += 1  # 2023年全县经济工作会议召开 on 12-20 plans 2024
        if dated is None and section:
            dated = dt.date(section, 1, 1)
        years = layout.years_between(paragraph_start, first.start, dated, first.start)
        clause_end = CLAUSE_BREAK.search(text, first.end)
        context = StatementContext(
            paragraph_cues=_section_cues(heading, dated)
            + layout.cues_between(paragraph_start, sentence_start, first.start),
            sentence_cues=layout.cues_between(sentence_start, first.start, first.start),
            # the year words of its paragraph, up to it: 今年工作的总体要求是:…。全县地区生产总值增长7%
            years_before=[(p, y) for p, y, kind in years if y is not None and kind != "span"],
            periods_before=[(p, y) for p, y, kind in years if p >= sentence_start and kind == "span" and y],
            tail=text[first.end : clause_end.start() if clause_end else len(text)],
            reference=reference,
            strict=meeting is None and not reported,
        )
        classification = classify(context, text)
        if classification is None:
            continue
        strive_at = [
            c.start for c in layout.cues_between(sentence_start, sentence_end, first.start)
            if c.strive and local_strive.get(c.start, statement) is statement
            and _is_strive_effective(text, c, figure_starts)
        ]
        if classification.kind == "outcome":
            year = _outcome_year(years, dated, deciding_cue(context), text)
        else:
            year = _target_year(years, dated, section)
        planned = classification.kind == "target"
        if planned and year is None and dated is None and all(kind != "span" for _, _, kind in years):
            # no date to go by: a year named later in the sentence (力争全年…增长6.5%,
            # 全力完成2023年各项目标任务)
            later = layout.years_between(first.end, sentence_end, None, first.start)
            year = next((y for _, y, kind in later if kind == "explicit"), None)
        region_name, region_code = _region(
            meeting, text[sentence_start:sentence_end], first.start - sentence_start
        )
        # …an unlisted one, unless its figure describes a thing (实施总投资35亿元的80项工程)
        other = planned and admits_other(context) and not _describes(text, first.end)
        rows = [
            row for row in _rows(statement, strive_at, meeting, region_name, region_code, year, written)
            if row.indicator != "other" or other
        ]
        if rows:
            result.append(ClassifiedStatement(statement, classification, rows))
    return result


def _rows(
    statement: Statement,
    strive_at: list[int],
    meeting: MeetingRow | None,
    region_name: str | None,
    region_code: str | None,
    year: int | None,
    written: str,
) -> list[EconomicTargetRow]:
    """The rows of one planned statement; `written` is the text before full-width folding."""
    rows = []
    for indicator, item, measure, sign in statement.readings():
        qualifier = item.qualifier
        if qualifier is None and measure != "qualitative":
            if statement.is_capped():
                qualifier = "at_most"  # 控制在4.5%
            elif any(p < item.start for p in strive_at):
                qualifier = "strive"
        rows.append(
            EconomicTargetRow(
                meeting_id=(meeting.meeting_id or None) if meeting else None,
                region_name=region_name,
                region_code=region_code,
                target_year=year,
                indicator=indicator.code,
                indicator_text=_as_written(written, indicator.start, indicator.text),
                measure=measure,
                value=None if item.value is None else sign * item.value,
                value_high=None if item.value_high is None else sign * item.value_high,
                unit=item.unit,
                qualifier=qualifier,
                relation_text=item.relation,
                span_start=min(indicator.start, item.start),
                span_end=max(item.end, indicator.start + len(indicator.text)),
            )
        )
    return rows


def _as_written(written: str, start: int, folded: str) -> str:
    """The indicator as the text writes it: ＧＤＰ where the folded text reads GDP."""
    original = written[start : start + len(folded)]
    if original == folded:
        return folded
    return original if fold_width(original) == folded else folded
