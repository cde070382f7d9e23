"""The one loader of the rules kept as data (transforms/lexicons/), and the alternation builder
that turns a word list into a fast regex.

Every module reads its vocabulary through `load_toml` or `load_words`; nothing else opens a
lexicon file, so a linguist edits the data and the code picks it up.
"""
from __future__ import annotations

import copy
import re
import tomllib
from functools import cache
from pathlib import Path


LEXICONS = Path(__file__).parent.parent / "lexicons"


def load_toml(name: str) -> dict:
    """`load_toml("titles.toml")`: one lexicon table (a fresh copy: callers may reshape it)."""
    return copy.deepcopy(_parsed(name))


@cache
def _parsed(name: str) -> dict:
    with open(LEXICONS / name, "rb") as handle:
        return tomllib.load(handle)


@cache
def load_words(name: str) -> tuple[str, ...]:
    """A word list, one entry a line; `#` starts a comment (surnames.txt)."""
    lines = (line.split("#", 1)[0].strip() for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)


def in_written_order(words) -> str:
    """A regex of `words` tried in the order the lexicon writes them (where that order is part of
    the rule; `alternation` tries the longest first)."""
    return "|".join(map(re.escape, words))


def alternation(words, spaced: bool = False) -> str:
    """A regex matching any of `words`, longest first (人大常委会 wins over 人大).

    Built as a trie (县(?:委|长)) so that the engine reads each character once instead of
    trying every word in turn; the big title and verb tables stay fast. `spaced` also admits
    white space between the characters (`记 者` is 记者 typed with a space).
    """
    trie: dict = {}
    for word in set(words):
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return _trie_pattern(trie, r"\s*" if spaced else "", "")


def _trie_pattern(node: dict, sep: str, prefix: str) -> str:
    branches = [prefix + re.escape(char) + _trie_pattern(child, sep, sep) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if len(branches) > 4 and not prefix:  # the engine tries branches one by one: a failing
        # character is turned away at once by a look-ahead set of the characters they start with
        body = "(?=[" + "".join(re.escape(char) for char in sorted(node) if char) + "])" + body
    if "" in node:  # a word ends here: the longer words are tried first, then this one
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
