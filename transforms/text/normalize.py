"""Normalization: raw decoded text -> the normalized text every span points into.

Two passes, each keeping an offset map back to its input:

1. Character repairs on the raw text (mojibake.py): pinyin glosses 產(chǎn) go, GBK byte-replace
   damage is repaired (形勢??h委 -> 形勢。縣委) or its debris removed, obfuscation dots go
   (市.委 -> 市委), HTML left in the crawl goes, zero-width characters go and runs of spaces
   shrink to their first character. Then Traditional -> Simplified (chinese_script.py), which
   never moves an offset.
2. Lines (boilerplate.py, bylines.py): site furniture, page headers, credit lines, the related-
   headline list after the article and the dateline prefix leave the text and become metadata;
   indentation and blank lines go. Line breaks stay: lines are joined by their own `\\n`.

Decisions: the headline (a short first line) is kept in the text and recorded as `title`, unless
the next line repeats it. A dateline keeps its date when the body does not name its own
(`人民网银川12月28日电 (梁宏鑫)今天上午` -> `12月28日 今天上午`). Full-width clause punctuation
(，；：（）！？) is folded to its half-width form, one character for one, so every extractor reads
one punctuation whatever the site used; 。、《》“” and full-width digits are kept as written.
The text is exactly OpenCC t2s of the repaired text: conversion runs after the repairs (so 瞭(liǎo)解
converts as the phrase 瞭解), and pass 2 only removes whole lines or pieces next to parentheses.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from transforms.text import boilerplate, bylines
from transforms.text.script import classify_script, distinct_chars, to_simplified, traditional_chars
from transforms.shared.models import DocumentMetadata
from transforms.text.mojibake import Edit, find_character_repairs
from transforms.shared.vocab import Script
from transforms.shared.width import fold_marks

_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_SPACE_RUN = re.compile(r"[ \t\u3000\xa0\r\f\v]{2,}")
_CLAUSE_ENDS = frozenset("，,。；;：:！!？?")
_NOT_REMOVED_TEXT = frozenset({"whitespace"})  # kinds that do not count as boilerplate removed


@dataclass(frozen=True)
class NormalizedText:
    text: str
    script: Script
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    glosses_removed: int = 0
    mojibake_repaired: int = 0
    unrepaired_spots: int = 0
    boilerplate_chars_removed: int = 0
    # what raw_offsets and removed are made from, only when asked (the pipeline never asks):
    # the kept spans of the simplified text, its length, its map to the raw text (None: the
    # same offsets), the character repairs (in raw offsets) and the page's removed spans
    _kept: list[tuple[int, int]] = field(default_factory=list)
    _simplified_length: int = 0
    _first_map: list[int] | None = None
    _repairs: list[Edit] = field(default_factory=list)
    _page_removed: list[tuple[int, int, str]] = field(default_factory=list)

    @cached_property
    def raw_offsets(self) -> list[int]:
        """raw_offsets[i] is the offset in the raw text of normalized character i; one extra entry
        at the end maps len(text) to len(raw), so a span [a, b) maps to [raw_offsets[a], raw_offsets[b])."""
        offsets: list[int] = []
        for a, b in self._kept:
            offsets.extend(range(a, b))
        offsets.append(self._simplified_length)
        return offsets if self._first_map is None else list(map(self._first_map.__getitem__, offsets))

    @cached_property
    def removed(self) -> tuple[tuple[int, int, str], ...]:
        """Every stretch of the raw text that did not reach the text as it was: (raw start, raw end,
        kind) with kind gloss | mojibake | unrepaired | dot | whitespace | furniture | credit | related | ..."""
        removed = [(e.start, e.end, e.kind) for e in self._repairs]  # already in raw offsets
        first_map = self._first_map
        if first_map is not None:
            removed += [(first_map[a], first_map[b - 1] + 1, kind) for a, b, kind in self._page_removed]
        else:
            removed += self._page_removed
        return tuple(sorted(removed))


def to_raw_span(normalized: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The raw-text span that normalized [start, end) was read from."""
    offsets = normalized.raw_offsets
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[int]]:
    """Apply sorted, non-overlapping edits; return the new text and, for each of its characters
    plus one past the end, the offset in `text` it came from. Replacement characters spread over
    the span they replace, the first on its start and the last on its last character."""
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        offsets.extend(range(position, edit.start))
        if edit.replacement:
            pieces.append(edit.replacement)
            count, width = len(edit.replacement), edit.end - edit.start
            if count == 1 or width <= 1:
                offsets.extend([edit.start] * count)
            else:
                offsets.extend(edit.start + k * (width - 1) // (count - 1) for k in range(count))
        position = edit.end
    pieces.append(text[position:])
    offsets.extend(range(position, len(text) + 1))
    return "".join(pieces), offsets


# `10月24日，鄢陵县召开…分析会，` reads as `10月24日,鄢陵县召开…分析会,`: same length, offsets unchanged
_CLAUSE_PUNCTUATION = "，；：（）！？"


def normalize(raw_text: str, hints: DocumentMetadata | None = None) -> NormalizedText:
    repaired, first_map, repairs = _repair_characters(raw_text)
    chars = distinct_chars(repaired)
    traditional = traditional_chars(repaired, chars)
    script = classify_script(repaired, traditional, chars)
    simplified = fold_marks(to_simplified(repaired, traditional, chars), _CLAUSE_PUNCTUATION)

    page = _read_page(simplified, hints)
    kinds = [e.kind for e in repairs]
    return NormalizedText(
        text="".join(simplified[a:b] for a, b in page.kept),
        script=script,
        metadata=page.metadata,
        glosses_removed=kinds.count("gloss"),
        mojibake_repaired=kinds.count("mojibake"),
        unrepaired_spots=kinds.count("unrepaired"),
        boilerplate_chars_removed=sum(b - a for a, b, kind in page.removed if kind not in _NOT_REMOVED_TEXT),
        _kept=page.kept,
        _simplified_length=len(simplified),
        _first_map=first_map,
        _repairs=repairs,
        _page_removed=page.removed,
    )


def _repair_characters(raw_text: str) -> tuple[str, list[int] | None, list[Edit]]:
    """Pass 1, repeated until nothing changes (a gloss behind removed debris, 中?wù)(chǎn), shows
    only then): the repaired text, its map to the raw text (None: unchanged) and the repairs, in
    raw offsets."""
    text, offsets, done = raw_text, None, []
    for _ in range(_MAX_REPAIR_ROUNDS):
        repairs = find_character_repairs(text)
        # zero-width characters go; a run of spaces keeps its first (so that lines read the same
        # in the second pass whatever their spacing)
        spacing = [Edit(m.start(), m.end(), "", "whitespace") for m in _ZERO_WIDTH.finditer(text)]
        spacing += [Edit(m.start() + 1, m.end(), "", "whitespace") for m in _SPACE_RUN.finditer(text)]
        if spacing:
            repairs = _merge(repairs, spacing)
        if not repairs:
            break
        text, step = apply_edits(text, repairs)
        if offsets is None:
            done = repairs
            offsets = step
        else:
            done += [e._replace(start=offsets[e.start], end=offsets[e.end - 1] + 1) for e in repairs]
            offsets = list(map(offsets.__getitem__, step))
    return text, offsets, done


_MAX_REPAIR_ROUNDS = 3


def _merge(edits: list[Edit], more: list[Edit]) -> list[Edit]:
    """Both lists in order, dropping any edit of `more` that overlaps a kept one."""
    merged: list[Edit] = []
    for edit in sorted([*edits, *more], key=lambda e: (e.start, e.end)):
        if merged and edit.start < merged[-1].end:
            continue
        merged.append(edit)
    return merged


# ---------------------------------------------------------------------------------------------
# pass 2: the page's lines


@dataclass
class _Page:
    kept: list[tuple[int, int]]  # spans of the simplified text that make up the normalized text
    removed: list[tuple[int, int, str]]
    metadata: DocumentMetadata


@dataclass
class _Line:
    start: int  # of the stripped content
    end: int
    newline: int | None  # offset of the `\n` ending the line
    text: str
    kind: str = "content"
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # pieces removed inside the line

    @property
    def visible(self) -> str:
        """The line as it reaches the text: without its cuts."""
        if not self.cuts:
            return self.text
        pieces, position = [], 0
        for start, end, _ in sorted(self.cuts):
            pieces.append(self.text[position:start])
            position = max(position, end)
        pieces.append(self.text[position:])
        return "".join(pieces).strip()


def _split_lines(text: str) -> list[_Line]:
    lines, position = [], 0
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        lead = len(raw_line) - len(raw_line.lstrip())
        end_of_line = position + len(raw_line)
        start = position + lead
        newline = end_of_line if end_of_line < len(text) else None
        lines.append(_Line(start, start + len(stripped), newline, stripped))
        position = end_of_line + 1
    return lines


def _classify(text: str, lines: list[_Line], fallback: bylines.Credits) -> dict[int, bylines.Credits]:
    """Each line's kind; the credits read from credit lines by line index. A breadcrumb's trailing
    header (`首页 > 本地要闻 2021-01-06`) goes to `fallback`: used only where nothing else says."""
    credits: dict[int, bylines.Credits] = {}
    hits = boilerplate.pattern_hits(text)
    starts = [line.start for line in lines]
    hit_lines = {bisect.bisect_right(starts, hit) - 1 for hit in hits}
    seen_sentence = False
    for index, line in enumerate(lines):
        if not line.text:
            line.kind = "whitespace"
        elif boilerplate.is_trailing_block_start(line.text):
            if not seen_sentence:  # a sidebar above the article: only the marker line goes
                line.kind = "furniture"
                continue
            for rest in lines[index:]:
                rest.kind = "whitespace" if not rest.text else "related"
            break
        elif (found := bylines.parse_credit_line(line.text)) is not None:
            line.kind = "credit"  # before furniture: a header with `阅读次数` still names the editor
            credits[index] = found
        elif boilerplate.is_furniture(line.text, index in hit_lines) or boilerplate.is_junk(line.text):
            line.kind = "furniture"
            if boilerplate.is_breadcrumb(line.text) and (tail := bylines.parse_header_tail(line.text)):
                fallback.merge(tail)
        elif boilerplate.is_photo_caption(line.text):
            line.kind = "caption"
        else:
            seen_sentence = seen_sentence or _is_sentence(line.text)
    return credits


def _is_sentence(line: str) -> bool:
    return "。" in line or len(line) > 60


def _drop_related_list(lines: list[_Line], credit_indexes: list[int]) -> None:
    """Headlines after the article list other articles: after its closing credits (责编… 来源…
    then titles), and, credits or not, a run of several after its last sentence."""
    content = [i for i, line in enumerate(lines) if line.kind == "content"]
    sentences = [i for i in content if _is_sentence(lines[i].visible)]
    if not sentences:
        return
    after_credits = [i for i in content if credit_indexes and i > credit_indexes[-1] > sentences[0]]
    after_sentences = [i for i in content if i > sentences[-1]]
    for run in (after_credits, after_sentences if len(after_sentences) >= boilerplate.TRAILING_HEADLINES_MIN else []):
        if run and all(bylines.is_headline(lines[i].visible) for i in run):
            for i in run:
                lines[i].kind = "related"


def _read_page(text: str, hints: DocumentMetadata | None) -> _Page:
    lines = _split_lines(text)
    breadcrumb = bylines.Credits()
    line_credits = _classify(text, lines, breadcrumb)
    content = [line for line in lines if line.kind == "content"]

    found = bylines.Credits()
    outlet_from_lines = None
    for index in sorted(line_credits):
        found.merge(line_credits[index])
        outlet_from_lines = outlet_from_lines or line_credits[index].outlet
    for line in content:  # a page holding several reports dates each one
        _take_datelines(line, found)
        if line.cuts:
            _reclassify(line, found)
    _drop_related_list(lines, sorted(line_credits))
    for line in reversed([line for line in content if line.kind == "content"]):
        end_credit = bylines.find_end_credit(line.text)
        if end_credit is None:
            break
        cut_at, byline = end_credit
        found.merge(byline)
        line.cuts.append((cut_at, len(line.text), "credit"))
        _reclassify(line, found)
        if line.kind == "content":
            break  # else the line was nothing but the byline: the one before it now closes the article
    title = _find_title([line for line in content if line.kind == "content"])
    found.merge(breadcrumb)
    metadata = _metadata(found, outlet_from_lines, title, hints)
    kept, removed = _assemble(text, lines)
    return _Page(kept, removed, metadata)


def _find_title(content: list[_Line]) -> str | None:
    """A short first line that reads as a headline, with the article after it. It stays in the
    text, unless the first sentence repeats it."""
    if len(content) < 2 or not bylines.is_headline(content[0].visible):
        return None
    title, first = content[0].visible, content[1].visible
    # `县委常委会会议召开` then `县委常委会会议召开。` / `…召开，会议…`: the headline repeats the first clause
    if first.startswith(title) and first[len(title) : len(title) + 1] in _CLAUSE_ENDS and _is_sentence(first):
        content[0].kind = "duplicate_title"
    return title


def _reclassify(line: _Line, found: bylines.Credits) -> None:
    """What is left of a line after its cuts may itself be a credit, a caption or furniture
    (`本报讯 。`, `…讯(…)会议现场。张三摄`): then it goes whole, as it would on a second reading."""
    remaining = line.visible
    if not remaining:
        line.kind = "credit"  # the line was a dateline and nothing else
    elif (credits := bylines.parse_credit_line(remaining)) is not None:
        found.merge(credits)
        line.kind = "credit"
    elif boilerplate.is_furniture(remaining) or boilerplate.is_junk(remaining) or boilerplate.is_trailing_block_start(remaining):
        line.kind = "furniture"
    elif boilerplate.is_photo_caption(remaining):
        line.kind = "caption"


def _take_datelines(line: _Line, found: bylines.Credits) -> None:
    """Cut the dateline(s) opening the first body line (a page may stack two: 本报讯 新华社…电)."""
    offset = 0
    while (dateline := bylines.find_dateline(line.text[offset:])) is not None:
        authors = dateline.credits.authors + [a for a in found.authors if a not in dateline.credits.authors]
        found.merge(dateline.credits)
        found.authors = authors
        line.cuts.extend((offset + a, offset + b, "credit") for a, b in dateline.deletions if b > a)
        consumed = dateline.deletions[-1][1]
        if len(dateline.deletions) > 1 or consumed == 0:
            break  # the dateline kept its date: the body follows
        offset += consumed
        offset += len(line.text[offset:]) - len(line.text[offset:].lstrip())
    rest = line.text[offset:]
    if offset and rest and (credits := bylines.parse_credit_line(rest)) is not None:
        found.merge(credits)  # nothing but credits after the dateline: the line goes whole
        line.cuts.append((offset, len(line.text), "credit"))


def _metadata(found: bylines.Credits, outlet: str | None, title: str | None, hints: DocumentMetadata | None) -> DocumentMetadata:
    hints = hints or DocumentMetadata()
    return DocumentMetadata(
        title=hints.title or title,
        outlet=hints.outlet or outlet or found.outlet,
        authors=hints.authors or found.authors,
        editor=hints.editor or found.editor,
        published_date=hints.published_date or found.published_date,
    )


def _assemble(text: str, lines: list[_Line]) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Kept spans (content lines minus their cuts and surplus spaces, one `\\n` between lines) and
    removed spans with their kind."""
    kept: list[tuple[int, int]] = []
    removed: list[tuple[int, int, str]] = []
    newline_before = None  # the `\n` that ends the previous kept line
    for line in lines:
        if line.kind != "content":
            if line.end > line.start:
                removed.append((line.start, line.end, line.kind))
            continue
        pieces = [(line.start, line.end)]
        for cut_start, cut_end, kind in sorted(line.cuts):
            a, b = line.start + cut_start, line.start + cut_end
            removed.append((a, b, kind))
            pieces = [p for piece in pieces for p in _subtract(piece, a, b)]
        spans = _strip(text, pieces)
        if not spans or (line.cuts and boilerplate.is_junk("".join(text[a:b] for a, b in spans))):
            removed.extend((a, b, "furniture") for a, b in spans)
            continue  # a line whose cuts took all its words (`本报讯 。`)
        if newline_before is not None:
            kept.append((newline_before, newline_before + 1))
        kept.extend(spans)
        newline_before = line.newline
    return kept, removed


def _subtract(piece: tuple[int, int], a: int, b: int) -> list[tuple[int, int]]:
    start, end = piece
    parts = [(start, min(end, a)), (max(start, b), end)]
    return [(x, y) for x, y in parts if y > x]


def _strip(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """No space at the start or end of a line, nor two in a row, where a cut left them
    (`本报讯 ` before the body)."""
    joined = spans[:1]
    for a, b in spans[1:]:
        if text[joined[-1][1] - 1].isspace() and text[a].isspace():
            a += 1
        if b > a:
            joined.append((a, b))
    spans = joined
    while spans and text[spans[0][0]].isspace():
        a, b = spans.pop(0)
        if b - a > 1:
            spans.insert(0, (a + 1, b))
    while spans and text[spans[-1][1] - 1].isspace():
        a, b = spans.pop()
        if b - a > 1:
            spans.append((a, b - 1))
    return spans
