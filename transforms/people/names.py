"""Titles and names: read `县委副书记、代理县长李仕兵` as titles ['县委副书记', '代理县长'] + 李仕兵.

The title grammar ([level] [unit…] [modifier…] head) comes from lexicons/titles.toml, the
surnames from lexicons/surnames.txt; the words that may follow a name come from
lexicons/role_verbs.toml. This module only reads text; people.py decides who did what.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.shared.lexicon import alternation, in_written_order, load_toml, load_words
from transforms.shared.width import fold_width, is_cjk
from transforms.shared.regex_first import fast


def _load_surnames() -> tuple[frozenset[str], frozenset[str]]:
    words = load_words("surnames.txt")
    return frozenset(w for w in words if len(w) != 2), frozenset(w for w in words if len(w) == 2)


_TITLES = load_toml("titles.toml")
_VERBS = load_toml("role_verbs.toml")
NOT_PERSON = load_toml("not_person.toml")
SINGLE_SURNAMES, COMPOUND_SURNAMES = _load_surnames()
_NOT_NAMES = frozenset(NOT_PERSON["words"])

_DEPARTMENT = f"(?:{alternation(_TITLES['department_stems'])})(?:{alternation(_TITLES['department_suffixes'])})?"
_UNIT = f"(?:{alternation(u for u in _TITLES['units'] if u != '委')})"
_LEVEL = f"(?:{alternation(_TITLES['levels'])})委?"  # 县 / 县委
# a department opens a title only after a level (县财政局局长); written alone (财政局局长) it is
# kept by place_before as an organisation, which spares the matcher many common characters
TITLE = (
    f"(?:{alternation(_TITLES['party_prefixes'])})?(?:(?:{_LEVEL})(?:{_UNIT}|{_DEPARTMENT})*|(?:{_UNIT})*)"
    f"(?:{alternation(_TITLES['modifiers'])})*"
    f"(?!{alternation(_TITLES['head_exceptions'])})(?:{alternation(_TITLES['heads'])})"
    f"(?:{alternation(_TITLES['head_suffixes'])})?"
)
TITLE_RE = fast(TITLE)
# a chain of titles, with or without 、 or 兼 between them: 县委副书记、代理县长 / 县委常委统战部长
# (crawls double the mark as well: 县委常委,、统战部长)
TITLE_CHAIN_RE = fast(f"(?:{TITLE})(?:(?:,?、|兼)?(?:{TITLE}))*")
_TITLE_SEPARATOR_RE = re.compile(",?[、兼]")
_GROUP_QUALIFIER_RE = re.compile(f"^(?:{alternation(_TITLES['group_qualifiers'])})+")
_PLACE_STOP = frozenset(_TITLES["place_stop_chars"])
_GROUP_WORDS = frozenset(_TITLES["group_words"])
_LEVEL_START_RE = re.compile(_LEVEL)
_BODY_RE = re.compile(f"(?:{_LEVEL})(?:{_UNIT}|{_DEPARTMENT})+")  # 县政府, 市人大常委会, 县财政局
_ORG_END_RE = re.compile(f"(?:{alternation(_TITLES['org_suffixes'])})$")
_ORG_WORD_RE = re.compile(alternation(_TITLES["org_words"]))
_ORG_WORD_LONGEST = max(map(len, _TITLES["org_words"]))

_ALL_VERBS = [p for table in ("roles", "near_roles") for patterns in _VERBS[table].values() for p in patterns]
# verbs first: after 周萍 the whole 在主席台上就座 is read, not just 在
_AFTER_NAME_RE = fast(
    "|".join([
        *(f"(?:{p})" for p in _ALL_VERBS),
        alternation([*_VERBS["names"]["boundaries"], *_VERBS["names"]["titles_after"]]),
    ])
)
_LONG_BOUNDARY_RE = re.compile(alternation(w for w in _VERBS["names"]["boundaries"] if len(w) > 1))
_TITLES_AFTER = tuple(["同志", *_VERBS["names"]["titles_after"]])
_TITLES_AFTER_LAST = frozenset(word[-1] for word in _TITLES_AFTER)  # most verbs follow none of them
_VERB_RE = fast("|".join(f"(?:{p})" for p in _ALL_VERBS))
# what frames a name outside the surname list after a title: 同志, a strong verb, or a verb
# that counts right after a name (州民宗委主任勒尔曲布通报了…)
_NEAR_VERBS = [verb for verbs in _VERBS["near_roles"].values() for verb in verbs]
_STRONG_AFTER_RE = re.compile("同志|" + "|".join(f"(?:{p})" for p in [*_VERBS["strong_roles"]["verbs"], *_NEAR_VERBS]))
_RARELY_FINAL = frozenset(_VERBS["names"]["rarely_final"])
_NOT_GIVEN = frozenset(NOT_PERSON["not_in_given_names"])
_NOT_UNLISTED = (_NOT_GIVEN - frozenset(NOT_PERSON["allowed_in_unlisted_names"])) | frozenset(
    NOT_PERSON["not_in_unlisted_names"])
_NOT_UNLISTED_WORDS_RE = re.compile(alternation(NOT_PERSON["not_in_unlisted_words"]))
_NOT_LISTED = _NOT_UNLISTED - frozenset(NOT_PERSON["allowed_in_list_items"])
_JOINERS = ("以及", "和", "及", "与")
_JOINER_RE = re.compile(in_written_order(_JOINERS))


# the middle dot that joins the parts of a transliterated name, in the forms crawls carry:
# 艾尔肯·吐尼亚孜 / 艾尔肯•吐尼亚孜 / 艾尔肯・吐尼亚孜
DOTS = frozenset("·•・‧∙･")
_RUN_RE = re.compile(f"[\u4e00-\u9fff{''.join(sorted(DOTS))}]{{1,20}}")  # a name's characters, dots included
_DOT_RE = re.compile(f"[{''.join(sorted(DOTS))}]")


@dataclass
class Name:
    text: str
    start: int
    end: int


def ends_at_boundary(text: str, pos: int, limit: int) -> bool:
    return _boundary_strength(text, pos, limit) > 0


def _boundary_strength(text: str, pos: int, limit: int) -> int:
    """0 when a name can not end at `pos`; else how clearly it ends (punctuation > 出席 > 和)."""
    if pos >= limit:
        return 9
    if not is_cjk(text[pos]):
        return 0 if text[pos] in DOTS else 9
    if _joins_titled_person(text, pos, limit):
        return 9  # 阿沛·晋源|和秘书长索朗培杰: the name ends before 和, not before 秘书长
    match = _AFTER_NAME_RE.match(text, pos, limit)
    return len(match.group()) if match else 0


def _joins_titled_person(text: str, pos: int, limit: int) -> bool:
    """和秘书长索朗培杰 / 及副县长张三 at `pos`: a joiner, a title, then someone's name (not 王家和书记指出)."""
    joiner = _JOINER_RE.match(text, pos)
    if joiner is None:
        return False
    title = TITLE_RE.match(text, joiner.end(), limit)
    after = title.end() if title else limit
    return after < limit and is_cjk(text[after]) and not _AFTER_NAME_RE.match(text, after, limit)


