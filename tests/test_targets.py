"""Economic targets: given this text (and the meeting it reports), these target rows."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import figure_is_written_in, older_dev_golds, read_article, sample_text
from transforms.shared.models import DocumentMetadata, MeetingRow
from transforms.text.normalize import normalize
from transforms.targets.find import Cue, StatementContext, find_targets, is_planned


def meeting(date: str | None = "2022-02-13", region: str | None = "渌口区", code: str | None = "430212",
            kinds: tuple[str, ...] = ("economic_work_conference",)) -> MeetingRow:
    return MeetingRow(
        meeting_id="m1",
        name_text="区委经济工作会议",
        kinds=list(kinds),
        region_name=region,
        region_code=code,
        meeting_date=dt.date.fromisoformat(date) if date else None,
        date_basis="explicit" if date else "unknown",
        span_start=0,
        span_end=1,
        scope_start=0,
        scope_end=100_000,
    )


def targets(text: str, meetings: list[MeetingRow] | None = None, published: str | None = None):
    meta = DocumentMetadata(published_date=dt.date.fromisoformat(published) if published else None)
    rows = find_targets(text, [meeting()] if meetings is None else meetings, meta)
    for row in rows:  # every span is a non-empty stretch of the text holding the figure or relation
        evidence = text[row.span_start : row.span_end]
        assert evidence
        assert row.indicator_text in evidence or row.indicator_text.replace("“", "").replace("”", "") in evidence
        if row.relation_text:
            assert row.relation_text in evidence
        else:  # the figure as written: 8.5 for 8.5, 12 for 12.0, or a Chinese numeral
            assert figure_is_written_in(row.value, evidence), (row.value, evidence)
    return rows


def numeric(rows):
    return [(r.indicator, r.measure, r.value, r.value_high, r.unit, r.qualifier) for r in rows
            if r.measure != "qualitative"]


# ---------------------------------------------------------------------------------------------
# The user's example

EXAMPLE = (
    "2022年全区经济社会发展主要预期目标是:GDP增长8.5%,规模工业增加值增长12%,固定资产投资增长15%,"
    "地方一般公共预算收入增长8%,社会消费品零售总额增长12%。城镇调查失业率低于全市平均水平,"
    "居民收入增长高于经济增长。粮食总产量、能耗“双控”完成市定目标。生态环境质量持续改善。"
)


def test_the_users_example_gives_every_figure_and_every_qualitative_target():
    rows = targets(EXAMPLE)
    assert numeric(rows) == [
        ("gdp", "growth_pct", 8.5, None, "%", None),
        ("industrial_value_added", "growth_pct", 12, None, "%", None),
        ("fixed_asset_investment", "growth_pct", 15, None, "%", None),
        ("general_budget_revenue", "growth_pct", 8, None, "%", None),
        ("retail_sales", "growth_pct", 12, None, "%", None),
    ]
    qualitative = [(r.indicator, r.indicator_text, r.relation_text) for r in rows if r.measure == "qualitative"]
    assert qualitative == [
        ("urban_unemployment", "城镇调查失业率", "低于全市平均水平"),
        ("resident_income", "居民收入", "高于经济增长"),
        ("grain_output", "粮食总产量", "完成市定目标"),
        ("energy_intensity", "能耗“双控”", "完成市定目标"),
    ]
    assert {(r.target_year, r.region_name, r.region_code, r.meeting_id) for r in rows} == {
        (2022, "渌口区", "430212", "m1")
    }
    gdp = rows[0]
    assert (gdp.indicator_text, EXAMPLE[gdp.span_start : gdp.span_end]) == ("GDP", "GDP增长8.5%")


def test_seed_003_the_sample_article_with_targets():
    text = normalize(sample_text("003")).text
    rows = targets(text)
    assert [(r.indicator, r.value, r.target_year) for r in rows if r.measure != "qualitative"] == [
        ("gdp", 8.5, 2022),
        ("industrial_value_added", 12, 2022),
        ("fixed_asset_investment", 15, 2022),
        ("general_budget_revenue", 8, 2022),
        ("retail_sales", 12, 2022),
    ]
    assert {r.indicator for r in rows if r.measure == "qualitative"} >= {
        "urban_unemployment", "resident_income", "grain_output"}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_seed_articles_without_targets_give_none(prefix):
    assert targets(normalize(sample_text(prefix)).text) == []


# ---------------------------------------------------------------------------------------------
# Indicators as written


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("GDP", "gdp"), ("地区生产总值", "gdp"), ("全县生产总值", "gdp"), ("经济增长", "gdp"),
        ("规模工业增加值", "industrial_value_added"), ("规模以上工业增加值", "industrial_value_added"),
        ("固定资产投资", "fixed_asset_investment"), ("全社会固定资产投资", "fixed_asset_investment"),
        ("地方一般公共预算收入", "general_budget_revenue"), ("一般公共预算收入", "general_budget_revenue"),
        ("财政收入", "general_budget_revenue"), ("地方财政一般预算收入", "general_budget_revenue"),
        ("社会消费品零售总额", "retail_sales"),
        ("城镇调查失业率", "urban_unemployment"), ("城镇登记失业率", "urban_unemployment"),
        ("居民收入", "resident_income"), ("全体居民人均可支配收入", "resident_income"),
        ("城镇居民人均可支配收入", "urban_income"),
        ("农村居民人均可支配收入", "rural_income"), ("农民人均纯收入", "rural_income"),
        ("农民收入纯收入", "rural_income"),
        ("进出口总额", "foreign_trade"), ("外贸进出口", "foreign_trade"), ("出口创汇", "foreign_trade"),
        ("实际利用外资", "foreign_investment"),
        ("居民消费价格", "cpi"), ("CPI", "cpi"),
        ("单位GDP能耗", "energy_intensity"), ("单位地区生产总值能耗", "energy_intensity"),
        ("粮食总产量", "grain_output"), ("粮食产量", "grain_output"),
        ("城镇新增就业", "new_urban_jobs"),
        ("工业总产值", "other"), ("高新技术产品增加值", "other"), ("研发投入占GDP比重", "other"),
        ("人均地区生产总值", "other"), ("湘潭市地区生产总值", "gdp"), ("500万元以上固定资产投资", "fixed_asset_investment"),
    ],
)
def test_indicator_lexicon(written, code):
    verb = "" if written.endswith("增长") else "增长"  # 经济增长8%
    (row,) = targets(f"今年主要预期目标是:{written}{verb}8%。")
    assert row.indicator == code
    expected_text = re.sub("^(全县|湘潭市|500万元以上)", "", written) if code != "other" else written
    assert row.indicator_text == expected_text


def test_straight_quotes_and_no_quotes_also_name_the_energy_target():
    for written in ('能耗"双控"', "能耗双控"):
        (row,) = targets(f"今年主要预期目标是:{written}完成省定目标。")
        assert (row.indicator, row.relation_text) == ("energy_intensity", "完成省定目标")


def test_a_subject_that_is_no_indicator_gives_no_row():
    assert targets("今年主要预期目标是:各乡镇要按时按质完成市定目标。") == []


# ---------------------------------------------------------------------------------------------
# Measures, values, units, qualifiers


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("地区生产总值增长8.5%", ("growth_pct", 8.5, None, "%", None)),
        ("地区生产总值增长8%左右", ("growth_pct", 8, None, "%", "about")),
        ("地区生产总值增长8%以上", ("growth_pct", 8, None, "%", "at_least")),
        ("地区生产总值增长不低于8%", ("growth_pct", 8, None, "%", "at_least")),
        ("地区生产总值增长7%-8%", ("growth_pct", 7, 8, "%", None)),
        ("地区生产总值增长7至8%", ("growth_pct", 7, 8, "%", None)),
        ("地区生产总值增长7-8%", ("growth_pct", 7, 8, "%", None)),
        ("地区生产总值增长百分之八点五", ("growth_pct", 8.5, None, "%", None)),
        ("地区生产总值达到300亿元", ("level", 300, None, "亿元", None)),
        ("地区生产总值突破300亿元", ("level", 300, None, "亿元", "at_least")),
        ("地区生产总值实现三百亿元", ("level", 300, None, "亿元", None)),
        ("实际利用外资1.1亿美元", ("level", 1.1, None, "亿美元", None)),
        ("城镇新增就业1.2万人", ("level", 1.2, None, "万人", None)),
        ("粮食总产量稳定在45万吨以上", ("level", 45, None, "万吨", "at_least")),
        ("粮食总产量稳定在45万吨", ("level", 45, None, "万吨", None)),
        ("城镇调查失业率控制在5.5%以内", ("rate", 5.5, None, "%", "at_most")),
        ("城镇登记失业率控制在4.5%", ("rate", 4.5, None, "%", "at_most")),
        ("居民消费价格涨幅控制在3%左右", ("rate", 3, None, "%", "about")),
        ("城镇调查失业率5.5%左右", ("rate", 5.5, None, "%", "about")),
        ("单位GDP能耗下降3%", ("growth_pct", -3, None, "%", None)),
        ("经济增长8%左右", ("growth_pct", 8, None, "%", "about")),
        ("地区生产总值比上年增长6.5%", ("growth_pct", 6.5, None, "%", None)),
    ],
)
def test_measure_value_unit_and_qualifier(statement, expected):
    (row,) = targets(f"2022年主要预期目标是:{statement}。")
    assert (row.measure, row.value, row.value_high, row.unit, row.qualifier) == expected


def test_the_same_target_written_twice_is_one_row():
    rows = targets("今年主要预期目标是:GDP增长8%。会议强调,今年主要目标是:地区生产总值增长8%,财政收入增长6%。")
    assert [(r.indicator, r.indicator_text, r.value) for r in rows] == [
        ("gdp", "GDP", 8), ("general_budget_revenue", "财政收入", 6)]


def test_a_level_and_a_growth_give_two_rows():
    rows = targets("主要预期目标是:地区生产总值实现312.5亿元,增长7%;出口创汇实现2.3亿美元,增长15%。")
    assert numeric(rows) == [
        ("gdp", "level", 312.5, None, "亿元", None),
        ("gdp", "growth_pct", 7, None, "%", None),
        ("foreign_trade", "level", 2.3, None, "亿美元", None),
        ("foreign_trade", "growth_pct", 15, None, "%", None),
    ]


def test_urban_and_rural_income_split_with_fenbie():
    rows = targets("今年主要预期目标是:城乡居民人均可支配收入分别增长6%、7.2%。")
    assert [(r.indicator, r.indicator_text, r.value) for r in rows] == [
        ("urban_income", "城乡居民人均可支配收入", 6),
        ("rural_income", "城乡居民人均可支配收入", 7.2),
    ]


def test_one_income_figure_for_both_is_resident_income():
    (row,) = targets("今年主要预期目标是:城乡居民人均可支配收入增长8%。")
    assert (row.indicator, row.value) == ("resident_income", 8)


def test_two_indicators_sharing_one_figure_and_two_paired_with_fenbie():
    rows = targets("今年主要预期目标是:规模工业增加值、固定资产投资均增长10%;进出口总额和实际利用外资分别增长5%、6%。")
    assert [(r.indicator, r.value) for r in rows] == [
        ("industrial_value_added", 10), ("fixed_asset_investment", 10),
        ("foreign_trade", 5), ("foreign_investment", 6),
    ]


def test_strive_does_not_reach_past_a_clause_without_a_figure():
    rows = targets("今年主要预期目标是:地区生产总值增长7%左右,在实际工作中争取更好结果;财政收入增长6%。")
    assert [(r.value, r.qualifier) for r in rows] == [(7, "about"), (6, None)]


def test_strive_reaches_a_list_it_introduces():
    rows = targets("今年力争实现以下目标:地区生产总值增长8%,财政收入增长6%以上。")
    assert [(r.value, r.qualifier) for r in rows] == [(8, "strive"), (6, "at_least")]


def test_strive_is_the_qualifier_of_a_lizheng_list_unless_a_figure_has_its_own():
    rows = targets("今年,全乡上下要齐心协力。力争完成工业总产值9亿元,增长11%;新增规模企业3家、千万元企业2家;"
                   "农民人均纯收入增长9%以上。")
    assert [(r.indicator, r.indicator_text, r.measure, r.value, r.unit, r.qualifier) for r in rows] == [
        ("other", "工业总产值", "level", 9, "亿元", "strive"),
        ("other", "工业总产值", "growth_pct", 11, "%", "strive"),
        ("other", "新增规模企业", "level", 3, "家", "strive"),
        ("other", "千万元企业", "level", 2, "家", "strive"),
        ("rural_income", "农民人均纯收入", "growth_pct", 9, "%", "at_least"),
    ]


def test_a_second_strive_figure_for_the_same_indicator():
    rows = targets("今年主要预期目标是:地区生产总值增长7%以上,力争8%。")
    assert numeric(rows) == [
        ("gdp", "growth_pct", 7, None, "%", "at_least"),
        ("gdp", "growth_pct", 8, None, "%", "strive"),
    ]


@pytest.mark.parametrize(
    ("statement", "relation"),
    [
        ("城镇调查失业率低于全市平均水平", "低于全市平均水平"),
        ("居民收入增长高于经济增长", "高于经济增长"),
        ("居民人均可支配收入增长与经济增长基本同步", "与经济增长基本同步"),
        ("居民收入增长和经济增长同步", "和经济增长同步"),
        ("粮食总产量完成市定目标", "完成市定目标"),
        ("单位GDP能耗下降完成自治区下达的目标任务", "完成自治区下达的目标任务"),
        ("城镇登记失业率控制在省定目标以内", "控制在省定目标以内"),
    ],
)
def test_qualitative_targets_keep_the_relation_as_written(statement, relation):
    (row,) = targets(f"今年主要预期目标是:{statement}。")
    assert (row.measure, row.value, row.relation_text) == ("qualitative", None, relation)


def test_a_relation_cut_off_by_the_end_of_the_text_is_no_target():
    rows = targets("今年主要预期目标是:地区生产总值增长7%,主要污染物排放总量完成省")
    assert [(r.indicator, r.measure) for r in rows] == [("gdp", "growth_pct")]


def test_words_between_indicator_and_figure():
    rows = targets("主要预期目标是:一般公共预算收入可比增长5%,城镇居民人均可支配收入实际增长6%,"
                   "地区生产总值比2021年增长6%,GDP 增长 6.5%左右。")
    assert [(r.indicator, r.value) for r in rows] == [
        ("general_budget_revenue", 5), ("urban_income", 6), ("gdp", 6), ("gdp", 6.5)]
    assert {r.target_year for r in rows} == {2022}  # 比2021年 is a baseline, not the target year


def test_full_width_figures():
    (row,) = targets("今年主要预期目标是:地区生产总值增长８．５％。")
    assert (row.value, row.unit) == (8.5, "%")


def test_a_paired_list_is_not_inherited_by_a_later_clause():
    rows = targets("今年主要预期目标是:规模工业增加值、固定资产投资分别增长8%、10%,增长6%。")
    assert [(r.indicator, r.value) for r in rows] == [("industrial_value_added", 8), ("fixed_asset_investment", 10)]


def test_unlisted_indicators_count_only_in_a_target_list():
    assert targets("会议听取了项目建设情况汇报,该项目计划总投资50亿元。") == []
    assert targets("会议强调,要确保主要经济指标增幅高于全省平均水平。") == []
    (row,) = targets("今年主要目标是:工农业总产值增长10%。")
    assert (row.indicator, row.indicator_text) == ("other", "工农业总产值")


def test_a_figure_inside_a_name_is_no_figure():
    rows = targets("今年主要预期目标是:500万元以上固定资产投资增长10%。")
    assert numeric(rows) == [("fixed_asset_investment", "growth_pct", 10, None, "%", None)]


# ---------------------------------------------------------------------------------------------
# Targets, not achievements


@pytest.mark.parametrize(
    "achieved",
    [
        "上半年全县地区生产总值增长5.2%,规模工业增加值增长6%。",
        "1-8月份,全市完成工业增加值52.7亿元,同比增长9.3%。",
        "1至5月份,全区完成生产总值88.1亿元,同比增长6.4%。",
        "今年以来,全区经济稳中有进。全区固定资产投资增长11.7%。",
        "预计全年地区生产总值增长6.1%,社会消费品零售总额增长9%。",
        "2021年,全乡实现农业总产值6.2亿元,同比增长4.4%。",
        "去年全县地区生产总值增长7.5%,财政收入增长9%。",
        "过去五年,地区生产总值年均增长7.5%。",
        "全县地区生产总值比上年增长6%。",
        "全县地区生产总值增长6%,圆满完成增长6%的目标任务。",
        "会议应到委员35人,实到委员33人。",
        "今年2月份,全县规模工业增加值增长10%。",
        "今年前两个月,全县固定资产投资增长12%。",
        "全年有望实现地区生产总值300亿元。",
        "截至目前,全县社会消费品零售总额增长7%。",
    ],
)
def test_achieved_figures_are_not_targets(achieved):
    assert targets(achieved) == []


def test_this_year_early_in_the_year_is_a_plan_but_late_in_it_a_review():
    text = "会议确定,今年全区地区生产总值增长8%、一般公共预算收入增长6%。"
    assert [r.value for r in targets(text, meetings=[meeting(date="2023-02-14")])] == [8, 6]
    assert targets(text, meetings=[meeting(date="2023-12-20")]) == []


def test_an_estimate_at_a_december_meeting_then_next_years_targets():
    text = ("会议指出,今年全市经济运行总体平稳,预计全年地区生产总值增长4%左右。"
            "会议提出,2023年全市经济工作的主要目标是:地区生产总值增长6.5%以上,力争达到7%。")
    rows = targets(text, meetings=[meeting(date="2022-12-28")])
    assert [(r.value, r.qualifier, r.target_year) for r in rows] == [(6.5, "at_least", 2023), (7, "strive", 2023)]


def test_a_mid_year_analysis_meeting_reports_and_then_sets_the_year_goal():
    text = ("会议指出,上半年,全县实现地区生产总值125.6亿元,同比增长6.8%,高于全省平均水平1.2个百分点。"
            "会议要求,确保完成全年地区生产总值增长7.5%的目标任务。")
    rows = targets(text, meetings=[meeting(date="2023-07-20")])
    assert [(r.indicator, r.measure, r.value, r.target_year) for r in rows] == [("gdp", "growth_pct", 7.5, 2023)]


def test_a_past_figure_in_an_aside_does_not_end_the_list():
    rows = targets("今年主要预期目标是:地区生产总值增长8%(上年实际增长7.5%),财政收入增长6%。")
    assert [(r.indicator, r.value) for r in rows] == [("gdp", 8), ("general_budget_revenue", 6)]


def test_a_past_year_review_then_this_years_targets():
    text = ("2021年,全区地区生产总值增长8%。会议指出,2022年主要预期目标是:地区生产总值增长7%左右。"
            "去年全区社会消费品零售总额增长10%。")
    rows = targets(text)
    assert [(r.indicator, r.value, r.target_year) for r in rows] == [("gdp", 7, 2022)]


def test_within_one_sentence_last_year_achieved_and_this_year_planned():
    rows = targets("去年全县GDP增长7.5%,今年力争增长8%。")
    assert [(r.indicator, r.value, r.qualifier, r.target_year) for r in rows] == [("gdp", 8, "strive", 2022)]


def test_a_spokesman_review_without_a_meeting_is_no_target():
    text = ("市政府新闻办举行发布会,通报去年各项工作完成情况。2015年全市地区生产总值增长7.9%左右;"
            "地方一般预算收入增长10.4%;城镇登记失业率3.1%。")
    assert targets(text, meetings=[], published="2016-01-20") == []
    assert targets(text, meetings=[]) == []


def test_a_statistics_note_without_a_meeting_is_no_target():
    assert targets("今年以来,全市经济运行平稳。1-7月份,全市完成固定资产投资210.3亿元,同比增长8.8%。", meetings=[]) == []


def test_without_a_meeting_a_plain_target_statement_is_still_found():
    rows = targets("2023年全市主要预期目标是:地区生产总值增长6%左右。", meetings=[])
    assert [(r.indicator, r.value, r.target_year, r.meeting_id, r.region_name) for r in rows] == [
        ("gdp", 6, 2023, None, None)]


def test_without_a_meeting_yao_queshi_is_still_a_target():
    (row,) = targets("会议要求,要确保全县地区生产总值增长8%。", meetings=[])
    assert (row.value, row.meeting_id) == (8, None)


def test_without_a_meeting_yao_alone_is_not_enough():
    assert targets("今年全县地区生产总值要增长8%。", meetings=[]) == []
    assert [r.value for r in targets("今年全县地区生产总值要增长8%。")] == [8]


def context(paragraph_cues=(), sentence_cues=(), years_before=(), tail="", reference="2022-07-01",
            strict=False) -> StatementContext:
    return StatementContext(
        paragraph_cues=list(paragraph_cues), sentence_cues=list(sentence_cues), years_before=list(years_before),
        tail=tail, reference=dt.date.fromisoformat(reference) if reference else None, strict=strict)


def test_the_decision_is_one_function_driven_by_cues():
    lead_in = Cue(start=0, planned=True, reach="paragraph")
    past = Cue(start=10, planned=False, reach="sentence")
    assert is_planned(context(paragraph_cues=[lead_in]))
    assert not is_planned(context(paragraph_cues=[lead_in], sentence_cues=[past]))
    assert not is_planned(context())
    # only lead-ins reach over sentences
    assert not is_planned(context(paragraph_cues=[Cue(start=0, planned=True, reach="sentence")]))
    # a past year written before the figure reports; a later one plans; the current one plans
    # only early in the year
    assert not is_planned(context(years_before=[(3, 2021)]))
    assert is_planned(context(years_before=[(3, 2023)]))
    assert not is_planned(context(years_before=[(3, 2022)]))
    assert is_planned(context(years_before=[(3, 2022)], reference="2022-02-13"))
    # 增长8%的目标, unless 同比/完成 stands before it or there is no meeting
    assert is_planned(context(tail="的目标"))
    assert not is_planned(context(tail="的目标", sentence_cues=[Cue(start=2, planned=False, reach="weak")]))
    assert not is_planned(context(tail="的目标", strict=True))
    # 要/将 count only when the document reports a meeting
    loose = Cue(start=2, planned=True, reach="loose")
    assert is_planned(context(sentence_cues=[loose]))
    assert not is_planned(context(sentence_cues=[loose], strict=True))


# ---------------------------------------------------------------------------------------------
# Year and region


def test_year_as_written():
    (row,) = targets("2023年主要预期目标是:地区生产总值增长6%。")
    assert row.target_year == 2023


def test_a_december_meeting_sets_next_years_targets():
    december = [meeting(date="2021-12-20")]
    (row,) = targets("会议提出,主要预期目标是:地区生产总值增长6.5%左右。", meetings=december)
    assert row.target_year == 2022
    (row,) = targets("会议提出,明年主要预期目标是:地区生产总值增长6.5%左右。", meetings=december)
    assert row.target_year == 2022
    (row,) = targets("会议提出,今年要确保地区生产总值增长6.5%。", meetings=december)
    assert row.target_year == 2021


def test_an_early_year_meeting_sets_that_years_targets():
    (row,) = targets("会议提出,主要预期目标是:地区生产总值增长6.5%左右。", meetings=[meeting(date="2022-02-13")])
    assert row.target_year == 2022


def test_year_from_the_published_date_when_the_meeting_date_is_unknown():
    (row,) = targets("今年主要预期目标是:地区生产总值增长6.5%。", meetings=[meeting(date=None)], published="2019-03-02")
    assert row.target_year == 2019


def test_year_unknown_stays_null():
    (row,) = targets("今年主要预期目标是:地区生产总值增长6.5%。", meetings=[meeting(date=None)])
    assert row.target_year is None
    (row,) = targets("今后五年的主要目标是:地区生产总值年均增长7%。")
    assert row.target_year is None


def test_a_five_year_period_has_no_single_year_but_naming_the_plan_is_no_period():
    (row,) = targets("会议提出,“十四五”时期主要目标是:地区生产总值年均增长6.5%。")
    assert row.target_year is None
    (row,) = targets("今年是“十四五”开局之年。主要预期目标是:地区生产总值增长8%。")
    assert row.target_year == 2022


def test_to_a_year_is_the_target_year():
    (row,) = targets("会议提出,到2025年,地区生产总值突破500亿元。")
    assert (row.indicator, row.measure, row.value, row.qualifier, row.target_year) == (
        "gdp", "level", 500, "at_least", 2025)


def test_a_list_running_over_lines_after_a_colon():
    rows = targets("2023年主要预期目标:\n1.地区生产总值增长7%;\n2.固定资产投资增长10%。\n")
    assert [(r.indicator, r.value, r.target_year) for r in rows] == [
        ("gdp", 7, 2023), ("fixed_asset_investment", 10, 2023)]


def test_region_and_meeting_of_the_meeting_whose_scope_holds_the_figure():
    first = meeting(region="甲县", code="111111").model_copy(update={"meeting_id": "a", "scope_end": 20})
    second = meeting(region="乙县", code="222222").model_copy(
        update={"meeting_id": "b", "scope_start": 20, "scope_end": 200})
    text = "甲县召开会议。会议研究了有关工作。乙县召开经济工作会议,今年主要预期目标是:地区生产总值增长7%。"
    (row,) = targets(text, meetings=[first, second])
    assert (row.meeting_id, row.region_name, row.region_code) == ("b", "乙县", "222222")


def test_a_statement_naming_another_region_is_that_regions_target():
    rows = targets("会议传达了上级精神。株洲市2022年主要预期目标是:地区生产总值增长7%。"
                   "要学习昆山市经验,确保全区地区生产总值增长8%。")
    assert [(r.value, r.region_name, r.region_code) for r in rows] == [
        (7, "株洲市", "430200"), (8, "渌口区", "430212")]


def test_a_relayed_wider_target_is_not_the_meeting_regions_own():
    county = meeting(region="衡南县", code="430422").model_copy(
        update={"region_level": "county", "province": "湖南省", "prefecture": "衡阳市"})
    text = ("会议传达学习了全国两会精神。今年政府工作报告提出,国内生产总值增长5%左右。"
            "会议传达了全市经济工作会议精神,今年全市主要预期目标是:地区生产总值增长6.5%。"
            "今年全县主要预期目标是:地区生产总值增长7%。")
    rows = targets(text, meetings=[county], published=None)
    assert [(r.value, r.region_name, r.region_code) for r in rows] == [
        (5, None, None), (6.5, "衡阳市", None), (7, "衡南县", "430422")]


def test_the_own_scope_word_of_a_district_keeps_the_district():
    district = meeting().model_copy(update={"region_level": "county", "province": "湖南省", "prefecture": "株洲市"})
    rows = targets(EXAMPLE, meetings=[district])
    assert {(r.region_name, r.region_code) for r in rows} == {("渌口区", "430212")}


# ---------------------------------------------------------------------------------------------
# Forms found by the generalization fixtures (tests/test_targets_generalization.py)


def test_full_width_years_letters_and_figures_read_as_written():
    (row,) = targets("２０１５年全区主要经济指标为:ＧＤＰ增长８．５％左右。", meetings=[meeting("2015-02-05")])
    assert (row.indicator, row.indicator_text, row.value, row.qualifier, row.target_year) == (
        "gdp", "ＧＤＰ", 8.5, "about", 2015)


def test_a_year_in_chinese_numerals_is_the_target_year():
    (row,) = targets("二〇二四年全市主要预期目标是:地区生产总值增长6%左右。", meetings=[meeting(None)])
    assert (row.value, row.target_year) == (6, 2024)


def test_a_year_inside_a_document_title_is_no_target_year():
    rows = targets("全会审议通过了《关于制定第十四个五年规划和二〇三五年远景目标的建议》,"
                   "明确今年主要预期目标为地区生产总值增长7%。")
    assert [(r.value, r.target_year) for r in rows] == [(7, 2022)]


@pytest.mark.parametrize("aside", ["(去年地区生产总值增长7.5%)", "(2021年增长7.5%)"])
def test_a_past_figure_in_an_aside_neither_counts_nor_ends_the_list(aside):
    rows = targets(f"2022年主要预期目标是:地区生产总值增长8%{aside},财政收入增长6%。")
    assert [(r.indicator, r.value, r.target_year) for r in rows] == [
        ("gdp", 8, 2022), ("general_budget_revenue", 6, 2022)]


def test_a_lead_in_running_into_the_first_indicator():
    rows = targets("今年全县主要预期目标为地区生产总值增长8%左右,财政收入增长6%。")
    assert [(r.indicator, r.indicator_text, r.value) for r in rows] == [
        ("gdp", "地区生产总值", 8), ("general_budget_revenue", "财政收入", 6)]


def test_a_growth_held_at_a_level_is_a_growth_and_a_held_rate_a_rate():
    rows = targets("今年主要预期目标是:地区生产总值增速保持在7%以上,城镇登记失业率保持在4%以内。")
    assert [(r.indicator, r.measure, r.value, r.qualifier) for r in rows] == [
        ("gdp", "growth_pct", 7, "at_least"), ("urban_unemployment", "rate", 4, "at_most")]


@pytest.mark.parametrize(
    ("statement", "indicator", "value", "qualifier"),
    [
        ("力争规模以上工业增加值全年增长9%", "industrial_value_added", 9, "strive"),   # 全年 in between
        ("地区生产总值预期增长6%", "gdp", 6, None),
        ("地区生产总值增长目标设定为6%左右", "gdp", 6, "about"),
        ("一般公共预算收入增长目标为5%", "general_budget_revenue", 5, None),
    ],
)
def test_words_between_indicator_and_figure_that_say_when_or_that_it_is_a_goal(
        statement, indicator, value, qualifier):
    (row,) = targets(f"会议要求,今年{statement}。")
    assert (row.indicator, row.measure, row.value, row.qualifier) == (indicator, "growth_pct", value, qualifier)


def test_next_year_expected_growth_at_a_december_meeting():
    rows = targets("预计全年地区生产总值增长4.5%左右。明年全县地区生产总值预期增长6%,固定资产投资预期增长8%。",
                   meetings=[meeting("2022-12-28")])
    assert [(r.indicator, r.value, r.target_year) for r in rows] == [
        ("gdp", 6, 2023), ("fixed_asset_investment", 8, 2023)]


def test_strive_after_an_indicator_is_about_its_own_figure():
    rows = targets("今年我县的目标是:地区生产总值力争增长9%,固定资产投资增长12%。")
    assert [(r.indicator, r.qualifier) for r in rows] == [("gdp", "strive"), ("fixed_asset_investment", None)]


def test_strive_for_a_higher_figure_is_about_that_figure():
    rows = targets("会议强调,确保全年地区生产总值增长8%以上、力争达到9%,一般公共预算收入增长6%。")
    assert [(r.indicator, r.value, r.qualifier) for r in rows] == [
        ("gdp", 8, "at_least"), ("gdp", 9, "strive"), ("general_budget_revenue", 6, None)]


def test_a_lead_in_before_nuli_shixian_still_admits_unlisted_indicators():
    rows = targets("今年的主要目标是:努力实现地区生产总值比上年增长13%,财政总收入增长15%。")
    assert [(r.indicator, r.indicator_text, r.value) for r in rows] == [
        ("gdp", "地区生产总值", 13), ("other", "财政总收入", 15)]


def test_a_project_plan_after_a_target_list_is_no_target():
    rows = targets("今年主要预期目标是:地区生产总值增长8%。该项目计划总投资50亿元,新增就业岗位2000个。")
    assert [(r.indicator, r.value) for r in rows] == [("gdp", 8)]


def test_a_plan_period_ahead_plans_and_one_run_out_reviews():
    ahead = "会议明确,“十三五”期间,全区地区生产总值年均增长8%左右。"
    (row,) = targets(ahead, meetings=[meeting("2016-01-20")])
    assert (row.value, row.qualifier, row.target_year) == (8, "about", None)
    assert targets(ahead.replace("8%左右", "8.2%"), meetings=[meeting("2020-12-25")]) == []
    (row,) = targets("今后五年,全县地区生产总值年均增长7%。", meetings=[meeting("2021-12-28")])
    assert (row.value, row.target_year) == (7, None)


def test_without_a_meeting_the_leads_date_gives_the_year():
    text = ("市政府召开常务会议\n2018年4月3日,市政府召开第二十三次常务会议。\n"
            "会议强调,要确保全年固定资产投资增长12%以上。")
    (row,) = targets(text, meetings=[])
    assert (row.value, row.qualifier, row.target_year) == (12, "at_least", 2018)
    # a date far down the text is no date of the report
    late = "会议强调,要确保全年固定资产投资增长12%以上。\n\n\n\n此前,2018年4月3日,该项目开工。"
    assert [r.target_year for r in targets(late, meetings=[])] == [None]


def test_without_any_date_a_year_named_later_in_the_sentence():
    (row,) = targets("会议要求,力争全年地区生产总值增长6.5%,全力完成2023年各项目标任务。", meetings=[])
    assert (row.value, row.qualifier, row.target_year) == (6.5, "strive", 2023)


def test_grain_in_jin_and_a_qualitative_emission_target():
    rows = targets("今年主要预期目标是:粮食产量稳定在180亿斤以上;节能减排完成省下达任务。")
    assert [(r.indicator, r.measure, r.value, r.unit, r.qualifier, r.relation_text) for r in rows] == [
        ("grain_output", "level", 180, "亿斤", "at_least", None),
        ("other", "qualitative", None, None, None, "完成省下达任务"),
    ]


# ---------------------------------------------------------------------------------------------
# Real articles: dev gold when ../shared is present (read from there, never copied)


def test_dev_articles_match_their_gold(shared_dir):
    for gold_path in older_dev_golds(shared_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = normalize(read_article(shared_dir / "corpus" / "dev" / gold["file"])).text
        meetings = [
            meeting(date=m.get("meeting_date"), region=m.get("region_name"), code=m.get("region_code"),
                    kinds=tuple(m.get("kinds") or ("other",)))
            for m in gold.get("meetings", [])
        ]
        rows = targets(text, meetings=meetings)
        predicted = sorted((r.indicator, r.value, r.target_year) for r in rows if r.measure != "qualitative")
        expected = sorted((t["indicator"], float(t["value"]), t["target_year"])
                          for t in gold.get("economic_targets", []) if t["measure"] != "qualitative")
        assert predicted == expected, gold["file"]


# ---------------------------------------------------------------------------------------------
# Issue 13: classes of language seen on unseen reports (sentences written for these tests)


def years_of(rows):
    return [(r.indicator, r.value, r.target_year) for r in rows if r.measure != "qualitative"]


def test_a_year_glossed_in_brackets_dates_this_year_without_a_meeting_date():
    text = ("省长作政府工作报告时表示,今年(2031年)全省发展面临的有利条件强于不利因素。\n"
            "今年经济社会发展的主要预期目标是:地区生产总值增长5%;固定资产投资增长4%。")
    rows = targets(text, meetings=[meeting(date=None)])
    assert years_of(rows) == [("gdp", 5, 2031), ("fixed_asset_investment", 4, 2031)]


def test_the_new_year_is_the_meetings_year_or_the_next_in_december():
    text = "新的一年,全区经济社会发展的主要预期目标是:地区生产总值增长6%。"
    assert years_of(targets(text, meetings=[meeting(date="2030-01-20")])) == [("gdp", 6, 2030)]
    assert years_of(targets(text, meetings=[meeting(date="2030-12-20")])) == [("gdp", 6, 2031)]


def test_a_numbered_section_lead_dates_and_decides_its_part():
    text = ("区长作政府工作报告。\n一、2027年工作回顾\n全区地区生产总值增长7.2%,固定资产投资增长10%。\n"
            "二、2028年主要目标任务\n地区生产总值增长7%,固定资产投资增长9%。")
    rows = targets(text, meetings=[meeting(date=None)])
    assert years_of(rows) == [("gdp", 7, 2028), ("fixed_asset_investment", 9, 2028)]


def test_a_headline_naming_a_plan_year_dates_the_body_this_year():
    text = "政府工作报告提出2014年发展目标\n代市长在报告中提出:今年全市主要预期目标是地区生产总值增长10%。"
    assert years_of(targets(text, meetings=[])) == [("gdp", 10, 2014)]


def test_the_nearest_year_wins_over_the_headline():
    text = "2023年发展目标解读\n报告提出,2024年全县主要预期目标是:地区生产总值增长6%。"
    assert years_of(targets(text, meetings=[])) == [("gdp", 6, 2024)]


def test_this_year_that_nothing_dates_is_not_an_earlier_years_figure():
    text = ("2022年,全市地区生产总值增长7.1%。今年全市主要预期目标拟定为:地区生产总值增长7%左右。")
    assert years_of(targets(text, meetings=[meeting(date=None)])) == [("gdp", 7, None)]


def test_a_plan_period_end_is_the_target_year():
    text = "到2035年,全县地区生产总值达到900亿元。“十五五”末,全县粮食总产量达到60万吨。"
    rows = targets(text, meetings=[meeting(date="2026-02-10")])
    assert years_of(rows) == [("gdp", 900, 2035), ("grain_output", 60, 2030)]


def test_a_review_paragraph_with_the_same_figures_gives_no_target():
    text = ("2029年,全县实现地区生产总值320亿元,增长6.5%;一般公共预算收入完成20亿元,增长5%。\n"
            "今年全县经济社会发展的主要预期目标是:地区生产总值增长6.5%,一般公共预算收入增长5%。")
    rows = targets(text, meetings=[meeting(date="2030-01-15")])
    assert years_of(rows) == [("gdp", 6.5, 2030), ("general_budget_revenue", 5, 2030)]
    assert [(r.span_start > text.index("\n")) for r in rows] == [True, True]


def test_a_paragraph_opened_by_this_year_plans_early_in_the_year():
    text = ("过去一年,全县地区生产总值增长7.5%。\n今年工作的总体要求是:坚持稳中求进。"
            "全县地区生产总值增长7%,社会消费品零售总额增长8%。")
    rows = targets(text, meetings=[meeting(date="2030-02-02")])
    assert years_of(rows) == [("gdp", 7, 2030), ("retail_sales", 8, 2030)]


@pytest.mark.parametrize("lead_in", ["建议为", "拟定为", "安排为", "确定为", "初步确定为"])
def test_target_list_lead_ins(lead_in):
    text = f"2030年全县主要预期目标{lead_in}:地区生产总值增长6.5%,一般公共预算收入增长5%。"
    rows = targets(text, meetings=[])
    assert years_of(rows) == [("gdp", 6.5, 2030), ("general_budget_revenue", 5, 2030)]


def test_expected_and_the_goal_namely():
    assert years_of(targets("今年预期地区生产总值增长5%。", meetings=[meeting(date="2030-01-20")])) == [
        ("gdp", 5, 2030)]
    assert years_of(targets("预期目标全面完成,地区生产总值增长8%。", meetings=[meeting(date="2030-12-20")])) == []
    text = "会议确定了今年的奋斗目标,即地区生产总值增长8%,固定资产投资增长12%。"
    assert years_of(targets(text, meetings=[meeting(date="2030-01-20")])) == [
        ("gdp", 8, 2030), ("fixed_asset_investment", 12, 2030)]


def test_a_figure_before_its_indicator():
    rows = targets("今年,要实现8%的经济增长目标,稳增长是关键。", meetings=[meeting(date="2030-03-07")])
    assert [(r.indicator, r.measure, r.value, r.target_year) for r in rows] == [("gdp", "growth_pct", 8, 2030)]
    assert "今年,要实现8%的经济增长目标"[rows[0].span_start : rows[0].span_end] == "8%的经济增长"


@pytest.mark.parametrize("subject", ["城镇和农村居民人均可支配收入", "城、乡居民人均可支配收入"])
def test_a_shared_head_gives_one_row_per_indicator(subject):
    text = f"今年的主要预期目标是:{subject}分别增长8%、9%。"
    rows = targets(text, meetings=[meeting(date="2030-01-20")])
    assert years_of(rows) == [("urban_income", 8, 2030), ("rural_income", 9, 2030)]
    assert text[rows[0].span_start : rows[0].span_end] == f"{subject}分别增长8%"
    assert text[rows[1].span_start : rows[1].span_end].endswith("9%")


def test_a_restated_target_is_one_row():
    text = ("今年全区主要预期目标:地区生产总值增长6.5%左右;固定资产投资增长8%。"
            "地区生产总值增长6.5%左右的目标,是综合考虑各方面因素确定的。")
    assert years_of(targets(text, meetings=[meeting(date="2030-01-08")])) == [
        ("gdp", 6.5, 2030), ("fixed_asset_investment", 8, 2030)]


@pytest.mark.parametrize("written, code", [
    ("地方级财政收入", "general_budget_revenue"),
    ("地方公共财政收入", "general_budget_revenue"),
    ("农牧民人均纯收入", "rural_income"),
    ("全社会消费品零售总额", "retail_sales"),
    ("区属地区生产总值", "gdp"),
    ("进出口增额", "foreign_trade"),
])
def test_indicators_as_reports_write_them(written, code):
    rows = targets(f"今年主要预期目标是:{written}增长12%以上。", meetings=[meeting(date="2030-01-20")])
    assert [(r.indicator, r.value) for r in rows] == [(code, 12)]


def test_a_name_that_holds_a_connecting_word_and_a_per_mille_figure():
    rows = targets("主要预期目标是:人口自然增长率控制在6‰以内。", meetings=[meeting(date="2030-01-20")])
    assert [(r.indicator, r.indicator_text, r.measure, r.value, r.unit, r.qualifier) for r in rows] == [
        ("other", "人口自然增长率", "rate", 6, "‰", "at_most")]


def test_same_basis_growth_and_a_variant_character():
    text = "今年主要预期目标是:一般公共预算收入同口径增长9%,外贸出口増长6%。"
    rows = targets(text, meetings=[meeting(date="2030-01-20")])
    assert years_of(rows) == [("general_budget_revenue", 9, 2030), ("foreign_trade", 6, 2030)]
    assert text[rows[1].span_start : rows[1].span_end] == "外贸出口増长6%"


def test_numbers_broken_by_line_breaks_and_a_lost_percent_sign():
    text = "今年经济社会发展目标:地区生产总值增长\n7.5%,社会消费品零售总额增长18以上。"
    rows = targets(text, meetings=[meeting(date="2030-01-12")])
    assert [(r.indicator, r.value, r.unit, r.qualifier) for r in rows] == [
        ("gdp", 7.5, "%", None), ("retail_sales", 18, None, "at_least")]


def test_a_print_layout_wrapped_mid_word_reads_as_one_text():
    prose = ("赵某说,今年我省国民经济和社会发展的主要预期目标是,生产总值增长13%左右,财政总收入增长"
             "15%,城镇居民人均可支配收入和农民人均纯收入分别增长10%以上。并在进一步扩大投资规模"
             "方面采取有效措施,推进各项工作落实落地见到实效,确保全年目标任务顺利完成。")
    lines = [prose[i : i + 15] for i in range(0, len(prose), 15)]  # 增长|15% falls on a break
    assert any(line.endswith("增长") for line in lines)
    rows = targets("\n".join(lines), meetings=[meeting(date="2030-01-22")])
    assert years_of(rows) == [("gdp", 13, 2030), ("other", 15, 2030), ("urban_income", 10, 2030),
                              ("rural_income", 10, 2030)]


def test_a_report_without_a_named_meeting_keeps_meeting_id_null_and_the_texts_region():
    text = "代市长在政府工作报告中提出,漳州市2030年主要预期目标是:地区生产总值增长9%。"
    rows = targets(text, meetings=[])
    assert [(r.meeting_id, r.region_name, r.region_code, r.target_year) for r in rows] == [
        (None, "漳州市", "350600", 2030)]


def test_qualitative_targets_steady_growth_and_a_quota_of_the_province():
    text = "今年主要预期目标是:进出口保持稳定增长,节能减排指标控制在省政府下达的范围之内。"
    rows = targets(text, meetings=[meeting(date="2030-01-20")])
    assert [(r.indicator, r.measure, r.relation_text) for r in rows] == [
        ("foreign_trade", "qualitative", "保持稳定增长"),
        ("energy_intensity", "qualitative", "控制在省政府下达的范围之内"),
    ]


# ---------------------------------------------------------------------------------------------
# Target or outcome: the classification outcomes are taken from


def test_classify_tells_targets_from_outcomes_with_basis_and_period():
    from transforms.targets.find import find_statements

    text = ("初步统计,2029年全县地区生产总值完成210亿元。预计全年社会消费品零售总额增长8%。\n"
            "上半年,规模以上工业增加值增长7%。过去一年,固定资产投资增长9%。\n"
            "2030年主要预期目标为:地区生产总值增长8%。")
    found = find_statements(text, [meeting(date="2030-02-03")], DocumentMetadata())
    got = [(f.classification.kind, f.classification.basis, f.classification.period,
            f.classification.period_text, f.rows[0].indicator, f.rows[0].value, f.rows[0].target_year)
           for f in found]
    assert got == [
        ("outcome", "preliminary", "year", None, "gdp", 210, 2029),
        ("outcome", "estimated", "year", None, "retail_sales", 8, 2029),
        ("outcome", "reported", "half", "上半年", "industrial_value_added", 7, 2029),
        ("outcome", "reported", "year", None, "fixed_asset_investment", 9, 2029),
        ("target", None, "year", None, "gdp", 8, 2030),
    ]


def test_a_work_report_without_a_meeting_row_reads_its_plan_words():
    text = "代县长在政府工作报告中提出,2030年全县地区生产总值要增长8%以上,固定资产投资增长10%。"
    assert years_of(targets(text, meetings=[])) == [("gdp", 8, 2030), ("fixed_asset_investment", 10, 2030)]
    # the same words in a text that reports no meeting nor work report decide nothing
    assert targets("记者了解到,2030年全县地区生产总值要增长8%以上。", meetings=[]) == []


def test_a_meeting_that_puts_forward_figures_plans_them():
    undated = [meeting(date=None)]
    text = "会议提出,2031年全市地区生产总值增长6%,全力实现一般公共预算收入增长5%。"
    assert years_of(targets(text, meetings=undated)) == [("gdp", 6, 2031), ("general_budget_revenue", 5, 2031)]
    assert targets("会议提出的各项目标全面完成,地区生产总值增长8%。", meetings=undated) == []


def test_a_regions_plan_lists_counts_before_their_nouns_but_not_descriptions():
    text = ("2030年,全县计划招引15个以上亿元项目,新增城区绿化面积20万平方米;"
            "年内实施总投资40亿元的60项民生工程。")
    rows = targets(text, meetings=[meeting(date=None)])
    assert [(r.indicator, r.indicator_text, r.value, r.unit, r.qualifier, r.target_year) for r in rows] == [
        ("other", "亿元项目", 15, "个", "at_least", 2030),
        ("other", "新增城区绿化面积", 20, "万平方米", None, 2030),
    ]
    assert text[rows[0].span_start : rows[0].span_end] == "15个以上亿元项目"
    # a project's plan is no region's target
    assert targets("该项目计划总投资50亿元,建设5个车间。", meetings=[meeting(date=None)]) == []


def test_a_count_after_a_figure_never_inherits_its_indicator():
    rows = targets("今年主要预期目标是:地区生产总值增长8%,5个项目开工。", meetings=[meeting(date="2030-01-20")])
    assert years_of(rows) == [("gdp", 8, 2030)]


def test_more_qualitative_targets_and_no_past_time_frame_in_not_below_last_year():
    text = ("今年主要预期目标是:外贸进出口实现正增长,实际利用外资稳中有升,粮食产量不低于上年,"
            "农民收入增长高于城镇居民收入增长,单位生产总值能耗完成省下达目标。")
    rows = targets(text, meetings=[meeting(date="2030-02-01")])
    assert [(r.indicator, r.relation_text, r.target_year) for r in rows] == [
        ("foreign_trade", "实现正增长", 2030), ("foreign_investment", "稳中有升", 2030),
        ("grain_output", "不低于上年", 2030), ("rural_income", "高于城镇居民收入增长", 2030),
        ("energy_intensity", "完成省下达目标", 2030),
    ]


def test_a_single_month_reports():
    assert targets("今年1月,全县规模以上工业增加值增长9%。", meetings=[meeting(date="2030-02-01")]) == []


def test_the_dateline_dates_this_year_for_a_meeting_without_a_date():
    text = "本报2031年1月6日讯 5日,县人代会开幕。今年全县主要预期目标是:地区生产总值增长6%。"
    assert years_of(targets(text, meetings=[meeting(date=None)])) == [("gdp", 6, 2031)]


def test_the_gloss_in_the_text_wins_over_a_later_publication_date():
    text = "今年(2031年)全省地区生产总值增长5%,固定资产投资增长4%的目标。"
    rows = targets(text, meetings=[meeting(date=None)], published="2032-06-01")
    assert years_of(rows) == [("gdp", 5, 2031), ("fixed_asset_investment", 4, 2031)]


def test_a_list_written_one_item_a_line_stays_under_its_lead_in():
    text = "今年全县主要预期目标是:\n地区生产总值增长6.5%左右\n一般公共预算收入增长5%\n固定资产投资增长8%"
    assert years_of(targets(text, meetings=[meeting(date="2030-01-15")])) == [
        ("gdp", 6.5, 2030), ("general_budget_revenue", 5, 2030), ("fixed_asset_investment", 8, 2030)]
    review = "2029年全县地区生产总值增长6.2%\n一般公共预算收入增长4%"
    assert targets(review, meetings=[meeting(date="2030-01-15")]) == []


def test_the_whole_years_target_restated_after_a_quarters_review():
    text = ("一季度,全县地区生产总值增长5.6%,规模以上工业增加值增长8.2%。"
            "会议强调,要紧盯全年地区生产总值增长6.5%的目标。")
    assert years_of(targets(text, meetings=[meeting(date="2030-04-10")])) == [("gdp", 6.5, 2030)]


def test_a_figure_broken_inside_by_a_line_break_or_a_space():
    text = "2030年主要预期目标是:地区生产总值增长7.\n5%,固定资产投资增长10\n%,社会消费品零售总额增长 9 %。"
    rows = find_targets(text, [], DocumentMetadata())
    assert [(r.indicator, r.value, text[r.span_start : r.span_end]) for r in rows] == [
        ("gdp", 7.5, "地区生产总值增长7.\n5%"),
        ("fixed_asset_investment", 10, "固定资产投资增长10\n%"),
        ("retail_sales", 9, "社会消费品零售总额增长 9 %"),
    ]


def test_an_outcome_of_last_year_and_one_of_a_running_year():
    from transforms.targets.find import find_statements

    text = "去年,全县地区生产总值增长6%。\n今年以来,全县固定资产投资增长9%。"
    found = find_statements(text, [meeting(date="2030-07-20")], DocumentMetadata())
    assert [(f.classification.kind, f.classification.period, f.rows[0].indicator, f.rows[0].target_year)
            for f in found] == [("outcome", "year", "gdp", 2029), ("outcome", "other", "fixed_asset_investment", 2030)]
