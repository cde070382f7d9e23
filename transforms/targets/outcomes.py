"""Economic outcomes: the achieved, preliminary and estimated figures, which are not targets.

`初步统计,2023年全县地区生产总值增长6.1%` at a January 2024 meeting -> gdp, growth_pct 6.1, year
2023, basis preliminary; `上半年,全县规模工业增加值增长5.2%` at a July meeting -> period half
(上半年) of that year; `预计全年地区生产总值增长6%` at a December meeting -> basis estimated.

The figures and their indicators are the targets extractor's statements
(target_statements.statements) and the cues per paragraph its layout (target_layout.layout_of);
the decision is made here, from positive evidence only (`is_outcome`): a figure without a
reviewing cue is neither a target nor an outcome. transforms/document/extract.py drops any outcome whose
figure is also a target, so that no figure is both. Vocabulary: lexicons/outcome_cues.toml
(period, basis, 去年) and lexicons/target_cues.toml (the cues, the scope words).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms.shared.dates import parse_metadata_date
from transforms.shared.models import DocumentMetadata, EconomicOutcomeRow, EconomicTargetRow, MeetingRow
from transforms.shared.regex_first import fast
from transforms.shared.regions import find_region_mentions
from transforms.shared.width import fold_width
from transforms.shared.lexicon import load_toml
from transforms.targets.find import meeting_at
from transforms.targets.layout import Cue, Layout, layout_of, unwrap
from transforms.targets.statements import CLAUSE_BREAK, CUES, Statement, patterns, statements, words

OUTCOME_CUES = load_toml("outcome_cues.toml")

_PERIOD_KINDS = ("half", "quarter", "months", "other", "years", "year")
_PERIOD = fast("|".join(f"(?P<{kind}>{patterns(OUTCOME_CUES['period'][kind])})" for kind in _PERIOD_KINDS))
_ESTIMATED = fast(patterns(OUTCOME_CUES["basis"]["estimated"]))
_PRELIMINARY = fast(patterns(OUTCOME_CUES["basis"]["preliminary"]))
_LAST_YEAR = fast(patterns(OUTCOME_CUES["years"]["last"]))
# `…增长8%的目标` names a target, even in a review (完成了增长8%的目标): its figure is no outcome
_TARGET_TAIL = re.compile(patterns(CUES["planned"]["tail"]))
_CLAUSE_END = re.compile(r"[，,；;。！？!?]")
_SCOPE_LEVELS = ("country", "province", "prefecture", "own")
_WIDER_SCOPE = re.compile("|".join(f"(?P<{level}>{words(CUES['scope'][level])})" for level in _SCOPE_LEVELS))
_SCOPE_RANKS = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4}
# early in the year the current year's whole-year figure is a plan (as targets.py reads it)
_LAST_PLANNING_MONTH = 4
# a whole-year figure without its year: in the first months the meeting reviews the year before
# (一年来, 初步统计 in January), in December the year ending (全年实现…); between, a reader can't know
_REVIEW_MONTHS = 3
_LEAD_PARAGRAPHS = 3  # the headline and lead, where a report without a meeting gives its date


# ---------------------------------------------------------------------------------------------
# Outcome or not: positive evidence only


def is_outcome(paragraph_cues: list[Cue], sentence_cues: list[Cue], years_before: list[tuple[int, int | None, str]],
               reference: dt.date | None, tail: str, qualified: bool = False) -> bool:
    """An achieved, preliminary or estimated figure: the last strong cue before it reviews.

    Strong cues are those of target_cues.toml that reach the figure (初步统计, 去年, 今年以来 reach
    on through the paragraph; 上半年, 1-10月, 预计, 实现了 only their own sentence) and, against the
    meeting's date, its sentence's years: an earlier one reviews (2022年 at a 2023 meeting), a
    later one plans, and so does the current one early in the year. Weak cues (同比, 完成) decide
    nothing (全年GDP同比增长8% may be either), nor does a plan word earlier in the sentence lose
    to a period after it (确保上半年地区生产总值增长6% is a plan for the half year). A figure
    written with its own qualifier (增长6.5%左右, 8%以上), the way targets are, needs the cue in its
    own sentence: `去年,全县经济平稳增长。会议强调,地区生产总值增长6.5%左右` is no review.
    """
    if _TARGET_TAIL.match(tail):
        return False
    cues = [c for c in paragraph_cues if c.reach == "paragraph"]
    own = [c for c in sentence_cues if c.reach in ("paragraph", "sentence", "loose")]
    if any(c.planned for c in own):
        return False
    if reference is not None:  # a year decides only when it is the last cue: 2024年1-2月 reviews
        for position, year, kind in years_before:
            if year is None:
                continue
            if kind == "span" or year != reference.year or reference.month <= _LAST_PLANNING_MONTH:
                # a plan period that has run out reviews too (“十三五”期间 in 2021)
                own.append(Cue(position, year >= reference.year, "sentence"))
    deciding = max(own if qualified else cues + own, key=lambda c: c.start, default=None)
    return deciding is not None and not deciding.planned


def _basis_cues(text: str, start: int, end: int) -> list[Cue]:
    """The basis words of outcome_cues.toml in [start, end) as reviewing cues: 初步测算 reaches on
    through its paragraph, 预估 its sentence (target_cues.toml may lack them)."""
    return sorted([Cue(m.start(), False, "paragraph") for m in _PRELIMINARY.finditer(text, start, end)]
                  + [Cue(m.start(), False, "sentence") for m in _ESTIMATED.finditer(text, start, end)],
                  key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------
# Period, year, basis


@dataclass(frozen=True)
class Timing:
    """When a figure is for and how final it is."""

    period: str
    period_text: str | None
    period_year: int | None
    basis: str


def timing(layout: Layout, sentence_start: int, paragraph_start: int, at: int, dated: dt.date | None) -> Timing:
    """The period, year and basis of a figure at `at`.

    Period: the last period word before the figure in its paragraph (上半年, 1-10月 …), unless a
    year word stands after it (2023年, 去年, 全年: the whole year); none: the whole year. Year: the
    last year word before it in its paragraph that is not a plan's, else the meeting's. Basis: 预计 in its sentence
    (estimated), 初步统计 in its paragraph (preliminary), else reported.
    """
    text = layout.text
    # a plan's year (a later one; the current one early in the year: 2024年全县地区生产总值增长6.5%左右
    # at a January 2024 meeting, earlier in the paragraph) never dates an outcome
    years = [(p, y) for p, y, k in layout.years_between(paragraph_start, at, dated, at)
             if k != "span" and (y is None or dated is None or y < dated.year
                                 or (y == dated.year and dated.month > _LAST_PLANNING_MONTH))]
    years += [(m.start(), dated.year - 1 if dated else None) for m in _LAST_YEAR.finditer(text, paragraph_start, at)]
    year_at, year = max(years, default=(-1, None))
    periods = list(_PERIOD.finditer(text, paragraph_start, at))
    # 初步统计,1-10月份,全县完成工业增加值31.4亿元。完成固定资产投资126.6亿元: still 1-10月
    period_match = periods[-1] if periods and periods[-1].start() > year_at else None
    kind = period_match.lastgroup if period_match else "year"
    estimated = _ESTIMATED.search(text, sentence_start, at) is not None
    basis = "estimated" if estimated else (
        "preliminary" if _PRELIMINARY.search(text, paragraph_start, at) else "reported")
    if kind == "years":  # 五年来, “十三五”期间: no single year
        return Timing("other", period_match[0], None, basis)
    period = "year" if kind == "year" else kind
    period_text = None if period == "year" else period_match[0]
    if year is None and dated is not None:
        if period != "year":  # 上半年 at a July meeting: this year's
            year = dated.year
        elif dated.month <= _REVIEW_MONTHS:
            year = dated.year - 1
        elif estimated or dated.month == 12:
            year = dated.year
    return Timing(period, period_text, year, basis)


# ---------------------------------------------------------------------------------------------
# Meeting and region (the rules of targets.py: the meeting's region unless the clause names another)


def _region(meeting: MeetingRow | None, sentence: str, upto: int) -> tuple[str | None, str | None]:
    """The region a figure at sentence[upto] is for: one named before it in its clause
    (`衡南县上半年地区生产总值增长5%`), a wider scope (`全省…`, at a county meeting: its province, no
    code; `全国`: none), else the meeting's."""
    lead = sentence[:upto]
    named = [m for m in find_region_mentions(sentence)
             if m.end <= upto and m.only() is not None and not _CLAUSE_END.search(lead, m.end)]
    if named and not (meeting and named[-1].written == meeting.region_name):
        return named[-1].written, named[-1].only().code
    if meeting is None:
        return None, None
    scopes = [m for m in _WIDER_SCOPE.finditer(lead) if not _CLAUSE_END.search(lead, m.end())]
    if scopes:
        level = scopes[-1].lastgroup
        if level == "country":
            return None, None
        meeting_rank = _SCOPE_RANKS.get(meeting.region_level or "", len(_SCOPE_RANKS))
        if level != "own" and _SCOPE_RANKS[level] < meeting_rank and not (
            level == "prefecture" and (meeting.region_name or "").endswith("市")  # 全市 of a city
        ):
            return (meeting.province if level == "province" else meeting.prefecture), None
    return meeting.region_name, meeting.region_code


