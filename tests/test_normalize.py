"""Normalization: given this raw text, this normalized text, script, counts and offset map."""
from __future__ import annotations

import opencc
import pytest
from conftest import sample_text
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.text.script import classify_script, needs_conversion, to_simplified
from transforms.text.normalize import normalize, to_raw_span

OPENCC_T2S = opencc.OpenCC("t2s")

# ---------------------------------------------------------------------------------------------
# script


@pytest.mark.parametrize(
    "text, script",
    [
        ("县委召开常委会会议。", "simplified"),
        ("縣委召開常委會會議。", "traditional"),
        ("縣委召開常委會會議,黨員干部并肩奮斗。", "traditional"),  # 干 并: leftovers, not a mix
        ("微信 智能问答 繁體版\n县委召开常委会会议,研究部署经济工作。", "simplified"),
        ("縣委召開常委會會議,傳達學習。县委书记讲话,强调经济发展。", "mixed"),
        ("2024 GDP 8.5%", "simplified"),
    ],
)
def test_script(text, script):
    assert classify_script(text) == script
    assert normalize(text).script == script


def test_conversion_is_opencc_t2s_and_skipped_for_simplified():
    for text in ("瞭解情況後反覆研究", "乾隆年間的於姓人家", "縣委書記許達講話", "了解情况"):
        assert to_simplified(text) == OPENCC_T2S.convert(text)
    assert not needs_conversion("县委召开常委会会议,研究部署经济工作。")
    assert needs_conversion("沈默")  # no Traditional-only character, but an OpenCC phrase changes it


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_conversion_equals_opencc_on_the_seeds(prefix):
    raw = sample_text(prefix)
    assert to_simplified(raw) == OPENCC_T2S.convert(raw)


# ---------------------------------------------------------------------------------------------
# pinyin glosses


def test_glosses_go():
    n = normalize("中國共產(chǎn)黨衡南縣第十三屆委員會第七次全體(擴(kuò)大)會議召開。")
    assert n.text == "中国共产党衡南县第十三届委员会第七次全体(扩大)会议召开。"
    assert n.glosses_removed == 2


def test_full_width_and_digit_tone_glosses_go():
    n = normalize("經（jīng）濟(ji4)工作會議")
    assert n.text == "经济工作会议" and n.glosses_removed == 2


@pytest.mark.parametrize(
    "text",
    [
        "县委第十三届委员会第七次全体(扩大)会议",
        "各县(市、区)委书记",
        "《决定(草案)》",
        "审议通过了《决定》(以下简称《决定》)",
        "新湖南客户端讯(通讯员 章佰政 陈前)",
        "2024年(2024)",
        "(一)紧紧围绕重大项目",
        "地区生产总值(GDP)增长",
        "人工智能(ai)产业",  # a toneless syllable counts only on a page of toned glosses
    ],
)
def test_real_parentheticals_stay(text):
    assert normalize(text).glosses_removed == 0


def test_toneless_glosses_go_on_a_glossed_page():
    n = normalize("經(jīng)濟(jì)工作會(hui)議")
    assert n.text == "经济工作会议" and n.glosses_removed == 3


# ---------------------------------------------------------------------------------------------
# mojibake


def test_question_marks_for_a_sentence_end_and_a_county():
    n = normalize("縣政府召開會議,分析經濟形勢??h委書記出席並講話。")
    assert n.text == "县政府召开会议,分析经济形势。县委书记出席并讲话。"
    assert n.mojibake_repaired == 1 and "?" not in n.text


def test_the_lost_character_is_read_from_its_word():
    n = normalize("縣政府會議制度。為確?h政府全體會議的質量,特制定本制度。")
    assert "确保县政府" in n.text and n.mojibake_repaired == 1


def test_a_question_mark_before_a_letter_is_not_always_mojibake():
    assert normalize("什么?A股上涨。").text == "什么?A股上涨。"
    assert normalize("確?h政府").text == "确?h政府"  # 縣 nowhere else on the page: no evidence


def test_gloss_debris_is_removed_and_counted():
    n = normalize("要?jiǎng)?wù)求實效。")
    assert n.text == "要求实效。"
    assert (n.unrepaired_spots, n.mojibake_repaired) == (2, 0)


