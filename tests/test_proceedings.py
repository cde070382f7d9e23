"""Proceedings (issue 5): given this text, this quorum and these documents."""
from __future__ import annotations

import json

import pytest

from conftest import older_dev_golds, read_article, sample_text
from transforms.shared.models import MeetingRow
from transforms.text.normalize import normalize
from transforms.meetings.proceedings import find_adopted_documents, find_quorum


def whole(text: str) -> MeetingRow:
    return MeetingRow(name_text="x", kinds=["other"], span_start=0, span_end=1,
                      scope_start=0, scope_end=len(text))


def quorum(text: str) -> set[tuple]:
    rows = find_quorum(text, whole(text))
    for row in rows:
        assert str(row.present) in text[row.span_start:row.span_end]
    return {(r.member_class, r.expected, r.present) for r in rows}


def documents(text: str) -> list[tuple]:
    rows = find_adopted_documents(text, whole(text))
    for row in rows:
        assert row.title in text[row.span_start:row.span_end]
    return [(r.title, r.short_title, r.action) for r in rows]


# --------------------------------------------------------------------------------------------
# quorum


@pytest.mark.parametrize("text, expected", [
    ("出席大会的县委委员应到29人,实到27人;县委候补委员应到7人,实到6人,符合规定人数。",
     {("member", 29, 27), ("alternate", 7, 6)}),
    ("大会应到区委委员35人,实到35人;区委候补委员应到4人,实到4人,符合规定人数。",
     {("member", 35, 35), ("alternate", 4, 4)}),
    ("会议应到委员246人,因事因病请假5人,实到241人,符合《政协章程》规定。", {("member", 246, 241)}),
    ("会议应到代表267人,实到代表242人,符合法定人数。", {("member", 267, 242)}),
    ("出席会议的区委委员34人,区委候补委员6人。", {("member", None, 34), ("alternate", None, 6)}),
    ("全会应到委员43名,实到41名;应到候补委员7名,实到6名。", {("member", 43, 41), ("alternate", 7, 6)}),
    ("会议应到常委会组成人员25人,实到21人,符合法定人数。", {("member", 25, 21)}),
    ("县委委员应到29人,实到27人,候补委员应到7人,实到6人。", {("member", 29, 27), ("alternate", 7, 6)}),
])
def test_quorum(text, expected):
    assert quorum(text) == expected


def test_no_quorum_without_counts():
    assert quorum("区委委员、区委候补委员参加了会议。全县共有党员2万人。") == set()


# --------------------------------------------------------------------------------------------
# documents


def test_adopted_list_with_a_short_title_and_its_draft():
    text = ("全会听取了县委常委会工作报告,审议通过了《中共衡南县委关于实施发展战略的决定》(以下简称《决定》)"
            "《中国共产党衡南县第十三届委员会第七次全体(扩大)会议决议》,分析了形势。"
            "县委副书记雷俊就《决定(草案)》作起草说明。此次全会审议通过的《决定》,是重要实践。")
    assert documents(text) == [
        ("中共衡南县委关于实施发展战略的决定", "决定", "adopted"),
        ("中国共产党衡南县第十三届委员会第七次全体(扩大)会议决议", None, "adopted"),
        ("决定(草案)", None, "explained"),
    ]


def test_adopted_after_other_business_and_read():
    text = ("全会听取了区委常委会工作报告,审议通过了部分区委委员辞职和递补事宜、《中共雁峰区委关于全力打造"
            "输变电装备产业核心区的实施意见》,宣读了《雁峰区2023年上半年经济运行通报》。")
    assert documents(text) == [
        ("中共雁峰区委关于全力打造输变电装备产业核心区的实施意见", None, "adopted"),
        ("雁峰区2023年上半年经济运行通报", None, "read"),
    ]


def test_reviewed_drafts_keep_the_title_inside_the_marks():
    text = ("听取并讨论《市政府工作报告》(讨论稿),书面听取并讨论《关于2020年计划(草案)的报告》(讨论稿)、"
            "《关于2020年财政预算(草案)的报告》(讨论稿)、市法院工作报告(讨论稿)。")
    assert documents(text) == [
        ("市政府工作报告", None, "reviewed"),
        ("关于2020年计划(草案)的报告", None, "reviewed"),
        ("关于2020年财政预算(草案)的报告", None, "reviewed"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("大会同意王建民代表中共凤翔县第十五届委员会所作的《凝心聚力、创新实干,为建设实力强县而努力奋斗》的报告。",
     [("凝心聚力、创新实干,为建设实力强县而努力奋斗", None, "adopted")]),
    ("审议通过了《中共长春市绿园区委六届七次全体会议决议》及有关决定。",
     [("中共长春市绿园区委六届七次全体会议决议", None, "adopted")]),
    ("会上,邢恩国宣读《松山新区关于表彰2011年度先进集体的决定》。",
     [("松山新区关于表彰2011年度先进集体的决定", None, "read")]),
    ("会议审议并通过了《县人大常委会2016年工作要点》和《县人大常委会议事规则》。",
     [("县人大常委会2016年工作要点", None, "adopted"), ("县人大常委会议事规则", None, "adopted")]),
])
def test_actions(text, expected):
    assert documents(text) == expected


def test_a_draft_explained_to_the_plenum():
    text = "县委书记欧阳晓辉就《中共宁远县委关于制定规划的建议(讨论稿)》向全会作说明。"
    assert documents(text) == [("中共宁远县委关于制定规划的建议(讨论稿)", None, "explained")]


def test_a_document_reviewed_then_adopted_has_both_rows():
    text = "会议先审议了《县政府工作报告(草案)》。随后,大会表决通过了《县政府工作报告(草案)》。"
    assert documents(text) == [("县政府工作报告(草案)", None, "reviewed"), ("县政府工作报告(草案)", None, "adopted")]