# ---------------------------------------------------------------------------------------------
# Rows


def find_outcomes(text: str, meetings: list[MeetingRow], metadata: DocumentMetadata) -> list[EconomicOutcomeRow]:
    """Every achieved, preliminary or estimated economic figure of the text, as rows of core.economic_outcomes."""
    written = text
    text = unwrap(fold_width(text))  # as targets read it: ２０２３年 -> 2023年, 増长 -> 增长, offsets unchanged
    layout = layout_of(text)
    found = statements(text, layout.sentence_starts)
    if not found:
        return []
    lead = layout.paragraph_starts[_LEAD_PARAGRAPHS : _LEAD_PARAGRAPHS + 1]
    lead_date = None if meetings else parse_metadata_date(text[: lead[0] if lead else len(text)])
    rows: list[EconomicOutcomeRow] = []
    seen: set[tuple] = set()
    for statement in found:
        first = statement.items[0]
        if first.relation is not None:
            continue  # 完成市定目标: no figure
        sentence_start, sentence_end = layout.sentence_bounds(first.start)
        paragraph_start = layout.paragraph_start(first.start)
        meeting = meeting_at(meetings, first.start)
        reference = (meeting.meeting_date if meeting else None) or metadata.published_date
        dated = reference or lead_date
        clause_end = CLAUSE_BREAK.search(text, first.end)
        years = layout.years_between(sentence_start, first.start, reference, first.start)
        paragraph_cues = layout.cues_between(paragraph_start, sentence_start, first.start)
        sentence_cues = layout.cues_between(sentence_start, first.start, first.start)
        if not is_outcome(paragraph_cues + _basis_cues(text, paragraph_start, sentence_start),
                          sentence_cues + _basis_cues(text, sentence_start, first.start),
                          years, reference, text[first.end : clause_end.start() if clause_end else len(text)],
                          qualified=first.qualifier is not None):
            continue
        when = timing(layout, sentence_start, paragraph_start, first.start, dated)
        region_name, region_code = _region(meeting, text[sentence_start:sentence_end], first.start - sentence_start)
        for row in _rows(statement, meeting, region_name, region_code, when, written):
            key = (row.region_name, row.period_year, row.period, row.period_text, row.basis, row.indicator,
                   row.measure, row.value, row.value_high, row.unit)
            if key not in seen:  # the same figure written twice (GDP增长6% … 地区生产总值增长6%)
                seen.add(key)
                rows.append(row)
    return rows