def _surname_lengths(text: str, pos: int) -> list[int]:
    lengths = []
    if text[pos : pos + 2] in COMPOUND_SURNAMES:
        lengths.append(2)
    if text[pos] in SINGLE_SURNAMES:
        lengths.append(1)
    return lengths


def name_candidates(text: str, pos: int, limit: int) -> list[Name]:
    """Every surname + 1-2 given characters at `pos` that ends where a name can end."""
    found: list[Name] = []
    surnames = _surname_lengths(text, pos) if pos < limit else []
    if not surnames or _VERB_RE.match(text, pos, limit) or _LONG_BOUNDARY_RE.match(text, pos, limit):
        return found  # 出席…, 应邀出席 are no names
    if TITLE_RE.match(text, pos, limit):
        return found  # 常务副县长, 管委会主任, 项目经理: a title, though it opens with a surname
    for surname in surnames:
        for given in (1, 2):
            end = pos + surname + given
            if end > limit:
                break
            given_char = text[end - 1]  # the ones before it passed already
            if not is_cjk(given_char) or given_char in _NOT_GIVEN:
                break
            candidate = text[pos:end]
            if candidate not in _NOT_NAMES and ends_at_boundary(text, end, limit):
                found.append(Name(candidate, pos, end))
    return found


def read_name(text: str, pos: int, limit: int, after_title: bool = False) -> Name | None:
    """The name written at `pos`, or None.

    Two or three characters are decided by what follows (许达受… / 李仕兵讲评…); when both
    fit, the form the text repeats elsewhere wins, else the longer one. A name outside the
    surname list is read where its end is clear: joined by a middle dot (买买提·艾力) anywhere,
    and after a title (阿木布哈同志, 格桑多吉、) when `after_title`.
    """
    broken = _across_line_break(text, pos, limit)
    if broken:
        return broken
    candidates = name_candidates(text, pos, limit)
    if len(candidates) > 1:
        shorter = min(candidates, key=lambda n: n.end)
        longer = max(candidates, key=lambda n: n.end)
        # the text names 许达 again elsewhere (许达指出), so 许达受… is 许达
        scope = text[max(0, pos - 3000) : pos + 3000]
        count_short, count_long = scope.count(shorter.text), scope.count(longer.text)
        if count_short != count_long:
            return shorter if count_short > count_long else longer
        # 马骏|作为 over 马骏作|为; 王家和|出席 over 王家|和出席
        strength_short = _boundary_strength(text, shorter.end, limit)
        strength_long = _boundary_strength(text, longer.end, limit)
        if strength_short != strength_long:
            return shorter if strength_short > strength_long else longer
        # 周萍在主席台就座: 在 rarely ends a name
        return shorter if text[shorter.end] in _RARELY_FINAL else longer
    if candidates:
        return candidates[0]
    return _unlisted_name(text, pos, limit, after_title)


