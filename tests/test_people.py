"""People (issue 5): given this text, these participants, titles and roles."""
from __future__ import annotations

import json

import pytest

from conftest import older_dev_golds, read_article, sample_text
from transforms.shared.models import MeetingRow
from transforms.people.names import read_name, split_titles
from transforms.text.normalize import normalize
from transforms.people.participants import find_participations, find_unit_participations


def whole(text: str) -> MeetingRow:
    return MeetingRow(name_text="x", kinds=["other"], span_start=0, span_end=1,
                      scope_start=0, scope_end=len(text))


def people(text: str) -> dict[str, tuple[list[str], set[str]]]:
    """name -> (titles, roles), checking every span holds the name."""
    found: dict[str, tuple[list[str], set[str]]] = {}
    for row in find_participations(text, whole(text)):
        assert row.person_name in text[row.span_start:row.span_end].replace("\n", "")  # a name broken over two lines
        found.setdefault(row.person_name, (row.titles, set()))[1].add(row.role)
    return found


def roles(text: str) -> dict[str, set[str]]:
    return {name: found_roles for name, (_, found_roles) in people(text).items()}


# --------------------------------------------------------------------------------------------
# titles and names


@pytest.mark.parametrize("chain, titles", [
    ("县委副书记、代理县长", ["县委副书记", "代理县长"]),
    ("区委副书记、统战部部长", ["区委副书记", "统战部部长"]),
    ("省委常委、组织部部长", ["省委常委", "组织部部长"]),
    ("县人大常委会主任", ["县人大常委会主任"]),
    ("县委常委统战部长", ["县委常委", "统战部长"]),
    ("党工委书记、管委会主任", ["党工委书记", "管委会主任"]),
    ("县政府党组书记、县长", ["县政府党组书记", "县长"]),
    ("区工委副书记、管委会常务副主任", ["区工委副书记", "管委会常务副主任"]),
])
def test_title_chains_split_into_titles(chain, titles):
    assert split_titles(chain) == titles


@pytest.mark.parametrize("text, expected", [
    ("县委副书记、代理县长李仕兵讲评全县经济运行情况。", ("李仕兵", ["县委副书记", "代理县长"], {"spoke"})),
    ("区委副书记、统战部部长王致伟就《实施意见(草案)》作起草说明。", ("王致伟", ["区委副书记", "统战部部长"], {"spoke"})),
    ("省委常委、组织部部长李荣灿作点评讲话。", ("李荣灿", ["省委常委", "组织部部长"], {"spoke"})),
    ("县委常委统战部长海连虎主持。", ("海连虎", ["县委常委", "统战部长"], {"presided"})),
    ("党工委书记、管委会主任李健生作经济工作报告。", ("李健生", ["党工委书记", "管委会主任"], {"reported"})),
    ("石嘴山市委副书记、代市长王伟代表市人民政府向大会作政府工作报告。",
     ("王伟", ["石嘴山市委副书记", "代市长"], {"reported"})),
    ("县政府党组书记、县长施家雄主持召开县政府党组会议。", ("施家雄", ["县政府党组书记", "县长"], {"presided"})),
    ("县委副书记、政府代县长高巍主持会议。", ("高巍", ["县委副书记", "政府代县长"], {"presided"})),
])
def test_a_title_chain_and_its_name(text, expected):
    name, titles, found_roles = expected
    assert people(text) == {name: (titles, found_roles)}


@pytest.mark.parametrize("text, name, titles", [
    ("县委副书记兼政法委书记吴刚出席会议。", "吴刚", ["县委副书记", "政法委书记"]),
    ("中共衡南县委书记许达出席会议。", "许达", ["中共衡南县委书记"]),
    ("县人民医院院长李明出席会议。", "李明", ["县人民医院院长"]),
    ("县长陈平因公出差,委托副县长赵刚主持会议。", "赵刚", ["副县长"]),
    ("会上,县委书记林海峰作重要讲话。", "林海峰", ["县委书记"]),
    ("该区区委常委高文禄、曲官东出席会议。", "曲官东", ["区委常委"]),
])
def test_words_before_a_title(text, name, titles):
    assert people(text)[name][0] == titles


def test_a_title_after_the_name_does_not_hide_a_known_speaker():
    text = "区委书记王燕出席会议。王燕书记指出,要抓好落实。"
    assert roles(text) == {"王燕": {"attended", "spoke"}}


