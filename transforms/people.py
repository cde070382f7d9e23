"""People: participants with title chains and roles, and the units that spoke.

A meeting report names people in a few fixed shapes, all read inside the meeting's scope:
    县委副书记、代理县长李仕兵讲评…            title chain + name + role verb
    区领导罗宏俊、彭晓洪、…、周萍在主席台上就座   group title + list: every one gets the role
    郑南贵、谢友先、池春林等常委会领导出席会议     list + 等 + group title
    会议由郑南贵主持 / 许达指出…               a name the text has already introduced
A role verb applies to the people named just before it in the same sentence, and to them again
when more verbs follow before anyone else is named (作工作报告并讲话 -> reported, spoke).
People only relayed or quoted (传达学习…赵乐际…讲话精神) or who only delegated (受…委托) are not
participants. Vocabulary lives in lexicons/role_verbs.toml, titles.toml, not_person.toml.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from transforms.models import MeetingRow, ParticipationRow, UnitParticipationRow
from transforms.names import (
    DOTS,
    NOT_PERSON,
    TITLE,
    TITLE_CHAIN_RE,
    alternation,
    ends_at_boundary,
    fold_width,
    group_title,
    guarded,
    is_cjk,
    load_toml,
    name_ending_at,
    place_before,
    read_name,
    split_titles,
    title_after_etc,
)
from transforms.speaking_units import units_that_spoke

_VERBS = load_toml("role_verbs.toml")


def _role_pattern(table: dict, prefix: str) -> str:
    return "|".join(f"(?P<{prefix}{role}>{'|'.join(patterns)})" for role, patterns in table.items())


# forward forms first: at 出席会议的有… the forward form must win over 出席
_ROLE_RE = guarded(
    "|".join(
        _role_pattern(_VERBS[table], prefix)
        for table, prefix in (("forward_roles", "f_"), ("roles", "b_"), ("near_roles", "n_"))
    )
)
_NEAR_GAP = _VERBS["near"]["gap"]
_MODAL_BEFORE_RE = re.compile(_VERBS["modality"]["before"])
_MODAL_AFTER_RE = re.compile(_VERBS["modality"]["after"])
_STRONG_RE = re.compile("|".join(f"(?:{p})" for p in _VERBS["strong_roles"]["verbs"]))
_RELAY_RE = re.compile(alternation(_VERBS["relay"]["triggers"]))
_REFERENCE_RE = re.compile(alternation(_VERBS["relay"]["reference_triggers"]))
_STATEMENT_RE = re.compile(_VERBS["relay"]["statements"])
_RELAY_END_RE = re.compile(f"(?:{alternation(_VERBS['relay']['object_ends'])})[”\"’']?$")
_DELEGATION_RE = re.compile(_VERBS["delegation"]["pattern"])
_BYLINE_RE = re.compile(f"(?:{alternation(NOT_PERSON['byline_markers'])})\\s*[::]")
_SECTION_BREAK_RE = re.compile(
    f"(?m)^[ \\t\u3000]*(?:{alternation(NOT_PERSON['section_breaks'])})"
)
_FORWARD_GROUP_RE = re.compile(r"的(.+?)还?有")
_BYLINE_END_RE = re.compile(r"[。,,\n]")
_SENTENCE_RE = re.compile(r"[^。;;!!??\n]+")
_CLAUSE_RE = re.compile(r"[^,,。;;!!??\n]+")
# the item right before a 、 (searched backwards from it): 段志强、 / 张静(女)、 / 夏冬梅同志、 /
# 阿不都热依木·买买提、
_ITEM_BEFORE_RE = re.compile(f"(?P<run>[\u4e00-\u9fff{''.join(sorted(DOTS))}]+?)(?:同志)?(?:\\([^()]{{1,4}}\\))?$")
_DOT_IN_RE = re.compile(f"[{''.join(sorted(DOTS))}]")
# what may follow a listed name before the next one: 同志 / (女) / (右二)
_AFTER_ITEM_RE = re.compile(r"(?:同志|\([^()]{1,4}\))*")
_LIST_JOINERS = ("以及", "、", "及", "和", "与")
_SPACES_RE = re.compile(r"[ \u3000\xa0]*")
# what may stand between two people of one group: 县委书记朱小兵,县长吴海宏 / A同志、B(女)、C
_GROUP_GAP_RE = re.compile(r"^(?:[,,、\s]|同志|以及|及|和|与|\([^()]{1,4}\))*$")
_MAX_VERB_GAP = 40  # characters between the people and their verb (a 《title》 counts as one)
_BOOK_TITLE_RE = re.compile(r"《[^《》]*》")
# an unnamed subject between two verbs: the second verb is not the named people's again
_NEW_SUBJECT_RE = guarded(f"{TITLE}|{alternation(NOT_PERSON['group_subjects'])}")
_CONTINUATIONS = tuple(NOT_PERSON["continuations"])


@dataclass
class Mention:
    name: str
    start: int
    end: int
    titles: list[str] = field(default_factory=list)
    lead: int = -1  # where its title chain starts (县委书记|朱小兵), else the name's start

    def __post_init__(self):
        if self.lead < 0:
            self.lead = self.start


@dataclass
class Verb:
    role: str
    start: int
    end: int
    forward: bool
    strong: bool
    near: bool = False  # counts only right after the name: 传达, 宣读
    group_title: str | None = None  # 出席会议的市领导还有… -> 市领导


def find_participations(text: str, meeting: MeetingRow) -> list[ParticipationRow]:
    text = fold_width(text)  # offsets and names stay those of the text as written
    low, high = _scope(text, meeting)
    return [
        ParticipationRow(person_name=name, titles=list(titles), role=role, span_start=start, span_end=end)
        for name, titles, role, start, end in _participations(text, low, high)
    ]


@lru_cache(maxsize=16)  # meetings held together (主持召开A和B) share one scope: read it once
def _participations(text: str, low: int, high: int) -> tuple[tuple, ...]:
    excluded, referred = _excluded_spans(text, low, high)
    verbs = _verbs(text, low, high, excluded)
    mentions = [m for m in _first_mentions(text, low, high, verbs) if not referred.has(m.start)]
    roles = _assign_roles(text, low, high, mentions, verbs)
    # names introduced with a title or given a role can then be found bare: 会议由郑南贵主持
    known = {m.name for m in mentions if m.titles} | {name for name, _, _, _ in roles}
    more = [m for m in _known_mentions(text, low, high, mentions, known) if not referred.has(m.start)]
    if more:
        mentions = sorted(mentions + more, key=lambda m: m.start)
        roles = _assign_roles(text, low, high, mentions, verbs)
    return _rows(mentions, roles)


def find_unit_participations(text: str, meeting: MeetingRow) -> list[UnitParticipationRow]:
    """衡南高新区、县发改局…作了发言; 宜昌市夷陵区、鄂州市鄂城区…主要负责同志分别发言."""
    low, high = _scope(text, meeting)
    return [
        UnitParticipationRow(unit_name=unit, role="spoke", span_start=start, span_end=end)
        for unit, start, end in units_that_spoke(text, low, high)
    ]


def _scope(text: str, meeting: MeetingRow) -> tuple[int, int]:
    low = max(0, meeting.scope_start)
    high = min(len(text), meeting.scope_end or len(text))
    cut = _SECTION_BREAK_RE.search(text, low, high)
    return low, (cut.start() if cut else high)


# ------------------------------------------------------------------------------------------
# where people are not participants


class _Mask:
    """Positions of [low, high) marked as covered by some span."""

    def __init__(self, low: int, high: int):
        self.low = low
        self.bits = bytearray(max(0, high - low))

    def add(self, start: int, end: int) -> None:
        start = min(max(start - self.low, 0), len(self.bits))
        end = min(max(end - self.low, start), len(self.bits))
        self.bits[start:end] = b"\x01" * (end - start)

    def copy(self) -> "_Mask":
        twin = _Mask(self.low, self.low)
        twin.bits = bytearray(self.bits)
        return twin

    def has(self, pos: int) -> bool:
        index = pos - self.low
        return 0 <= index < len(self.bits) and self.bits[index] == 1


def _excluded_spans(text: str, low: int, high: int) -> tuple[_Mask, _Mask]:
    """Where neither names nor verbs report this meeting (relayed, delegated, credits), and
    where names only are referred to (落实省长X的指示要求: the verb may still be someone's)."""
    mask = _Mask(low, high)
    for match in _DELEGATION_RE.finditer(text, low, high):
        mask.add(*match.span())
    for trigger in _RELAY_RE.finditer(text, low, high):
        mask.add(trigger.end(), _relay_end(text, trigger.end(), high))
    for byline in _BYLINE_RE.finditer(text, low, high):
        # 编辑: 杨玉娟 审核人:叶玲玲 — the credit fields, up to the end of the line or a sentence
        stop = _BYLINE_END_RE.search(text, byline.end(), high)
        mask.add(byline.start(), stop.start() if stop else high)
    referred = mask.copy()
    for trigger in _REFERENCE_RE.finditer(text, low, high):
        clause = _CLAUSE_RE.match(text, trigger.end(), high)
        referred.add(trigger.end(), clause.end() if clause else trigger.end())
    for statement in _STATEMENT_RE.finditer(text, low, high):
        sentence = _SENTENCE_RE.match(text, statement.end(), high)
        referred.add(statement.end(), sentence.end() if sentence else statement.end())
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
        if excluded.has(match.start()) or _hypothetical(text, match.start(), match.end(), low, high):
            continue
        group = match.lastgroup
        verbs.append(
            Verb(
                role=group[2:],
                start=match.start(),
                end=match.end(),
                forward=group.startswith("f_"),
                near=group.startswith("n_"),
                strong=_STRONG_RE.match(text, match.start()) is not None,
                group_title=_forward_group_title(match.group()) if group.startswith("f_") else None,
            )
        )
    return verbs


def _hypothetical(text: str, start: int, end: int, low: int, high: int) -> bool:
    """要来参会 / 将出席 / 未出席 / 参加过: no act at this meeting."""
    return bool(_MODAL_BEFORE_RE.search(text[max(low, start - 4) : start])
                or _MODAL_AFTER_RE.match(text[end : min(high, end + 2)]))


def _forward_group_title(verb: str) -> str | None:
    inner = _FORWARD_GROUP_RE.search(verb)
    return group_title(inner.group(1)) if inner else None


# ------------------------------------------------------------------------------------------
# mentions


def _first_mentions(text: str, low: int, high: int, verbs: list[Verb]) -> list[Mention]:
    """People written with a title, in 、 lists, or bare right before a strong verb."""
    mentions: list[Mention] = []
    covered = _Mask(low, high)

    def add(found: list[Mention]) -> None:
        if found:
            mentions.extend(found)
            covered.add(found[0].lead, found[-1].end)

    for chain in TITLE_CHAIN_RE.finditer(text, low, high):
        after = _SPACES_RE.match(text, chain.end(), high).end()  # 县领导 张三 as well as 县领导张三
        if covered.has(chain.start()) or after >= high or not is_cjk(text[after]):
            continue
        name = read_name(text, after, high, after_title=True)
        if name:
            start = place_before(text, chain.start(), low)
            titles = split_titles(chain.group())
            if start < chain.start():
                titles[0] = text[start : chain.start()] + titles[0]
            first = Mention(name.text, name.start, name.end, titles, lead=start)
            add(_read_list(text, first, high, strict=False))
    for anchor in _bare_list_starts(text, low, high):
        if covered.has(anchor):
            continue
        name = read_name(text, anchor, high)
        if name and text.startswith("、", _AFTER_ITEM_RE.match(text, name.end).end()):
            add(_read_list(text, Mention(name.text, name.start, name.end), high, strict=True))
    for verb in verbs:  # 出席会议的县领导还有韩冰、曹阳: the list right after a forward verb
        if verb.forward and not covered.has(verb.end):
            name = read_name(text, verb.end, high)
            if name:
                add(_read_list(text, Mention(name.text, name.start, name.end), high, strict=False))
    for verb in verbs:  # 王建民主持大会闭幕式 / 会议由郑南贵主持: a bare name right before
        if verb.strong and not verb.forward:
            name = name_ending_at(text, verb.start, low, high)
            if name and not covered.has(name.start):
                add([Mention(name.text, name.start, name.end)])
    return sorted(mentions, key=lambda m: m.start)


def _bare_list_starts(text: str, low: int, high: int) -> list[int]:
    """Where a 、 list of bare names may begin: 段志强、陈云、… / 阿不都热依木·买买提、李建国、…

    The first item is a run of two to four characters (a dotted name may be longer), with
    perhaps a note (女), standing after a mark and right before a 、.
    """
    starts = []
    previous = low
    pos = text.find("、", low, high)
    while pos >= 0:
        window = max(previous, pos - 22)
        item = _ITEM_BEFORE_RE.search(text, window, pos)
        if item and (item.start() == low or not is_cjk(text[item.start() - 1])):
            length = item.end("run") - item.start()
            if 2 <= length <= 4 or (length <= 16 and _DOT_IN_RE.search(item.group("run"))):
                starts.append(item.start())
        previous = pos + 1
        pos = text.find("、", pos + 1, high)
    return starts


def _read_list(text: str, first: Mention, high: int, strict: bool) -> list[Mention]:
    """A first person and those listed after it with 、/及/和; a bare item keeps the title before.

    strict: every 、 item must be a name (a list with no title: 段志强、陈云、…); otherwise the
    list simply ends at the first item that is not a name (县领导A、B、县直单位负责人).
    """
    items = [first]
    pos = first.end
    while True:
        pos = _AFTER_ITEM_RE.match(text, pos).end()
        joiner = next((j for j in _LIST_JOINERS if text.startswith(j, pos)), None)
        if joiner is None and not strict:  # 县领导 张三 李四 王五: spaces between titled names
            joiner = _SPACES_RE.match(text, pos, min(high, pos + 2)).group() or None
        if joiner is None:
            break
        nxt = pos + len(joiner)
        chain = TITLE_CHAIN_RE.match(text, nxt, high)
        name = read_name(text, chain.end(), high, after_title=True) if chain else None
        if name:
            titles = split_titles(chain.group())
            items.append(Mention(name.text, name.start, name.end, titles, lead=chain.start()))
        else:
            name = read_name(text, nxt, high, after_title=not strict)  # 区委常委次仁卓玛、普布顿珠
            if not name:
                if strict and joiner == "、":
                    return []
                break
            items.append(Mention(name.text, name.start, name.end, list(items[-1].titles)))
        pos = name.end
    if strict and len(items) < 2:
        return []
    title = title_after_etc(text, pos, high)
    if title:
        for item in items:
            if not item.titles:
                item.titles = [title]
    return items


def _known_mentions(text, low, high, mentions: list[Mention], known: set[str]) -> list[Mention]:
    """Every further bare mention of a name already introduced (许达指出, 会议由郑南贵主持)."""
    if not known:
        return []
    covered = _Mask(low, high)
    for mention in mentions:
        covered.add(mention.start, mention.end)
    found = []
    for name in sorted(known, key=len, reverse=True):  # 欧阳石林 before a shorter name inside it
        start = text.find(name, low, high)
        while start >= 0:
            end = start + len(name)
            if not covered.has(start) and ends_at_boundary(text, end, high):
                found.append(Mention(name, start, end))
                covered.add(start, end)
            start = text.find(name, end, high)
    return found


# ------------------------------------------------------------------------------------------
# roles


def _gap(text: str, start: int, end: int) -> int:
    return len(_BOOK_TITLE_RE.sub("《》", text[start:end]))


def _assign_roles(text, low, high, mentions: list[Mention], verbs: list[Verb]):
    """(name, role, span_start, span_end) for every role a verb gives to the people before it."""
    roles = []
    events = sorted([(m.start, 0, m) for m in mentions] + [(v.start, 1, v) for v in verbs], key=lambda e: e[:2])
    by_sentence: dict[int, list] = {}
    for sentence in _SENTENCE_RE.finditer(text, low, high):
        by_sentence[sentence.start()] = []
    starts = sorted(by_sentence)

    for pos, _, event in events:
        index = bisect.bisect_right(starts, pos) - 1
        if index >= 0:
            by_sentence[starts[index]].append(event)
    names = _Mask(low, high)
    for mention in mentions:
        names.add(mention.start, mention.end)
    for sentence_events in by_sentence.values():
        group: list[Mention] = []
        closed = False
        anchor = 0
        forward: Verb | None = None
        for event in sentence_events:
            if isinstance(event, Mention):
                if forward is not None:
                    if not event.titles and forward.group_title:
                        event.titles = [forward.group_title]
                    roles.append((event.name, forward.role, forward.start, event.end))
                    continue
                if closed or (group and not _GROUP_GAP_RE.match(text[group[-1].end : event.lead])):
                    group, closed = [], False
                group.append(event)
                anchor = event.end
                continue
            if names.has(event.start):
                continue  # 王强调研 is 王强 + 调研, not 强调
            if event.forward:
                forward = event
                group, closed = [], False
                continue
            limit = _NEAR_GAP if event.near else _MAX_VERB_GAP
            if not group or _gap(text, anchor, event.start) > limit:
                continue
            if closed and _new_subject(text, anchor, event.start):
                group, closed = [], False  # …出席会议,其他县级领导列席会议: not them again
                continue
            for person in group:
                roles.append((person.name, event.role, person.start, event.end))
            closed = True
            anchor = event.end
    return roles


def _new_subject(text: str, start: int, end: int) -> bool:
    """Whether a clause before the verb opens with someone else, unnamed: …出席会议,其他县级领导列席
    / …,县直各单位主要负责人列席 (but not …出席会议,并为县级领导干部作辅导报告)."""
    comma = text.rfind(",", start, end)  # the text is folded: full-width commas read as ","
    if comma < 0 or text.startswith(_CONTINUATIONS, comma + 1):
        return False
    return _NEW_SUBJECT_RE.search(text, comma + 1, end) is not None


def _rows(mentions: list[Mention], roles) -> tuple[tuple, ...]:
    """(name, titles, role, start, end) once per (name, role); a person's longest titles win
    (刘彩凤: 县工作专班 in a list, 县工作专班领导 alone -> 县工作专班领导)."""
    titles: dict[str, tuple[str, ...]] = {}
    for mention in mentions:
        best = titles.get(mention.name, ())
        if len("".join(mention.titles)) > len("".join(best)):
            titles[mention.name] = tuple(mention.titles)
    rows, seen = [], set()
    for name, role, start, end in roles:
        if (name, role) not in seen:
            seen.add((name, role))
            rows.append((name, titles.get(name, ()), role, start, end))
    return tuple(rows)