def test_a_misread_run_after_gloss_debris_is_reread():
    n = normalize("更加切合縣域?qū)嶋H。")
    assert n.text == "更加切合县域实际。" and n.mojibake_repaired == 1


def test_obfuscation_dots_go_but_list_dots_stay():
    assert normalize("市.委副.书记主持会议。").text == "市委副书记主持会议。"
    assert normalize("一.加强领导").text == "一.加强领导"


def test_html_left_in_a_crawl():
    n = normalize("<p>县委召开会议&nbsp;研究工作。</p><p>会议强调&ldquo;稳&rdquo;字当头。</p>")
    assert n.text == "县委召开会议 研究工作。\n会议强调“稳”字当头。"


# ---------------------------------------------------------------------------------------------
# white space and offsets


def test_indentation_blank_lines_and_space_runs():
    raw = "    第一段。\n\n\n\u3000\u3000第二段  有两个空格。 \r\n第三段。"
    n = normalize(raw)
    assert n.text == "第一段。\n第二段 有两个空格。\n第三段。"
    for i, char in enumerate(n.text):
        assert raw[n.raw_offsets[i]] == char


def test_a_header_line_leaves_with_its_offsets_recorded():
    # full-width colons are folded as everywhere; the header line goes as a credit, the date stays in metadata
    raw = "【字体：大 中 小】 发布时间：2023-05-08 09:00 来源：某县新闻网\n县委召开常委会会议。"
    n = normalize(raw)
    assert n.text == "县委召开常委会会议。"
    assert str(n.metadata.published_date) == "2023-05-08" and n.metadata.outlet == "某县新闻网"
    assert (0, raw.index("\n"), "credit") in n.removed
    assert raw[to_raw_span(n, 0, 2)[0] :].startswith("县委")


def test_raw_span_of_a_name_after_glosses():
    raw = "全會由縣委常委會主持。縣委書記許達(dá)受縣委常委會委託,作工作報告。"
    n = normalize(raw)
    start = n.text.index("许达")
    a, b = to_raw_span(n, start, start + 2)
    assert raw[a:b] == "許達"
    a, b = to_raw_span(n, 0, len(n.text))
    assert (a, b) == (0, len(raw))


# ---------------------------------------------------------------------------------------------
# the seed articles


def test_seed_000():
    n = normalize(sample_text("000"))
    assert (n.script, n.glosses_removed, n.mojibake_repaired, n.unrepaired_spots) == ("traditional", 173, 2, 0)
    assert "??" not in n.text and "形势。县委书记许达" in n.text and "讲话。县委副书记" in n.text
    assert n.text.endswith("列席会议。")  # 附件下载: gone


def test_seed_001():
    n = normalize(sample_text("001"))
    assert n.metadata.title == "雁峰区委五届四次全会暨2023年上半年经济运行分析会议召开"
    assert n.metadata.authors == ["高曙光", "张媛媛", "胡欢"]
    assert n.text.startswith(n.metadata.title + "\n9月13日上午")
    assert "首页" not in n.text and "相关阅读" not in n.text and "高曙光" not in n.text


def test_seed_002():
    n = normalize(sample_text("002"))
    assert (n.script, n.glosses_removed, n.mojibake_repaired, n.unrepaired_spots) == ("traditional", 238, 1, 2)
    meta = n.metadata
    assert (meta.outlet, meta.authors, meta.editor) == ("东安县融媒体中心", ["章佰政", "陈前"], "张钰茜")
    assert n.text.startswith("4月15日上午,县委副书记、县长龙向洋主持召开第60次县政府常务会议")
    assert n.text.endswith("老旧小区改造等工作。")
    for headline_word in ("唐何", "张波", "专项债", "联通", "下载APP", "责编", "来源"):
        assert headline_word not in n.text
    assert "?" not in n.text and "县域实际" in n.text


def test_seed_003():
    n = normalize(sample_text("003"))
    meta = n.metadata
    assert (meta.outlet, meta.authors, meta.editor) == ("红网", ["刘铁华"], "聂千川")
    assert n.text.startswith("2月13日,区委二届三次全体会议暨区委经济工作会议召开")
    assert n.text.endswith("部分基层党代表及党员代表、人大代表、政协委员。")
    assert n.boilerplate_chars_removed > 50