def test_compound_surname_and_two_or_three_characters():
    text = "段志强、陈云、欧阳石林、马吉庆在主席台就座。"
    assert roles(text) == {n: {"rostrum"} for n in ["段志强", "陈云", "欧阳石林", "马吉庆"]}


def test_name_length_is_decided_by_what_follows():
    # 许达受… is two characters, 李仕兵讲评 three, 周萍在主席台 two, 王家和出席 three
    assert read_name("许达受县委常委会委托", 0, 10).text == "许达"
    assert read_name("李仕兵讲评全县", 0, 7).text == "李仕兵"
    assert read_name("周萍在主席台上就座", 0, 9).text == "周萍"
    assert read_name("王家和出席会议", 0, 7).text == "王家和"
    assert read_name("马骏作为区政府代表发言", 0, 11).text == "马骏"


def test_a_name_repeated_in_the_text_fixes_its_length():
    text = "县委书记许达受县委常委会委托,向全会作工作报告并讲话。许达指出,要真抓实干。"
    assert roles(text) == {"许达": {"reported", "spoke"}}


def test_a_minority_name_after_a_title():
    text = "会上,县安委会副主任、安办主任阿木布哈同志通报今年全县安全生产有关情况。"
    assert people(text) == {"阿木布哈": (["县安委会副主任", "安办主任"], {"spoke"})}
    text = "自治区党委副书记、自治区主席艾尔肯·吐尼亚孜出席会议并讲话。"
    assert roles(text) == {"艾尔肯·吐尼亚孜": {"attended", "spoke"}}


# --------------------------------------------------------------------------------------------
# lists and group titles


def test_group_title_before_a_list():
    text = "区领导罗宏俊、彭晓洪、洪流、孔维政、旷善、邹志华、董韬、周萍在主席台上就座。"
    found = people(text)
    assert list(found) == ["罗宏俊", "彭晓洪", "洪流", "孔维政", "旷善", "邹志华", "董韬", "周萍"]
    assert all(value == (["区领导"], {"rostrum"}) for value in found.values())


@pytest.mark.parametrize("text, title, role", [
    ("梁天琛、何登科、晏永辉等全体在家区领导参加会议。", "区领导", "attended"),
    ("蒋华、李瑞霞、张静等县政府常务会组成成员出席会议。", "县政府常务会组成成员", "attended"),
    ("郑南贵、谢友先、池春林等常委会领导出席会议。", "常委会领导", "attended"),
    ("省领导侯淅珉、郭元强、张文兵分别在主、分会场参加会议。", "省领导", "attended"),
    ("县工作专班刘彩凤、李靖、刘博等同志到会指导。", "县工作专班", "attended"),
    ("出席会议的县领导还有韩冰、曹阳、邓超。", "县领导", "attended"),
])
def test_group_title_after_etc_or_before_the_list(text, title, role):
    found = people(text)
    assert len(found) == 3
    assert all(value == ([title], {role}) for value in found.values())


def test_a_bare_item_keeps_the_title_before_it():
    text = "县人大常委会主任张达华,副主任王旺来、施爱枝及县人大常委会其他组成人员出席会议。"
    assert people(text) == {
        "张达华": (["县人大常委会主任"], {"attended"}),
        "王旺来": (["副主任"], {"attended"}),
        "施爱枝": (["副主任"], {"attended"}),
    }
    text = "县委常委李垦古、县政府党组成员魏兆刚、赖仕江、陈明江等县领导参会。"
    assert {n: t for n, (t, _) in people(text).items()} == {
        "李垦古": ["县委常委"], "魏兆刚": ["县政府党组成员"], "赖仕江": ["县政府党组成员"],
        "陈明江": ["县政府党组成员"]}


def test_comma_separated_people_share_the_verb_and_a_new_list_starts_after_a_verb():
    text = "龙志华、刘日炎、谭红日参加会议,罗尔胜、周德才列席会议。"
    assert roles(text) == {"龙志华": {"attended"}, "刘日炎": {"attended"}, "谭红日": {"attended"},
                           "罗尔胜": {"sat_in"}, "周德才": {"sat_in"}}
    text = "县委书记朱小兵,县长吴海宏应邀出席会议,县领导赵福南、殷跃平,县政协秘书长詹晓华出席会议。"
    assert set(roles(text)) == {"朱小兵", "吴海宏", "赵福南", "殷跃平", "詹晓华"}


