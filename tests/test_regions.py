"""Regions: given this text, these divisions (name as written, current code, level, parents)."""
from __future__ import annotations

import pytest

from transforms.meetings.region import Region, resolve_region, township_of
from transforms.shared.regions import (
    DIVISIONS,
    common_province,
    find_region_mentions,
    find_short_mentions,
    short_name,
)


def names(text: str) -> list[str]:
    return [m.written for m in find_region_mentions(text)]


def codes(text: str) -> list[str | None]:
    return [m.only().code if m.only() else None for m in find_region_mentions(text)]


def test_the_data_is_current():
    assert DIVISIONS["430212"].name == "渌口区"
    assert DIVISIONS["421088"].name == "监利市"
    assert DIVISIONS["610305"].name == "凤翔区"
    assert DIVISIONS["610118"].name == "鄠邑区"
    assert "株洲县" not in {d.name for d in DIVISIONS.values()}


def test_levels_and_parents():
    hengnan = DIVISIONS["430422"]
    assert (hengnan.name, hengnan.level, hengnan.province, hengnan.prefecture) == ("衡南县", "county", "湖南省", "衡阳市")
    assert DIVISIONS["410481"].level == "county"  # 舞钢市 is a county-level city
    assert DIVISIONS["640200"].level == "prefecture"  # 石嘴山市
    assert (DIVISIONS["420000"].level, DIVISIONS["420000"].prefecture) == ("province", None)
    assert DIVISIONS["429004"].prefecture is None  # 仙桃市, governed by the province directly


def test_renamed_units_keep_the_written_name_and_get_the_current_code():
    assert names("株洲县召开经济工作会议") == ["株洲县"]
    assert codes("株洲县召开经济工作会议") == ["430212"]
    assert codes("中国共产党凤翔县第十六次代表大会") == ["610305"]
    assert codes("户县县委") == ["610118"]


def test_every_alias_and_short_form_points_at_a_division():
    from transforms.shared.regions import _LEXICON

    for table in ("aliases", "short_forms"):
        for written, code in _LEXICON[table].items():
            assert code in DIVISIONS, (written, code)


def test_parent_and_child_are_both_found():
    assert names("中共长春市绿园区委六届七次全体会议") == ["长春市", "绿园区"]
    assert codes("宜昌市夷陵区、鄂州市鄂城区、监利市、竹山县主要负责同志分别发言") == [
        "420500", "420506", "420700", "420704", "421088", "420323",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "县委副书记、代理县长李仕兵讲评",  # not 理县
        "东安县作为第七批全国电子商务进农村综合示范县",  # 示范县 is not 范县
        "成功跻身湖南县域经济高质量发展先进县30强",  # not 南县
        "与乡镇及部门代表德州镇和县发改经信局签订责任书",  # not 和县
        "推动振兴城市建设",  # not 兴城市
        "审议了《关于评选劳动模范的请示》和县妇联《关于表彰的请示》",  # a conjunction, not 和县
        "加快老城区改造,提升城区品质",  # 城区 alone is no district
    ],
)
def test_accidental_names_are_not_regions(text):
    assert [n for n in names(text) if n not in ("东安县",)] == []


def test_one_character_names_count_at_a_boundary():
    assert names("1月21日,南县召开县委经济工作会议") == ["南县"]
    assert names("3月24日,代县召开2024年一季度经济运行调度会") == ["代县"]
    assert names("安徽省马鞍山市和县召开会议") == ["安徽省", "马鞍山市", "和县"]


def test_short_names():
    assert short_name("衡南县") == "衡南"
    assert short_name("凉山彝族自治州") == "凉山"
    assert short_name("宁夏回族自治区") == "宁夏"
    shorts = [m.written for m in find_short_mentions("加快建设青春渌口、创业新城,文旅兴城")]
    assert "渌口" in shorts and "兴城" not in shorts  # 文旅兴城 is a slogan
    assert [m.written for m in find_short_mentions("在松山新区实验学校召开")] == []  # a zone, not 松山区
    assert [m.written for m in find_short_mentions("统筹发展和资源保护")] == []  # 资源 is a word