def test_seed_004():
    n = normalize(sample_text("004"))
    assert (n.script, n.glosses_removed, n.mojibake_repaired) == ("traditional", 177, 1)
    assert "??" not in n.text and "新的特征。县域经济" in n.text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_offsets_point_at_the_raw_characters(prefix):
    raw = sample_text(prefix)
    n = normalize(raw)
    _assert_offset_map(raw, n)
    assert normalize(n.text).text == n.text


# ---------------------------------------------------------------------------------------------
# properties

REPLACING_KINDS = {"mojibake", "markup"}
# full-width clause punctuation is folded to half-width, one character for one
FOLDED = str.maketrans("，；：（）！？", ",;:()!?")
# kinds of removal that may take Han characters with them
HAN_REMOVING_KINDS = {"furniture", "credit", "related", "caption", "duplicate_title", "mojibake", "unrepaired", "markup"}


def _assert_offset_map(raw, n):
    offsets = n.raw_offsets
    assert len(offsets) == len(n.text) + 1 and offsets[-1] == len(raw)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    replaced = {i for a, b, kind in n.removed if kind in REPLACING_KINDS for i in range(a, b)}
    for i, char in enumerate(n.text):
        source = offsets[i]
        if source not in replaced:
            assert char in (raw[source], OPENCC_T2S.convert(raw[source]), raw[source].translate(FOLDED)), (i, char)


def _han_positions(text):
    return {i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"}


# characters chosen so that t2s is idempotent on them (OpenCC maps 薴 -> 苧 -> 苎, a chain)
HAN = "县委召开常委会议研究部署经济工作书记主持讲话强调要坚持稳中求进总基调确保全年目标任务圆满完成縣會議經濟書記講話強調總調確圓滿成產黨關於"
PIECES = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=12),
    st.sampled_from(["(chǎn)", "(jì)", "（jīng）", "(扩大)", "（市、区）", "(2024)", "(一)", "。", ",", "，", "、", "“", "”", " ", "  ", "\u3000", "\n", "\n\n", "    "]),
    st.sampled_from(["??h", "?wù)", "市.委", "&nbsp;", "<br>"]),
)
BODY_PIECES = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=12),
    st.sampled_from(["(chǎn)", "(jì)", "（jīng）", "(扩大)", "(2024)", "。", ",", "、", " ", "\n"]),
)
PAGE_LINES = st.sampled_from(
    ["首页 > 新闻中心 > 要闻", "来源:县融媒体中心", "责编:张钰茜", "(作者 高曙光 张媛媛)", "相关阅读:", "下载APP", "大 中 小", "2021-12-29 16:00:51 编辑: 杨玉娟"]
)


@st.composite
def pages(draw):
    lines = draw(st.lists(st.one_of(PAGE_LINES, st.lists(PIECES, max_size=12).map("".join)), max_size=10))
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(pages())
def test_normalize_is_idempotent(raw):
    once = normalize(raw).text
    assert normalize(once).text == once


@settings(max_examples=300, deadline=None)
@given(pages())
def test_offset_map_round_trips(raw):
    _assert_offset_map(raw, normalize(raw))


@settings(max_examples=300, deadline=None)
@given(pages())
def test_han_characters_leave_only_with_glosses_and_boilerplate(raw):
    n = normalize(raw)
    kept = set(n.raw_offsets[:-1])
    removed = {i for a, b, kind in n.removed if kind in HAN_REMOVING_KINDS for i in range(a, b)}
    assert _han_positions(raw) <= kept | removed


@settings(max_examples=300, deadline=None)
@given(st.lists(BODY_PIECES, min_size=1, max_size=40).map("".join))
def test_article_text_keeps_every_han_character(raw):
    n = normalize(raw)
    # a headline repeated by the first sentence, and a trailing run of 3+ headline-like lines
    # (a related-articles list), are the only body text that may go
    dropped = {i for a, b, kind in n.removed if kind in ("duplicate_title", "related") for i in range(a, b)}
    assert _han_positions(raw) <= set(n.raw_offsets[:-1]) | dropped


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=HAN + "瞭解反覆乾隆沈默於后發髮", max_size=40))
def test_conversion_equals_opencc(text):
    assert to_simplified(text) == OPENCC_T2S.convert(text)