def test_the_longest_title_of_a_person_wins():
    text = ("县工作专班刘彩凤、李靖等同志到会指导。会议由镇党委组织委员葛冰主持。"
            "二是县工作专班领导刘彩凤同志讲话。")
    found = people(text)
    assert found["刘彩凤"] == (["县工作专班领导"], {"attended", "spoke"})
    assert found["葛冰"] == (["镇党委组织委员"], {"presided"})


# --------------------------------------------------------------------------------------------
# roles


def test_one_person_several_roles():
    text = "县委书记许达受县委常委会委托,向全会作工作报告并讲话。"
    assert roles(text) == {"许达": {"reported", "spoke"}}
    text = "省委书记应勇主持会议并强调,要认真学习。省委副书记、省长王忠林出席会议并作点评讲话。"
    assert roles(text) == {"应勇": {"presided", "spoke"}, "王忠林": {"attended", "spoke"}}


@pytest.mark.parametrize("text, name, role", [
    ("区委书记李晓彤代表区委常委会报告2021年工作。", "李晓彤", "reported"),
    ("会议听取了县人民政府县长李红梅所作的政府工作报告。", "李红梅", "reported"),
    ("区委副书记、区长赖晓智安排部署2022年经济工作。", "赖晓智", "spoke"),
    ("政府副县长李宝炎就经济运行相关工作作了安排部署。", "李宝炎", "spoke"),
    ("最后镇党委副书记、镇长米厚章讲意见:一是欢迎。", "米厚章", "spoke"),
    ("会上,县委书记林海峰作重要讲话。", "林海峰", "spoke"),
    ("区委常委、常务副区长何志远宣读了《关于表彰先进集体的决定》。", "何志远", "spoke"),
    ("县委副书记蔡富强列席会议相关议程。", "蔡富强", "sat_in"),
    ("市领导平遂民、王冬梅等列席会议。", "王冬梅", "sat_in"),
    ("县委书记樊中青出席会议并讲话。", "樊中青", "attended"),
    ("会议由郑南贵主持。会前,县人大常委会主任郑南贵出席会议。", "郑南贵", "presided"),
    ("王建民主持大会闭幕式。", "王建民", "presided"),
    ("会议由葛冰主持。", "葛冰", "presided"),
    ("李强书记主持会议。", "李强", "presided"),
    ("县委书记张三丰等30余人参加会议。", "张三丰", "attended"),
    ("列席会议的有县法院院长王平、县检察院检察长孙丽。", "孙丽", "sat_in"),
])
def test_role_verbs(text, name, role):
    assert role in roles(text)[name]


def test_a_cppcc_opening():
    text = ("县委书记梁建国,县委副书记、县长冯丽,县人大常委会主任周光明等县领导应邀出席开幕会并在主席台就座。"
            "大会执行主席黎明主持开幕会。县政协副主席陶红作关于十二届二次会议以来提案工作情况的报告。"
            "梁建国在讲话中充分肯定了县政协一年来的工作。")
    found = roles(text)
    assert found == {"梁建国": {"attended", "rostrum", "spoke"}, "冯丽": {"attended", "rostrum"},
                     "周光明": {"attended", "rostrum"}, "黎明": {"presided"}, "陶红": {"reported"}}


def test_a_body_that_presided_is_no_person():
    assert people("全会由县委常委会主持。") == {}
    assert people("该区区委常委会主持会议,区委书记宋长者讲话。") == {"宋长者": (["区委书记"], {"spoke"})}


def test_the_presider_relaying_the_agenda_did_not_speak():
    text = "县委副书记、县长李红梅主持召开县政府第28次常务会议,传达学习省委经济工作会议精神。"
    assert roles(text) == {"李红梅": {"presided"}}
    text = "会上,政府党组成员陈明江同志传达全国安全生产电视电话会议精神,全面安排部署今冬明春工作。"
    assert roles(text) == {"陈明江": {"spoke"}}


# --------------------------------------------------------------------------------------------
# not people


@pytest.mark.parametrize("text", [
    "会议深入学习贯彻习近平总书记对湖南重要讲话重要指示批示精神,锚定“三高四新”美好蓝图。",
    "会议还传达学习中央政治局常委、全国人大常委会委员长赵乐际在福建调研时的讲话精神,"
    "中共中央政治局委员、国务院副总理张国清出席第八届数字中国建设峰会和在闽调研时的讲话精神,"
    "以及县委常委会会议精神,研究县政府初步贯彻意见。",
    "会议还传达学习《党政机关厉行节约反对浪费条例》,以及吴贤德市长批示要求,研究县政府初步贯彻意见。",
    "会议要求,要认真学习贯彻县委书记张三丰的讲话精神。",
    "会上,县领导张",
    "县政府副县长、县政府党组成员出席会议,县直有关部门负责人列席会议。",
    "区委书记王强调研全区重点项目建设情况。",
    "2021-12-29 编辑: 杨玉娟 审核人:叶玲玲 阅读次数:2287",
    "大会主席团常务委员会委员在主席台前排就座。",
    "习近平总书记指出,要坚持稳中求进。",
])
def test_not_participants(text):
    assert people(text) == {}