def test_an_ambiguous_name_is_narrowed_by_its_parent():
    (city, district) = find_region_mentions("长春市朝阳区")
    assert district.only() is not None and district.only().code == "220104"
    (beijing,) = [m for m in find_region_mentions("朝阳区召开会议")]
    assert beijing.only() is None  # Beijing's or Changchun's: not known


def test_common_province():
    mentions = find_region_mentions("宜昌市夷陵区、鄂州市鄂城区、监利市、竹山县")
    assert common_province(m.only() for m in mentions).name == "湖北省"
    assert common_province([DIVISIONS["430422"], DIVISIONS["420323"]]) is None


def test_resolve_region_from_the_name():
    region = resolve_region("中国共产党衡南县第十三届委员会第七次全体(扩大)会议", "", "", "县", "县委")
    assert (region.name, region.code, region.level, region.province, region.prefecture) == (
        "衡南县", "430422", "county", "湖南省", "衡阳市")


def test_resolve_region_from_the_subject_and_townships():
    assert resolve_region("2024年一季度经济运行调度会", "代县", "", "县", None).code == "140923"
    township = resolve_region("县派第一书记对接会", "戴庙镇", "", "镇", None)
    assert (township.name, township.code, township.level) == ("戴庙镇", None, "township")
    scope = "洪畴镇召开第十五届人民代表大会第四次会议。2009年被评为台州市食品安全示范乡镇。"
    township = resolve_region("洪畴镇第十五届人民代表大会第四次会议", "", scope, "镇", None)
    assert (township.name, township.prefecture, township.province) == ("洪畴镇", "台州市", "浙江省")


def test_resolve_region_from_the_report_at_the_meetings_level():
    scope = "工业园区方案体现了永州市的精神,也对东安县存在的问题提出措施。东安县作为示范县。"
    region = resolve_region("第60次县政府常务会议", "", scope, "县", "县政府")
    assert (region.name, region.code) == ("东安县", "431122")  # not 永州市: a prefecture
    assert resolve_region("市委常委会会议", "", "关于舞钢市2019年国民经济", "市", "市委").code == "410481"


def test_resolve_region_from_a_short_name_in_a_place_phrase():
    scope = "要千方百计引进一批企业落户茶陵,为全县经济财税增长奠定基础。"
    assert resolve_region("县委常委会议", "", scope, "县", "县委").code == "430224"
    assert resolve_region("县委常委会议", "", "推进文旅兴城战略", "县", "县委").code is None
    # 体现茶陵的实际 reads as 茶陵实际; 在茶陵落地生根
    assert resolve_region("县委常委会议", "", "要体现茶陵的实际,结合工作抓落实。", "县", "县委").code == "430224"
    assert resolve_region("县委常委会议", "", "确保各项部署在茶陵落地生根。", "县", "县委").code == "430224"
    assert resolve_region("县委常委会议", "", "统筹发展和安全,统筹发展和安全", "县", "县委").code is None


def test_resolve_a_province_from_the_units_that_spoke():
    scope = "会议以电视电话会形式召开。宜昌市夷陵区、鄂州市鄂城区、监利市、竹山县主要负责同志分别发言。"
    region = resolve_region("县(市、区)委书记工作交流会", "省委", scope, "省", "省委")
    assert (region.name, region.code, region.level, region.prefecture) == ("湖北省", "420000", "province", None)


def test_an_unnamed_region_stays_null_with_its_level():
    region = resolve_region("党政联席会", "我县", "6月15日,我县在西配楼301会议室召开党政联席会。", "县", None)
    assert (region.name, region.code, region.level) == (None, None, "county")
    region = resolve_region("全省春节假期重点工作视频调度会", "", "菏泽市接续召开春节假期重点工作视频调度会", "省", None)
    assert (region.name, region.level) == (None, "province")


def test_a_development_zone_is_named_without_a_code():
    scope = "2月14日,我区在松山新区实验学校召开2012年经济工作会议。《松山新区关于表彰…的决定》"
    region = resolve_region("2012年经济工作会议", "我区", scope, "区", None)
    assert (region.name, region.code) == ("松山新区", None)


