"""What a meeting's name says: kinds, convening body, level, 届/次, (扩大), format.

    中国共产党衡南县第十三届委员会第七次全体(扩大)会议暨2024年上半年经济运行分析会议
    -> kinds [party_plenum, economic_analysis], organizer 县委, level 县, term 13, session 7,
       expanded
Vocabulary: lexicons/meeting_kinds.toml and lexicons/organizers.toml.
"""
from __future__ import annotations

import re
from collections import Counter

from transforms.shared import regions
from transforms.shared.lexicon import alternation, in_written_order, load_toml
from transforms.shared.numerals import parse_chinese_number

_KIND_RULES = [(rule["kind"], re.compile(rule["pattern"])) for rule in load_toml("meeting_kinds.toml")["rules"]]
_ORG = load_toml("organizers.toml")
_LEVEL_CHARS = alternation(_ORG["levels"])
_BODIES = alternation(_ORG["bodies"]["names"])
_PARTY_PREFIX = re.compile(rf"^(?:{alternation(_ORG['party_prefixes']['names'])})")
LEVEL_OF_CHAR: dict[str, str] = _ORG["levels"]
_KIND_BODY: dict[str, str] = _ORG["kind_bodies"]
_DEICTIC = frozenset(_ORG["deictic"]["words"])
# the longest first: 纪律检查委员会 -> 纪委 before 委员会 -> 委
_SHORT_BODY_ORDER = sorted(_ORG["short_bodies"].items(), key=lambda item: len(item[0]), reverse=True)

_N = r"[0-9一二三四五六七八九十百零〇两]+"
_DESIGNATIONS = rf"(?:(?:19|20)\d{{2}}年(?:度)?)?(?:第?{_N}届)?(?:第?{_N}次)?"
# level + body at the start of a name: 县政府, 第60次县政府, 县十六届第9次政府, 县十七届人大常委会
_LEVEL_BODY = re.compile(rf"^{_DESIGNATIONS}(?P<level>{_LEVEL_CHARS}){_DESIGNATIONS}(?P<body>{_BODIES})")
# after a region's name: (衡南县)第十三届委员会 / (雁峰区)委 / (凤翔县)第十六次代表大会
_AFTER_REGION = re.compile(rf"^{_DESIGNATIONS}(?P<body>委员会|{_BODIES})")
_SUBJECT_BODY = re.compile(rf"(?P<level>{_LEVEL_CHARS})(?P<body>{_BODIES})$")
_JOINT = re.compile(rf"^(?:{_LEVEL_CHARS})(?:{_BODIES})(?:、(?:{_LEVEL_CHARS})(?:{_BODIES}))+$")
_LEADING_LEVEL = re.compile(rf"^(?:全)?(?P<level>{_LEVEL_CHARS})")
_TOWNSHIP_START = re.compile(r"^[^\W县区市省全我]{1,5}?(?:镇|乡|街道)")
_DOC_LEVEL = re.compile(rf"(?P<level>{_LEVEL_CHARS})(?=委|政府|长|人大|政协|领导)")

# 第十三届委员会第七次 -> 13, 7; 五届四次 -> 5, 4; 县十六届第9次 -> 16, 9; 第60次 -> -, 60
_TERM = re.compile(rf"第?(?P<n>{_N})届")
# 区十七届人大三次会议 -> 3
_SESSION = re.compile(rf"(?:第(?P<n>{_N})次|(?<=届)(?:人大|政协)?(?P<m>{_N})次|(?<![\d年])(?P<k>\d+)次)")
_TELE = re.compile(in_written_order(load_toml("meeting_kinds.toml")["format"]["teleconference"]))
# 会议以电视电话会形式召开, 会议以视频会议形式开到各镇街, 采取视频形式, 视频连线方式召开
_TELE_SCOPE = re.compile(
    r"以(?:电视电话|视频)(?:会议?)?(?:形式|方式)|(?:采取|采用|通过)(?:电视电话|视频)(?:会议)?(?:形式|方式)"
    r"|视频连线方式召开"
)


def names_its_body(name: str) -> bool:
    """2023年第二次市委常委会会议, 第60次县政府常务会议: a level and a body open the name."""
    return bool(_LEVEL_BODY.match(name))


def name_parts(name: str) -> list[str]:
    """A 暨 name is one meeting with one part per kind: A暨B -> [A, B]."""
    return [part for part in name.split("暨") if part]


def kinds_of(name: str) -> list[str]:
    kinds: list[str] = []
    for part in name_parts(name):
        kind = next((k for k, pattern in _KIND_RULES if pattern.search(part)), "other")
        if kind == "other" and not _HEAD.search(part):
            continue  # 2011年三秋暨秸秆…工作动员会: a topic sharing the next part's head, no kind of its own
        if kind not in kinds:
            kinds.append(kind)
    return kinds or ["other"]


