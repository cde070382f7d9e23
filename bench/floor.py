"""Per-stage CPU cost in one process, against the floor of any scan (issue 16).

The floor is one compiled alternation of 48 keywords (the meeting-kind and role-verb words a
scan must look for at the least) run over each article: no extractor can be faster than reading
the text once. govmeet's normalize and extract are timed on the same articles, in this process,
on one core, with CPU time (time.process_time), so that the figures stay comparable on a machine
shared with other work; the ratio to the floor says how far extraction is from it.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from transforms.document.extract import extract_facts, normalize_document
from transforms.shared.lexicon import alternation, load_toml
from transforms.shared.models import DocumentRow, RawDocument
from warehouse.connections import open_reader

ARTICLES = 2000
KEYWORDS = 48


@dataclass
class FloorFigures:
    documents: int
    floor_ms: float  # CPU-ms per article of the one-regex scan
    normalize_ms: float
    extract_ms: float

    @property
    def ratio(self) -> float:
        return self.extract_ms / self.floor_ms if self.floor_ms else 0.0


def floor_keywords() -> list[str]:
    """48 words an article scan needs at the least: meeting heads and role verbs, from the lexicons."""
    verbs = load_toml("role_verbs.toml")
    words = ["会议", "全会", "常务会", "工作会", "座谈会", "调度会", "推进会", "主持", "出席", "参加", "列席",
             "讲话", "发言", "报告", "目标", "增长", "预期", "力争", "应到", "实到", "审议", "通过", "表决",
             "召开", "举行", "开幕", "闭幕", "传达", "精神", "代表", "委员", "书记", "县长", "市长", "主任",
             "部署", "要求", "贯彻", "常委", "政协", "人大", "政府", "党委", "实现", "完成"]
    for patterns in verbs["roles"].values():
        words += [p for p in patterns if re.fullmatch(r"[\u4e00-\u9fff]+", p)]
    unique = list(dict.fromkeys(words))[:KEYWORDS]
    assert len(unique) == KEYWORDS, "the floor is a scan for 48 words"
    return unique


def _cpu_ms(work, items) -> float:
    started = time.process_time()
    for item in items:
        work(item)
    return 1000 * (time.process_time() - started) / max(1, len(items))


def measure(warehouse: Path, n: int = ARTICLES) -> FloorFigures:
    """The floor, normalize and extract on the first `n` raw articles of a bench warehouse."""
    con = open_reader(warehouse)
    try:
        rows = con.execute("select doc_id, source_uri, raw_text from core.raw_documents order by doc_id limit ?",
                           [n]).fetchall()
    finally:
        con.close()
    raws = [RawDocument(doc_id=d, source_uri=u, raw_text=t) for d, u, t in rows]
    scan = re.compile(alternation(floor_keywords()))
    floor = _cpu_ms(lambda raw: sum(1 for _ in scan.finditer(raw.raw_text)), raws)
    documents: list[DocumentRow] = []
    normalize = _cpu_ms(lambda raw: documents.append(normalize_document(raw)), raws)
    parsed = [d for d in documents if isinstance(d, DocumentRow)]
    extract = _cpu_ms(extract_facts, parsed)
    return FloorFigures(len(raws), floor, normalize, extract)