def test_autonomous_units_by_their_usual_short_forms():
    # 互助土族自治县 is written 互助县, 大理白族自治州 大理州, 鄂伦春自治旗 鄂伦春旗; the name stays as written
    assert [(m.written, m.only().code) for m in find_region_mentions("互助县召开县委经济工作会议")] == [("互助县", "630223")]
    assert codes("大理州人民政府召开第五次全体会议") == ["532900"]
    assert codes("延边州委经济工作会议") == ["222400"]
    assert codes("鄂伦春旗旗委") == ["150723"]


def test_more_renamed_units_and_divisions_the_data_lacks():
    assert codes("2017年3月8日,余江县召开县委常委会会议") == ["360603"]  # 2018 -> 余江区
    assert codes("横县县委") == ["450181"]  # 2021 -> 横州市
    assert codes("重庆市江北区、渝北区") == ["500000", "500105", "500112"]
    assert codes("宁波市江北区") == ["330200", "330205"]


def test_a_party_prefix_ends_a_word():
    # 柯城区 ends in the common word 城区, so it needs a boundary: 中共 is one
    assert codes("中共柯城区委经济工作会议") == ["330802"]
    assert codes("政协沅陵县第十三届委员会第三次会议") == ["431222"]
    assert names("加快建设柯城区域中心") == []


def test_a_township_written_after_its_county():
    township = resolve_region("党委(扩大)会议", "宜章县黄沙镇", "", "镇", None)
    assert (township.name, township.code, township.level, township.province, township.prefecture) == (
        "黄沙镇", None, "township", "湖南省", "郴州市")
    assert resolve_region("第十八届人民代表大会第三次会议", "陈集镇", "", "镇", None).name == "陈集镇"
    assert resolve_region("统筹城乡发展工作会议", "", "", "县", None).level == "county"


def test_a_zone_that_met_is_its_region():
    assert resolve_region("重点项目建设推进会", "兰州新区", "", None, None) == Region("兰州新区")
    assert resolve_region("二季度重点工作调度会", "长沙经开区", "", None, None) == Region("长沙经开区")


def test_places_visited_or_learnt_from_are_not_the_region():
    scope = ("县委召开常委会会议,听取赴桐庐县、德清县考察学习情况的汇报。会议指出,桐庐县在乡村运营、"
             "德清县在数字乡村建设方面的经验值得学习借鉴。要学习借鉴桐庐县“乡村运营师”做法。")
    assert resolve_region("县委常委会会议", "", scope, "县", "县委") == Region(level="county")
    # the county that met is named more often than any other: it is the region
    scope = "会议研究东安县园区发展。东安县要对标桐庐县经验,东安县作为示范县。"
    assert resolve_region("县政府常务会议", "", scope, "县", "县政府").code == "431122"
    # two counties named as often: neither
    assert resolve_region("县委常委会会议", "", "衡南县和衡东县签订协议", "县", "县委").code is None


def test_township_of_a_title_or_a_subject():
    assert township_of("石牛镇党委书记").name == "石牛镇"
    assert township_of("宜章县黄沙镇").prefecture == "郴州市"
    for title in ("副镇长李某", "常务副乡长", "城乡建设局局长", "县委副书记、县长龙向洋"):
        assert township_of(title) is None


def test_a_short_name_where_the_meeting_was_held_names_its_region():
    from transforms.meetings.region import resolve_region

    scope = "晋江召开民营企业家座谈会\n3月12日下午,全市民营企业家座谈会在市行政服务中心召开。"
    region = resolve_region("全市民营企业家座谈会", "", scope, "市", None)
    assert (region.name, region.code) == ("晋江市", "350582")


def test_a_body_whose_meeting_is_only_relayed_did_not_meet():
    from transforms.meetings.region import resolve_region

    scope = ("会议传达了省委常委(扩大)会议和哈尔滨市委常委会议精神。会议强调,要紧密结合五常实际,"
             "推动全会精神在五常落地生根。")
    region = resolve_region("市委常委会(扩大)会议", "", scope, "市", "市委")
    assert region.code != "230100"
