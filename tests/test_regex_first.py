"""The look-ahead of first characters: the same matches as the plain pattern, found faster."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import sample_text
from transforms.shared.regex_first import fast, first_chars


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        ("预期目标(?:是|为)", "预"),
        ("(?<![比较])去年|上年", "上去"),
        ("[一二三四]季度", "一二三四"),
        (r"\d{1,2}\s*[-—至]\s*\d{1,2}月", r"\d"),
        ("(?:主要)?经济指标", "主经"),                 # an optional group: its start or the next
        ("(?P<before>不低于|约)?(?P<num>\\d+)%", r"\d不约"),
        ("要(?=实现|达到)", "要"),                     # a look-ahead consumes nothing
        ("[-—至]到", r"\-—至"),                        # a leading - stays a literal once joined
        (r"(?<![:：])\n", r"\n"),
    ],
)
def test_first_characters_of_a_pattern(pattern, first):
    assert first_chars(pattern) == first


@pytest.mark.parametrize(
    "pattern",
    [
        ".增长",            # any character
        r"\w+目标",
        "[^，。]{0,12}水平",  # a negated class
        "(?i)gdp",          # flags
        "(?:增长)?",        # may match nothing
        "a|b*",             # one alternative may match nothing
        r"(\d)\1",          # a back-reference is not understood
    ],
)
def test_unknown_or_empty_starts_give_up(pattern):
    assert first_chars(pattern) is None
    assert fast(pattern).pattern == pattern  # compiled as it is


def test_fast_finds_the_same_matches_as_the_plain_pattern():
    from transforms.targets import layout as target_layout, statements as target_statements

    texts = [sample_text(p) for p in ("000", "001", "002", "003", "004")]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((Path(__file__).parent / "fixtures" / "targets_generalization").glob("*.txt"))]
    checked = 0
    for module in (target_statements, target_layout):
        for name, compiled in vars(module).items():
            if isinstance(compiled, re.Pattern) and compiled.pattern.startswith("(?=["):
                plain = re.compile(compiled.pattern[compiled.pattern.index("])(?:") + 5 : -1])
                for text in texts:
                    assert [m.span() for m in compiled.finditer(text)] == [
                        m.span() for m in plain.finditer(text)], name
                checked += 1
    assert checked >= 5  # the figure, relation, cue, year and sentence patterns at least
