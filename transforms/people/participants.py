"""People: participants with title chains and roles, and the units that spoke.

A meeting report names people in a few fixed shapes (mentions.py finds them), all read inside
the meeting's scope:
    县委副书记、代理县长李仕兵讲评…            title chain + name + role verb
    区领导罗宏俊、彭晓洪、…、周萍在主席台上就座   group title + list: every one gets the role
    郑南贵、谢友先、池春林等常委会领导出席会议     list + 等 + group title
    会议由郑南贵主持 / 许达指出…               a name the text has already introduced
    会议听取了县发改局局长X关于…的汇报         the people heard, up to the end of what was heard
    常务副区长A,区法院负责人,…列席会议         a far verb over clauses of unnamed office holders
A role verb applies to the people named just before it in the same sentence, and to them again
when more verbs follow before anyone else is named (作工作报告并讲话 -> reported, spoke; but
…出席会议,其他县级领导列席会议 names someone else).
Not participants: people relayed or quoted (传达学习…赵乐际…讲话精神), those who only delegated
(受…委托) or sent an instruction (作出批示), credits (编辑:), people referred to (落实省长X的指示要求 / 据X介绍 / 会议指出,…X作了重要讲话),
and anyone at a meeting the report only watched before holding its own (…视频调度会召开后,我县随即召开).
Full-width punctuation reads as ASCII (names.fold_width). Vocabulary lives in
lexicons/role_verbs.toml, titles.toml, not_person.toml.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.people.mentions import Mask, Mention, first_mentions, known_mentions
from transforms.shared.models import MeetingRow, ParticipationRow, UnitParticipationRow
from transforms.people.names import NOT_PERSON, TITLE, group_title
from transforms.shared.lexicon import alternation, load_toml
from transforms.shared.width import fold_width, is_cjk
from transforms.people.speaking_units import units_that_spoke
from transforms.shared.regex_first import fast

_VERBS = load_toml("role_verbs.toml")


def _role_pattern(table: dict, prefix: str) -> str:
    return "|".join(f"(?P<{prefix}{role}>{'|'.join(patterns)})" for role, patterns in table.items())


# forward forms first: at 出席会议的有… the forward form must win over 出席
_ROLE_RE = fast(
    "|".join(
        _role_pattern(_VERBS[table], prefix)
        for table, prefix in (("forward_roles", "f_"), ("absent_roles", "x_"), ("roles", "b_"), ("near_roles", "n_"))
    )
)
_NEAR_GAP = _VERBS["near"]["gap"]
_HEARING = _VERBS["hearing"]
_HEARING_END_RE = re.compile(_HEARING["object_end"])
_HEARD_JOINER_RE = re.compile(r"(?:和|及|以及|、|,)")
_HEARD_OBJECT_RE = re.compile(r"[^,。;]{0,4}?关于")
_MODAL_BEFORE_RE = re.compile(_VERBS["modality"]["before"])
_MODAL_AFTER_RE = re.compile(_VERBS["modality"]["after"])
_STRONG_RE = re.compile("|".join(f"(?:{p})" for p in _VERBS["strong_roles"]["verbs"]))
_RELAY_END_RE = re.compile(f"(?:{alternation(_VERBS['relay']['object_ends'])})[”\"’']?$")
_WATCHED_AFTER_RE = re.compile(_VERBS["watched"]["after"])
_SECTION_BREAK_RE = re.compile(
    f"(?m)^[ \\t\u3000]*(?:{alternation(NOT_PERSON['section_breaks'])})"
)
_FORWARD_GROUP_RE = re.compile(r"的(.+?)还?(?:有|是|为)")
# where people are relayed (传达学习…), delegating (受…委托), credited (编辑:), referred to (落实…的要求 /
# 据…介绍) or stated about by the meeting itself (会议指出,…): role_verbs.toml [relay], [delegation]
_RELAY = _VERBS["relay"]
_EXCLUSION_RE = fast("|".join([
    f"(?P<delegation>{_VERBS['delegation']['pattern']})",
    f"(?P<relay>{alternation(_RELAY['triggers'])})",
    f"(?P<byline>(?:{alternation(NOT_PERSON['byline_markers'])})\\s*[:：])",
    f"(?P<reference>{alternation(_RELAY['reference_triggers'])}|{_RELAY['reference_pattern']})",
    f"(?P<statement>{_RELAY['statements']})",
]))
_BYLINE_END_RE = re.compile(r"[。,,\n]")
_BROKEN_LINE_RE = re.compile(r"\n(?=[\u4e00-\u9fff])")
_SENTENCE_RE = re.compile(r"[^。;;!!??\n]+")
_CLAUSE_RE = re.compile(r"[^,,。;;!!??\n]+")
# what may stand between two people of one group: 县委书记朱小兵,县长吴海宏 / A同志、B(女)、C /
# B(女,蒙古族)、C
_GROUP_GAP_RE = re.compile(r"^(?:[,,、\s]|同志|以及|及|和|与|\([^()]{1,8}\))*$")
_MAX_VERB_GAP = 40  # characters between the people and their verb (a 《title》 counts as one)
_BOOK_TITLE_RE = re.compile(r"《[^《》]*》")
# an unnamed subject between two verbs: the second verb is not the named people's again
_NEW_SUBJECT_RE = fast(f"{TITLE}|{alternation(NOT_PERSON['group_subjects'])}")
_CONTINUATIONS = tuple(NOT_PERSON["continuations"])
# a clause naming people by office only: 区人民法院、区人民检察院负责人 / …以及新泾镇人大主席
_UNNAMED_SUBJECT_RE = re.compile(
    f"[\u4e00-\u9fff、]{{2,40}}(?:{alternation(NOT_PERSON['group_subjects'])}|{TITLE})")
_MAX_SUBJECTS_GAP = 200
_GROUP_HEADS = tuple(load_toml("titles.toml")["group_heads"])


@dataclass
class Verb:
    role: str
    start: int
    end: int
    forward: bool
    strong: bool
    near: bool = False  # counts only right after the name: 传达, 宣读
    group_title: str | None = None  # 出席会议的市领导还有… -> 市领导
    reach: int | None = None  # a forward verb's people stand before this (听取A关于…的汇报,B出席)


def find_participations(text: str, meeting: MeetingRow) -> list[ParticipationRow]:
    text = fold_width(text)  # offsets and names stay those of the text as written
    low, high = _scope(text, meeting)
    if _only_watched(text, meeting.name_text, low, high):
        return []  # the people present belong to the meeting held after it
    return [
        ParticipationRow(person_name=name, titles=list(titles), role=role, span_start=start, span_end=end)
        for name, titles, role, start, end in _participations(text, low, high)
    ]


@lru_cache(maxsize=16)  # meetings held together (主持召开A和B) share one scope: read it once
def _participations(text: str, low: int, high: int) -> tuple[tuple, ...]:
    excluded, referred = _excluded_spans(text, low, high)
    verbs = _verbs(text, low, high, excluded)
    mentions = [m for m in first_mentions(text, low, high, verbs) if not referred.has(m.start)]
    roles = _assign_roles(text, low, high, mentions, verbs)
    # names introduced with a title or given a role can then be found bare: 会议由郑南贵主持
    known = {m.name for m in mentions if m.titles} | {name for name, _, _, _ in roles}
    more = [m for m in known_mentions(text, low, high, mentions, known) if not referred.has(m.start)]
    if more:
        mentions = sorted(mentions + more, key=lambda m: m.start)
        roles = _assign_roles(text, low, high, mentions, verbs)
    return _rows(mentions, roles)


def find_unit_participations(text: str, meeting: MeetingRow) -> list[UnitParticipationRow]:
    """衡南高新区、县发改局…作了发言; 宜昌市夷陵区、鄂州市鄂城区…主要负责同志分别发言."""
    text = fold_width(text)
    low, high = _scope(text, meeting)
    return [
        UnitParticipationRow(unit_name=unit, role="spoke", span_start=start, span_end=end)
        for unit, start, end in units_that_spoke(text, low, high)
    ]


def _only_watched(text: str, name: str, low: int, high: int) -> bool:
    """A meeting after which the report holds its own, named only so: 收听收看全省…视频调度会后 /
    全省…电视电话会议召开后,我县随即召开… / …会议召开。会后,县政府紧接着召开….

    Every mention of the name must be so framed: 春节…调度会 is also the tail of 全省春节…调度会.
    """
    start = text.find(name, low, high) if name else -1
    mentioned = start >= 0
    while start >= 0:
        if not _WATCHED_AFTER_RE.match(text, start + len(name), high):
            return False
        start = text.find(name, start + 1, high)
    return mentioned


def _scope(text: str, meeting: MeetingRow) -> tuple[int, int]:
    return _scope_within(text, meeting.scope_start, meeting.scope_end)


@lru_cache(maxsize=16)  # the people and the units of a meeting are read in one scope
def _scope_within(text: str, scope_start: int, scope_end: int | None) -> tuple[int, int]:
    low = max(0, scope_start)
    high = min(len(text), scope_end or len(text))
    cut = _SECTION_BREAK_RE.search(text, low, high)
    return low, (cut.start() if cut else high)


# ------------------------------------------------------------------------------------------
# where people are not participants


def _excluded_spans(text: str, low: int, high: int) -> tuple[Mask, Mask]:
    """Where neither names nor verbs report this meeting (relayed, delegated, credits), and
    where names only are referred to (落实省长X的指示要求: the verb may still be someone's)."""
    mask, referred = Mask(low, high), Mask(low, high)
    for match in _EXCLUSION_RE.finditer(text, low, high):  # one pass for every kind
        kind, start, end = match.lastgroup, match.start(), match.end()
        if kind == "delegation":
            span = start, end
        elif kind == "relay":
            span = end, _relay_end(text, end, high)
        elif kind == "byline":
            # 编辑: 杨玉娟 审核人:叶玲玲 — the credit fields, up to the end of the line or a sentence
            stop = _BYLINE_END_RE.search(text, end, high)
            span = start, stop.start() if stop else high
        else:  # reference: to the end of the clause; statement: to the end of the sentence
            stretch = (_CLAUSE_RE if kind == "reference" else _SENTENCE_RE).match(text, end, high)
            referred.add(end, stretch.end() if stretch else end)
            continue
        mask.add(*span)
        referred.add(*span)
    return mask, referred


def _relay_end(text: str, start: int, high: int) -> int:
    """The end of what 传达/学习 takes as object: its clause, and next clauses ending in 精神.

    A next clause where someone acts (县委书记X出席会议并传达…精神) is the report again, unless
    the act is itself relayed (…张国清出席…峰会时的讲话精神: a 的 follows the verb).
    """
    clause = _CLAUSE_RE.match(text, start, high)
    end = clause.end() if clause else start
    while end < high and text[end] in ",,":
        nxt = _CLAUSE_RE.match(text, end + 1, high)
        if not nxt or not _RELAY_END_RE.search(nxt.group()):
            break
        verbs = list(_ROLE_RE.finditer(nxt.group()))
        if verbs and "的" not in nxt.group()[verbs[-1].end():]:
            break
        end = nxt.end()
    return end


# ------------------------------------------------------------------------------------------
# verbs


def _verbs(text: str, low: int, high: int, excluded) -> list[Verb]:
    verbs = []
    for match in _ROLE_RE.finditer(text, low, high):
        start, end = match.span()
        if excluded.has(start) or _hypothetical(text, start, end, low, high):
            continue
        group = match.lastgroup
        forward = group.startswith("f_")
        verbs.append(
            Verb(
                role=group[2:],
                start=start,
                end=end,
                forward=forward,
                near=group.startswith("n_"),
                strong=_STRONG_RE.match(text, start) is not None,
                group_title=_forward_group_title(match.group()) if forward else None,
                reach=_hearing_reach(text, match, high),
            )
        )
    return verbs


def _hearing_reach(text: str, match: re.Match, high: int) -> int | None:
    """听取A关于…的汇报: A stands before the end of the object heard."""
    if not match.group().startswith(_HEARING["verb"]):
        return None
    end = _HEARING_END_RE.search(text, match.end(), high)
    return end.end() if end else match.end()


def _heard_again(text: str, verb: Verb, mention: Mention, high: int) -> Verb | None:
    """听取A关于…的报告和B关于…的报告: B is heard too; 听取A关于…的汇报,B出席会议: B is not."""
    if not _HEARD_JOINER_RE.fullmatch(text, verb.reach, mention.lead):
        return None
    about = _HEARD_OBJECT_RE.match(text, mention.end, high)
    end = _HEARING_END_RE.search(text, about.end(), high) if about else None
    if end is None:
        return None
    verb.reach = end.end()
    return verb


def _hypothetical(text: str, start: int, end: int, low: int, high: int) -> bool:
    """要来参会 / 将出席 / 未出席 / 参加过: no act at this meeting."""
    return bool(_MODAL_BEFORE_RE.search(text[max(low, start - 4) : start])
                or _MODAL_AFTER_RE.match(text[end : min(high, end + 2)]))


def _forward_group_title(verb: str) -> str | None:
    inner = _FORWARD_GROUP_RE.search(verb)
    return group_title(inner.group(1)) if inner else None


# ------------------------------------------------------------------------------------------
# mentions


# ------------------------------------------------------------------------------------------
# roles


def _gap(text: str, start: int, end: int) -> int:
    return len(_BOOK_TITLE_RE.sub("《》", text[start:end]))


def _assign_roles(text, low, high, mentions: list[Mention], verbs: list[Verb]):
    """(name, role, span_start, span_end) for every role a verb gives to the people before it."""
    roles = []
    events = sorted([(m.start, 0, m) for m in mentions] + [(v.start, 1, v) for v in verbs], key=lambda e: e[:2])
    by_sentence: dict[int, list] = {}
    for start in _sentence_starts(text, low, high):
        by_sentence[start] = []
    starts = sorted(by_sentence)

    for pos, _, event in events:
        index = bisect.bisect_right(starts, pos) - 1
        if index >= 0:
            by_sentence[starts[index]].append(event)
    names = Mask(low, high)
    for mention in mentions:
        names.add(mention.start, mention.end)
    for sentence_events in by_sentence.values():
        group: list[Mention] = []
        closed = convened = False
        anchor = 0
        forward: Verb | None = None
        forwarded: list[tuple[Mention, int, bool]] = []  # a forward verb's people, rows, lent titles
        for event in sentence_events:
            if isinstance(event, Mention):
                if forward is not None and forward.reach is not None and event.start >= forward.reach:
                    forward = _heard_again(text, forward, event, high)  # 听取A关于…的报告和B关于…的报告
                if forward is not None:
                    lent = not event.titles and forward.group_title is not None
                    if lent:
                        event.titles = [forward.group_title]
                    forwarded.append((event, len(roles), lent))
                    roles.append((event.name, forward.role, forward.start, event.end))
                    continue
                if closed or (group and not _GROUP_GAP_RE.match(text[group[-1].end : event.lead])):
                    group, closed, convened = [], False, False
                group.append(event)
                anchor = event.end
                continue
            if names.has(event.start):
                continue  # 王强调研 is 王强 + 调研, not 强调
            if event.forward:
                forward, forwarded = event, []
                group, closed, convened = [], False, False
                continue
            if forward is not None:
                # 出席会议的还有A、B,县长C主持会议: the clause with its own verb is C's, not the list's
                clause = text.rfind(",", forward.end, event.start)
                movers = [(m, row, lent) for m, row, lent in forwarded if clause >= 0 and m.start > clause]
                if not movers:
                    continue
                for mention, row, lent in movers:
                    roles[row] = None
                    if lent:
                        mention.titles = []
                forward, forwarded = None, []
                group, closed, convened = [m for m, _, _ in movers], False, False
                anchor = group[-1].end
            limit = _NEAR_GAP if event.near else _MAX_VERB_GAP
            if not group or (_gap(text, anchor, event.start) > limit
                             and (event.near or not _unnamed_subjects_between(text, anchor, event.start))):
                continue
            if closed and _new_subject(text, anchor, event.start):
                group, closed, convened = [], False, False  # …出席会议,其他县级领导列席会议: not them again
                continue
            if event.role == "none":
                group, closed, convened = [], False, False  # X作出批示,要求…: X was not there
                continue
            if convened and "," in text[anchor : event.start]:
                continue  # X主持召开…会议,传达…精神,安排部署…工作: the meeting's agenda, not X's acts
            for person in group:
                roles.append((person.name, event.role, person.start, event.end))
            closed = True
            convened = event.role == "presided" and text.startswith("召开", event.end)
            anchor = event.end
    return [role for role in roles if role is not None]


def _unnamed_subjects_between(text: str, start: int, end: int) -> bool:
    """Whether only unnamed subjects, clause after clause, stand between the people and a far verb:
    常务副区长A,区法院、区检察院负责人,…相关负责同志,区政府办公室负责人以及镇人大主席列席会议."""
    if end - start > _MAX_SUBJECTS_GAP or not text.startswith(",", start):
        return False
    clauses = text[start + 1 : end].split(",")
    return all(_UNNAMED_SUBJECT_RE.fullmatch(clause) for clause in clauses)


@lru_cache(maxsize=16)  # _assign_roles reads a scope's sentences again when it meets known names
def _sentence_starts(text: str, low: int, high: int) -> tuple[int, ...]:
    """Where sentences start; a line the crawl broke mid-sentence goes on on the next line
    (…,县委书记张建\n国主持会议): a break between two Han characters after a line that has
    already opened a clause (a comma), not after a headline (县委常委会召开\n县委书记…)."""
    starts = []
    for sentence in _SENTENCE_RE.finditer(text, low, high):
        start = sentence.start()
        if starts and _BROKEN_LINE_RE.match(text, start - 1) and is_cjk(text[start - 2]):
            line_start = text.rfind("\n", low, start - 1) + 1
            if "," in text[max(line_start, starts[-1]) : start - 1]:
                continue
        starts.append(start)
    return tuple(starts)


def _new_subject(text: str, start: int, end: int) -> bool:
    """Whether a clause before the verb opens with someone else, unnamed: …出席会议,其他县级领导列席
    / …,县直各单位主要负责人列席 (but not …出席会议,并为县级领导干部作辅导报告)."""
    comma = text.rfind(",", start, end)  # the text is folded: full-width commas read as ","
    if comma < 0 or text.startswith(_CONTINUATIONS, comma + 1):
        return False
    return _NEW_SUBJECT_RE.search(text, comma + 1, end) is not None


def _rows(mentions: list[Mention], roles) -> tuple[tuple, ...]:
    """(name, titles, role, start, end) once per (name, role), with every title the text gives
    the person (大会主席团常务主席A…; 旗长A作报告 -> both)."""
    titles: dict[str, tuple[str, ...]] = {}
    for mention in mentions:
        titles[mention.name] = _merge_titles(titles.get(mention.name, ()), mention.titles)
    rows, seen = [], set()
    for name, role, start, end in roles:
        if (name, role) not in seen:
            seen.add((name, role))
            rows.append((name, titles.get(name, ()), role, start, end))
    return tuple(rows)


def _merge_titles(known: tuple[str, ...], more: list[str]) -> tuple[str, ...]:
    """The titles of two mentions of one person, each written once: a title ending another is the
    same (县长 in 代理县长), so is a group written without its head (县工作专班 in 县工作专班领导),
    but not a title opening a longer one (镇人大主席, 镇人大主席团常务主席); a group's title
    (县领导) gives way to a person's own (县领导A、B出席; 县委书记A主持 -> 县委书记)."""
    merged = list(known)
    for title in more:
        if any(_same_title(title, other) for other in merged):
            continue
        merged = [other for other in merged if not _same_title(other, title)] + [title]
    own = [title for title in merged if not title.endswith(_GROUP_HEADS)]
    return tuple(own if own else merged)


def _same_title(short: str, long: str) -> bool:
    return long.endswith(short) or (long.startswith(short) and long[len(short):] in _GROUP_HEADS)
