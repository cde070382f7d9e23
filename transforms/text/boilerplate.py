"""Site furniture: lines of a crawled page that belong to the site, not to the article.

Every predicate takes one line, stripped, in Simplified script; the markers are in
lexicons/boilerplate.toml.
"""
from __future__ import annotations

import re
from transforms.shared.lexicon import load_toml
from transforms.shared.regex_first import first_chars

_LEXICON = load_toml("boilerplate.toml")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SHORT_LINE = _LEXICON["short_line"]
_LINE_MARKERS = re.compile(_alternation(_LEXICON["line_markers"]))


def _scan_fast(patterns: list[str]) -> str:
    """The alternation of `patterns`, faster to scan: those whose first characters regex_first can
    read behind one look-ahead for them, the others ((?i:copyright), \\.jpg) after it. Today no
    two of them start with the same character, so their order does not change a match."""
    known = [(p, first) for p in patterns if (first := first_chars(p))]
    unknown = [p for p in patterns if not first_chars(p)]
    guarded = f"(?=[{''.join(first for _, first in known)}])(?:{'|'.join(f'(?:{p})' for p, _ in known)})"
    return "|".join([guarded, *(f"(?:{p})" for p in unknown)])


_LINE_PATTERNS = re.compile(_scan_fast(_LEXICON["line_patterns"]), re.MULTILINE)
_TRAILING_BLOCK = re.compile(rf"^[【\[〖<《■●◆▲#]*\s*(?:{_alternation(_LEXICON['trailing_block_markers'])})")
# 您当前的位置:首页 - 新闻中心 | 当前位置:首页 | 首页 > 专题专栏 > 优化营商环境
_BREADCRUMB = re.compile(
    rf"^(?:(?:{_alternation(_LEXICON['breadcrumb_labels'])})\s*[:：]"
    rf"|(?:{_alternation(_LEXICON['breadcrumb_home'])})\s*(?:{_alternation(_LEXICON['breadcrumb_separators'])}))"
)
_MENU_WORDS = frozenset(w.lower() for w in _LEXICON["menu_words"])
_MENU_SPLIT = re.compile(r"[\s|｜/]+")
_CONTENT_CHAR = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")
_CAPTION_MAX = _LEXICON["caption_max"]
TRAILING_HEADLINES_MIN = _LEXICON["trailing_headlines_min"]
# 会议现场。刘宵华摄 | (记者 张三 摄) | 王伟作政府工作报告 张三/摄
_PHOTO_CREDIT = re.compile(
    r"(?:^|[。\s(（:：/])(?:记者|通讯员)?\s*[\u4e00-\u9fff·]{2,5}\s*/?\s*(?:摄|摄影|供图)[)）]?$"
)


def is_trailing_block_start(line: str) -> bool:
    """`相关阅读:`, `新闻推荐`: this line and everything after it list other articles."""
    return bool(_TRAILING_BLOCK.match(line))


def pattern_hits(text: str) -> list[int]:
    """Offsets in a whole text where a copyright, paywall or image-file pattern matches: one scan
    of the text instead of one per line."""
    return [m.start() for m in _LINE_PATTERNS.finditer(text)]


def is_breadcrumb(line: str) -> bool:
    """`当前位置:首页 > 新闻中心`, `首页 > 本地要闻 2021-01-06`: the page's place in its site."""
    return bool(_BREADCRUMB.match(line))


def is_furniture(line: str, pattern_hit: bool | None = None) -> bool:
    """Breadcrumbs, menus, download prompts, counters, copyright notes, image file names.
    `pattern_hit` is whether pattern_hits() found something in this line (None: look here)."""
    if pattern_hit is None:
        pattern_hit = bool(_LINE_PATTERNS.search(line))
    if pattern_hit or _BREADCRUMB.match(line):
        return True
    if len(line) > _SHORT_LINE:
        return False
    if _LINE_MARKERS.search(line):
        return True
    words = [w for w in _MENU_SPLIT.split(line.lower()) if w]
    # a menu has several items, or one of two characters or more (`首页`); a lone `中` is text, and
    # so is a repeated one (`中 中`): a menu of single characters is the widget `大 中 小`
    if not words or not all(w in _MENU_WORDS for w in words):
        return False
    if all(len(w) == 1 for w in words):
        return len(words) >= 3 and len(set(words)) == len(words)
    return True


def is_junk(line: str) -> bool:
    """A line of separators or stray symbols (`|`, `——`, `...`): nothing to read."""
    return not _CONTENT_CHAR.search(line)


def is_photo_caption(line: str) -> bool:
    """A short line ending in a photographer's credit: `会议现场。刘宵华摄`."""
    return len(line) <= _CAPTION_MAX and bool(_PHOTO_CREDIT.search(line))