_HEAD = re.compile(r"(?:会|会议|议)$|会[(（][^()（）]{1,6}[)）]$")


def _strip_region(part: str) -> tuple[str, str | None]:
    """中国共产党衡南县第十三届… -> (第十三届…, '县'): the party prefix and leading region names."""
    rest = _PARTY_PREFIX.sub("", part)
    suffix = None
    while True:
        mentions = regions.find_region_mentions(rest)
        if not mentions or mentions[0].start != 0:
            return rest, suffix
        suffix = mentions[0].written[-1]
        rest = rest[mentions[0].end :]


def level_char_of(name: str, subject: str, scope: str) -> str | None:
    """The level character (县, 区, 市, 省, 镇 …) of the body that met, from the most direct cue."""
    match = _SUBJECT_BODY.search(subject)
    if match and len(subject) <= len(match.group()) + 8:
        return match.group("level")  # 省委召开…
    first = name_parts(name)[0]
    rest, suffix = _strip_region(first)
    if suffix:
        return suffix  # 雁峰区委…, 石嘴山市第十五届…
    if _TOWNSHIP_START.match(first):
        return "镇"
    for mention in regions.find_region_mentions(subject):
        return mention.written[-1]  # 代县召开…
    if _TOWNSHIP_START.match(subject) or subject.endswith(("镇", "乡", "街道")):
        return "镇"
    match = _LEVEL_BODY.match(rest) or _LEADING_LEVEL.match(rest)
    if match:
        return match.group("level")  # 县十七届人大常委会…, 全省…
    for word in _DEICTIC:
        if subject.startswith(word):
            return word[1]  # 我县召开…
    counts = Counter(m.group("level") for m in _DOC_LEVEL.finditer(scope))
    return counts.most_common(1)[0][0] if counts else None


def organizer_of(name: str, subject: str, kinds: list[str], level_char: str | None) -> str | None:
    """The convening body as level + body: 县委, 区政府, 县政府党组, 省委 (县人民政府 -> 县政府)."""
    organizer = _organizer(name, subject, kinds, level_char)
    for written, short in _SHORT_BODY_ORDER:
        organizer = organizer.replace(written, short) if organizer else organizer
    return organizer


def _organizer(name: str, subject: str, kinds: list[str], level_char: str | None) -> str | None:
    if _JOINT.match(subject):
        return subject  # 县委、县政府召开…
    match = _SUBJECT_BODY.search(subject)
    if match and len(subject) <= len(match.group()) + 8:
        return match.group()  # 省委召开… (subject 衡南县委 -> 县委)
    match = _LEVEL_BODY.match(subject)
    if match:
        return match.group("level") + match.group("body")  # 县人大常委会党组召开…
    rest, suffix = _strip_region(name_parts(name)[0])
    if suffix:
        after = _AFTER_REGION.match(rest)
        if after:
            return suffix + after.group("body")
    else:
        match = _LEVEL_BODY.match(rest)
        if match:
            return match.group("level") + match.group("body")
    body = _KIND_BODY.get(kinds[0])
    return level_char + body if body and level_char else None


# 党的二十届三中全会精神宣讲报告会, 学习贯彻党的二十大精神专题会: the 届/次 of a central session
# the meeting studies, not its own (the same length, so offsets stay)
_STUDIED_SESSION = re.compile(rf"(?:党的)?{_N}届{_N}中全会精神|(?:党的){_N}大精神")


def term_and_session(name: str) -> tuple[int | None, int | None]:
    name = _STUDIED_SESSION.sub(lambda m: "_" * len(m.group()), name)
    for part in name_parts(name):
        term = _TERM.search(part)
        session = _SESSION.search(part, term.end() if term else 0)
        if term or session:
            return _number(term.group("n") if term else None), _number(
                (session.group("n") or session.group("m") or session.group("k")) if session else None
            )
    return None, None


def _number(written: str | None) -> int | None:
    value = parse_chinese_number(written) if written else None
    return int(value) if value is not None else None


_EXPANDED = re.compile(r"[(（]扩大[)）]|扩大会议?$")


def expanded(name: str) -> bool:
    """全体(扩大)会议, 常委扩大会议."""
    return any(_EXPANDED.search(part) for part in name_parts(name))


def meeting_format(name: str, scope: str) -> str:
    """teleconference: 视频调度会, or `会议以电视电话会形式召开` in the report."""
    return "teleconference" if _TELE.search(name) or _TELE_SCOPE.search(scope) else "in_person"
