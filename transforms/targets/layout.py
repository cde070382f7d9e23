"""The layout of a text for target finding: sentences, paragraphs and, per paragraph, the cue
words (预期目标是, 力争, 1-10月 …) and year words (2022年, 今年, “十四五”时期) read once.

Read by transforms/targets/find.py, which decides from them whether a figure is planned.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass, field

from transforms.shared.numerals import parse_chinese_number
from transforms.shared.regex_first import fast
from transforms.targets.statements import CUES, patterns, words

_CUE_KINDS = {  # regex group (lexicon section_list) -> (planned?, reach, strive?, admits other?)
    "achieved_sentence": (False, "sentence", False, False),
    "achieved_paragraph": (False, "paragraph", False, False),
    "achieved_weak": (False, "weak", False, False),
    "planned_paragraph": (True, "paragraph", False, True),
    "planned_horizon": (True, "sentence", False, True),
    "planned_sentence": (True, "sentence", False, False),
    "planned_strive": (True, "sentence", True, True),
    "planned_loose": (True, "loose", False, False),
}
_CUE = fast(
    "|".join(f"(?P<{name}>{patterns(CUES[name.split('_')[0]][name.split('_')[1]])})" for name in _CUE_KINDS)
)
_YEAR = fast(  # 2022年, 二〇二二年 (not 比2020年, a baseline, nor 2022年3月5日, a date)
    r"(?<![比较与\d〇○零一二三四五六七八九])"
    r"(?P<explicit>(?:19|20)\d{2}|[一二][〇○零九][〇○零一二三四五六七八九]{2})\s*年"
    r"(?!\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    rf"|(?P<this>{words(CUES['years']['this'])})(?!以来)"
    rf"|(?P<next>{words(CUES['years']['next'])})"
    rf"|(?P<plan>{words(CUES['years']['plan'])})"
    rf"|(?P<end>{patterns(CUES['years']['end'])})"
    rf"|(?P<span>{patterns(CUES['years']['span'])})"
)
# 今年(2024年): the text itself says which year 今年 is
_GLOSS = re.compile(rf"(?:{words(CUES['years']['this'])})\s*[(（]\s*((?:19|20)\d{{2}})\s*年?\s*[)）]")
# a section lead or headline: a short line naming a year and what part of the work it is about
# (二、2019年工作安排; 政府工作报告提出:2010年漳州经济社会发展预期目标), not a review (2018年工作回顾)
_HEADING_MAX = 40
_HEADING = re.compile(
    rf"^[^。！？!?]*?(?P<year>(?:19|20)\d{{2}})\s*年(?![\d一二三四五六七八九十]{{1,2}}月)[^。！？!?]*?"
    rf"(?:{patterns(CUES['years']['heading_plan'])})[^。！？!?]*$"
)
_HEADING_REVIEW = re.compile(patterns(CUES["years"]["heading_review"]))
_HEADING_MEETING = re.compile(words(CUES["years"]["heading_meeting"]))
# 一、 (二) 3. 第四部分: a numbered section lead
_ENUMERATOR = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|第[一二三四五六七八九十]+部分")
_SENTENCE_INSIDE = re.compile(r"[。！？!?；;]")
# a line break inside a figure: 财政总收入增长\n15% (crawled print layouts)
_BEFORE_FIGURE = re.compile(rf"(?:[\d.．]|{patterns(CUES['measure']['connectors'])})$")
_FIGURE_GOES_ON = re.compile(r"[\d.．%％]")
_SENTENCE_FINAL = "。！？!?；;：:”」"
_VARIANTS = str.maketrans(CUES["variants"])
_ANY_VARIANT = re.compile(f"[{''.join(CUES['variants'])}]")
_WRAPPED_MIN = 12  # shorter lines are headlines or list items, never wrapped text
_PLAN_NUMBER = re.compile("十([一二三四五六七八九])五")  # 十四五 -> the 14th five-year plan
_DIGIT = "一二三四五六七八九"
SENTENCE_END = fast(r"[。！？!?]+[”’」]?|\n")
# a new line after a colon or a list item keeps the list in its paragraph:
# 主要预期目标是:\n1.地区生产总值增长7%;\n2.固定资产投资增长10%。
# and so does one after a figure with no full stop, a list written one item a line:
# 主要预期目标是:\n地区生产总值增长7%左右\n固定资产投资增长10%
_PARAGRAPH_END = fast(r"(?<![:：;；,，%％])(?<!左右)(?<!以上)(?<!以内)\n")
# an aside or a document title: its cues and years speak only of the figures inside it
_ENCLOSED = re.compile(r"[(（][^()（）]{0,60}[)）]|《[^《》]{0,120}》")


@dataclass(frozen=True)
class Cue:
    """A word before a figure that says whether it is planned: 预期目标是 (planned), 1-10月 (not)."""

    start: int
    planned: bool
    reach: str  # 'paragraph', 'sentence', 'weak' (only against a tail cue), 'loose' (要/将 …)
    strive: bool = False  # 力争: the figures after it carry qualifier strive
    admits_other: bool = False  # a target list, where unlisted indicators (工业总产值) count too
    within: tuple[int, int] | None = None  # the aside or title it stands in: (上年增长7.5%)
    end: int = 0  # where its words end (0 for a cue the code infers: a past year, a section lead)

    def words(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Heading:
    """A section lead or headline: where it stands, the year it names, whether it opens a review
    (一、2018年工作回顾) and whether it is numbered (二、…: a section lead, not the headline)."""

    start: int
    year: int | None
    review: bool
    numbered: bool
    meeting: bool = False  # names a meeting (2023年全县经济工作会议召开): its year is the meeting's


@dataclass
class Layout:
    """The document's sentences and paragraphs; the cues and year words of a paragraph, read once."""

    text: str
    sentence_starts: list[int]
    paragraph_starts: list[int]
    # paragraph start -> its cues, their starts and its year words (position, kind, year, the
    # aside or title they stand in), read on first use
    _read: dict[int, tuple[list[Cue], list[int], list[tuple]]] = field(default_factory=dict)
    _headings: list[Heading] | None = None  # read on first use

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, position)
        end = self.sentence_starts[i] if i < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[i - 1], end

    def paragraph_start(self, position: int) -> int:
        return self.paragraph_starts[bisect.bisect_right(self.paragraph_starts, position) - 1]

    def _paragraph(self, start: int):
        if start not in self._read:
            i = bisect.bisect_right(self.paragraph_starts, start)
            end = self.paragraph_starts[i] if i < len(self.paragraph_starts) else len(self.text)
            # an aside decides nothing outside itself: 地区生产总值增长8%(上年增长7.5%),财政收入增长6%;
            # nor does a title: 《…2035年远景目标的建议》
            enclosed = [(m.start(), m.end()) for m in _ENCLOSED.finditer(self.text, start, end)]

            def within(position: int) -> tuple[int, int] | None:
                return next(((a, b) for a, b in enclosed if a < position < b), None)

            cues = [
                Cue(m.start(), *_CUE_KINDS[m.lastgroup], within=within(m.start()), end=m.end())
                for m in _CUE.finditer(self.text, start, end)
            ]
            years = [
                (m.start(), m.lastgroup, year_of(m), within(m.start()))
                for m in _YEAR.finditer(self.text, start, end)
            ]
            self._read[start] = (cues, [c.start for c in cues], years)
        return self._read[start]

    def heading_at(self, position: int) -> Heading | None:
        """The last section lead or headline before `position`: 二、2019年工作安排 (a plan part of
        2019), 一、2018年工作回顾 (a review part); None when there is none."""
        if self._headings is None:
            self._headings = []
            ends = self.paragraph_starts[1:] + [len(self.text) + 1]
            for start, end in zip(self.paragraph_starts, ends):
                line = self.text[start : end - 1].strip()
                if len(line) > _HEADING_MAX or not line:
                    continue
                dated = _HEADING.match(line)
                numbered = bool(_ENUMERATOR.match(line)) and not _SENTENCE_INSIDE.search(line)
                review = bool(_HEADING_REVIEW.search(line))
                # a numbered lead with neither year nor review ((一)着力推动高质量发展) is a
                # subsection of the part it stands in
                if dated or (numbered and review):
                    year = int(dated["year"]) if dated else None
                    meeting = bool(_HEADING_MEETING.search(line))
                    self._headings.append(Heading(start, year, review, numbered, meeting))
        i = bisect.bisect_right([h.start for h in self._headings], position) - 1
        return self._headings[i] if i >= 0 else None

    def gloss_year(self) -> int | None:
        """今年(2024年) -> 2024: the year the text says 今年 is."""
        m = _GLOSS.search(self.text)
        return int(m[1]) if m else None

    def cues_between(self, start: int, end: int, at: int) -> list[Cue]:
        """The cues in [start, end), both in one paragraph, that speak of a figure at `at`."""
        cues, starts, _ = self._paragraph(self.paragraph_start(start))
        return [
            c for c in cues[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            if c.within is None or c.within[0] < at < c.within[1]
        ]

    def years_between(
        self, start: int, end: int, reference: dt.date | None, at: int
    ) -> list[tuple[int, int | None, str]]:
        """(position, year, kind) of each year word in [start, end) that speaks of a figure at
        `at`: 今年 is the reference year."""
        ref_year = reference.year if reference else None
        found = []
        for position, kind, year, enclosure in self._paragraph(self.paragraph_start(start))[2]:
            if start <= position < end and (enclosure is None or enclosure[0] < at < enclosure[1]):
                if kind == "this":
                    year = ref_year
                elif kind == "next":
                    year = ref_year + 1 if ref_year else None
                elif kind == "plan":  # 新的一年: the year a meeting plans, the next one in December
                    year = ref_year + (reference.month == 12) if ref_year else None
                found.append((position, year, kind))
        return found


def year_of(m: re.Match) -> int | None:
    """2022年 -> 2022; a numbered plan period -> its last year (“十四五”时期 -> 2025); else None."""
    if m["explicit"]:
        return int(parse_chinese_number(m["explicit"]))
    plan = _PLAN_NUMBER.search(m[0]) if m["span"] or m["end"] else None
    # the plans run in five-year steps from the third, 1966-1970: the n-th ends in 1955 + 5n
    return 1955 + 5 * (10 + _DIGIT.index(plan[1]) + 1) if plan else None


@lru_cache(maxsize=2)  # targets and outcomes unwrap the same document
def unwrap(text: str) -> str:
    """The text with variant characters read as the standard ones (増长 -> 增长, lexicon
    [variants]) and each line break that does not end a line of the writing made a space (the
    same length, so offsets hold): a break inside a figure (财政总收入增长\n15%) or at the width
    of a print layout, where most lines have the same length and run on mid-sentence."""
    if _ANY_VARIANT.search(text):
        text = text.translate(_VARIANTS)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    lengths = Counter(len(line) for line in lines if len(line) >= _WRAPPED_MIN)
    width, count = lengths.most_common(1)[0] if lengths else (0, 0)
    wrapped = count >= 3 and count >= 0.25 * sum(lengths.values())
    soft = []
    position = 0
    for line, following in zip(lines, lines[1:]):
        position += len(line)
        if line and line[-1] not in _SENTENCE_FINAL and (
            (wrapped and len(line) >= width - 1)
            or (_FIGURE_GOES_ON.match(following) and _BEFORE_FIGURE.search(line[-6:]))
        ):
            soft.append(position)
        position += 1
    if not soft:
        return text
    chars = list(text)
    for i in soft:
        chars[i] = " "
    return "".join(chars)


def starts(pattern: re.Pattern, text: str) -> list[int]:
    return [0] + [m.end() for m in pattern.finditer(text)]


@lru_cache(maxsize=2)  # targets and outcomes read the same document's layout
def layout_of(text: str) -> Layout:
    return Layout(text, starts(SENTENCE_END, text), starts(_PARAGRAPH_END, text))
