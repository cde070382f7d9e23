"""Bylines, credit lines, page headers, datelines and headlines -> DocumentMetadata.

Credits are metadata: their lines leave the text (names in them must never become meeting
participants), while the dateline's own sentence stays. Each function reads one line, stripped,
in Simplified script; the words are in lexicons/bylines.toml.

    新湖南客户端4月15日讯(通讯员 章佰政 陈前)4月15日上午,…  -> authors 章佰政 陈前; text from 4月15日上午
    人民网银川12月28日电 (梁宏鑫)今天上午,…                -> outlet 人民网; text `12月28日 今天上午,…`
    2021-12-29 16:00:51 编辑: 杨玉娟 审核人:叶玲玲 阅读次数:2287 -> published 2021-12-29, editor 杨玉娟
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from transforms.shared.dates import parse_metadata_date as parse_date
from transforms.shared.lexicon import alternation, in_written_order, load_toml, load_words

_LEXICON = load_toml("bylines.toml")

_SURNAMES = frozenset(load_words("surnames.txt"))  # shared with the name model (people/names.py)
_LABEL_KIND = {label: kind for kind, labels in _LEXICON["labels"].items() for label in labels}
_LABEL = re.compile(rf"(?P<label>{alternation(_LABEL_KIND)})\s*[:：]\s*")
_LEADING_SYMBOLS = "■●◆▲★☆□◇【[〖|｜ \u3000"
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
# the font-size widget, brackets and separators around a page header's date: `09:58 大 中 小`,
# `2287 |`, `[ 2021-01-06 ]`
_FONT_SIZE_WIDGET = r"\s*".join(map(re.escape, _LEXICON["header_noise"]["font_size_widget"]))  # 大\s*中\s*小
_HEADER_NOISE = re.compile(rf"(?:[\s|｜\[\]【】〖〗]|{_FONT_SIZE_WIDGET}|\d+)*")
_ROLE_KIND = {role: kind for kind, roles in _LEXICON["roles"].items() for role in roles}
_ROLE = re.compile(alternation(_ROLE_KIND, spaced=True))
# roles of two or more characters are split off the words they are glued to (全媒体记者张啸);
# one-character roles (文/, 图/, 摄) count only as tokens of their own, never inside a name (张文兵)
_GLUED_ROLE = re.compile(alternation([r for r in _ROLE_KIND if len(r) > 1], spaced=True))
_TOKEN_SPLIT = re.compile(r"[\s:：/、,，;；|｜]+")
_ORGANISATION = re.compile(rf"(?:{alternation(_LEXICON['names']['organisation_suffixes'])})$")
_ORGANISATION_WORD = re.compile(alternation(_LEXICON["names"]["organisation_suffixes"]))
_NOT_NAMES = frozenset(_LEXICON["names"]["not_names"])
_NOT_OUTLETS = frozenset(_LEXICON["names"]["not_outlets"])
_CLOSING_WORDS = frozenset(_LEXICON["names"]["closing_words"])
_END_MARKS = frozenset(_LEXICON["names"]["end_marks"])
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,5}·[\u4e00-\u9fff·]{1,10}")
# an editor's account name: 编辑:redcloud (but not a system account: 责任编辑:admin)
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{2,19}")
_NOT_HANDLES = frozenset(_LEXICON["names"]["not_handles"])
# 记者冯 艳 孙 敏: a two-character name set with a space to the width of three
_SPACED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]([\u4e00-\u9fff])(?![\u4e00-\u9fff])")

_DL = _LEXICON["datelines"]
_OUTLET_SUFFIX = re.compile(rf"^(.*(?:{alternation(_DL['outlet_suffixes'])}))")
_CREDIT_PAREN = r"(?P<credit>[(（][^()（）\n]{1,40}[)）])"
# 新湖南客户端4月15日讯(通讯员 章佰政 陈前) | 人民网银川12月28日电 (梁宏鑫) | 新华社北京2021年12月28日电
_DATED_DATELINE = re.compile(
    r"^(?P<prefix>[^\s\d,，。:：;；(（)）“”\"]{2,20}?)"
    r"(?P<date>(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日)"
    rf"(?P<kind>电|讯)(?P<gap>\s*)(?:{_CREDIT_PAREN}\s*[:：]?|[:：]?(?=[\s(（\d]|{in_written_order(_DL['body_openers'])}|$))"
)
# 【点新闻报道】 | 【香港商报网讯】: the outlet in brackets
_BRACKETED_DATELINE = re.compile(r"^[【\[](?P<prefix>[\u4e00-\u9fff]{2,12}?)(?P<kind>讯|报道)[】\]]\s*")
# (记者 冯艳 孙敏)5日晚,… : the credit opening the body, with no outlet before it
_OPENING_CREDIT = re.compile(rf"^{_CREDIT_PAREN}\s*")
# 本报讯 | 快报讯(通讯员 苏振新 记者 郑春平) | 青海新闻网讯12月22日上午
_UNDATED_DATELINE = re.compile(
    rf"^(?P<prefix>[\u4e00-\u9fff]{{1,8}}(?:{alternation(_DL['undated_suffixes'])}))(?P<kind>讯|电)"
    rf"\s*(?:{_CREDIT_PAREN}\s*[:：]?|[:：]?(?=[\s(（\d]|$))"
)
# the body names its own date right after the dateline (`…讯(…)4月15日上午`): the dateline's
# date then leaves with it; before `今天上午` it stays, as the only date of the report
_BODY_DATE = re.compile(r"^\s*(?:\d{4}年|\d{1,2}月\d{1,2}日)")
# …生活品质。(陈翥) | …既定议程。(记 者:吴阳金 张志彬 见习记者 汪子妍)
_END_CREDIT = re.compile(r"(?<=[。！？!?”\"…])\s*(?P<credit>[(（][^()（）]{1,40}[)）])\s*$")
_WHOLE_PAREN = re.compile(r"^[(（](?P<inner>[^()（）]{1,40})[)）]$")
_GLUED_HEADLINE = re.compile(r"^[\u4e00-\u9fff、]{2,30}[ \u3000]+(?=\S)")
_HEADLINE_END = "。！？!?；;，,、:：…"
_OUTLET_BEFORE_DATE = re.compile(r"(?P<outlet>[\u4e00-\u9fff]{2,12})[:：]\s*(?=\d{4}\s*[-/.年])")
_HEADER_MAX = 150  # a page header or credit line is never longer
_OUTLET_END = re.compile(r"\s*[|｜【】\[\]]\s*|\s+(?=\d)")  # 【来源:本站】 【阅读:次】


@dataclass
class Credits:
    """What one credit line, header or dateline says."""

    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    outlet: str | None = None
    published_date: dt.date | None = None

    def merge(self, other: Credits) -> None:
        self.authors.extend(a for a in other.authors if a not in self.authors)
        self.editor = self.editor or other.editor
        self.outlet = self.outlet or other.outlet
        self.published_date = self.published_date or other.published_date


def is_person_name(token: str, need_surname: bool = False, after_role: bool = False) -> bool:
    """2-4 Han characters (or a name with ·) that is no role, label or organisation; with
    `need_surname`, starting with a listed surname. Right `after_role`, a surname and a given
    name ending in a character that also ends units is a name (通讯员 王耀科, not 科)."""
    if not _NAME.fullmatch(token) or token in _NOT_NAMES:
        return False
    unit = _ORGANISATION.search(token)
    if unit and not (after_role and len(token) <= 3 and len(unit.group()) == 1 and _has_surname(token)):
        return False
    if _ROLE.fullmatch(token) or token in _LABEL_KIND:
        return False
    if need_surname and _SURNAMES and "·" not in token:
        # (记者 永基卓玛): a four-character name right after a role, outside the surname list
        return _has_surname(token) or (after_role and len(token) == 4 and unit is None)
    return True


def _has_surname(token: str) -> bool:
    return token[:1] in _SURNAMES or token[:2] in _SURNAMES


def parse_byline(text: str, default_role: str | None = None) -> Credits | None:
    """Role words and names: `通讯员 苏振新 记者 郑春平`, `记 者:吴阳金 张志彬 见习记者 汪子妍`,
    `菏泽报业全媒体记者 张啸`, `区政府办 供稿`; in parentheses (`default_role` author) also a
    bare name `陈翥` or a bare unit `市政府办公室`. None when a token is none of these."""
    text = _GLUED_ROLE.sub(lambda m: " " + re.sub(r"\s+", "", m.group(0)) + " ", text)
    text = _SPACED_NAME.sub(r"\1\2", text)
    tokens = [t for t in _TOKEN_SPLIT.split(text) if t]
    while tokens and tokens[-1] in _CLOSING_WORDS:  # 本报记者 王建华 通讯员 李小红 报道
        tokens.pop()
    if tokens and _ROLE_KIND.get(tokens[-1]) == "other":
        default_role = "other"  # `张三 摄`, `县统计局供稿`: the credit follows the name
    credits, role, saw_role = Credits(), default_role, False
    organisations_only = bool(tokens)
    previous = None
    for token in tokens:
        kind = _ROLE_KIND.get(token)
        after_role, previous = previous is not None and previous in _ROLE_KIND, token
        if kind is not None:
            role, saw_role = kind, True
        elif is_person_name(token, need_surname=True, after_role=after_role):
            if role == "author":
                credits.authors.append(token)
            elif role == "editor" and credits.editor is None:
                credits.editor = token
            elif role is None:
                return None
        elif not saw_role and len(token) <= 12 and _ORGANISATION_WORD.search(token):
            organisations_only = organisations_only and _ORGANISATION.search(token) is not None
            continue  # the organisation before the role: 菏泽报业 | 全媒体记者, 县统计局 | 供稿
        elif not _ORGANISATION.search(token) or len(token) > 20:
            return None
    if saw_role or credits.authors:
        if (not credits.authors and len(tokens) == 2 and tokens[0] not in _ROLE_KIND
                and _OUTLET_SUFFIX.fullmatch(tokens[0]) and _ROLE_KIND.get(tokens[1]) == "author"):
            credits.outlet = _named_outlet(tokens[0])  # (闽南日报记者): the paper's reporter, unnamed
        return credits
    # `(市政府办公室)` on a line of its own: the unit that supplied the report, no person;
    # `(黑龙江日报)`: the paper that carried it
    if default_role == "author" and organisations_only:
        if len(tokens) == 1 and _OUTLET_SUFFIX.fullmatch(tokens[0]):
            credits.outlet = _named_outlet(tokens[0])
        return credits
    return None


def parse_header(line: str) -> Credits | None:
    """A page header or credit line made of `label:value` fields, or a bare date-time; None when
    the line carries anything else (then it is article text)."""
    line = line.strip(_LEADING_SYMBOLS)
    if len(line) > _HEADER_MAX or not (":" in line or "：" in line or line[:1].isdigit()):
        return None
    credits = Credits()
    named = _OUTLET_BEFORE_DATE.match(line)  # 陕西新闻联播:2020-03-03
    if named and _OUTLET_SUFFIX.fullmatch(named.group("outlet")) and not _LABEL.match(line):
        credits.outlet = _named_outlet(named.group("outlet"))
        line = line[named.end() :]
    fields = list(_LABEL.finditer(line))
    head = line[: fields[0].start()] if fields else line
    if head.strip():
        date = parse_date(head)
        if date is None or _HEADER_NOISE.fullmatch(_TIME.sub("", _DATE.sub("", head, count=1))) is None:
            return None
        credits.published_date = date
    elif not fields:
        return None
    for i, match in enumerate(fields):
        end = fields[i + 1].start() if i + 1 < len(fields) else len(line)
        value = line[match.end() : end].strip(" \u3000|｜,，;；【】[]〖〗")
        if not _read_field(_LABEL_KIND[match.group("label")], value, credits):
            return None
    return credits


def _read_field(kind: str, value: str, credits: Credits) -> bool:
    if kind == "date":
        if not value:
            return True  # `日期:` left empty by the crawl
        date = parse_date(value)
        rest = _TIME.sub("", _DATE.sub("", value, count=1)) if date else value
        if date is None or _HEADER_NOISE.fullmatch(rest) is None:
            return False  # `时间:3月1日上午9时 地点:…` is a notice, not a header
        credits.published_date = credits.published_date or date
    elif len(value) > 30:
        return False  # a sentence after the label: article text, not a credit
    elif kind == "outlet":
        # `来源：某某县人民政府网站 | 2021年03月02日`: the outlet ends where a separator or a date starts
        outlet = _OUTLET_END.split(value, maxsplit=1)[0]
        date = parse_date(value)
        if date is not None and (glued := _DATE.search(outlet)):
            outlet = outlet[: glued.start()]  # 某某日报2021-03-02
        outlet = outlet.strip(" \u3000|｜-—")
        if outlet and outlet not in _NOT_OUTLETS and not is_person_name(outlet, need_surname=True):
            credits.outlet = credits.outlet or outlet
        credits.published_date = credits.published_date or date
    elif kind in ("author", "editor", "other"):
        names = [t for t in _TOKEN_SPLIT.split(value) if is_person_name(t, need_surname=True)]
        if kind == "author":
            credits.authors.extend(names)
        elif kind == "editor" and names:
            credits.editor = credits.editor or names[0]
        elif kind == "editor" and _HANDLE.fullmatch(value) and value.lower() not in _NOT_HANDLES:
            credits.editor = credits.editor or value
    return True


def parse_header_tail(line: str) -> Credits | None:
    """The header closing a line of site furniture, from its first date or label on:
    `首页 > 新闻中心 > 本地要闻 2021-01-06` -> published 2021-01-06. None when the tail is no header."""
    starts = [m.start() for m in (_DATE.search(line), _LABEL.search(line)) if m]
    return parse_header(line[min(starts) :]) if starts else None


def parse_credit_line(line: str) -> Credits | None:
    """A whole line of credits: a header (`责编:张钰茜`), `(作者 高曙光 张媛媛 胡欢)`,
    `(本报记者 陈振伟)`, `菏泽报业全媒体记者 张啸`, `■县融媒体中心记者组`."""
    header = parse_header(line)
    if header is not None:
        return header
    stripped = line.strip(_LEADING_SYMBOLS)
    paren = _WHOLE_PAREN.match(stripped)
    if paren:
        if paren.group("inner").strip() in _END_MARKS:
            return Credits()
        return parse_byline(paren.group("inner"), default_role="author")
    if len(stripped) <= 40 and _GLUED_ROLE.search(stripped):
        return parse_byline(stripped)
    return None


@dataclass(frozen=True)
class Dateline:
    credits: Credits
    deletions: list[tuple[int, int]]  # spans of the line to delete


def find_dateline(line: str) -> Dateline | None:
    """The dateline opening a body line, and what of it leaves the text: all of it when the body
    names its own date, else all but its date (`12月28日 今天上午`). A headline the crawl glued
    before it stays (`茶忠旺出席 香格里拉网讯 (记者 永基卓玛) 4月28日,…`), when the dateline
    credits someone."""
    found = _dateline_at_start(line)
    if found is not None:
        return found
    glued = _GLUED_HEADLINE.match(line)
    found = _dateline_at_start(line[glued.end() :]) if glued else None
    if found is None or not found.credits.authors:
        return None
    return Dateline(found.credits, [(glued.end() + a, glued.end() + b) for a, b in found.deletions])


def _dateline_at_start(line: str) -> Dateline | None:
    match = _DATED_DATELINE.match(line) or _UNDATED_DATELINE.match(line) or _BRACKETED_DATELINE.match(line)
    if not match:
        opening = _OPENING_CREDIT.match(line)
        byline = parse_byline(opening.group("credit")[1:-1]) if opening else None
        if byline is None or not byline.authors:
            return None  # (草案) or (女) open no report
        return Dateline(byline, [(0, opening.end())])
    credits = Credits()
    if "credit" in match.re.groupindex and match.group("credit"):
        byline = parse_byline(match.group("credit")[1:-1], default_role="author")
        if byline is None:
            return None
        credits.merge(byline)
    dated = "date" in match.re.groupindex
    if dated:
        outlet = _OUTLET_SUFFIX.match(match.group("prefix"))
        credits.outlet = (_named_outlet(outlet.group(1)) if outlet else None) or credits.outlet
        if match.group("year"):
            credits.published_date = parse_date(f"{match.group('year')}-{match.group('month')}-{match.group('day')}")
    else:  # 青海新闻网讯 / 【点新闻报道】 name their outlet; 本报讯, 快报讯 do not
        prefix = match.group("prefix")
        credits.outlet = (_named_outlet(prefix) if len(prefix) >= 3 else None) or credits.outlet
    if not dated or _BODY_DATE.match(line[match.end() :]):
        return Dateline(credits, [(0, match.end())])
    # keep the date: it is the only date the report has
    return Dateline(credits, [(0, match.start("date")), (match.end("date"), match.end("kind")), (match.end("gap"), match.end())])


def _named_outlet(prefix: str) -> str | None:
    """本网拉萨…讯 names the site itself, no outlet."""
    return None if prefix.startswith("本") or prefix in _NOT_OUTLETS else prefix


def find_end_credit(line: str) -> tuple[int, Credits] | None:
    """A byline in parentheses closing the article's last line: (offset where it starts, credits)."""
    match = _END_CREDIT.search(line)
    if not match:
        return None
    inner = match.group("credit")[1:-1]
    credits = Credits() if inner.strip() in _END_MARKS else parse_byline(inner, default_role="author")
    return (match.start(), credits) if credits is not None else None


def is_headline(line: str) -> bool:
    """A line that reads as a headline: short, no sentence inside, no sentence punctuation at its end."""
    if not line or len(line) > 60 or "。" in line or line[-1] in _HEADLINE_END:
        return False
    return sum(1 for c in line if "\u4e00" <= c <= "\u9fff") >= 4
