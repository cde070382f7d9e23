"""Economic outcomes (transforms/targets/outcomes.py) and the marts that compare them with targets:
marts.target_vs_outcome and marts.target_hierarchy. Every text here is written for the test."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import run as govmeet_run
from transforms.document.extract import document_id, extract_facts, normalize_document
from transforms.shared.models import DocumentRow, EconomicOutcomeRow, EconomicTargetRow, RawDocument
from transforms.targets.outcomes import without_targets
from warehouse.load import insert_rows
from warehouse.schema import create_core_schema
from warehouse.sql_models import build_model, discover_models, discover_tests, failing_rows


def parse(text: str):
    raw = RawDocument(doc_id=document_id(text), source_uri="test.txt", raw_text=text)
    return extract_facts(normalize_document(raw))


def outcomes(text: str) -> list[tuple]:
    """(indicator, value, period_year, period, period_text, basis, evidence) of each outcome row."""
    parsed = parse(text)
    body = parsed.document.text
    return [(o.indicator, o.value, o.period_year, o.period, o.period_text, o.basis, body[o.span_start:o.span_end])
            for o in parsed.economic_outcomes]


def target_figures(text: str) -> list[tuple]:
    parsed = parse(text)
    return [(t.indicator, t.value, t.target_year) for t in parsed.economic_targets]


# ---------------------------------------------------------------------------------------------
# What is an outcome, and for when


def test_a_first_count_of_last_year_at_a_january_meeting_is_preliminary():
    text = ("2024年1月8日，中共衡南县委召开经济工作会议。会议指出，初步统计，2023年全县地区生产总值增长6.1%，"
            "规模工业增加值增长7.2%。会议提出，2024年全县地区生产总值增长6.5%左右。")
    assert outcomes(text) == [
        ("gdp", 6.1, 2023, "year", None, "preliminary", "地区生产总值增长6.1%"),
        ("industrial_value_added", 7.2, 2023, "year", None, "preliminary", "规模工业增加值增长7.2%"),
    ]
    assert target_figures(text) == [("gdp", 6.5, 2024)]  # the plan stays a target
    (row, _) = parse(text).economic_outcomes
    assert (row.region_name, row.region_code, row.measure, row.unit) == ("衡南县", "430422", "growth_pct", "%")
    assert row.meeting_id == f"{row.doc_id}:m1" and row.outcome_id == f"{row.doc_id}:o1"


def test_half_year_and_months_at_a_july_meeting_are_this_years_periods():
    text = ("2024年7月20日，衡南县召开上半年经济运行分析会。会议通报，上半年，全县地区生产总值增长5.2%，"
            "固定资产投资下降3%。1-6月，一般公共预算收入完成8.5亿元。会议要求，确保下半年地区生产总值增长6%。")
    assert outcomes(text) == [
        ("gdp", 5.2, 2024, "half", "上半年", "reported", "地区生产总值增长5.2%"),
        ("fixed_asset_investment", -3.0, 2024, "half", "上半年", "reported", "固定资产投资下降3%"),
        ("general_budget_revenue", 8.5, 2024, "months", "1-6月", "reported", "一般公共预算收入完成8.5亿元"),
    ]


def test_a_period_between_the_scope_and_the_indicator_is_read_as_the_period():
    text = "2024年7月20日，衡南县召开县委常委会会议。会议指出，全县上半年规模工业增加值增长6%。全县1-6月份社会消费品零售总额增长7%。"
    assert outcomes(text) == [
        ("industrial_value_added", 6.0, 2024, "half", "上半年", "reported", "规模工业增加值增长6%"),
        ("retail_sales", 7.0, 2024, "months", "1-6月份", "reported", "社会消费品零售总额增长7%"),
    ]
    assert target_figures(text) == []


def test_an_estimate_at_a_december_meeting_is_for_the_year_ending():
    text = "2023年12月22日，中共衡南县委经济工作会议召开。会议指出，预计全年全县地区生产总值增长8.5%，社会消费品零售总额增长8%。"
    assert outcomes(text) == [
        ("gdp", 8.5, 2023, "year", None, "estimated", "地区生产总值增长8.5%"),
        ("retail_sales", 8.0, 2023, "year", None, "estimated", "社会消费品零售总额增长8%"),
    ]


def test_a_period_carries_on_through_its_paragraph_until_a_year_word():
    text = ("2024年11月12日，衡南县召开经济运行调度会。会议指出，初步统计，1-10月份，全县规模工业增加值增长8%。"
            "完成固定资产投资50亿元，增长9%。\n2023年全县地区生产总值增长6.1%。")
    found = outcomes(text)
    assert [(i, v, p, t) for i, v, _, p, t, _, _ in found] == [
        ("industrial_value_added", 8.0, "months", "1-10月份"),
        ("fixed_asset_investment", 50.0, "months", "1-10月份"),
        ("fixed_asset_investment", 9.0, "months", "1-10月份"),
        ("gdp", 6.1, "year", None),
    ]
    assert found[2][-1] == "固定资产投资50亿元,增长9%"  # an inherited indicator: the span runs from it


@pytest.mark.parametrize("text, year, period, period_text", [
    ("2024年1月20日，衡南县召开县委全会。会议指出，去年，全县地区生产总值增长6.1%。", 2023, "year", None),
    ("2024年1月20日，衡南县召开县委全会。会议指出，一年来，全县地区生产总值增长6.1%。", 2023, "year", None),
    ("2024年2月20日，衡南县召开县委全会。会议指出，2023年，全县实现地区生产总值增长6.1%。", 2023, "year", None),
    ("2024年10月20日，衡南县召开县委常委会会议。会议指出，前三季度，全县地区生产总值增长6.1%。", 2024, "quarter",
     "前三季度"),
    ("2024年9月20日，衡南县召开县委常委会会议。会议指出，今年以来，全县地区生产总值增长6.1%。", 2024, "other",
     "今年以来"),
])
def test_review_words_date_the_figure(text, year, period, period_text):
    assert outcomes(text) == [("gdp", 6.1, year, period, period_text, "reported", "地区生产总值增长6.1%")]


def test_a_plan_year_earlier_in_the_paragraph_does_not_date_a_review():
    text = ("2024年1月8日，衡南县委召开经济工作会议。会议确定2024年全县地区生产总值增长6.5%左右，"
            "会议通报，初步统计，全县地区生产总值增长6.1%。")
    assert outcomes(text) == [("gdp", 6.1, 2023, "year", None, "preliminary", "地区生产总值增长6.1%")]


def test_five_years_reviewed_have_no_single_year():
    text = "2021年1月6日，衡南县委全会召开。会议指出，五年来，全县地区生产总值年均增长7.5%。"
    assert outcomes(text) == [("gdp", 7.5, None, "other", "五年来", "reported", "地区生产总值年均增长7.5%")]


def test_no_year_is_guessed_when_the_meeting_is_undated():
    text = "衡南县召开经济运行分析会。会议通报，上半年，全县地区生产总值增长5%。"
    assert outcomes(text) == [("gdp", 5.0, None, "half", "上半年", "reported", "地区生产总值增长5%")]


@pytest.mark.parametrize("text", [
    # no cue: a reader can't tell a plan from a result
    "2024年7月20日，衡南县召开县委常委会会议。会议指出，全县地区生产总值增长6%。",
    # a plan word before the period plans for it
    "2024年3月20日，衡南县召开县委常委会会议。会议要求，确保上半年地区生产总值增长6%。",
    # …增长8%的目标 names the target, also in a review
    "2024年1月20日，衡南县召开县委全会。会议指出，2023年全县完成了地区生产总值增长8%的目标。",
    # a figure written as targets are (左右), far from the review cue of its paragraph
    "2024年1月20日，衡南县召开县委全会。去年，全县经济平稳增长。会议强调，全县地区生产总值增长6.5%左右。",
])
def test_no_outcome_without_a_reviewing_cue(text):
    assert outcomes(text) == []


def test_a_wider_scope_reports_the_province_without_a_code():
    text = "2024年1月9日，衡南县委召开常委会会议。会议传达，初步统计，2023年全省地区生产总值增长4.8%。"
    (row,) = parse(text).economic_outcomes
    assert (row.region_name, row.region_code, row.value) == ("湖南省", None, 4.8)


def test_full_width_figures_keep_their_spans_and_written_indicator():
    text = "２０２４年１月８日，中共衡南县委召开经济工作会议。会议指出，初步统计，２０２３年全县ＧＤＰ增长６．１％。"
    parsed = parse(text)
    (row,) = parsed.economic_outcomes
    assert parsed.document.text[row.span_start:row.span_end] == "ＧＤＰ增长６．１％"
    assert (row.indicator, row.indicator_text, row.value, row.period_year) == ("gdp", "ＧＤＰ", 6.1, 2023)


def test_no_figure_is_both_an_outcome_and_a_target():
    target = EconomicTargetRow(doc_id="d", indicator="gdp", indicator_text="GDP", measure="growth_pct", value=8.0,
                               span_start=0, span_end=8)
    both = EconomicOutcomeRow(doc_id="d", indicator="gdp", indicator_text="GDP", measure="growth_pct", value=8.0,
                              period="year", basis="reported", span_start=2, span_end=8)
    other = both.model_copy(update={"span_start": 10, "span_end": 16})
    assert without_targets([both, other], [target]) == [other]
    for text in (
        "2024年1月8日，衡南县委召开经济工作会议。会议指出，2023年全县地区生产总值增长6.1%，2024年增长6.5%左右。",
        "2024年7月2日，衡南县召开县委常委会会议。会议指出，上半年，全县地区生产总值增长5%，力争全年增长6%。",
    ):
        parsed = parse(text)
        assert not {o.span_end for o in parsed.economic_outcomes} & {t.span_end for t in parsed.economic_targets}
        assert parsed.economic_outcomes and parsed.economic_targets


# ---------------------------------------------------------------------------------------------
# Acceptance: a province, its prefecture and a county set 2023 GDP targets; the county reports

ARTICLES = {
    "province.txt": "2023年1月12日，中共湖南省委经济工作会议在长沙召开。省委书记张文海主持会议并讲话。"
                    "会议提出，2023年全省经济社会发展主要预期目标是：地区生产总值增长6.5%左右，规模以上工业增加值增长7%。",
    "prefecture.txt": "2023年1月15日，中共衡阳市委经济工作会议召开。市委书记李建国主持会议。"
                      "会议提出，2023年全市主要预期目标是：地区生产总值增长7%以上。",
    "county.txt": "2023年1月18日，中共衡南县委经济工作会议召开。县委书记王志强主持会议。"
                  "会议提出，2023年全县主要预期目标是：地区生产总值增长8%以上，固定资产投资增长10%。",
    "county_estimate.txt": "2023年12月22日，中共衡南县委经济工作会议召开。县委书记王志强主持会议。"
                           "会议指出，预计全年全县地区生产总值增长8.5%。会议提出，2024年全县地区生产总值增长7.5%左右。",
    "county_report.txt": "2024年1月10日，衡南县第十八届人民代表大会第三次会议开幕。县长刘小平作政府工作报告。"
                         "报告指出，初步统计，2023年全县地区生产总值增长8.3%，固定资产投资增长9.6%。",
}


@pytest.fixture(scope="module")
def hierarchy_warehouse(tmp_path_factory) -> Path:
    inbox = tmp_path_factory.mktemp("inbox")
    for name, text in ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    path = inbox.with_suffix(".duckdb")  # next to its inbox: inbox0/ -> inbox0.duckdb
    assert govmeet_run([str(inbox)], str(path), workers=1, max_bytes=5_000_000, quiet=True) == 0
    return path


def fetch(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_target_vs_outcome_compares_the_county_target_with_its_reported_outcome(hierarchy_warehouse):
    rows = fetch(hierarchy_warehouse, """
        select region_code, indicator, target_year, target_value, target_qualifier, outcome_value, outcome_basis,
               gap, met, target_evidence, outcome_evidence, outcome_candidates
        from marts.target_vs_outcome order by all""")
    assert rows == [
        ("430000", "gdp", 2023, 6.5, "about", None, None, None, None, "地区生产总值增长6.5%左右", None, 0),
        ("430000", "industrial_value_added", 2023, 7.0, None, None, None, None, None, "规模以上工业增加值增长7%", None, 0),
        ("430400", "gdp", 2023, 7.0, "at_least", None, None, None, None, "地区生产总值增长7%以上", None, 0),
        # the first count (January) is preferred to the estimate (December)
        ("430422", "fixed_asset_investment", 2023, 10.0, None, 9.6, "preliminary", -0.4, False,
         "固定资产投资增长10%", "固定资产投资增长9.6%", 1),
        ("430422", "gdp", 2023, 8.0, "at_least", 8.3, "preliminary", 0.3, True,
         "地区生产总值增长8%以上", "地区生产总值增长8.3%", 2),
        ("430422", "gdp", 2024, 7.5, "about", None, None, None, None, "地区生产总值增长7.5%左右", None, 0),
    ]


def test_target_hierarchy_sets_each_target_against_its_prefectures_and_provinces(hierarchy_warehouse):
    rows = fetch(hierarchy_warehouse, """
        select region_code, region_level, indicator, target_year, own_value, prefecture_code, prefecture_value,
               province_code, province_value, own_minus_prefecture, own_minus_province
        from marts.target_hierarchy order by all""")
    assert rows == [
        ("430000", "province", "gdp", 2023, 6.5, None, None, None, None, None, None),
        ("430000", "province", "industrial_value_added", 2023, 7.0, None, None, None, None, None, None),
        ("430400", "prefecture", "gdp", 2023, 7.0, None, None, "430000", 6.5, None, 0.5),
        ("430422", "county", "fixed_asset_investment", 2023, 10.0, None, None, None, None, None, None),
        ("430422", "county", "gdp", 2023, 8.0, "430400", 7.0, "430000", 6.5, 1.0, 1.5),
        ("430422", "county", "gdp", 2024, 7.5, None, None, None, None, None, None),
    ]


def test_a_second_run_over_the_same_articles_changes_no_outcome(hierarchy_warehouse):
    sql = "select outcome_id, value, period_year, basis from core.economic_outcomes order by outcome_id"
    before = fetch(hierarchy_warehouse, sql)
    inbox = hierarchy_warehouse.with_suffix("")
    assert govmeet_run([str(inbox)], str(hierarchy_warehouse), workers=1, max_bytes=5_000_000, quiet=True) == 0
    assert fetch(hierarchy_warehouse, sql) == before and len(before) == 3


def test_outcome_evidence_is_the_text_at_its_span(hierarchy_warehouse):
    rows = fetch(hierarchy_warehouse, "select d.text, o.span_start, o.span_end, o.evidence "
                                      "from staging.stg_economic_outcomes o join core.documents d using (doc_id)")
    assert len(rows) == 3
    assert all(text[start:end] == evidence for text, start, end, evidence in rows)


# ---------------------------------------------------------------------------------------------
# The marts' rules on rows written directly


def test_a_reported_outcome_is_preferred_to_a_later_estimate_and_ranges_and_caps_decide_met(tmp_path):
    text = "甲" * 200
    docs = [DocumentRow(doc_id=d, source_uri=f"/{d}.txt", script="simplified", text=text, status="no_meeting",
                        parser_version="test", published_date=day)
            for d, day in (("a", dt.date(2024, 3, 1)), ("b", dt.date(2024, 6, 1)))]

    def target(i, indicator, value, high=None, qualifier=None):
        return EconomicTargetRow(target_id=f"t{i}", doc_id="a", region_name="衡南县", region_code="430422",
                                 target_year=2023, indicator=indicator, indicator_text=indicator,
                                 measure="growth_pct", value=value, value_high=high, qualifier=qualifier,
                                 span_start=i * 10, span_end=i * 10 + 5)

    def outcome(i, doc, indicator, value, basis):
        return EconomicOutcomeRow(outcome_id=f"o{i}", doc_id=doc, region_name="衡南县", region_code="430422",
                                  period_year=2023, period="year", basis=basis, indicator=indicator,
                                  indicator_text=indicator, measure="growth_pct", value=value,
                                  span_start=100 + i * 10, span_end=105 + i * 10)

    targets = [target(0, "gdp", 8.0, 9.0), target(1, "cpi", 3.0, qualifier="at_most"),
               target(2, "energy_intensity", -3.0), target(3, "retail_sales", 10.0, qualifier="strive")]
    found = [outcome(0, "a", "gdp", 8.4, "reported"), outcome(1, "b", "gdp", 9.5, "estimated"),
             outcome(2, "a", "cpi", 3.4, "reported"), outcome(3, "a", "energy_intensity", -3.5, "reported"),
             outcome(4, "a", "retail_sales", 9.0, "reported")]
    path = tmp_path / "rules.duckdb"
    con = duckdb.connect(str(path))
    try:
        create_core_schema(con)
        for model, rows in ((DocumentRow, docs), (EconomicTargetRow, targets), (EconomicOutcomeRow, found)):
            insert_rows(con, model, rows)
        for model in discover_models():
            build_model(con, model)
        assert con.execute("select indicator, outcome_value, met from marts.target_vs_outcome order by 1").fetchall() == [
            ("cpi", 3.4, False), ("energy_intensity", -3.5, True), ("gdp", 8.4, True), ("retail_sales", 9.0, False)]
        for test in discover_tests():
            assert failing_rows(con, test)[0] == 0, test.name
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# The dev corpus (../shared/corpus/dev, when present): the rules that must hold on real articles


def test_on_the_dev_corpus_no_figure_is_both_and_every_evidence_is_its_span(shared_dir, tmp_path):
    path = tmp_path / "dev.duckdb"
    assert govmeet_run([str(shared_dir / "corpus" / "dev")], str(path), workers=1, max_bytes=5_000_000,
                       quiet=True) == 0
    assert fetch(path, """select count(*) from core.economic_outcomes o join core.economic_targets t
                          on t.doc_id = o.doc_id and t.span_end = o.span_end""") == [(0,)]
    rows = fetch(path, "select d.text, o.span_start, o.span_end, o.indicator_text, o.evidence "
                       "from staging.stg_economic_outcomes o join core.documents d using (doc_id)")
    assert rows  # the dev corpus reports figures
    for text, start, end, indicator_text, evidence in rows:
        assert text[start:end] == evidence and evidence.startswith(indicator_text), evidence