@pytest.mark.parametrize("text", [
    "会议通过《人民日报》报道了全县经验。",
    "区委书记李晓彤作了题为《奋起直追、大干快上》的讲话。",
    "深入学习习近平总书记在《求是》杂志发表的重要文章《锲而不舍落实中央八项规定精神》精神。",
    "会议还传达学习中共中央、国务院印发的《党政机关厉行节约反对浪费条例》。",
    "县委副书记高峰与德州镇签订《2017年度安全生产责任书》。",
    "实到241人,符合《政协章程》规定。",
    "审议通过了县人大常委会2016年工作要点(草案)。",
])
def test_not_documents(text):
    assert documents(text) == []


# --------------------------------------------------------------------------------------------
# seeds and dev


def test_seed_000():
    text = normalize(sample_text("000")).text
    assert quorum(text) == {("member", 29, 27), ("alternate", 7, 6)}
    adopted = [(title, short) for title, short, action in documents(text) if action == "adopted"]
    assert len(adopted) == 2 and adopted[0][1] == "决定"
    assert adopted[1][0] == "中国共产党衡南县第十三届委员会第七次全体(扩大)会议决议"


def test_dev_against_gold(shared_dir):
    for gold_path in older_dev_golds(shared_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold["meetings"]:
            continue
        text = normalize(read_article(shared_dir / "corpus" / "dev" / gold["file"])).text
        expected_quorum = {(q["member_class"], q["expected"], q["present"])
                           for m in gold["meetings"] for q in m.get("quorum", [])}
        expected_adopted = {d["title"] for m in gold["meetings"] for d in m.get("adopted_documents", [])
                            if d["action"] == "adopted"}
        assert quorum(text) == expected_quorum, gold["file"]
        assert {t for t, _, a in documents(text) if a == "adopted"} == expected_adopted, gold["file"]


# --------------------------------------------------------------------------------------------
# shapes met beyond the seeds (see also test_people_generalization.py)


@pytest.mark.parametrize("text, expected", [
    ("全会应到市委委员47人，实到45人；应到市委候补委员9人，实到8人。", {("member", 47, 45), ("alternate", 9, 8)}),
    ("会议应到常委31人,实到27人,符合规定人数。", {("member", 31, 27)}),
    ("会议应出席委员39名,实际出席36名;应出席候补委员8名,实际出席8名。", {("member", 39, 36), ("alternate", 8, 8)}),
    ("全会应到会委员35名,实到会委员33名。", {("member", 35, 33)}),
    ("大会应到代表220名,因事因病请假6名,实到214名。", {("member", 220, 214)}),
    ("全会应到县委委员33人,实到31人,缺席2人。", {("member", 33, 31)}),
    # the body's actual size is expected; its nominal size (名额) and the absent are not counts
    ("本届代表名额为300名,现在实有代表296名,因故缺席会议的代表12名,实际出席会议的代表284名,符合法定人数。",
     {("member", 296, 284)}),
    # only those present are counted: expected stays NULL
    ("出席这次全会的市委委员41人,市委候补委员6人。", {("member", None, 41), ("alternate", None, 6)}),
    ("县人大常委会主任甲,副主任乙、丙及委员共21人出席。会议由甲主持。", {("member", None, 21)}),
    ("常委会组成人员27人出席会议,列席人员15名。", {("member", None, 27)}),
    ("大会应出席代表186名,实出席180名。", {("member", 186, 180)}),
    ("会议实到代表150人,缺席4人。", {("member", 154, 150)}),  # present and absent make the size
    ("会议实到代表150人,列席人员20人。", {("member", None, 150)}),
])
def test_more_quorum_forms(text, expected):
    assert quorum(text) == expected


def test_full_width_marks_and_titles_as_written():
    text = ("全会审议通过了《中共雨花区委关于推进城市更新的实施意见》（以下简称《实施意见》）、"
            "《全会决议》和《重点改革任务清单》，审议通过了《城市更新三年行动方案（2024—2026年）》。")
    assert documents(text) == [
        ("中共雨花区委关于推进城市更新的实施意见", "实施意见", "adopted"),
        ("全会决议", None, "adopted"),
        ("重点改革任务清单", None, "adopted"),
        ("城市更新三年行动方案（2024—2026年）", None, "adopted"),
    ]


@pytest.mark.parametrize("text, action", [
    ("会议原则通过了《石门县规划中期评估报告》。", "adopted"),
    ("会议以无记名投票方式表决通过了《关于批准预算调整方案的决议》。", "adopted"),
    ("会议书面审议了《县人民政府关于国有资产管理情况的综合报告》。", "reviewed"),
    ("会议宣读了《关于表彰先进单位和先进个人的决定》。", "read"),
])
def test_more_document_actions(text, action):
    assert [a for _, _, a in documents(text)] == [action]


@pytest.mark.parametrize("text, actions", [
    # a list of items reviewed that ends in their adoption adopts each title in it
    ("会议听取了有关汇报、讨论了《关于加强作风建设的实施办法》、研究了其他事项等三项议题,并原则通过。", ["adopted"]),
    ("会议审议了《县政府工作规则》和《县政府重大行政决策程序规定》,均获通过。", ["adopted", "adopted"]),
    ("会议审议了《县政府工作规则》和《县政府重大行政决策程序规定》,一致通过。", ["adopted", "adopted"]),
    # handed on, not adopted
    ("会议讨论了《关于2024年预算的报告》,并同意提请县人代会审议。", ["reviewed"]),
])
def test_adoption_at_the_end_of_a_list(text, actions):
    assert [a for _, _, a in documents(text)] == actions
