"""Planned or achieved: the one place that decides what a figure of a report is.

A figure is a `target` (主要预期目标是:地区生产总值增长8%) or an `outcome` (2023年,全县地区生产总值
增长6.5%; 初步统计; 预计全年; 上半年…), decided from the cues before it (read per paragraph by
transforms/targets/layout.py): the last strong cue decides. targets.find_statements gives every
figure with its Classification; core.economic_targets takes the targets.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from transforms.targets.layout import Cue
from transforms.targets.statements import CUES, patterns, words

_TAIL = re.compile(patterns(CUES["planned"]["tail"]))
# early in the year a figure for the whole of it can only be a plan: 今年全区地区生产总值增长8%
LAST_PLANNING_MONTH = 4

@dataclass(frozen=True)
class StatementContext:
    """What is known around one statement when deciding whether it is a target."""

    paragraph_cues: list[Cue]  # cues of the earlier sentences of its paragraph
    sentence_cues: list[Cue]  # cues of its own sentence, before it
    years_before: list[tuple[int, int]]  # (position, year) of 2021年 / 今年 / 明年 in its sentence
    tail: str  # the rest of its clause: 增长8%的目标
    reference: dt.date | None  # the date of the meeting (or of publication)
    strict: bool  # no meeting in the document: trust only the strong cues
    # (position, last year) of a numbered plan period in its sentence: “十三五”期间 -> 2020
    periods_before: list[tuple[int, int]] = field(default_factory=list)


def is_planned(context: StatementContext) -> bool:
    """A planned figure (a target), not an achieved or estimated one.

    The last strong cue decides: `主要预期目标是:` and `力争` plan; `上半年`, `1-10月份`, `预计全年`,
    `去年` and a past year (`2021年,全镇实现…` at a 2022 meeting) report; a later year plans, and so
    does the current one early in the year. Without a strong cue, `…增长8%的目标` plans unless
    `同比`/`完成` stands before it; otherwise a figure is not a target.
    """
    cue = deciding_cue(context)
    if cue is not None:
        return cue.planned
    if context.strict or any(c.reach == "weak" for c in context.sentence_cues):
        return False
    return bool(_TAIL.match(context.tail))


@dataclass(frozen=True)
class Classification:
    """What a figure of a report is: a `target` (planned) or an `outcome` (achieved, estimated),
    the outcome's basis (`reported` 实现/完成, `preliminary` 初步统计, `estimated` 预计全年) and
    period (`year`, `half` 上半年, `quarter` 一季度, `months` 1-10月, `other` 今年以来)."""

    kind: str  # target | outcome
    basis: str | None = None
    period: str = "year"
    period_text: str | None = None  # the cue as written: 上半年, 1-10月 (None for a full year)


_BASIS = [(basis, re.compile(words(w))) for basis, w in CUES["outcome"]["basis"].items()]
_PERIOD = [(period, re.compile(words(w))) for period, w in CUES["outcome"]["period"].items()]


def classify(context: StatementContext, text: str) -> Classification | None:
    """A target or an outcome, decided as is_planned decides; None for a figure that is neither
    (该项目计划总投资50亿元 without a lead-in, a figure with no cue at all).

    `初步统计,全县实现地区生产总值320亿元` -> outcome, preliminary; `上半年,全市地区生产总值增长
    5.8%` -> outcome, reported, half; `预计全年…增长6%` -> outcome, estimated."""
    if is_planned(context):
        return Classification("target")
    cue = deciding_cue(context)
    weak = [c for c in context.sentence_cues if c.reach == "weak"]  # 完成…同比增长8%
    if cue is None and not weak:
        return None
    achieved = [c for c in _strong_cues(context) + weak if not c.planned]
    cue_words = [c.words(text) for c in reversed(achieved) if c.end]  # the nearest first
    basis = next((b for w in cue_words for b, p in _BASIS if p.search(w)), "reported")
    for period, pattern in _PERIOD:
        written = next((w for w in cue_words if pattern.search(w)), None)
        if written:
            return Classification("outcome", basis, period, written)
    return Classification("outcome", basis)


def deciding_cue(context: StatementContext) -> Cue | None:
    """The last strong cue before the statement (see is_planned), None when there is none."""
    cues = _strong_cues(context)
    return max(cues, key=lambda c: c.start) if cues else None


def admits_other(context: StatementContext) -> bool:
    """An unlisted indicator (`other`) counts: a target-list lead-in, 力争 or 到2025年 decides, or
    stands earlier in the sentence with no review cue since.

    `主要目标是:努力实现地区生产总值增长13%,财政总收入增长15%`: 努力实现 decides and the lead-in
    before it makes 财政总收入 a target; `该项目计划总投资50亿元` has nothing of the kind.
    """
    cue = deciding_cue(context)
    if cue is None or not cue.planned:
        return False
    if cue.admits_other:
        return True
    own = [c for c in _strong_cues(context) if c not in context.paragraph_cues]
    last_review = max((i for i, c in enumerate(own) if not c.planned), default=-1)
    return any(c.admits_other for c in own[last_review + 1 :])


def _strong_cues(context: StatementContext) -> list[Cue]:
    strong = [c for c in context.paragraph_cues if c.reach == "paragraph"]
    strong += [
        c for c in context.sentence_cues
        if c.reach in ("paragraph", "sentence") or (c.reach == "loose" and not context.strict)
    ]
    if context.reference is not None:
        ref = context.reference
        for position, year in context.years_before:
            if year != ref.year or ref.month <= LAST_PLANNING_MONTH:
                strong.append(Cue(position, year >= ref.year, "sentence"))
        # a plan period still ahead plans (“十四五”时期 in 2020, “十三五”期间 in 2016); one that
        # has run out reviews (“十三五”期间 in December 2020)
        for position, last_year in context.periods_before:
            ahead = last_year > ref.year
            strong.append(Cue(position, ahead, "sentence", admits_other=ahead))
    return sorted(strong, key=lambda c: c.start)
