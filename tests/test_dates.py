"""Dates: the month-day, the year and how it was known (date_basis)."""
from __future__ import annotations

import datetime as dt

import pytest

from transforms.shared.dates import (
    DATE_WORD,
    MONTH_DAY,
    infer_year,
    month_day,
    parse_metadata_date,
    resolve_date,
    time_of_day,
    year_from_publication,
)


def found(text: str):
    return month_day(MONTH_DAY.search(text))


def test_parse_metadata_date():
    assert parse_metadata_date("2021-12-29 16:00:51") == dt.date(2021, 12, 29)
    assert parse_metadata_date("发布日期:2020-07-21") == dt.date(2020, 7, 21)
    assert parse_metadata_date("2010年4月17日") == dt.date(2010, 4, 17)
    assert parse_metadata_date("no date") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8月22日上午", (8, 22, None)),
        ("2024年8月22日", (8, 22, 2024)),
        ("十二月二十八日", (12, 28, None)),
        ("二〇二四年一月五日", (1, 5, 2024)),
        ("9月30号", (9, 30, None)),
    ],
)
def test_month_day(text, expected):
    date = found(text)
    assert (date.month, date.day, date.year) == expected


def test_date_words():
    words = [m.group() for m in DATE_WORD.finditer("3月5日至7日召开;今天上午;近日;本报讯 5日晚,县委召开")]
    assert words == ["3月5日至7日", "今天", "近日", "5日"]
    assert month_day(MONTH_DAY.match("3月5日至7日")).day == 5  # the opening day


def test_time_of_day():
    assert time_of_day("8月22日上午,") == "morning"
    assert time_of_day("3月21日下午") == "afternoon"
    assert time_of_day("5日晚,") == "evening"
    assert time_of_day("于上午胜利闭幕") == "morning"
    assert time_of_day("12月28日,") is None


def test_explicit_year():
    assert resolve_date(found("2024年8月22日上午"), None, "会议", "", "") == (dt.date(2024, 8, 22), "explicit")


def test_year_from_publication():
    published = dt.date(2021, 12, 29)
    assert resolve_date(found("12月28日"), published, "会议", "", "") == (dt.date(2021, 12, 28), "metadata")
    # a December meeting published in January is in the previous year
    assert year_from_publication(12, 28, dt.date(2022, 1, 3)) == 2021
    assert year_from_publication(2, 29, dt.date(2023, 3, 1)) is None  # no 2月29日 in 2022 or 2023


def test_year_from_the_meetings_name():
    assert infer_year(8, 22, "2024年上半年经济运行分析会议", "", "") == 2024
    assert infer_year(1, 10, "2023年度民主生活会", "", "") == 2024  # reviews the year before
    assert infer_year(2, 12, "2025年度工作会议", "", "") == 2025  # the year's own meeting
    assert infer_year(1, 18, "2024年度表彰大会", "", "") == 2025


def test_year_from_a_numbered_sitting_in_the_sentence():
    sentence = "召开区政府全体(扩大)会议暨项目投资工作推进会(区安全生产委员会2025年第四次会议)"
    assert infer_year(9, 30, "区政府全体(扩大)会议暨项目投资工作推进会", sentence, sentence) == 2025


def test_year_from_what_the_meeting_plans_or_reviews():
    assert infer_year(2, 13, "会议", "", "总结2021年经济工作,分析当前经济形势,部署2022年经济工作") == 2022
    assert infer_year(12, 28, "会议", "", "2022年主要预期目标是:地区生产总值增长7%") == 2021
    assert infer_year(3, 25, "会议", "", "审议了县政府关于2015年度耕地保护工作情况的报告") == 2016


@pytest.mark.parametrize("month, context, year", [
    (2, "讨论了2016年国民经济和社会发展计划执行情况及2017年计划(草案)", 2017),  # review and plan agree
    (2, "听取了2016年财政预算执行情况的汇报", 2017),  # a plan executed is a review
    (1, "会议讨论了2020年财政预算草案", 2020),
    (3, "研究了2013年各项工作计划安排", 2013),
    (12, "会议对2019年政协工作作出了安排部署", 2018),  # planned in December: the year before
    (2, "会议明确了2021年经济社会发展主要预期目标:生产总值增长7%", 2021),
    (1, "2022年要重点做好六个方面的工作", 2022),
    (3, "听取了2018年县政府民生实事候选项目征集情况的汇报", 2018),
])
def test_year_from_plans_and_budgets(month, context, year):
    assert infer_year(month, 10, "会议", "", context) == year