def test_someone_acting_after_a_relayed_clause_is_a_participant():
    text = "会议传达学习了省委全会精神,县委书记张三丰出席会议并传达省委全会精神。"
    assert roles(text) == {"张三丰": {"attended", "spoke"}}


@pytest.mark.parametrize("text", [
    "县委书记张三丰将出席会议。",
    "县长李四海因故未出席会议。",
    "县委副书记、政法委书记兼公安局长陈桂荣以及常务副县长。陈桂荣自然也要来参会。",
    "县长卫江南参加过很多次。",
])
def test_no_act_at_this_meeting(text):
    assert all("attended" not in found for found in roles(text).values())


def test_a_delegator_is_no_participant():
    text = "县委副书记王海受县委书记刘永和委托出席会议并讲话。"
    assert roles(text) == {"王海": {"attended", "spoke"}}


def test_names_after_a_related_list_heading_are_ignored():
    text = "县委书记张达出席会议。\n新闻推荐\n县长朱小兵,副县长陈时彪、李加生出席会议。"
    assert set(roles(text)) == {"张达"}


def test_notes_after_listed_names():
    text = "县领导张丽(女)、王芳同志、李强出席会议。"
    assert people(text) == {n: (["县领导"], {"attended"}) for n in ["张丽", "王芳", "李强"]}


def test_spaces_between_titled_names():
    text = "县领导 张三丰 李四海 王五洲 出席会议。"
    assert people(text) == {n: (["县领导"], {"attended"}) for n in ["张三丰", "李四海", "王五洲"]}


def test_meetings_sharing_a_scope_get_their_own_rows():
    text = "3月21日,县委副书记、县长房志荣主持召开县政府党组(扩大)会议和县十六届第9次政府常务会议。"
    first, second = find_participations(text, whole(text)), find_participations(text, whole(text))
    first[0].meeting_id = "m1"
    assert second[0].meeting_id == "" and second[0].person_name == "房志荣" and second[0].role == "presided"


def test_only_the_meeting_scope_is_read():
    text = "县委书记张达出席会议。县长李红梅出席会议。"
    meeting = MeetingRow(name_text="x", kinds=["other"], span_start=0, span_end=1, scope_start=0, scope_end=11)
    assert [r.person_name for r in find_participations(text, meeting)] == ["张达"]


# --------------------------------------------------------------------------------------------
# units that spoke


def test_units_that_spoke():
    text = "会上,衡南高新区、县发改局、县财政局作了发言。"
    rows = find_unit_participations(text, whole(text))
    assert [r.unit_name for r in rows] == ["衡南高新区", "县发改局", "县财政局"]
    assert all(r.role == "spoke" and r.unit_name in text[r.span_start:r.span_end] for r in rows)
    text = "会上,市发改委、市财政局、市统计局主要负责同志分别作了汇报。"
    assert [r.unit_name for r in find_unit_participations(text, whole(text))] == ["市发改委", "市财政局", "市统计局"]
    text = "宜昌市夷陵区、鄂州市鄂城区、监利市、竹山县主要负责同志分别发言。"
    assert [r.unit_name for r in find_unit_participations(text, whole(text))] == [
        "宜昌市夷陵区", "鄂州市鄂城区", "监利市", "竹山县"]
    text = "区直有关单位做交流发言。第一书记、村支部书记交流发言。"
    assert find_unit_participations(text, whole(text)) == []


# --------------------------------------------------------------------------------------------
# the bundled seeds, end to end through the normalizer


def seed_people(prefix: str) -> dict[str, tuple[list[str], set[str]]]:
    return people(normalize(sample_text(prefix)).text)


def test_seed_000_plenum():
    found = seed_people("000")
    assert found["许达"] == (["县委书记"], {"reported", "spoke"})
    assert found["李仕兵"] == (["县委副书记", "代理县长"], {"spoke"})
    assert found["雷俊"] == (["县委副书记"], {"spoke"})
    assert found["欧阳石林"] == ([], {"rostrum"})
    assert len(found) == 12