def _rows(statement: Statement, meeting: MeetingRow | None, region_name: str | None, region_code: str | None,
          when: Timing, written: str) -> list[EconomicOutcomeRow]:
    rows = []
    for indicator, item, measure, sign in statement.readings():
        # an unlisted indicator is left out: in a review it is mostly a part of a listed one
        # (其中规上企业增长11.3%, 临空园区18.2亿元) or a project's (已完成投资5亿元)
        if indicator.code == "other" or measure == "qualitative" or item.value is None:
            continue
        rows.append(EconomicOutcomeRow(
            meeting_id=(meeting.meeting_id or None) if meeting else None,
            region_name=region_name,
            region_code=region_code,
            period_year=when.period_year,
            period=when.period,
            period_text=when.period_text,
            basis=when.basis,
            indicator=indicator.code,
            indicator_text=_as_written(written, indicator.start, indicator.text),
            measure=measure,
            value=sign * item.value,
            value_high=None if item.value_high is None else sign * item.value_high,
            unit=item.unit,
            span_start=min(indicator.start, item.start),
            span_end=item.end,
        ))
    return rows


def _as_written(written: str, start: int, folded: str) -> str:
    """The indicator as the text writes it: ＧＤＰ where the folded text reads GDP."""
    original = written[start : start + len(folded)]
    return original if fold_width(original) == folded else folded


def without_targets(outcomes: list[EconomicOutcomeRow], targets: list[EconomicTargetRow]) -> list[EconomicOutcomeRow]:
    """The outcomes whose figure is no target's: a figure is one or the other, never both (where
    the two readings disagree, the targets extractor's stands and the figure is no outcome)."""
    target_figures = {t.span_end for t in targets}
    return [o for o in outcomes if o.span_end not in target_figures]
