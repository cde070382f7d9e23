"""Proceedings: quorum (应到/实到) and the documents a meeting adopted, reviewed, read or explained.

    出席大会的县委委员应到29人,实到27人;县委候补委员应到7人,实到6人
        -> (member, 29, 27), (alternate, 7, 6)
    出席会议的区委委员34人,区委候补委员6人          -> (member, None, 34), (alternate, None, 6)
    审议通过了《中共…的决定》(以下简称《决定》)《…决议》 -> two adopted documents, short title 决定
    县委副书记雷俊就《决定(草案)》作起草说明          -> the same 决定, explained
Vocabulary lives in lexicons/proceedings.toml.
"""
from __future__ import annotations

import re

from transforms.shared.models import AdoptedDocumentRow, MeetingRow, QuorumRow
from transforms.shared.lexicon import alternation, load_toml
from transforms.shared.regex_first import fast
from transforms.shared.width import fold_width

_LEX = load_toml("proceedings.toml")
_Q = _LEX["quorum"]
_D = _LEX["documents"]

_CLASS = f"(?P<alternate>{alternation(_Q['alternate'])})|(?P<member>{alternation(_Q['member'])})"
_CLASS_RE = re.compile(_CLASS)
_COUNT = f"(?:会)?(?:[^,,;;。\\d]{{0,8}}?(?:{_CLASS}))?(?P<n>\\d+)(?:人|名)"
_EXPECTED_RE = re.compile(_Q["expected"] + _COUNT)
_PRESENT_RE = re.compile(_Q["present"] + _COUNT)
_PRESENT_ONLY_RE = re.compile(_Q["present_only"])
_PRESENT_AFTER_RE = fast(f"(?:{_CLASS}){_Q['present_after']}")  # no literal start: skip where no class word starts
_ABSENT_RE = re.compile(_Q["absent"])
_LISTED_COUNT_RE = re.compile(f"[,,、]?[^,,、;;。\\d]{{0,10}}?(?:{_CLASS})(?P<n>\\d+)(?:人|名)")
_HEADCOUNT_RE = re.compile(r"\d[人名]")
_SENTENCE_END = "。;;\n"

_TITLE_RE = re.compile(r"《([^《》]{1,150})》")
_SENTENCE_RE = re.compile(r"[^。;;\n]+")
_ACTIONS = _LEX["document_actions"]
_ACTION_RE = re.compile(
    "|".join(f"(?P<{action}>{alternation(words)})" for action, words in _ACTIONS.items())
)
_EXPLAINED_RE = re.compile(_D["explained"])
_JOINERS_RE = re.compile(_D["joiners"])
_NOT_DOCUMENT_RE = re.compile(alternation(_D["not_documents"]))
_SHORT_TITLE_RE = re.compile(_D["short_title"])
_PERIODICAL_RE = re.compile(_D["not_documents_after"])
_DRAFT_RE = re.compile(_D["draft_suffix"])
_ADOPTED_AT_END_RE = re.compile(_D["adopted_at_end"])
_TRAILING_NOTE_RE = re.compile(r"\([^()《》]{1,12}\)")  # 《市政府工作报告》(讨论稿)
_LOOKBACK = 40  # characters between an action verb and its first title


def find_quorum(text: str, meeting: MeetingRow) -> list[QuorumRow]:
    text = fold_width(text)  # 应到４７人，实到４５人 reads as 应到47人,实到45人 at the same offsets
    low, high = meeting.scope_start, meeting.scope_end or len(text)
    rows: list[QuorumRow] = []
    if not _HEADCOUNT_RE.search(text, low, high):
        return rows  # every count below is one of people (29人, 6名): one scan instead of four
    used: list[tuple[int, int]] = []
    for expected in _EXPECTED_RE.finditer(text, low, high):
        stop = _sentence_end(text, expected.end(), high)
        present = _PRESENT_RE.search(text, expected.end(), stop)
        nxt = _EXPECTED_RE.search(text, expected.end(), stop)
        if not present or (nxt and nxt.start() < present.start()):
            continue
        start, member_class = _class_of(text, expected, low)
        rows.append(_quorum(member_class, int(expected["n"]), int(present["n"]), start, present.end()))
        used.append((expected.start(), present.end()))
    for present in _PRESENT_RE.finditer(text, low, high):  # 实到会委员27人, with nothing expected
        if not any(a <= present.start() < b for a, b in used):
            start, member_class = _class_of(text, present, low)
            absent = _ABSENT_RE.match(text, present.end(), high)  # 实到代表150人,缺席4人
            expected = int(present["n"]) + int(absent["n"]) if absent else None
            rows.append(_quorum(member_class, expected, int(present["n"]), start, (absent or present).end()))
    for count in _PRESENT_AFTER_RE.finditer(text, low, high):  # 及委员共24人出席
        if not any(a <= count.start() < b for a, b in used):
            member_class = "alternate" if count["alternate"] else "member"
            rows.append(_quorum(member_class, None, int(count["n"]), count.start(), count.end()))
    for lead in _PRESENT_ONLY_RE.finditer(text, low, high):
        pos = lead.end()
        while (count := _LISTED_COUNT_RE.match(text, pos, high)) is not None:
            member_class = "alternate" if count["alternate"] else "member"
            rows.append(_quorum(member_class, None, int(count["n"]), lead.start(), count.end()))
            pos = count.end()
    return _first_per_class(rows)


