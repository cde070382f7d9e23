"""Economic targets on hand-written local-government news (tests/fixtures/targets_generalization).

Each fixture is a short report written for this test (provinces, levels and years 2008-2025 vary;
meeting kinds: economic work conferences, congress reports, plenums, standing meetings, economic
analysis meetings) with its gold in the shared eval format. The whole parse must give exactly the
gold target rows, no achieved figure among them.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import figure_is_written_in
from transforms.document.extract import document_id, parse_document
from transforms.shared.models import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "targets_generalization"
CASES = sorted(FIXTURES.glob("*.txt"))
COLUMNS = ("indicator", "value", "value_high", "qualifier", "measure", "unit", "target_year")


def _key(row: dict) -> tuple:
    return tuple(float(row[c]) if c in ("value", "value_high") and row[c] is not None else row[c]
                 for c in COLUMNS)


def _parse(path: Path):
    text = path.read_text(encoding="utf-8")
    return parse_document(RawDocument(doc_id=document_id(text), source_uri=str(path), raw_text=text))


def test_there_are_enough_fixtures_each_with_its_gold():
    assert len(CASES) >= 20
    for path in CASES:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert gold["file"] == path.name
        assert gold["notes"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_gives_exactly_the_gold_targets(path: Path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    parsed = _parse(path)
    found = Counter(_key(row.model_dump()) for row in parsed.economic_targets)
    expected = Counter(_key(row) for row in gold["economic_targets"])
    assert found == expected, gold["notes"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_target_spans_hold_their_evidence(path: Path):
    parsed = _parse(path)
    text = parsed.document.text
    for row in parsed.economic_targets:
        evidence = text[row.span_start : row.span_end]
        assert row.indicator_text.replace("“", "").replace("”", "") in evidence.replace("“", "").replace("”", "")
        if row.relation_text:
            assert row.relation_text in evidence
        else:
            assert figure_is_written_in(row.value, evidence), (row.value, evidence)


def test_the_fixtures_cover_the_forms_they_are_for():
    """A guard that the set keeps its variety: the forms below each occur in some fixture."""
    texts = "".join(path.read_text(encoding="utf-8") for path in CASES)
    for form in ("主要预期目标是", "主要预期目标为", "力争", "确保", "努力实现", "明年", "左右", "以上", "以内",
                 "控制在", "突破", "%—", "%-", "至", "%到", "百分之", "８．５％", "二〇二四年", "双过半",
                 "计划总投资", "预计全年", "1—9月", "比上年增长", "上半年", "“十四五”时期", "到2025年",
                 "奋斗目标", "目标任务", "与经济增长基本同步", "完成省下达任务", "會議",
                 "万人", "万吨", "亿美元", "家", "个"):
        assert form in texts, form