def _across_line_break(text: str, pos: int, limit: int) -> Name | None:
    """A name the crawl broke over two lines, 县委书记张建\n国主持会议 -> 张建国 (its span holds the
    break). Only where the line breaks between two Han characters, inside what reads as a name
    that then ends where names end; 张建\n李卫东 (a name a line) stays two."""
    brk = text.find("\n", pos + 1, min(limit, pos + 4))
    if brk < 0 or not is_cjk(text[brk - 1]) or brk + 1 >= limit or not is_cjk(text[brk + 1]):
        return None
    if not _surname_lengths(text, pos):
        return None
    joined = text[pos:brk] + text[brk + 1 : min(limit, brk + 24)]
    name = read_name(joined, 0, len(joined))
    if name is None or name.end <= brk - pos or name.end > 4:
        return None
    return Name(name.text, pos, pos + name.end + 1)


# what may follow a name outside the surname list when no verb does: 格桑多吉、/ 巴桑,
_ITEM_ENDS = frozenset("、,;( ")


@lru_cache(maxsize=8)
def _has_dots(text: str) -> bool:
    return _DOT_RE.search(text) is not None


def _unlisted_name(text: str, pos: int, limit: int, after_title: bool) -> Name | None:
    if not after_title and not _has_dots(text):
        return None  # most articles name nobody with a dot: spare the look
    run_match = _RUN_RE.match(text, pos, limit)
    if not run_match:
        return None
    run = run_match.end()
    dot = _DOT_RE.search(text, pos + 1, min(run, pos + 9))
    if dot:
        return _dotted_name(text, pos, dot.start(), run, limit)
    if not after_title:
        return None
    # an item between list marks may hold what names outside the list often do and words rarely
    # leave standing alone: 省委常委仁青加、… / …、参木群、… / 、吉狄马加出席
    listed = (pos > 0 and text[pos - 1] == "、") or (run - pos <= 5 and run < limit and text[run] == "、")
    stoplist = _NOT_LISTED if listed else _NOT_UNLISTED
    for length in (2, 3, 4, 5):
        stop = pos + length
        if stop > run:
            return None
        piece = text[pos:stop]
        if (not stoplist.isdisjoint(piece) or _NOT_UNLISTED_WORDS_RE.search(piece)
                or (listed and _VERB_RE.search(piece))):
            return None
        if piece in _NOT_NAMES or _AFTER_NAME_RE.match(text, pos, stop):
            continue
        if _STRONG_AFTER_RE.match(text, stop, limit):
            return Name(piece, pos, stop)  # 阿木布哈同志通报 / 那顺乌日图作总结讲话 / 岩罕主持
        if stop == run and stop < limit and (
                (length <= 4 and text[stop] in _ITEM_ENDS) or text[stop] == "、"):
            return Name(piece, pos, stop)  # 区委常委次仁卓玛、普布顿珠… / 副旗长额尔德木图、其其格
    return None


def _dotted_name(text: str, pos: int, dot: int, run: int, limit: int) -> Name | None:
    """阿不都热依木·买买提、 / 艾尔肯·吐尼亚孜就… / 买买提江·吾买尔参加会议.

    The last part ends before punctuation, a role verb or a character that rarely ends a name
    (就, 在 …); of the places where a name may end before that, the clearest boundary wins and,
    on a tie, the longer name (买买提出席: 买买|提出 and 买买提|出席 tie, 买买提 is read).
    """
    last = dot
    while True:  # 阿卜杜·热合曼·阿不都拉: further parts
        nxt = next((i for i in range(last + 2, min(run, last + 10)) if text[i] in DOTS), -1)
        if nxt < 0:
            break
        last = nxt
    hard = last + 1
    while hard < min(run, last + 9) and text[hard] not in DOTS:
        if hard - last > 2 and (text[hard] in _RARELY_FINAL or _VERB_RE.match(text, hard, limit)):
            break
        hard += 1
    best, best_strength = None, 0
    for end in range(last + 2, hard + 1):
        joiner = _JOINER_RE.match(text, end)
        if joiner and TITLE_RE.match(text, joiner.end(), limit):
            best = end  # 阿依古丽·买买提|及委员出席: a joiner and an office end the name
            break
        strength = _boundary_strength(text, end, limit)
        if strength and strength >= best_strength:
            best, best_strength = end, strength
    return Name(text[pos:best], pos, best) if best else None


