"""Mentions: where a meeting report names a person, with the titles written before the name.

    县委副书记、代理县长李仕兵…              a title chain, then the name (and a list after it)
    段志强、陈云、谢辉…在主席台就座           a 、 list of bare names
    出席会议的县领导还有韩冰、曹阳             the list right after a verb that comes first
    会议由郑南贵主持 / 许达指出…              a bare name before a strong verb, or one already known
people.py decides what each person did; names.py reads the names and titles themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.people.names import (
    DOTS,
    TITLE_CHAIN_RE,
    TITLE_RE,
    ends_at_boundary,
    is_body,
    name_ending_at,
    opens_with_level,
    place_before,
    read_name,
    split_titles,
    title_after_etc,
)
from transforms.shared.lexicon import in_written_order, load_toml
from transforms.shared.width import is_cjk

# the characters of a name right before a mark (searched in a short window ending there)
_RUN_BEFORE_RE = re.compile(f"[\u4e00-\u9fff{''.join(sorted(DOTS))}]+$")
_DOT_IN_RE = re.compile(f"[{''.join(sorted(DOTS))}]")
# what may follow a listed name before the next one: 同志 / (女) / (女,蒙古族) / (右二) / the stray comma of
# a crawl that doubles its marks (林启明,、曾文汉)
_AFTER_ITEM_RE = re.compile(r"(?:同志|\([^()]{1,8}\))*(?:,(?=、))?")
_LIST_JOINER_RE = re.compile(in_written_order(("以及", "、", "及", "和", "与")))
_SPACES_RE = re.compile(r"[ \u3000\xa0]*")
# between a title and its name: spaces, and a note on the office (副县长(挂职)张建国)
_TITLE_GAP_RE = re.compile(r"[ \u3000\xa0]*(?:\([^()\d]{1,4}\))?")
_APPOINTMENT_RE = re.compile(load_toml("role_verbs.toml")["appointment"]["pattern"])
_APPOINTED_AS_RE = re.compile(r"(?:同志)?为")


class Mask:
    """Positions of [low, high) marked as covered by some span."""

    def __init__(self, low: int, high: int):
        self.low = low
        self.size = max(0, high - low)
        self.bits = bytearray(self.size)

    def add(self, start: int, end: int) -> None:
        start = max(start - self.low, 0)
        end = min(end - self.low, self.size)
        if start < end:
            self.bits[start:end] = b"\x01" * (end - start)

    def has(self, pos: int) -> bool:
        index = pos - self.low
        return 0 <= index < self.size and self.bits[index] == 1


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


def first_mentions(text: str, low: int, high: int, verbs: list) -> list[Mention]:
    """People written with a title, in 、 lists, or bare right before a strong verb."""
    mentions: list[Mention] = []
    covered = Mask(low, high)

    def add(found: list[Mention]) -> None:
        if found:
            mentions.extend(found)
            covered.add(found[0].lead, found[-1].end)

    # a chain ending in 、 with no name yet, whose next title an organisation's name opens and the
    # chain grammar misses: 县委组织部副部长、县非公经济组织和社会组织党委书记梁建军
    unnamed = None
    for chain in TITLE_CHAIN_RE.finditer(text, low, high):
        if covered.has(chain.start()):
            unnamed = None
            continue
        after = _TITLE_GAP_RE.match(text, chain.end(), high).end()  # 县领导 张三 as well as 县领导张三
        if after >= high or not is_cjk(text[after]):
            # 县委副书记、|县长,县人民政府党组书记张三: a chain broken by a comma right before the next
            unnamed = chain if text.startswith(("、", ","), chain.end()) else None
            continue
        name = read_name(text, after, high, after_title=True)
        if name:
            start = place_before(text, chain.start(), low)
            titles = split_titles(chain.group())
            if start < chain.start():
                titles[0] = text[start : chain.start()] + titles[0]  # 五莲|县县长 -> 五莲县县长
            elif len(titles[0]) > 2 and titles[0][0] == titles[0][1] and TITLE_RE.fullmatch(titles[0], 1):
                titles[0] = titles[0][1:]  # 杞县县长: the level ends the place's name, the title is 县长
            between = text[unnamed.end() + 1 : start] if unnamed else ""
            if unnamed and text[unnamed.end()] == "," and between:
                unnamed = None  # 县长,县人民政府…: only a title right after the comma continues the chain
            if unnamed and len(between) <= 16 and all(is_cjk(c) for c in between):
                titles = [*split_titles(unnamed.group()), between + titles[0], *titles[1:]]
                start = unnamed.start()
            first = Mention(name.text, name.start, name.end, titles, lead=start)
            add(_read_list(text, first, high, strict=False))
        unnamed = None
    for appointed in _APPOINTMENT_RE.finditer(text, low, high):  # 任命侯某同志为副区长、代理区长
        name = read_name(text, appointed.end(), high)
        office = _APPOINTED_AS_RE.match(text, name.end, high) if name else None
        # the place before the title goes with it: 为长宁|区人民政府副区长
        chain = TITLE_CHAIN_RE.search(text, office.end(), min(high, office.end() + 24)) if office else None
        place = text[office.end() : chain.start()] if chain else ""
        if (chain and len(place) <= 5 and all(is_cjk(c) for c in place) and not covered.has(name.start)
                and (chain.end() >= high or not is_cjk(text[chain.end()]))):
            titles = split_titles(chain.group())
            titles[0] = place + titles[0]
            add([Mention(name.text, name.start, name.end, titles)])
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
    perhaps 同志 or a note (女) after it, standing after a mark and right before a 、.
    """
    starts = []
    previous = low
    pos = text.find("、", low, high)
    while pos >= 0:
        end = pos
        if end > previous and text[end - 1] == ")":  # 张静(女)、
            note = text.rfind("(", max(previous, end - 10), end)
            end = note if note >= 0 else end
        if text.startswith("同志", end - 2):  # 夏冬梅同志、
            end -= 2
        if end > previous and text[end - 1] == ",":  # 曾文汉,、
            end -= 1
        item = _RUN_BEFORE_RE.search(text, max(previous, end - 16), end)
        if item and (item.start() == low or not is_cjk(text[item.start() - 1])):
            length = item.end() - item.start()
            if 2 <= length <= 4 or (length <= 16 and _DOT_IN_RE.search(item.group())):
                starts.append(item.start())
            else:  # the body the people belong to, then the list: 县政府戚本舰、王真业…等县领导
                word = item.group()
                body = next((k for k in (3, 2) if is_body(word[:-k])), None) if opens_with_level(word) else None
                if body:
                    starts.append(item.end() - body)
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
        joiner = _LIST_JOINER_RE.match(text, pos)
        joiner = joiner.group() if joiner else None
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


def known_mentions(text, low, high, mentions: list[Mention], known: set[str]) -> list[Mention]:
    """Every further bare mention of a name already introduced (许达指出, 会议由郑南贵主持)."""
    if not known:
        return []
    covered = Mask(low, high)
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