def test_a_year_named_without_a_plan_gives_no_year():
    assert infer_year(3, 10, "会议", "", "到2025年,全县生产总值突破千亿元") is None


def test_year_from_central_sessions():
    # studying 十九届六中全会 (November 2021) before the 二十大 (October 2022)
    context = "要认真学习贯彻党的十九届六中全会精神,为党的二十大胜利召开营造良好环境"
    assert infer_year(12, 28, "会议", "", context) == 2021
    assert infer_year(2, 13, "会议", "", "今年是党的二十大召开之年") == 2022
    assert infer_year(3, 1, "会议", "", "以优异成绩迎接党的二十大胜利召开") == 2022
    # the next session texts go on to cite bounds the window: 十九届四中全会 (2019-10-28) is cited
    # until the 五中全会 (2020-10-26), so a March meeting citing it is in 2020
    assert infer_year(3, 10, "会议", "", "深入学习贯彻党的十九届四中全会精神") == 2020
    assert infer_year(11, 20, "会议", "", "深入学习贯彻党的十九届四中全会精神") == 2019


def test_a_session_studied_for_years_gives_no_year():
    # 二十届三中全会 (July 2024) is studied until the 四中全会 (October 2025): 2024-08-22 or 2025-08-22
    assert infer_year(8, 22, "会议", "", "深入学习贯彻党的二十届二中、三中全会精神") is None
    # 党的二十大 (October 2022) is cited until 二十届三中全会 (July 2024): 2023-03-10 or 2024-03-10
    assert infer_year(3, 10, "会议", "", "深入学习贯彻党的二十大精神") is None
    assert infer_year(12, 27, "会议", "", "全面贯彻党的二十大和中央经济工作会议精神,部署明年经济工作") is None
    # the latest session of the calendar: any later year
    assert infer_year(11, 20, "会议", "", "学习贯彻党的二十届四中全会精神") is None


def test_a_first_relay_follows_the_session_closely():
    assert infer_year(7, 22, "会议", "", "传达学习党的二十届三中全会精神") == 2024
    assert infer_year(11, 20, "会议", "", "会议传达学习了党的二十届四中全会精神") == 2025
    assert infer_year(3, 22, "会议", "", "传达学习党的二十届三中全会精神") is None  # 8 months on: no relay


def test_year_from_the_five_year_plan():
    assert infer_year(12, 26, "会议", "", "今年是“十四五”开局之年,全县上下攻坚克难") == 2021
    assert infer_year(12, 28, "会议", "", "明年是“十四五”开局之年") == 2020
    assert infer_year(1, 8, "会议", "", "今年是“十三五”规划收官之年") == 2020
    assert infer_year(2, 8, "会议", "", "今年是“十四五”规划实施的第三年") == 2023
    assert infer_year(2, 8, "会议", "", "今年是关键之年") is None


def test_year_from_a_later_sitting_announced_with_its_date():
    context = "会议决定,县第十八届人民代表大会第四次会议于2024年1月9日召开"
    assert infer_year(12, 20, "会议", "", context) == 2023
    assert infer_year(1, 3, "会议", "", context) == 2024
    assert infer_year(12, 20, "会议", "", "第四次会议于2024年1月9日召开") is None  # not announced


def test_no_year_can_be_known():
    # the month-day is kept by the caller (MeetingRow.month_day); the date is NULL
    assert resolve_date(found("4月15日上午"), None, "第60次县政府常务会议", "", "研究工作") == (None, "unknown")
    assert resolve_date(None, dt.date(2024, 1, 1), "会议", "", "") == (None, "unknown")


def test_year_from_a_national_session():
    # the meeting is a 两会 session: its own year
    assert infer_year(3, 5, "十四届全国人大二次会议", "", "") == 2024
    # a meeting naming one is held after it opened and before the next
    context = "会议传达学习了十二届全国人大三次会议和全国政协十二届三次会议精神"
    assert infer_year(3, 20, "会议", "", context) == 2015
    assert infer_year(1, 10, "会议", "", context) == 2016
    # two different sessions named: no single window
    assert infer_year(6, 1, "会议", "", "对比十二届全国人大三次会议与十三届全国人大一次会议") is None