def test_seed_002_executive_meeting():
    found = seed_people("002")
    assert found["龙向洋"][1] >= {"presided"}
    assert found["张静"] == (["县政府常务会组成成员"], {"attended"})
    assert found["胡慧川"] == (["县人大常委会副主任"], {"sat_in"})
    assert "唐何" not in found and "张波" not in found  # other meetings in the related headlines


def test_seed_004_teleconference():
    found = seed_people("004")
    assert found["应勇"] == (["省委书记"], {"presided", "spoke"})
    assert found["曹广晶"] == (["省领导"], {"attended"})
    assert len(found) == 8


# --------------------------------------------------------------------------------------------
# the shared dev articles (read from ../shared, never copied here)


def test_dev_people_against_gold(shared_dir):
    tp = fp = fn = 0
    for gold_path in older_dev_golds(shared_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold["meetings"]:
            continue
        text = normalize(read_article(shared_dir / "corpus" / "dev" / gold["file"])).text
        expected = {p["person_name"] for m in gold["meetings"] for p in m.get("participations", [])}
        got = set(people(text))
        tp, fp, fn = tp + len(expected & got), fp + len(got - expected), fn + len(expected - got)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.97


# --------------------------------------------------------------------------------------------
# shapes met beyond the seeds (see also test_people_generalization.py)


def test_full_width_punctuation_reads_like_ascii():
    text = "市委常委、常务副市长沈立群，副市长邓文婷（女）、马志鹏，市政府秘书长贺建新出席会议。"
    assert people(text) == {
        "沈立群": (["市委常委", "常务副市长"], {"attended"}),
        "邓文婷": (["副市长"], {"attended"}),
        "马志鹏": (["副市长"], {"attended"}),
        "贺建新": (["市政府秘书长"], {"attended"}),
    }


@pytest.mark.parametrize("text, expected", [
    # a dotted name with a long first part, in a list after a title
    ("县委常委阿不都热依木·买买提、李建国、张伟参加会议。",
     {"阿不都热依木·买买提": {"attended"}, "李建国": {"attended"}, "张伟": {"attended"}}),
    # the last part ends before the verb, though 提出 could end it earlier
    ("县委常委买买提江·吾买尔出席会议。", {"买买提江·吾买尔": {"attended"}}),
    ("县人大常委会主任吐尔逊·艾买提列席会议。", {"吐尔逊·艾买提": {"sat_in"}}),
    ("会上,县长艾尔肯·吐尼亚孜就春耕生产作了安排部署。", {"艾尔肯·吐尼亚孜": {"spoke"}}),
    # names without a Han surname, framed by a title and a list mark or a verb
    ("区委常委次仁卓玛、普布顿珠、旦增曲珍参加会议。",
     {"次仁卓玛": {"attended"}, "普布顿珠": {"attended"}, "旦增曲珍": {"attended"}}),
    ("旗委副书记、旗长那顺乌日图作总结讲话。", {"那顺乌日图": {"spoke"}}),
    ("镇人大主席岩罕主持会议。", {"岩罕": {"presided"}}),
    ("州民宗委主任勒尔曲布通报了创建工作情况。", {"勒尔曲布": {"spoke"}}),
])
def test_names_outside_the_surname_list(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize("text", [
    "县委常委、常务副县长主持会议,分管副县长出席会议并讲话。",
    "经开区党工委书记出席会议并讲话,管委会主任主持会议。",
    "村支部书记交流发言。",
    "县委书记亲自主持,县长全程参加。",
])
def test_offices_and_verbs_are_no_names(text):
    assert people(text) == {}


@pytest.mark.parametrize("chain, titles", [
    ("县人大常委会党组书记、主任", ["县人大常委会党组书记", "主任"]),
    ("大会主席团常务主席、执行主席", ["大会主席团常务主席", "执行主席"]),
    ("副区长、区公安分局局长", ["副区长", "区公安分局局长"]),
    ("市中级人民法院院长", ["市中级人民法院院长"]),
    ("县委副书记、县巡察工作领导小组组长", ["县委副书记", "县巡察工作领导小组组长"]),
    ("省防汛抗旱指挥部督导组组长", ["省防汛抗旱指挥部督导组组长"]),
    ("团县委书记", ["团县委书记"]),
    ("原县政协主席", ["原县政协主席"]),
    ("局党组成员、副局长", ["局党组成员", "副局长"]),
    ("市委常委、市纪委书记、市监委主任", ["市委常委", "市纪委书记", "市监委主任"]),
])
def test_more_title_chains(chain, titles):
    assert split_titles(chain) == titles
    assert people(chain + "刘建平出席会议。") == {"刘建平": (titles, {"attended"})}


def test_an_organisation_with_a_stop_character_stays_in_the_title():
    text = "获奖企业代表、湖南宏达机械有限公司董事长刘志刚作表态发言。"
    assert people(text) == {"刘志刚": (["湖南宏达机械有限公司董事长"], {"spoke"})}


@pytest.mark.parametrize("text, name, found_roles", [
    ("县委书记杨光明代表县委向大会作题为《赓续奋斗 砥砺前行》的报告。", "杨光明", {"reported"}),
    ("县长唐晓斌作《政府工作报告》。", "唐晓斌", {"reported"}),
    ("省委党校教授尹志国作专题辅导报告。", "尹志国", {"spoke"}),
    ("区委书记曾晟作讲话。", "曾晟", {"spoke"}),
    ("区长王晓东部署全年工作。", "王晓东", {"spoke"}),
    ("市委副书记、市长汤学文主持会议并部署全年经济工作。", "汤学文", {"presided", "spoke"}),
    ("市统计局局长聂小平分析了一季度经济运行情况。", "聂小平", {"spoke"}),
    ("市委副书记、市长许国华在主会场出席会议并讲话。", "许国华", {"attended", "spoke"}),
    ("区委常委、统战部部长曹晓军到会讲话。", "曹晓军", {"attended", "spoke"}),
])
def test_more_role_verbs(text, name, found_roles):
    assert roles(text)[name] == found_roles


def test_a_title_after_a_known_name():
    text = "市政府副市长夏雨出席会议。夏雨副市长对二季度重点工作作了安排。"
    assert roles(text) == {"夏雨": {"attended", "spoke"}}


@pytest.mark.parametrize("text, absent", [
    ("会议强调,要认真落实省委副书记、省长王新民来我市调研时的指示要求。", "王新民"),
    ("要按照市委书记刘建国提出的“三个坚决”要求,压紧压实各方责任。", "刘建国"),
    ("会议指出,召开的省委经济工作会议上,省委书记李正安作了重要讲话。", "李正安"),
    ("表决通过了《关于接受韦志刚辞去县人民政府副县长职务的决定》。", "韦志刚"),
    ("县委常委、常务副区长方文因公请假。", "方文"),
])
def test_people_only_referred_to(text, absent):
    assert absent not in people(text)


def test_a_speaker_setting_requirements_after_a_reference_word():
    text = "县委副书记、县长兰天出席会议。兰天县长就抓好改革任务落实提出了具体要求。"
    assert roles(text) == {"兰天": {"attended", "spoke"}}


def test_an_unnamed_subject_ends_the_group():
    text = "县委副书记、县长钱卫国出席会议,其他县级领导列席会议。"
    assert roles(text) == {"钱卫国": {"attended"}}
    text = "县委书记王强出席会议,并为全县科级以上领导干部作专题辅导报告。"
    assert roles(text) == {"王强": {"attended", "spoke"}}


def test_names_with_tongzhi_in_a_bare_list():
    text = "夏冬梅同志、曾宪国同志、胡立军同志等市领导出席会议。"
    assert people(text) == {name: (["市领导"], {"attended"}) for name in ("夏冬梅", "曾宪国", "胡立军")}


# --------------------------------------------------------------------------------------------
# issue 14: lists, titles written once, broken and transliterated names, absent leaders


def test_a_titled_list_keeps_names_outside_the_surname_list():
    text = "省委常委仁青加、穆东升、吉狄马加、多杰热旦、参木群、齐玉出席会议。"
    assert people(text) == {
        name: (["省委常委"], {"attended"}) for name in ("仁青加", "穆东升", "吉狄马加", "多杰热旦", "参木群", "齐玉")}


def test_a_dotted_name_ends_before_a_joiner_and_a_title():
    text = "自治区政协副主席洛桑久美、阿沛·晋源和秘书长索朗培杰出席会议。"
    assert people(text) == {
        "洛桑久美": (["自治区政协副主席"], {"attended"}),
        "阿沛·晋源": (["自治区政协副主席"], {"attended"}),
        "索朗培杰": (["秘书长"], {"attended"}),
    }


def test_a_title_written_once_for_several_people():
    text = "县人大常委会主任张建国,副主任李卫东、王秀英,秘书长赵志刚出席会议。"
    assert people(text) == {
        "张建国": (["县人大常委会主任"], {"attended"}),
        "李卫东": (["副主任"], {"attended"}),
        "王秀英": (["副主任"], {"attended"}),
        "赵志刚": (["秘书长"], {"attended"}),
    }


def test_crawl_doubled_marks_in_a_list():
    text = "县政协主席周海明,县委常委,、统战部长,、县政协党组副书记吴丽华,县政协副主席郑启明,、钱文汉,、孙立保出席会议。"
    assert people(text) == {
        "周海明": (["县政协主席"], {"attended"}),
        "吴丽华": (["县委常委", "统战部长", "县政协党组副书记"], {"attended"}),
        "郑启明": (["县政协副主席"], {"attended"}),
        "钱文汉": (["县政协副主席"], {"attended"}),
        "孙立保": (["县政协副主席"], {"attended"}),
    }


def test_forward_lists_with_front_rows_and_colons():
    assert roles("在主席台前排就坐的还有陈喜梅、刘少杰、王淑芬。") == {n: {"rostrum"} for n in ("陈喜梅", "刘少杰", "王淑芬")}
    assert people("在主席台就座的领导有:县委书记张建国,县长李卫东。") == {
        "张建国": (["县委书记"], {"rostrum"}), "李卫东": (["县长"], {"rostrum"})}
    assert roles("主席团常务主席张建国、李卫东在主席台执行主席席就座。") == {"张建国": {"rostrum"}, "李卫东": {"rostrum"}}


def test_a_far_verb_after_clauses_of_unnamed_office_holders():
    text = ("常务副区长孙福康,区监察委员会、区人民法院负责人,区人大常委会各工作委员会相关负责同志,"
            "区政府办公室负责人以及各镇人大主席列席会议。")
    assert people(text) == {"孙福康": (["常务副区长"], {"sat_in"})}
    # a clause that acts is no unnamed subject: the verb stays out of reach
    text = "常务副区长孙福康,区法院负责人介绍了今年以来的工作情况和下一步的打算,区人大常委会各工作委员会负责人列席会议。"
    assert "sat_in" not in roles(text).get("孙福康", set())


def test_a_persons_titles_from_every_mention():
    text = "大会主席团常务主席张建国、李卫东在主席台就座。大会听取了旗长李卫东代表旗人民政府所作的工作报告。"
    assert people(text)["李卫东"] == (["大会主席团常务主席", "旗长"], {"rostrum", "reported"})
    text = "县领导张建国、李卫东出席会议。县委书记张建国主持会议。"
    assert people(text)["张建国"][0] == ["县委书记"]
    text = "镇人大主席团常务主席、镇人大主席田兴国主持会议。"
    assert people(text)["田兴国"][0] == ["镇人大主席团常务主席", "镇人大主席"]


def test_the_agenda_after_a_convened_meeting_is_not_the_presiders():
    text = "县委书记吴海琼主持召开县委常委会议,传达有关精神,安排部署工作,讨论有关事项。"
    assert roles(text) == {"吴海琼": {"presided"}}
    text = "县委书记吴海琼主持会议并安排部署下一步工作。"
    assert roles(text) == {"吴海琼": {"presided", "spoke"}}


@pytest.mark.parametrize("text, name, found_roles", [
    ("市委书记杨广明主持会议并讲话,市长王勇强安排稳增长工作。", "王勇强", {"spoke"}),
    ("全会听取了省委常委、省委组织部长龙新民同志所作的关于代表候选人预备人选建议名单形成情况的说明。", "龙新民", {"spoke"}),
    ("会上,区长金继军同志进行了庄严的宪法宣誓。", "金继军", {"spoke"}),
    ("省长刘国忠今天主持召开省政府常务会议。", "刘国忠", {"presided"}),
])
def test_more_acts(text, name, found_roles):
    assert roles(text)[name] == found_roles


def test_a_speech_as_object_is_no_act():
    text = "省委常委会召开会议,研究讨论王儒明在省委全会上的讲话。省委书记王儒明主持会议。"
    assert roles(text) == {"王儒明": {"presided"}}
    text = "区委书记李晓明代表区委常委会报告工作,并作了题为《奋起直追》的讲话。"
    assert roles(text) == {"李晓明": {"reported", "spoke"}}


def test_who_only_sent_an_instruction_or_a_letter_was_not_there():
    assert roles("市委书记张建国作出批示,要求抓好落实。县长李卫东主持会议。") == {"李卫东": {"presided"}}
    assert roles("省长张建国对会议作出重要批示。县长李卫东主持会议。") == {"李卫东": {"presided"}}
    assert roles("省长张建国发来贺信。县长李卫东主持会议。") == {"李卫东": {"presided"}}


def test_a_name_broken_over_two_lines():
    text = "会议召开,县委书记张建\n国主持会议,县长李卫\n东出席。"
    found = find_participations(text, whole(text))
    assert {(row.person_name, row.role) for row in found} == {("张建国", "presided"), ("李卫东", "attended")}
    assert text[found[0].span_start : found[0].span_end].startswith("张建\n国")
    # a headline above the report stays its own line; one name a line is no broken name
    assert roles("县委常委会召开\n县长李卫东出席会议。") == {"李卫东": {"attended"}}
    assert "张建李" not in people("县领导:\n张建\n李卫东出席会议。")


def test_a_body_before_a_bare_list_and_a_chain_broken_by_a_comma():
    text = "县政府戚本海、王真明、赵进龙等县领导参加了会议。"
    assert people(text) == {name: (["县领导"], {"attended"}) for name in ("戚本海", "王真明", "赵进龙")}
    text = "县委副书记、县长,县人民政府党组书记张建国主持会议。"
    assert people(text) == {"张建国": (["县委副书记", "县长", "县人民政府党组书记"], {"presided"})}


def test_a_list_word_before_the_names_is_not_a_name():
    assert set(people("在主席台前排就座的领导有张建国、李卫东、王秀英。")) == {"张建国", "李卫东", "王秀英"}


def test_people_heard_by_the_meeting():
    text = "会议听取了县发改局局长甘立伟关于经济运行情况的汇报,副县长蓝秀英出席会议。"
    assert roles(text) == {"甘立伟": {"spoke"}, "蓝秀英": {"attended"}}
    text = "会议听取了县人民法院院长韩立东关于审判工作情况的报告和县人民检察院检察长袁秀英关于检察工作情况的报告。"
    assert roles(text) == {"韩立东": {"reported"}, "袁秀英": {"reported"}}
    assert roles("会议听取了关于全县经济运行情况的汇报。县长钟建国主持会议。") == {"钟建国": {"presided"}}


def test_titles_of_candidates_and_of_a_place_ending_in_its_level():
    text = "县委副书记、县长候选人钟建国作表态发言。"
    assert people(text) == {"钟建国": (["县委副书记", "县长候选人"], {"spoke"})}
    assert people("杞县县长王红梅主持会议。")["王红梅"][0] == ["县长"]
    assert people("五莲县县长杜江海主持会议。")["杜江海"][0] == ["五莲县县长"]


def test_longer_notes_after_a_name_and_a_note_on_the_office():
    text = "副县长王秀兰(女,蒙古族)、李卫民出席会议。"
    assert people(text) == {"王秀兰": (["副县长"], {"attended"}), "李卫民": (["副县长"], {"attended"})}
    assert people("县委常委、副县长(挂职)张建军出席会议。") == {"张建军": (["县委常委", "副县长"], {"attended"})}


def test_forward_lists_introduced_by_shi_and_wei():
    assert people("在主席台就座的是:县委书记张立国,县长李卫平。") == {
        "张立国": (["县委书记"], {"rostrum"}), "李卫平": (["县长"], {"rostrum"})}
    assert roles("出席会议的县领导为:张立国、李卫平。") == {"张立国": {"attended"}, "李卫平": {"attended"}}


def test_a_five_character_name_outside_the_surname_list_in_a_titled_list():
    text = "旗长那顺乌日图主持,副旗长额尔德木图、其其格出席会议。"
    assert roles(text) == {"那顺乌日图": {"presided"}, "额尔德木图": {"attended"}, "其其格": {"attended"}}


def test_a_clause_with_its_own_verb_after_a_forward_list():
    text = "出席会议的县领导还有张立国、李卫平,会议由县长王秀芬主持。"
    assert people(text) == {"张立国": (["县领导"], {"attended"}), "李卫平": (["县领导"], {"attended"}),
                            "王秀芬": (["县长"], {"presided"})}
    assert people("出席会议的县领导有张立国,王秀芬主持会议。")["王秀芬"] == ([], {"presided"})