def _sentence_end(text: str, pos: int, high: int) -> int:
    ends = [i for i in (text.find(c, pos, high) for c in _SENTENCE_END) if i >= 0]
    return min(ends, default=high)


def _class_of(text: str, match: re.Match, low: int) -> tuple[int, str]:
    """The class named in the count (应到委员246人) or just before it (县委候补委员应到7人)."""
    if match["alternate"] or match["member"]:
        return match.start(), "alternate" if match["alternate"] else "member"
    window_start = max(low, match.start() - 15)
    for stop_char in ",,;;。、\n":
        cut = text.rfind(stop_char, window_start, match.start())
        window_start = max(window_start, cut + 1)
    before = list(_CLASS_RE.finditer(text, window_start, match.start()))
    if before:
        last = before[-1]
        return last.start(), "alternate" if last["alternate"] else "member"
    return match.start(), "member"


def _quorum(member_class, expected, present, start, end) -> QuorumRow:
    return QuorumRow(member_class=member_class, expected=expected, present=present, span_start=start, span_end=end)


def _first_per_class(rows: list[QuorumRow]) -> list[QuorumRow]:
    seen, kept = set(), []
    for row in sorted(rows, key=lambda r: (r.expected is None, r.span_start)):
        if row.member_class not in seen:
            seen.add(row.member_class)
            kept.append(row)
    return sorted(kept, key=lambda r: r.span_start)


# ------------------------------------------------------------------------------------------
# documents


def find_adopted_documents(text: str, meeting: MeetingRow) -> list[AdoptedDocumentRow]:
    written, text = text, fold_width(text)  # titles are taken as written, at the folded offsets
    low, high = meeting.scope_start, meeting.scope_end or len(text)
    rows: list[AdoptedDocumentRow] = []
    short_names: dict[str, str] = {}  # 决定 -> the full title it stands for
    scope = text[low:high]
    if "《" not in scope:
        return rows  # no title, no document
    for sentence in _SENTENCE_RE.finditer(scope):
        if "《" not in sentence.group():
            continue  # no title: nothing read, nothing adopted
        base = low + sentence.start()
        first_row = len(rows)
        previous: tuple[str, int] | None = None  # (action, end of the previous document)
        for match in _TITLE_RE.finditer(text, base, base + len(sentence.group())):
            title, after = written[match.start(1) : match.end(1)], match.end()
            if text[max(base, match.start() - 5) : match.start()].endswith(("简称", "以下简称")):
                continue  # the short name inside (以下简称《决定》)
            note = _TRAILING_NOTE_RE.match(text, after)
            tail = note.end() if note else after
            explained = _EXPLAINED_RE.match(text, tail)
            if explained:  # the draft keeps its name as written: 《决定(草案)》
                rows.append(_document(title, None, "explained", match.start(), explained.end()))
                previous = None
                continue
            if _DRAFT_RE.sub("", match.group(1)) in short_names:
                continue  # a later mention by its short name: 此次全会审议通过的《决定》
            periodical = _PERIODICAL_RE.match(text, after)
            action = None if periodical else _action(text, base, match.start(), previous)
            if action is None:
                previous = None
                continue
            short = _SHORT_TITLE_RE.match(text, after)
            if short:
                short_names[short.group(1)] = title
                tail = short.end()
            if not any(row.title == title and row.action == action for row in rows):
                short_title = written[short.start(1) : short.end(1)] if short else None
                rows.append(_document(title, short_title, action, match.start(), match.end()))
            previous = (action, tail)
        if _ADOPTED_AT_END_RE.search(sentence.group()):  # …等四项议题,并原则通过
            for row in rows[first_row:]:
                if row.action == "reviewed":
                    row.action = "adopted"
    return rows


def _action(text: str, base: int, start: int, previous) -> str | None:
    if previous and _JOINERS_RE.match(text[previous[1] : start]):
        return previous[0]
    window = text[max(base, start - _LOOKBACK) : start]
    verbs = list(_ACTION_RE.finditer(window))
    if not verbs:
        return None
    verb = verbs[-1]
    between = window[verb.end() :]
    if re.search(r"[,,]", between) or _NOT_DOCUMENT_RE.search(between):
        return None
    return verb.lastgroup


def _document(title, short_title, action, start, end) -> AdoptedDocumentRow:
    return AdoptedDocumentRow(title=title, short_title=short_title, action=action,
                              span_start=start, span_end=end)