def name_ending_at(text: str, end: int, low: int, high: int) -> Name | None:
    """A name that starts a clause (or follows 由) and ends at `end`, or before 同志 / 书记 there."""
    if text[end - 1 : end] in _TITLES_AFTER_LAST:
        for word in _TITLES_AFTER:
            if text.startswith(word, end - len(word)):
                end -= len(word)
                break
    for length in (2, 3, 4):
        start = end - length
        if start < low:
            break
        before = text[start - 1] if start > low else ""
        if (is_cjk(before) and before != "由") or before.isdigit() or (before.isascii() and before.isalpha()):
            continue  # inside a word, or a count: 30余人参加
        name = read_name(text, start, high)
        if name and name.end == end:
            return name
    return None


def split_titles(chain: str) -> list[str]:
    """县委常委统战部长 -> ['县委常委', '统战部长']; 县委副书记、代理县长 -> two titles."""
    titles: list[str] = []
    for piece in _TITLE_SEPARATOR_RE.split(chain):
        pos = 0
        while pos < len(piece):
            match = TITLE_RE.match(piece, pos)
            if not match or match.end() == pos:
                titles.append(piece[pos:])
                break
            titles.append(match.group())
            pos = match.end()
    return [t for t in titles if t]


def place_before(text: str, start: int, low: int) -> int:
    """Where a place or organisation written before a title begins, else `start`.

        石嘴山|市委副书记 (a place before a title that opens with a level)
        县人民医院|院长  (an organisation ending in 医院, 公司, 局 …: titles.toml org_suffixes)
    Only a short run of characters standing alone after punctuation counts, so 会上县委书记,
    该区区委常委 or 委托副县长 keep their titles as written without the words before them.
    """
    pos = start
    while pos > low and start - pos < 16 and is_cjk(text[pos - 1]) and (
            text[pos - 1] not in _PLACE_STOP or _in_org_word(text, pos - 1)):
        pos -= 1  # a stop character inside an organisation's word is no stop: 有限公司, 律师协会
    if not (pos == low or not is_cjk(text[pos - 1])):
        return start
    if _LEVEL_START_RE.match(text, start) and 2 <= start - pos <= 5:
        return pos
    if start - pos >= 2 and _ORG_END_RE.search(text, pos, start):
        return pos
    return start


def is_body(word: str) -> bool:
    """县政府, 市人大常委会, 县财政局: a level and the units of a body, no title head."""
    return _BODY_RE.fullmatch(word) is not None and not TITLE_RE.fullmatch(word)


def opens_with_level(word: str) -> bool:
    """县…, 市委…: what every body (is_body) opens with, so a word without it holds none."""
    return _LEVEL_START_RE.match(word) is not None


def _in_org_word(text: str, pos: int) -> bool:
    """Whether text[pos] lies inside a word of titles.toml org_words (有限, 协会, 委员会 …)."""
    for match in _ORG_WORD_RE.finditer(text, max(0, pos - _ORG_WORD_LONGEST + 1), pos + _ORG_WORD_LONGEST):
        if match.start() <= pos < match.end():
            return True
    return False


def group_title(phrase: str) -> str | None:
    """The title in a group phrase after 等: 全体在家区领导 -> 区领导; 同志 -> None."""
    phrase = _GROUP_QUALIFIER_RE.sub("", phrase)
    return phrase if phrase and (phrase in _GROUP_WORDS or TITLE_RE.fullmatch(phrase)) else None


def title_after_etc(text: str, pos: int, high: int) -> str | None:
    """蒋华、李瑞霞、张静等县政府常务会组成成员出席 -> 县政府常务会组成成员; …等代表先后发言 -> 代表."""
    if not text.startswith("等", pos):
        return None
    start = pos + 1
    stop = start
    while stop < high and stop - start < 16 and is_cjk(text[stop]):
        stop += 1
    for end in range(stop, start + 1, -1):
        title = group_title(text[start:end])
        if title and (end == high or not is_cjk(text[end]) or _AFTER_NAME_RE.match(text, end)):
            return title
    return None
