"""Bylines, credit lines, page headers, datelines, titles and site furniture: given this page,
this text and this metadata."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import older_dev_golds, read_article
from transforms.text.bylines import find_dateline, parse_credit_line, parse_header
from transforms.shared.models import DocumentMetadata
from transforms.text.normalize import normalize

BODY = "3月5日上午,县委召开常委会会议,研究部署当前重点工作。县委书记王明主持会议并讲话。"
BODY_2 = "会议强调,要坚持稳中求进工作总基调,确保全年目标任务圆满完成。"


def test_dateline_with_credits_leaves_the_text_when_the_body_has_its_date():
    page = f"新湖南客户端4月15日讯(通讯员 章佰政 陈前)4月15日上午,县委召开会议。\n{BODY_2}"
    n = normalize(page)
    assert n.text.startswith("4月15日上午,县委召开会议。")
    assert n.metadata.outlet == "新湖南客户端"
    assert n.metadata.authors == ["章佰政", "陈前"]
    assert "章佰政" not in n.text and "通讯员" not in n.text


def test_dateline_keeps_its_date_when_the_body_names_none():
    n = normalize(f"人民网银川12月28日电 (梁宏鑫)今天上午,市人大会议开幕。\n{BODY_2}")
    assert n.text.startswith("12月28日 今天上午,市人大会议开幕。")
    assert (n.metadata.outlet, n.metadata.authors) == ("人民网", ["梁宏鑫"])
    assert n.metadata.published_date is None  # no year anywhere


def test_dateline_with_a_year_gives_the_published_date():
    n = normalize(f"新华社北京2021年12月28日电 记者从会上获悉,{BODY_2}")
    assert n.metadata.published_date == dt.date(2021, 12, 28)
    assert n.metadata.outlet == "新华社"


@pytest.mark.parametrize(
    "page, authors, starts",
    [
        ("快报讯(通讯员 苏振新 记者 郑春平)2月2日,省政府召开新闻发布会。", ["苏振新", "郑春平"], "2月2日"),
        ("红网时刻2月14日讯(通讯员 刘铁华)2月13日,区委召开全会。", ["刘铁华"], "2月13日"),
        ("本报讯 5月23日,县长主持召开常务会议。", [], "5月23日"),
    ],
)
def test_dateline_forms(page, authors, starts):
    n = normalize(page)
    assert n.metadata.authors == authors and n.text.startswith(starts)


def test_undated_datelines_name_no_outlet_and_second_reports_stay():
    n = normalize(f"本报讯 {BODY}\n又讯 5月29日,县长主持召开常务会议。")
    assert n.metadata.outlet is None
    assert "\n又讯 5月29日" in n.text


def test_not_datelines():
    assert find_dateline("平台电商发展迅速。") is None
    assert find_dateline("又讯 5月29日,县长主持召开常务会议。") is None
    assert find_dateline("我县12月28日电网检修。") is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("(作者 高曙光 张媛媛 胡欢)", {"authors": ["高曙光", "张媛媛", "胡欢"]}),
        ("(本报记者 陈振伟)", {"authors": ["陈振伟"]}),
        ("菏泽报业全媒体记者 张啸", {"authors": ["张啸"]}),
        ("来源:红网", {"outlet": "红网"}),
        ("作者:刘铁华", {"authors": ["刘铁华"]}),
        ("编辑:聂千川", {"editor": "聂千川"}),
        ("责编:张钰茜", {"editor": "张钰茜"}),
        ("来源:天台人才网 作者:天台人才网", {"outlet": "天台人才网"}),  # an outlet is no author
        ("来源:菏泽日报收集编辑:菏泽日报", {"outlet": "菏泽日报"}),
        ("■县融媒体中心记者组", {}),  # a team: no person
        ("区政府办 供稿", {}),
        ("(张三 摄)", {}),  # a photographer is neither author nor editor
        ("(县统计局供稿 编校:刘永青)", {"editor": "刘永青"}),
    ],
)
def test_credit_lines(line, expected):
    credits = parse_credit_line(line)
    assert credits is not None
    assert credits.authors == expected.get("authors", [])
    assert credits.editor == expected.get("editor")
    assert credits.outlet == expected.get("outlet")


@pytest.mark.parametrize(
    "line, date, editor, outlet",
    [
        ("2021-12-29 16:00:51 编辑: 杨玉娟 审核人:叶玲玲 阅读次数:2287 |", dt.date(2021, 12, 29), "杨玉娟", None),
        ("发布日期:2020-07-21 来源:融媒体中心 浏览次数:", dt.date(2020, 7, 21), None, "融媒体中心"),
        ("时间:2024-03-27 09:58 大 中 小", dt.date(2024, 3, 27), None, None),
        ("内容更新时间:2025-05-30 07:56:21来源:闽侯乡音报", dt.date(2025, 5, 30), None, "闽侯乡音报"),
        ("2010-04-17 09:01:37", dt.date(2010, 4, 17), None, None),
        ("日期:", None, None, None),
    ],
)
def test_page_headers(line, date, editor, outlet):
    header = parse_header(line)
    assert header is not None
    assert (header.published_date, header.editor, header.outlet) == (date, editor, outlet)


@pytest.mark.parametrize(
    "line",
    [
        "时间:3月1日上午9时 地点:县委常委会议室",  # a notice's own fields: article text
        "记者从县委获悉,全县经济运行平稳。",
        "本报记者近日走访了部分企业。",
        "来源:据县统计局统计,全县生产总值增长百分之八,高于全市平均水平,位居全市前列。",
        "2024年3月1日,县委召开常委会会议。",
        "(草案)",
        "(扩大)",
        "(市、区)",
        "(2024)",
        "(一)",
    ],
)
def test_article_lines_are_not_credits(line):
    assert parse_credit_line(line) is None


def test_headers_with_brackets_separators_and_glued_names():
    header = parse_header("【发布时间：2023-01-02】【来源：县政府办】【字号：大 中 小】")
    assert (header.published_date, header.outlet) == (dt.date(2023, 1, 2), "县政府办")
    header = parse_header("来源：某某县人民政府网站 | 2021年03月02日")
    assert (header.published_date, header.outlet) == (dt.date(2021, 3, 2), "某某县人民政府网站")
    n = normalize(f"新华社长沙6月10日电（记者张三）湖南省委10日召开常委会会议。\n{BODY_2}")
    assert (n.metadata.outlet, n.metadata.authors) == ("新华社", ["张三"])
    assert n.text.startswith("6月10日湖南省委10日召开常委会会议。")


@pytest.mark.parametrize(
    "header, date, outlet",
    [
        # the font-size widget before the date does not hide it; `来源:本站` names no outlet
        ("【字体:大 中 小】 发布时间:2023-05-08 10:30 来源:本站", dt.date(2023, 5, 8), None),
        ("发布时间:2023-05-08 10:30 【字体:大 中 小】 【打印】", dt.date(2023, 5, 8), None),
        ("字体大小:大 中 小 发布日期:2023-05-08", dt.date(2023, 5, 8), None),
        # a bracketed date then the outlet
        ("[ 2023-05-08 ] 来源:某市新闻网", dt.date(2023, 5, 8), "某市新闻网"),
        ("〖 2023年5月8日 〗 来源:某区融媒体中心", dt.date(2023, 5, 8), "某区融媒体中心"),
        # full-width colons, Chinese dates, slashes, counters and authors around the date
        ("发稿时间：2023年05月08日", dt.date(2023, 5, 8), None),
        ("2023年05月08日 16:45  来源：某州日报", dt.date(2023, 5, 8), "某州日报"),
        ("日期：2023-05-08  浏览量：456", dt.date(2023, 5, 8), None),
        ("作者：李红  时间：2023/5/8", dt.date(2023, 5, 8), None),
        # the date closing a breadcrumb, and a header after one
        ("首页 > 政务动态 > 部门动态 2023-05-08", dt.date(2023, 5, 8), None),
        ("当前位置:首页 > 要闻 > 正文 发布时间:2023-05-08 来源:某县政府办", dt.date(2023, 5, 8), "某县政府办"),
    ],
)
def test_header_forms_give_the_published_date_and_leave_the_text(header, date, outlet):
    n = normalize(f"{header}\n{BODY}\n{BODY_2}")
    assert n.text == f"{BODY}\n{BODY_2}"
    assert (n.metadata.published_date, n.metadata.outlet) == (date, outlet)


def test_a_breadcrumb_date_yields_to_the_header():
    n = normalize(f"首页 > 本地新闻 2023-05-09\n发布时间:2023-05-08 来源:某县新闻网\n{BODY}")
    assert (n.metadata.published_date, n.metadata.outlet) == (dt.date(2023, 5, 8), "某县新闻网")
    n = normalize(f"首页 > 本地新闻 > 时政要闻\n{BODY}")  # a breadcrumb without a date dates nothing
    assert (n.text, n.metadata.published_date) == (BODY, None)


def test_a_notice_line_with_a_bracketed_year_stays():
    for line in ("[2023]第5号 县政府关于调整会议时间的通知", "时间:5月8日上午9时 地点:县委常委会议室"):
        n = normalize(f"{line}\n{BODY}")
        assert n.text == f"{line}\n{BODY}" and n.metadata.published_date is None


def test_end_marks_and_supplying_units_go_without_naming_anyone():
    assert normalize(f"{BODY}\n{BODY_2}（完）").text == f"{BODY}\n{BODY_2}"
    n = normalize(f"{BODY}\n{BODY_2}\n（市政府办公室）")
    assert n.text == f"{BODY}\n{BODY_2}" and n.metadata.outlet is None and n.metadata.authors == []


def test_a_county_government_page():
    page = "\n".join(
        [
            "首页 > 新闻中心 > 政务要闻",
            "县委召开常委会（扩大）会议",
            "发布时间：2023-06-12 09:30:15    来源：县委办    作者：张三    浏览次数：1234    【字体：大 中 小】",
            "　　" + BODY,
            "　　" + BODY_2,
            "责任编辑：王五",
            "【打印本页】【关闭窗口】",
            "上一篇：县政府召开第20次常务会议",
            "下一篇：我县开展安全生产大检查",
            "主办：中共某某县委办公室 承办：某某县融媒体中心 地址：某某路1号",
            "ICP备12345678号",
        ]
    )
    n = normalize(page)
    # full-width clause punctuation reads half-width in the text: （扩大） -> (扩大)
    assert n.text == f"县委召开常委会(扩大)会议\n{BODY}\n{BODY_2}"
    assert n.metadata == DocumentMetadata(
        title="县委召开常委会(扩大)会议", outlet="县委办", authors=["张三"], editor="王五", published_date=dt.date(2023, 6, 12)
    )


def test_credit_names_leave_the_text_and_never_reach_it():
    page = f"{BODY}\n{BODY_2}(记 者:吴阳金 张志彬 见习记者 汪子妍)"
    n = normalize(page)
    assert n.metadata.authors == ["吴阳金", "张志彬", "汪子妍"]
    assert n.text.endswith("圆满完成。") and "吴阳金" not in n.text


def test_a_name_in_parentheses_closing_the_article_is_its_author():
    n = normalize(f"{BODY}\n{BODY_2}(陈翥)")
    assert n.metadata.authors == ["陈翥"] and "陈翥" not in n.text


def test_a_parenthetical_closing_the_article_that_is_no_name_stays():
    n = normalize(f"{BODY}\n会议审议通过了工作要点。(草案)")
    assert n.text.endswith("(草案)") and n.metadata.authors == []


def test_a_full_page():
    page = "\n".join(
        [
            "微信 智能问答 繁體版",
            "本网站已支持IPV6",
            "您当前的位置:首页 - 新闻中心 - 要闻",
            "",
            "县委常委会会议召开",
            "",
            "发布日期:2020-07-21 来源:融媒体中心 浏览次数:",
            "",
            "县委常委会会议召开2.jpg",
            "",
            "    " + BODY,
            "    " + BODY_2,
            "会议现场。张三摄",
            "责编:李四",
            "来源:县融媒体中心",
            "县长调研全县水利工作",
            "县委书记主持召开2025年第17次县委常委会会议",
            "下载APP",
        ]
    )
    n = normalize(page)
    assert n.text == f"县委常委会会议召开\n{BODY}\n{BODY_2}"
    assert n.metadata == DocumentMetadata(
        title="县委常委会会议召开",
        outlet="融媒体中心",  # the page header's 来源 comes first
        authors=[],
        editor="李四",
        published_date=dt.date(2020, 7, 21),
    )
    assert n.boilerplate_chars_removed > 100


def test_related_headlines_need_an_article_before_the_credits():
    page = "县委常委会会议召开\n来源:县融媒体中心\n县长调研全县水利工作\n县委书记主持召开常委会会议"
    n = normalize(page)
    assert n.text == "县委常委会会议召开\n县长调研全县水利工作\n县委书记主持召开常委会会议"


@pytest.mark.parametrize(
    "marker",
    ["相关阅读:", "新闻推荐", "【相关新闻】", "推荐阅读"],
)
def test_a_related_block_after_the_article_goes_whole(marker):
    page = f"{BODY}\n{BODY_2}\n{marker}\n8月5日,县政府召开第九次全体(扩大)会议,总结上半年工作...\n和县新闻,新鲜有料。"
    assert normalize(page).text == f"{BODY}\n{BODY_2}"


def test_a_related_block_above_the_article_loses_only_its_marker():
    assert normalize(f"相关新闻\n{BODY}\n{BODY_2}").text == f"{BODY}\n{BODY_2}"


@pytest.mark.parametrize(
    "line",
    [
        "首页 > 专题专栏 > 优化营商环境",
        "当前位置:首页",
        "大 中 小",
        "附件下载:",
        "本文为株洲站原创文章,转载请附上原文出处链接和本声明。",
        "……(新文秘网省略740字,正式会员可完整阅读)……",
        "官家天下 馅饼大叔 1185 字 2个月前",
        "|",
        "上一篇:县政府召开常务会议",
    ],
)
def test_furniture_lines_go(line):
    assert normalize(f"{BODY}\n{line}\n{BODY_2}").text == f"{BODY}\n{BODY_2}"


def test_title_is_kept_and_recorded_but_a_repeated_one_goes():
    title = "县委常委会会议召开"
    assert normalize(f"{title}\n{BODY}").metadata.title == title
    assert normalize(f"{title}\n{BODY}").text.startswith(title + "\n")
    repeated = normalize(f"{title}\n{title},研究部署工作。")
    assert repeated.text == f"{title},研究部署工作。" and repeated.metadata.title == title


def test_no_title_when_the_first_line_is_a_sentence_or_alone():
    assert normalize(f"{BODY}\n{BODY_2}").metadata.title is None
    assert normalize("县委常委会会议召开").metadata.title is None


def test_hints_take_precedence():
    hints = DocumentMetadata(title="标题", outlet="县融媒体中心", published_date=dt.date(2024, 1, 2))
    n = normalize(f"来源:红网\n{BODY}", hints)
    assert (n.metadata.title, n.metadata.outlet, n.metadata.published_date) == ("标题", "县融媒体中心", dt.date(2024, 1, 2))


# issue 14: outlets and authors in the forms real pages write them


@pytest.mark.parametrize("page, outlet", [
    ("青海新闻网讯12月22日上午,省委全会在西宁开幕。", "青海新闻网"),
    ("各界网讯:3月3日上午,县政协会议开幕。", "各界网"),
    ("【点新闻报道】省人大会议今日上午开幕。", "点新闻"),
    ("【香港商报网讯】2月19日,区人代会开幕。", "香港商报网"),
    ("本网讯(闽南日报记者)代市长昨日作政府工作报告。", "闽南日报"),
    ("快报讯 2月2日,省政府召开新闻发布会。", None),         # a short undated prefix names no outlet
    ("本网拉萨12月17日讯(记者刘玉珍)12月17日,区政协召开主席会议。", None),   # the site itself
])
def test_outlets_of_datelines(page, outlet):
    assert normalize(f"{page}\n{BODY_2}").metadata.outlet == outlet


def test_outlets_of_closing_credits_and_date_lines():
    assert normalize(f"{BODY}\n{BODY_2}(黑龙江日报)").metadata.outlet == "黑龙江日报"
    assert normalize(f"陕西新闻联播:2020-03-03\n{BODY}").metadata.outlet == "陕西新闻联播"
    assert normalize(f"【发布日期:2010-12-05】 【来源:本站】 【阅读:次】\n{BODY}").metadata.outlet is None
    assert normalize(f"【发布日期:2010-12-05】 【来源:某某日报】 【阅读:次】\n{BODY}").metadata.outlet == "某某日报"


@pytest.mark.parametrize("page, authors", [
    ("(记者冯 艳 孙 敏 张 涛)5日晚,县人代会举行主席团第一次会议。", ["冯艳", "孙敏", "张涛"]),
    ("本报讯 (记者 李琼燕 通讯员 王耀科)1月22日下午,省委召开报告会。", ["李琼燕", "王耀科"]),
    ("东北网12月25日讯(黑龙江日报记者刘伟 东北网记者印蕾) 省人大常委会会议结束。", ["刘伟", "印蕾"]),
    ("昭化区门户讯(周明雄 记者 吴纹锋)3月7日,区政府召开全体会议。", ["周明雄", "吴纹锋"]),
])
def test_authors_of_datelines_and_opening_credits(page, authors):
    n = normalize(f"{page}\n{BODY_2}")
    assert n.metadata.authors == authors
    assert not any(name in n.text.replace(" ", "") for name in authors)


def test_a_dateline_after_a_glued_headline_and_a_name_outside_the_surname_list():
    n = normalize(f"州长出席 格桑网讯 (记者 次仁卓玛) 4月28日,全州经济形势分析会议召开。\n{BODY_2}")
    assert (n.metadata.outlet, n.metadata.authors) == ("格桑网", ["次仁卓玛"])
    assert n.text.startswith("州长出席 4月28日,全州")
    assert normalize(f"(本报记者 综合报道)\n{BODY}").metadata.authors == []


@pytest.mark.parametrize("page, outlet, authors, editor", [
    (f"来源:湖南在线编辑:刘晓燕\n{BODY}", "湖南在线", [], "刘晓燕"),
    (f"本报记者 王建华 通讯员 李小红 报道\n{BODY}", None, ["王建华", "李小红"], None),
    (f"{BODY}(记者 王建华)", None, ["王建华"], None),
])
def test_credit_forms_of_issue_14(page, outlet, authors, editor):
    n = normalize(page)
    assert (n.metadata.outlet, n.metadata.authors, n.metadata.editor) == (outlet, authors, editor)
    assert not any(name in n.text for name in [*authors, editor or "-"])


def test_an_editors_account_name():
    assert parse_header("编辑:redcloud").editor == "redcloud"
    assert parse_header("责任编辑:admin").editor is None


def test_a_parenthetical_opening_a_line_that_credits_nobody_stays():
    assert find_dateline("(草案)经审议通过。") is None
    assert find_dateline("(张三 摄)会场。") is None


def test_dev_metadata_matches_gold(shared_dir):
    checked = 0
    for gold_path in sorted((shared_dir / "eval" / "gold").glob("*.json")) + older_dev_golds(shared_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        (article,) = (shared_dir / "corpus").glob(f"*/{gold['file']}")
        n = normalize(read_article(article))
        predicted = {"script": n.script, **n.metadata.model_dump(include={"outlet", "authors", "editor"})}
        for key, value in gold["document"].items():
            assert predicted[key] == value, (gold["file"], key)
            checked += 1
        for name in [*gold["document"].get("authors", []), gold["document"].get("editor")]:
            assert not name or name not in n.text, (gold["file"], name)
    assert checked >= 100
