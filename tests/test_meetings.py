"""Meetings: given this text, these meeting rows (name, kinds, body, region, 届/次, date …)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import older_dev_golds, read_article, sample_text
from transforms.meetings.detect import find_meetings
from transforms.shared.models import DocumentMetadata
from transforms.text.normalize import normalize


def meetings(text: str, published: str | None = None, title: str | None = None):
    meta = DocumentMetadata(title=title, published_date=dt.date.fromisoformat(published) if published else None)
    rows = find_meetings(text, meta)
    for row in rows:  # the span is the sentence naming the meeting, inside its scope
        assert row.scope_start <= row.span_start < row.span_end <= row.scope_end <= len(text)
        assert text[row.span_start : row.span_end].strip() == text[row.span_start : row.span_end]
    return rows


def only(text: str, **kwargs):
    (row,) = meetings(text, **kwargs)
    return row


# --- detection and name --------------------------------------------------------------------------


def test_name_before_the_verb():
    row = only("8月22日上午,中国共产党衡南县第十三届委员会第七次全体(扩大)会议暨2024年上半年经济运行分析会议召开。")
    assert row.name_text == "中国共产党衡南县第十三届委员会第七次全体(扩大)会议暨2024年上半年经济运行分析会议"
    assert row.kinds == ["party_plenum", "economic_analysis"]
    assert (row.organizer_text, row.region_name, row.region_code) == ("县委", "衡南县", "430422")
    assert (row.term_number, row.session_number, row.is_expanded) == (13, 7, True)
    assert (row.meeting_date, row.date_basis, row.time_of_day) == (dt.date(2024, 8, 22), "inferred", "morning")


def test_name_after_the_verb():
    row = only("4月15日上午,县委副书记、县长龙向洋主持召开第60次县政府常务会议,研究工作。")
    assert (row.name_text, row.kinds, row.organizer_text) == ("第60次县政府常务会议", ["government_executive"], "县政府")
    assert (row.term_number, row.session_number) == (None, 60)
    assert (row.meeting_date, row.date_basis, row.month_day) == (None, "unknown", "04-15")


def test_subject_and_ordinal_make_one_name():
    assert only("9月22日,县十七届人大常委会召开第二十三次主任会议。").name_text == "县十七届人大常委会第二十三次主任会议"
    assert only("12月28日,县政协十一届一次会议举行预备会议。").name_text == "县政协十一届一次会议预备会议"
    assert only("3月5日,县委常委会召开会议,研究工作。").name_text == "县委常委会会议"
    row = only("3月25日,县十五届人大常委会召开第36次会议。")
    assert (row.name_text, row.kinds, row.term_number, row.session_number) == (
        "县十五届人大常委会第36次会议", ["peoples_congress"], 15, 36)


def test_a_region_or_we_before_the_verb_is_not_part_of_the_name():
    row = only("1月21日,南县召开县委经济工作会议暨传达学习省“两会”精神会议,总结2021年经济工作,研究部署2022年经济工作。")
    assert row.name_text == "县委经济工作会议暨传达学习省“两会”精神会议"
    assert row.kinds == ["economic_work_conference", "other"]
    assert (row.region_name, row.region_code, row.organizer_text) == ("南县", "430921", "县委")
    assert (row.meeting_date, row.date_basis) == (dt.date(2022, 1, 21), "inferred")
    row = only("6月15日,我县在西配楼301会议室召开党政联席会。")
    assert (row.name_text, row.region_name, row.region_level) == ("党政联席会", None, "county")


def test_two_meetings_presided_together_share_one_scope():
    text = "3月21日下午,县委副书记、县长房志荣主持召开县政府党组(扩大)会议和县十六届第9次政府常务会议。"
    first, second = meetings(text)
    assert (first.name_text, first.organizer_text, first.is_expanded) == ("县政府党组(扩大)会议", "县政府党组", True)
    assert (second.name_text, second.organizer_text) == ("县十六届第9次政府常务会议", "县政府")
    assert (second.term_number, second.session_number) == (16, 9)
    assert (first.scope_start, first.scope_end) == (second.scope_start, second.scope_end)
    assert first.time_of_day == second.time_of_day == "afternoon"


def test_an_and_inside_a_name_does_not_split_it():
    row = only("6月13日下午,我县召开新冠肺炎疫情防控和当前重点工作调度会。")
    assert (row.name_text, row.kinds) == ("新冠肺炎疫情防控和当前重点工作调度会", ["work_conference"])


def test_two_reports_on_one_page_have_their_own_scopes():
    text = ("本报讯 5月23日,县长施家雄主持召开县政府党组会议和县政府2025年第16次常务会议。会议学习有关精神。\n"
            "又讯 5月29日,县长施家雄主持召开县政府党组会议和2025年第17次常务会议。会议传达学习文件。")
    rows = meetings(text)
    assert [r.name_text for r in rows] == ["县政府党组会议", "县政府2025年第16次常务会议", "县政府党组会议", "2025年第17次常务会议"]
    assert rows[0].scope_end <= rows[2].scope_start
    assert [r.meeting_date for r in rows] == [dt.date(2025, 5, 23)] * 2 + [dt.date(2025, 5, 29)] * 2
    assert rows[3].organizer_text == "县政府"


def test_the_parenthesis_after_a_name_is_not_part_of_it():
    row = only("9月30日上午,在区政务服务中心召开区政府全体(扩大)会议暨项目投资工作推进会"
               "(区安全生产委员会2025年第四次会议)。区长李旭主持并讲话。")
    assert row.name_text == "区政府全体(扩大)会议暨项目投资工作推进会"
    assert row.kinds == ["government_plenary", "work_conference"]
    assert (row.is_expanded, row.organizer_text, row.meeting_date) == (True, "区政府", dt.date(2025, 9, 30))


def test_name_first_with_the_verb_in_a_later_clause():
    row = only("9月28日,中国共产党凤翔县第十六次代表大会在圆满完成了各项议程后,于上午胜利闭幕。")
    assert (row.name_text, row.kinds, row.organizer_text) == ("中国共产党凤翔县第十六次代表大会", ["party_congress"], "县委")
    assert (row.region_name, row.region_code, row.prefecture) == ("凤翔县", "610305", "宝鸡市")
    assert row.time_of_day == "morning"


def test_the_headline_gives_the_fuller_name():
    text = "雁峰区委五届四次全会暨2023年上半年经济运行分析会议召开\n9月13日上午,雁峰区召开区委五届四次全会暨2023年上半年经济运行分析会议。"
    row = only(text)
    assert row.name_text == "雁峰区委五届四次全会暨2023年上半年经济运行分析会议"
    assert (row.term_number, row.session_number, row.meeting_date) == (5, 4, dt.date(2023, 9, 13))
    row = only("人民网银川12月28日电 (梁宏鑫)今天上午,宁夏石嘴山市第十五届人民代表大会第一次会议开幕。")
    assert row.name_text == "石嘴山市第十五届人民代表大会第一次会议"  # the province is a locator
    assert (row.region_level, row.month_day, row.time_of_day) == ("prefecture", "12-28", "morning")


def test_a_watched_teleconference_is_a_meeting_and_so_is_the_one_after():
    text = "1月22日,在组织收听收看全省春节假期重点工作视频调度会后,菏泽市接续召开春节假期重点工作视频调度会。"
    provincial, city = meetings(text)
    assert (provincial.name_text, provincial.region_name, provincial.region_level) == (
        "全省春节假期重点工作视频调度会", None, "province")
    assert (city.region_name, city.region_code, city.format) == ("菏泽市", "371700", "teleconference")
    text = "3月5日,我县组织收听收看全国安全生产电视电话会议。会后,我县随即召开全县安全生产工作会议。"
    assert [r.month_day for r in meetings(text)] == ["03-05", "03-05"]


def test_format_from_the_report():
    row = only("12月28日,省委召开县(市、区)委书记工作交流会。会议以电视电话会形式召开。")
    assert (row.name_text, row.organizer_text, row.format) == ("县(市、区)委书记工作交流会", "省委", "teleconference")
    text = "近日,德昌县紧急召开今冬明春安全生产工作暨县安委会第五次会议。陈明江传达11月27日全国安全生产电视电话会议精神。"
    row = only(text)
    assert (row.format, row.name_text, row.kinds) == ("in_person", "今冬明春安全生产工作暨县安委会第五次会议",
                                                       ["work_conference", "other"])
    assert (row.month_day, row.meeting_date, row.region_code) == (None, None, "513424")


def test_a_day_without_its_month_gives_no_date():
    row = only("本报讯 5日晚,县委召开常委会(扩大)会议,研究防汛工作。", published="2024-07-06")
    assert (row.name_text, row.month_day, row.meeting_date, row.time_of_day) == (
        "县委常委会(扩大)会议", None, None, "evening")


def test_more_sittings_of_bodies():
    row = only("1月5日,县委书记申文霞主持召开县委常委(扩大)会,县四大班子主要领导参加会议。")
    assert (row.name_text, row.kinds, row.is_expanded) == ("县委常委(扩大)会", ["party_standing_committee"], True)
    row = only("3月20日,二届市委召开108次常委会会议,专题研究有关工作。")
    assert (row.name_text, row.term_number, row.session_number) == ("二届市委108次常委会会议", 2, 108)
    row = only("12月26日,县委书记陆卫东主持召开十二届县委常委会第57次会议。")
    assert (row.kinds, row.term_number, row.session_number) == (["party_standing_committee"], 12, 57)
    row = only("2月4日下午4点,县第十八届人民代表大会第三次会议在县电影院召开大会预备会议。")
    assert (row.name_text, row.kinds, row.time_of_day) == (
        "县第十八届人民代表大会第三次会议大会预备会议", ["peoples_congress"], "afternoon")
    row = only("3月30日上午,陈集镇第十七届人民代表大会第三次会议经过全体代表的共同努力,圆满完成各项议程并胜利闭幕。")
    assert (row.name_text, row.region_name, row.region_level) == (
        "陈集镇第十七届人民代表大会第三次会议", "陈集镇", "township")


def test_a_place_clause_before_the_name():
    row = only("8月22日上午,在县委礼堂,中国共产党衡东县第十三届委员会第七次全体会议召开。")
    assert (row.name_text, row.region_code, row.term_number, row.session_number) == (
        "中国共产党衡东县第十三届委员会第七次全体会议", "430424", 13, 7)


def test_a_meeting_beside_a_dated_one_shares_its_year():
    text = "4月8日上午,全县2024年一季度经济运行分析会召开。4月9日,县委又召开专题会议,研究部署二季度工作。"
    first, second = meetings(text)
    assert (first.meeting_date, first.kinds) == (dt.date(2024, 4, 8), ["economic_analysis"])
    assert (second.name_text, second.meeting_date, second.date_basis) == ("县委专题会议", dt.date(2024, 4, 9), "inferred")


def test_joint_organizers_and_numbered_sittings_of_a_body():
    row = only("8月1日,县委、县政府召开全县“三抓三促”行动推进会。")
    assert (row.organizer_text, row.kinds) == ("县委、县政府", ["work_conference"])
    row = only("3月2日,县委常委会召开2024年第6次会议,传达学习全国两会精神。")
    assert (row.name_text, row.kinds, row.organizer_text, row.session_number) == (
        "县委常委会2024年第6次会议", ["party_standing_committee"], "县委", 6)
    assert (row.meeting_date, row.date_basis) == (dt.date(2024, 3, 2), "inferred")


def test_the_headline_names_the_region_the_body_leaves_implicit():
    row = only("衡南县召开经济工作会议\n8月22日,县委召开经济工作会议。")
    assert (row.name_text, row.region_name, row.region_code) == ("经济工作会议", "衡南县", "430422")


# --- what is not a meeting of the article -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "会议决定,县十七届人大常委会第十四次会议于9月29日上午8:30召开。",  # announced
        "今年,省政府将根据即将召开的省十一届人大二次会议批准的报告推进工作。",  # upcoming
        "3月5日,陈明江传达11月27日全国安全生产电视电话会议精神。",  # relayed
        "3月5日,县委书记张三在县委常委会上强调,要抓好安全生产。",  # mentioned
        "会议强调,3月10日召开的全县两会意义重大。",  # talked about
        "会议指出,自去年12月20日召开县委经济工作会议以来,全县上下真抓实干。",  # in the past
        "2月2日,省政府新闻发言人向媒体介绍,经济社会发展主要目标全面实现。",  # press briefing
        "县政府全体会议原则上每半年召开一次,必要时召开扩大会议。",  # rules, no date
        "第325章\n经过近一个月的筹备,12月1日召开的第一次市委全会马上就要开幕了。",  # fiction
        "同志们:今天,我们召开全县经济高质量发展动员大会,这是春节后的首场千人大会。",  # a speech
        "1月5日上午,县政府新闻办召开新闻发布会,介绍县“两会”筹备情况。",  # a press briefing
        "官场风云 正文 第一百二十三章 交锋\n10月8日上午,临江县委常委会会议在县委三楼会议室召开。",  # fiction
        "10月8日上午,临江县委常委会会议在县委三楼会议室召开。\n上一章 目录 下一章",  # fiction
        "经研究,定于2024年3月5日上午9时在县政府三楼会议室召开全县安全生产工作会议。",  # a notice
        "十二月十一日到十五日,为期五天的县人代会召开。康县长很是自信。",  # a story's date in words
    ],
)
def test_not_a_meeting(text):
    assert meetings(text) == []


def test_headlines_after_the_credits_are_not_meetings():
    text = ("4月15日上午,县长龙向洋主持召开第60次县政府常务会议。\n责编:张钰茜\n来源:东安县融媒体中心\n"
            "4月16日,蒋华主持召开2025年专项债工作调度会\n唐何主持召开2025年第17次县委常委会会议\n")
    (row,) = meetings(text)
    assert row.name_text == "第60次县政府常务会议"
    assert row.scope_end <= text.index("责编")
    assert row.meeting_date is None  # 2025 in the headline list does not date the meeting


def test_the_recommended_item_after_the_byline_is_not_a_meeting():
    text = ("3月25日,县十五届人大常委会召开第36次会议。\n(本报记者 陈振伟)\n新闻推荐\n"
            "8月5日,县政府召开第九次全体(扩大)会议,总结上半年工作。")
    assert [r.name_text for r in meetings(text)] == ["县十五届人大常委会第36次会议"]


# --- organizer, region and level ------------------------------------------------------------------


def test_regions_beside_the_meeting():
    row = only("10月11日,县委书记毛朝晖主持召开县委常委会议。要引进一批企业落户茶陵。")
    assert (row.kinds, row.organizer_text, row.region_name, row.region_code) == (
        ["party_standing_committee"], "县委", "茶陵县", "430224")
    row = only("7月18日上午,市委常委会会议召开。会议讨论《关于舞钢市2019年国民经济和社会发展计划》。")
    assert (row.organizer_text, row.region_name, row.region_level, row.prefecture) == (
        "市委", "舞钢市", "county", "平顶山市")
    row = only("11月4日,中共长春市绿园区委六届七次全体会议召开。")
    assert (row.organizer_text, row.region_code, row.province, row.term_number, row.session_number) == (
        "区委", "220106", "吉林省", 6, 7)


def test_traps_give_no_region():
    row = only("3月5日,县委副书记、代理县长王五主持召开县政府常务会议,研究示范县创建和湖南县域经济工作。")
    assert (row.region_name, row.region_code, row.region_level) == (None, None, "county")


def test_township_meetings():
    row = only("4月14日上午,洪畴镇召开第十五届人民代表大会第四次会议。2009年被评为台州市食品安全示范乡镇。",
               published="2010-04-17")
    assert (row.name_text, row.region_name, row.region_level, row.region_code) == (
        "洪畴镇第十五届人民代表大会第四次会议", "洪畴镇", "township", None)
    assert (row.province, row.prefecture, row.meeting_date, row.date_basis) == (
        "浙江省", "台州市", dt.date(2010, 4, 14), "metadata")


# --- the bundled sample -----------------------------------------------------------------------------


def _sample(prefix: str):
    normalized = normalize(sample_text(prefix))
    return find_meetings(normalized.text, normalized.metadata)


def test_sample_002_has_one_meeting_and_none_from_the_headline_list():
    (row,) = _sample("002")
    assert row.name_text == "第60次县政府常务会议"
    assert (row.region_name, row.region_code, row.prefecture) == ("东安县", "431122", "永州市")
    assert (row.meeting_date, row.month_day, row.date_basis) == (None, "04-15", "unknown")


def test_sample_003_region_from_its_short_name():
    (row,) = _sample("003")
    assert row.name_text == "区委二届三次全体会议暨区委经济工作会议"
    assert row.kinds == ["party_plenum", "economic_work_conference"]
    assert (row.region_name, row.region_code, row.term_number, row.session_number) == ("渌口区", "430212", 2, 3)
    assert (row.meeting_date, row.date_basis) == (dt.date(2022, 2, 13), "inferred")


def test_sample_004_province_from_the_units_that_spoke():
    (row,) = _sample("004")
    assert (row.organizer_text, row.region_name, row.region_code, row.region_level) == (
        "省委", "湖北省", "420000", "province")
    assert (row.format, row.meeting_date) == ("teleconference", dt.date(2021, 12, 28))


# --- the shared gold, where present ----------------------------------------------------------------

_FIELDS = ("name_text", "kinds", "organizer_text", "region_name", "region_code", "region_level", "province",
           "prefecture", "term_number", "session_number", "is_expanded", "format", "time_of_day")


@pytest.mark.parametrize("folder", ["gold", "dev"])
def test_shared_gold_meetings(shared_dir, folder):
    corpus = shared_dir / "corpus" / ("seeds" if folder == "gold" else "dev")
    wrong = []
    golds = sorted((shared_dir / "eval" / "gold").glob("*.json")) if folder == "gold" else older_dev_golds(shared_dir)
    for gold_file in golds:
        gold = json.loads(gold_file.read_text("utf-8"))
        normalized = normalize(read_article(corpus / gold["file"]))
        rows = find_meetings(normalized.text, normalized.metadata)
        if len(rows) != len(gold["meetings"]):
            wrong.append((gold["file"], "count", len(gold["meetings"]), len(rows)))
            continue
        for expected, row in zip(gold["meetings"], rows):
            got = row.model_dump(mode="json")
            for field in _FIELDS:
                if field in expected and (sorted(got[field]) if field == "kinds" else got[field]) != (
                    sorted(expected[field]) if field == "kinds" else expected[field]
                ):
                    wrong.append((gold["file"], field, expected[field], got[field]))
            if expected["meeting_date"] is not None:
                if got["meeting_date"] != expected["meeting_date"]:
                    wrong.append((gold["file"], "meeting_date", expected["meeting_date"], got["meeting_date"]))
            elif got["month_day"] != expected.get("month_day") or got["date_basis"] == "explicit":
                wrong.append((gold["file"], "month_day", expected.get("month_day"), got["month_day"]))
    assert wrong == []


# --- generalization: forms the seed and dev articles do not show -----------------------------------


def test_yesterday_and_today_on_a_dated_page():
    row = only("昨天下午,县长朱明辉主持召开县政府第27次常务会议。", published="2023-05-17")
    assert (row.month_day, row.meeting_date, row.date_basis) == ("05-16", dt.date(2023, 5, 16), "metadata")
    # a speaker's 今天 is no report, dated page or not
    assert meetings("今天,我们召开全县经济工作会议,主要任务是部署工作。", published="2023-02-08") == []
    # 会后 needs a day named before it, not the page's date
    assert meetings("会后,我县接续召开全县安全生产工作会议。", published="2023-02-08") == []


def test_a_bare_day_under_a_dateline():
    row = only("本报6月26日讯(记者 王琴) 25日下午,宁国市委召开常委会会议。", published="2022-06-26")
    assert (row.name_text, row.month_day, row.meeting_date, row.time_of_day) == (
        "宁国市委常委会会议", "06-25", dt.date(2022, 6, 25), "afternoon")
    row = only("本报7月2日讯 30日上午,县委召开常委会会议。")
    assert (row.month_day, row.meeting_date) == ("06-30", None)


def test_a_dispatch_dates_the_meeting_after_its_name():
    text = "新华社南宁1月12日电 广西壮族自治区第十四届人民代表大会第二次会议今天上午在南宁开幕。"
    row = only(text)
    assert (row.name_text, row.month_day, row.time_of_day) == (
        "广西壮族自治区第十四届人民代表大会第二次会议", "01-12", "morning")
    assert (row.region_code, row.region_level, row.term_number, row.session_number) == ("450000", "province", 14, 2)


def test_a_quarter_is_no_sitting_of_the_subject():
    row = only("10月20日,南县召开第三季度经济运行调度会,分析经济运行情况。")
    assert (row.name_text, row.kinds, row.region_code) == ("第三季度经济运行调度会", ["economic_analysis"], "430921")


def test_a_headline_naming_two_meetings_gives_two_names():
    text = ("海淀区委召开常委会会议和区委全面深化改革委员会第五次会议\n"
            "5月8日上午,海淀区委书记主持召开区委常委会会议和区委全面深化改革委员会第五次会议。")
    first, second = meetings(text)
    assert (first.name_text, first.kinds) == ("海淀区委常委会会议", ["party_standing_committee"])
    assert (second.name_text, second.session_number) == ("区委全面深化改革委员会第五次会议", 5)
    assert first.region_code == second.region_code == "110108"


def test_the_locating_province_is_dropped_from_the_name():
    row = only("3月4日上午,北京市朝阳区政府召开2024年第5次常务会议。")
    assert (row.name_text, row.region_code, row.session_number) == ("朝阳区政府2024年第5次常务会议", "110105", 5)
    assert (row.meeting_date, row.date_basis) == (dt.date(2024, 3, 4), "inferred")


def test_sittings_of_study_groups_and_members():
    row = only("3月10日,新邵县委理论学习中心组召开专题学习会,深入学习贯彻党的二十大精神。")
    assert (row.name_text, row.organizer_text, row.region_code) == ("新邵县委理论学习中心组专题学习会", "县委", "430522")
    assert (row.meeting_date, row.date_basis, row.month_day) == (None, "unknown", "03-10")  # 2023? 2024?
    row = only("8月30日,锡林郭勒盟委召开委员会议,研究部署重点工作。")
    assert (row.name_text, row.organizer_text, row.region_level) == ("锡林郭勒盟委委员会议", "盟委", "prefecture")


def test_working_teleconferences():
    row = only("2024年1月31日,青海省召开全省安全生产工作视频会议。")
    assert (row.kinds, row.format, row.region_code) == (["work_conference"], "teleconference", "630000")
    row = only("5月16日下午,渝北区召开全区防汛工作会议,会议以视频会议形式开到各镇街。")
    assert (row.format, row.region_code) == ("teleconference", "500112")


def test_a_discipline_commission_plenum_and_short_congress_names():
    row = only("1月20日,中国共产党祁阳市第十五届纪律检查委员会第三次全体会议召开。")
    assert (row.organizer_text, row.region_code, row.term_number, row.session_number) == ("市纪委", "431181", 15, 3)
    row = only("1月5日上午,区十七届人大三次会议开幕。")
    assert (row.name_text, row.term_number, row.session_number, row.region_name) == ("区十七届人大三次会议", 17, 3, None)


def test_a_later_sitting_announced_dates_the_meeting():
    text = "12月20日,县十八届人大常委会第十九次会议召开。会议决定,县第十八届人民代表大会第四次会议于2024年1月9日召开。"
    (row,) = meetings(text)
    assert (row.name_text, row.meeting_date, row.date_basis) == (
        "县十八届人大常委会第十九次会议", dt.date(2023, 12, 20), "inferred")


def test_a_quoted_name_and_a_name_with_its_own_body():
    row = only("1月3日上午,桃江县召开“三干会”,总结2022年工作,部署2023年工作。")
    assert (row.name_text, row.region_code, row.meeting_date) == ("三干会", "430922", dt.date(2023, 1, 3))
    # quotes inside a name stay: 传达学习省“两会”精神会议
    row = only("1月21日,县委召开经济工作会议暨传达学习省“两会”精神会议。")
    assert row.name_text == "经济工作会议暨传达学习省“两会”精神会议"
    # a region before a name that has its own body is no part of it
    row = only("6月8日,沅江市召开2023年第二次市委常委会会议,传达学习省委有关会议精神。")
    assert (row.name_text, row.organizer_text, row.region_code, row.session_number) == (
        "2023年第二次市委常委会会议", "市委", "430981", 2)


def test_bodies_as_the_organizer_writes_them():
    row = only("8月12日,县人民政府召开第二十三次常务会议。")
    assert (row.name_text, row.organizer_text) == ("县人民政府第二十三次常务会议", "县政府")
    row = only("7月29日,自治区党委十一届八次全会在乌鲁木齐召开。")
    assert (row.organizer_text, row.region_level, row.region_name, row.term_number, row.session_number) == (
        "自治区党委", "province", None, 11, 8)


def test_the_date_after_the_name():
    row = only("县委常委会(扩大)会议于3月5日召开,县委书记主持会议。")
    assert (row.name_text, row.month_day, row.is_expanded) == ("县委常委会(扩大)会议", "03-05", True)
    # announced, not held
    assert meetings("会议决定县十七届人大常委会第十四次会议于9月29日召开。") == []


def test_a_dated_sentence_set_at_a_meeting_reports_it():
    row = only("12月25日,在全县经济工作会议上,县委书记强调,要坚定信心。")
    assert (row.name_text, row.kinds, row.month_day) == ("全县经济工作会议", ["economic_work_conference"], "12-25")
    assert meetings("会议指出,在全省经济工作会议上,省委书记强调,要坚定信心。") == []  # no date: relayed


def test_a_township_secretary_presiding_names_the_township():
    row = only("5月6日,石牛镇党委书记主持召开党政联席会议,研究部署防汛工作。")
    assert (row.name_text, row.region_name, row.region_level, row.region_code) == ("党政联席会议", "石牛镇", "township", None)
    row = only("5月6日,副镇长主持召开党政联席会议。")
    assert row.region_name is None


def test_a_meeting_held_just_before_the_reports_own():
    text = "3月9日,全市森林防火工作视频调度会召开后,我区随即召开全区森林防火工作会议。区长主持会议。"
    first, second = meetings(text)
    assert (first.name_text, first.format, first.region_level, first.month_day) == (
        "全市森林防火工作视频调度会", "teleconference", "prefecture", "03-09")
    assert (second.name_text, second.format, second.region_level) == ("全区森林防火工作会议", "in_person", "county")
    names = [row.name_text for row in meetings("4月2日,在全省春耕生产电视电话会议结束后,我县接续召开春耕生产推进会。")]
    assert names == ["全省春耕生产电视电话会议", "春耕生产推进会"]
    names = [row.name_text for row in meetings("4月2日,收听收看全省春耕生产视频会议后,我县接续召开春耕生产推进会。")]
    assert names == ["全省春耕生产视频会议", "春耕生产推进会"]
    # announced, not held: the clause before the report's own meeting is no meeting
    names = [row.name_text for row in meetings("4月2日,全省会议即将召开后,我县召开春耕生产推进会。")]
    assert names == ["春耕生产推进会"]


def test_a_sitting_of_a_study_group_or_a_delegation_names_its_body():
    row = only("2月27日,市委召开理论学习中心组学习会,专题学习有关文件。")
    assert (row.name_text, row.organizer_text) == ("市委理论学习中心组学习会", "市委")
    row = only("1月8日,新化县代表团召开全体会议,审议政府工作报告。")
    assert (row.name_text, row.kinds, row.organizer_text) == ("新化县代表团全体会议", ["other"], None)


def test_an_opening_quote_inside_a_name_stays():
    row = only("6月3日,县委统战部召开“同心”工程推进座谈会。")
    assert (row.name_text, row.kinds) == ("“同心”工程推进座谈会", ["symposium"])
    row = only("6月3日,县委召开\"三干会\",部署全年工作。")
    assert row.name_text == "三干会"


def test_a_topics_teleconference_is_a_working_meeting():
    assert only("5月9日,全区安全生产电视电话会议召开。").kinds == ["work_conference"]
    assert only("5月9日,我县召开秋冬季防火视频会议。").kinds == ["work_conference"]
    row = only("5月9日,全省电视电话会议召开。")  # no topic: a region's teleconference
    assert (row.kinds, row.format) == (["other"], "teleconference")


# --- a page that dates no meeting: its lead may still report one --------------------------------


def test_an_undated_lead_reports_a_definite_meeting():
    row = only("【某某新闻】江西省十四届人大三次会议今日(21日)上午开幕。省长作政府工作报告。")
    assert (row.name_text, row.term_number, row.session_number) == ("江西省十四届人大三次会议", 14, 3)
    assert (row.meeting_date, row.month_day, row.date_basis, row.time_of_day) == (None, None, "unknown", "morning")
    assert row.kinds == ["peoples_congress"]


def test_an_undated_headline_reports_the_meeting_the_body_leaves_unnamed():
    text = "县十八届人大二次会议开幕 县长作政府工作报告\n大会应到代表210名,实到203名,符合法定人数。\n"
    row = only(text)
    assert row.name_text == "县十八届人大二次会议"
    assert text[row.span_start : row.span_end] == "县十八届人大二次会议开幕 县长作政府工作报告"


def test_an_undated_body_sentence_is_preferred_to_the_headline():
    text = ("某县十五届人民政府召开第12次常务会议\n"
            "近期,县长甲主持召开某县十五届人民政府第12次常务会议,研究有关事项。\n")
    assert [r.name_text for r in meetings(text)] == ["某县十五届人民政府第12次常务会议"]


@pytest.mark.parametrize("text", [
    "县政府常务会议一般每月召开一次,由县长召集和主持。",  # a rule of procedure
    "召开扩大会议。会议强调,要抓好落实。",  # no sitting, no body: nothing definite
    "同志们:我们召开县十八届人大二次会议,是全县人民政治生活中的一件大事。",  # a speech
    "第二天一早,县委书记李明主持召开县委常委会会议,研究干部调整问题。",  # a story: no sitting named
    "县人民政府第X次常务会议纪要\nX月X日,县长XXX主持召开县政府第X次常务会议,研究了以下事项。",  # a template
    "学习贯彻县十八届人大三次会议精神\n县十八届人大三次会议胜利闭幕后,各乡镇迅速掀起学习热潮。",  # afterwards
    "县十八届人大三次会议将于1月8日开幕\n本报讯 县十八届人大三次会议将于1月8日在县会议中心开幕。",  # ahead
])
def test_an_undated_lead_that_reports_nothing(text):
    assert meetings(text) == []


def test_a_manner_phrase_between_the_name_and_its_date():
    row = only("全省农村工作会议首次以电视电话会议形式 2月6日在省城召开,部署全年工作。")
    assert (row.name_text, row.month_day, row.format) == ("全省农村工作会议", "02-06", "teleconference")


def test_a_session_reported_at_its_close():
    row = only("新华网6月30日电(记者 甲) 省十三届人大常委会第九次会议30日结束。会议表决通过了有关决定。")
    assert (row.name_text, row.month_day, row.session_number) == ("省十三届人大常委会第九次会议", "06-30", 9)


def test_a_sentence_broken_after_a_comma_keeps_its_date():
    row = only("本报讯 3月2日下午,市委、\n市政府在市会堂举行形势报告会。老同志参加报告会。")
    assert (row.name_text, row.month_day, row.time_of_day) == ("形势报告会", "03-02", "afternoon")


def test_a_headline_line_holding_two_headlines_gives_no_name():
    text = ("县政协九届三十次主席会议 确定5月8日召开县政协九届十次常委会议\n"
            "5月2日,县政协召开九届三十次主席会议。会议确定5月8日召开县政协九届十次常委会议。")
    assert [r.name_text for r in meetings(text)] == ["县政协九届三十次主席会议"]


@pytest.mark.parametrize("text, name, kinds, term, session", [
    ("1月4日晚,县十八届人大三次会议主席团举行第一次会议。", "县十八届人大三次会议主席团第一次会议",
     ["peoples_congress"], 18, 3),
    ("1月4日晚,县十八届人大三次会议主席团第二次会议召开。", "县十八届人大三次会议主席团第二次会议",
     ["peoples_congress"], 18, 3),
    ("6月20日,县人大常委会主任张三主持召开第45次主任会议。", "第45次主任会议", ["peoples_congress"], None, 45),
    ("8月2日,县政协主席李四主持召开第31次主席会议。", "第31次主席会议", ["cppcc"], None, 31),
    ("1月6日,出席市十七届人大一次会议的县代表团举行全体会议。", "县代表团全体会议", ["other"], None, None),
    ("11月6日,县委举办党的二十届三中全会精神宣讲报告会。", "党的二十届三中全会精神宣讲报告会", ["other"], None, None),
])
def test_sittings_of_congress_bodies_and_studied_sessions(text, name, kinds, term, session):
    row = only(text)
    assert (row.name_text, row.kinds, row.term_number, row.session_number) == (name, kinds, term, session)


@pytest.mark.parametrize("name, kinds", [
    ("2012年三夏暨防汛抗旱工作部署会", ["work_conference"]),  # a topic sharing the next part's head
    ("全县经济工作暨干部作风建设大会", ["economic_work_conference", "other"]),
    ("区委常委会第十二次扩大会议", ["party_standing_committee"]),
])
def test_kinds_of_combined_and_expanded_names(name, kinds):
    from transforms.meetings.fields import kinds_of

    assert kinds_of(name) == kinds


def test_how_long_a_meeting_lasts_is_no_part_of_its_name():
    row = only("市政协十届三次会议胜利闭幕\n为期四天的市政协十届三次会议圆满完成各项议程,今天上午胜利闭幕。")
    assert (row.name_text, row.term_number, row.session_number) == ("市政协十届三次会议", 10, 3)


def test_a_name_dated_after_it_in_a_later_clause():
    row = only("经过三天的议程,县十八届人大三次会议于1月10日下午胜利闭幕。")
    assert (row.name_text, row.month_day, row.time_of_day) == ("县十八届人大三次会议", "01-10", "afternoon")
    # announced in the clause before: not held
    assert meetings("会议决定,县政协九届二十次常委会议于12月8日召开,主要议程是协商政府工作报告。") == []


def test_a_descriptor_before_the_name_is_dropped():
    row = only("1月8日上午,备受瞩目的县十八届人大三次会议在县会议中心隆重开幕。")
    assert row.name_text == "县十八届人大三次会议"


def test_the_headline_gives_the_year_the_body_leaves_out():
    row = only("2024年县委召开第一次常委会会议\n1月8日,县委召开常委会会议,研究有关工作。")
    assert (row.meeting_date, row.date_basis) == (dt.date(2024, 1, 8), "inferred")
    row = only("2023年1月8日 县委召开常委会会议\n1月8日,县委召开常委会会议,研究有关工作。")
    assert (row.meeting_date, row.date_basis) == (dt.date(2023, 1, 8), "explicit")
    # a year the headline names for what the meeting reviews is no year of the meeting's own
    row = only("县委常委会研究2023年度考核工作\n1月8日,县委召开常委会会议,研究有关工作。")
    assert (row.meeting_date, row.month_day) == (None, "01-08")


def test_the_time_of_an_opening_told_later_in_the_report():
    row = only("县十八届人大二次会议开幕\n大会应到代表210名,实到203名。\n上午9时,大会执行主席宣布大会开幕。")
    assert row.time_of_day == "morning"
    row = only("1月8日,县委召开常委会会议。\n下午3时,县委书记宣布散会。")
    assert row.time_of_day is None  # no opening or close: nothing to read
