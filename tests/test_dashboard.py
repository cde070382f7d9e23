"""The dashboard (dashboard/app.py): every page through Streamlit's AppTest, without a browser,
against a warehouse built by `govmeet run` on the sample, a small warehouse of known rows, and the
missing, empty, being-built and replaced-while-reading cases; one test in headless Chromium."""
from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SAMPLE_DIR, copy_of
from orchestration.cli import run as govmeet_run
from transforms.shared.models import (
    DocumentRow,
    EconomicTargetRow,
    MeetingRow,
    ParticipationRow,
    RejectedInputRow,
)
from warehouse.load import insert_rows
from warehouse.schema import create_core_schema
from warehouse.sql_models import build_model, discover_models

st_testing = pytest.importorskip("streamlit.testing.v1", reason="the dashboard extra is not installed: "
                                 "pip install -e '.[dashboard]'")
AppTest = st_testing.AppTest

from dashboard import charts as figure_charts, reader, views  # noqa: E402
from test_outcomes import ARTICLES as HIERARCHY_ARTICLES  # noqa: E402

APP = str(REPO / "dashboard" / "app.py")
PAGES = ["screens/targets.py", "screens/outcomes.py", "screens/hierarchy.py", "screens/officials.py", "screens/meetings.py", "screens/article.py", "screens/health.py"]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

# ---------------------------------------------------------------------------------------------
# A small warehouse of known rows: two regions, three years, officials at several meetings.

LUKOU = ("渌口区", "430212")  # region name, code
HENGNAN = ("衡南县", "430422")

ARTICLES = [
    {
        "text": "1月5日，中共株洲市渌口区委召开经济工作会议。区委书记张明远主持会议并讲话。\n"
                "会议提出，2022年全区地区生产总值增长8.5%左右，规模工业增加值增长12%，固定资产投资增长15%。",
        "published": dt.date(2022, 1, 6), "region": LUKOU, "date": dt.date(2022, 1, 5),
        "meeting": ("中共株洲市渌口区委召开经济工作会议", ["economic_work_conference"]),
        "people": [("张明远", ["区委书记"], "presided", "区委书记张明远主持会议"),
                   ("张明远", ["区委书记"], "spoke", "区委书记张明远主持会议并讲话")],
        "targets": [(2022, "gdp", "地区生产总值", 8.5, "about", "地区生产总值增长8.5%左右"),
                    (2022, "industrial_value_added", "规模工业增加值", 12.0, None, "规模工业增加值增长12%"),
                    (2022, "fixed_asset_investment", "固定资产投资", 15.0, None, "固定资产投资增长15%")],
    },
    {
        "text": "2023年1月10日上午，衡南县委经济工作会议召开。县委书记李红军出席会议并讲话，县长王立新主持会议。\n"
                "会议明确，2023年全县地区生产总值增长7%以上。",
        "published": dt.date(2023, 1, 11), "region": HENGNAN, "date": dt.date(2023, 1, 10),
        "meeting": ("衡南县委经济工作会议", ["economic_work_conference"]),
        "people": [("李红军", ["县委书记"], "spoke", "县委书记李红军出席会议并讲话"),
                   ("王立新", ["县长"], "presided", "县长王立新主持会议")],
        "targets": [(2023, "gdp", "地区生产总值", 7.0, "at_least", "地区生产总值增长7%以上")],
    },
    {
        "text": "2024年3月2日，衡南县召开县委常委会会议暨一季度经济运行分析会。县委书记李红军主持会议。\n"
                "会议要求，确保2024年地区生产总值增长6.5%。",
        "published": dt.date(2024, 3, 3), "region": HENGNAN, "date": dt.date(2024, 3, 2),
        "meeting": ("县委常委会会议暨一季度经济运行分析会", ["party_standing_committee", "economic_analysis"]),
        "people": [("李红军", ["县委书记"], "presided", "县委书记李红军主持会议")],
        "targets": [(2024, "gdp", "地区生产总值", 6.5, None, "地区生产总值增长6.5%")],
    },
]
NO_MEETING_TEXT = "本网讯 近日，全县各地春耕生产有序推进。"


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def build_known_warehouse(path: Path) -> Path:
    """A warehouse holding ARTICLES, a document without meetings and one rejected input, with every SQL model built."""
    docs, meetings, people, targets = [], [], [], []
    for i, article in enumerate(ARTICLES):
        text, doc_id = article["text"], f"{i:064x}"
        meeting_id = f"{doc_id}-0"
        region_name, region_code = article["region"]
        docs.append(DocumentRow(doc_id=doc_id, source_uri=f"/inbox/article_{i}.txt", script="simplified",
                                title=article["meeting"][0], outlet="新湖南", published_date=article["published"],
                                text=text, status="parsed", parser_version="test"))
        start, end = span(text, article["meeting"][0])
        meetings.append(MeetingRow(meeting_id=meeting_id, doc_id=doc_id, name_text=article["meeting"][0],
                                   kinds=article["meeting"][1], region_name=region_name, region_code=region_code,
                                   region_level="county", province="湖南省", meeting_date=article["date"],
                                   date_basis="explicit" if i else "metadata", span_start=start, span_end=end,
                                   scope_start=0, scope_end=len(text)))
        for name, titles, role, phrase in article["people"]:
            start, end = span(text, phrase)
            people.append(ParticipationRow(meeting_id=meeting_id, person_name=name, titles=titles, role=role,
                                           span_start=start, span_end=end))
        for j, (year, indicator, written, value, qualifier, phrase) in enumerate(article["targets"]):
            start, end = span(text, phrase)
            targets.append(EconomicTargetRow(target_id=f"{doc_id}-t{j}", doc_id=doc_id, meeting_id=meeting_id,
                                             region_name=region_name, region_code=region_code, target_year=year,
                                             indicator=indicator, indicator_text=written, measure="growth_pct",
                                             value=value, unit="%", qualifier=qualifier,
                                             span_start=start, span_end=end))
    docs.append(DocumentRow(doc_id="f" * 64, source_uri="/inbox/spring.txt", script="traditional",
                            text=NO_MEETING_TEXT, status="no_meeting", parser_version="test"))
    rejected = [RejectedInputRow(source_uri="/inbox/empty.txt", reason="empty", rejected_at=dt.datetime(2024, 3, 4),
                                 detail="The file is empty; remove it from the inbox or replace it with the article.")]
    con = duckdb.connect(str(path))
    try:
        create_core_schema(con)
        for model, rows in ((DocumentRow, docs), (MeetingRow, meetings), (ParticipationRow, people),
                            (EconomicTargetRow, targets), (RejectedInputRow, rejected)):
            insert_rows(con, model, rows)
        for model in discover_models():
            build_model(con, model)
    finally:
        con.close()
    return path


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory, sample_build) -> Path:
    """The bundled sample through `govmeet run` (built once a session: conftest.sample_build), this module's copy."""
    return copy_of(sample_build, tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def known_warehouse(tmp_path_factory) -> Path:
    return build_known_warehouse(tmp_path_factory.mktemp("known") / "govmeet.duckdb")


@pytest.fixture(scope="module")
def hierarchy_warehouse(tmp_path_factory) -> Path:
    """A province, its prefecture and a county setting 2023 GDP targets, and the county's reports
    (tests/test_outcomes.py), through `govmeet run`."""
    inbox = tmp_path_factory.mktemp("hierarchy")
    for name, text in HIERARCHY_ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    path = inbox.parent / "hierarchy.duckdb"
    assert govmeet_run([str(inbox)], str(path), workers=1, max_bytes=5_000_000, quiet=True) == 0
    return path


@pytest.fixture(scope="module")
def untidy_warehouse(known_warehouse, tmp_path_factory) -> Path:
    """The known warehouse plus GDP targets of two unresolved regions (2022, 2023) and one whose
    year the article does not say, as real articles give them."""
    path = Path(shutil.copy(known_warehouse, tmp_path_factory.mktemp("untidy") / "govmeet.duckdb"))
    doc_id = f"{0:064x}"
    start, end = span(ARTICLES[0]["text"], "地区生产总值增长8.5%左右")
    rows = [EconomicTargetRow(target_id=f"u{i}", doc_id=doc_id, region_name=name, region_code=code, target_year=year,
                              indicator="gdp", indicator_text="地区生产总值", measure="growth_pct", value=value,
                              unit="%", span_start=start, span_end=end)
            for i, (name, code, year, value) in enumerate([(None, None, 2022, 9.0), (None, None, 2023, 5.0),
                                                           ("衡南县", "430422", None, 7.7)])]
    con = duckdb.connect(str(path))
    try:
        insert_rows(con, EconomicTargetRow, rows)
        for model in discover_models():
            build_model(con, model)
    finally:
        con.close()
    return path


def fetch(warehouse: Path, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def open_app(monkeypatch, warehouse: Path, page: str | None = None, query: dict | None = None) -> AppTest:
    """The dashboard on `page` (a file under dashboard/), run once, reading `warehouse`."""
    monkeypatch.setenv("GOVMEET_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page or query:
        at.query_params.update(query or {})
        at.switch_page(page or PAGES[0]).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    (found,) = [m.value for m in at.metric if m.proto.label == label]
    return found


def table_with(at: AppTest, *columns: str):
    """The one st.dataframe whose data has all of `columns`."""
    (found,) = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    return found


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def messages(at: AppTest) -> str:
    return "\n".join(m.value for kind in (at.info, at.warning, at.error) for m in kind)


# ---------------------------------------------------------------------------------------------
# The marts the dashboard adds


@pytest.mark.parametrize("mart", ["marts.target_series", "marts.official_timeline"])
def test_mart_evidence_is_the_document_text_at_the_span(sample_warehouse, known_warehouse, mart):
    for warehouse in (sample_warehouse, known_warehouse):
        rows = fetch(warehouse, f"select d.text, m.span_start, m.span_end, m.evidence from {mart} m "
                                "join core.documents d using (doc_id)")
        # the text at the span; a long one (over 200 characters) is cut to a window of it, marked '…'
        assert all(evidence == text[start:end] if end - start <= 200 else
                   evidence.endswith("…") and evidence[:-1] in text[start:end] and len(evidence) <= 200
                   for text, start, end, evidence in rows)
    assert len(fetch(known_warehouse, f"select * from {mart}")) == 5


def test_meetings_by_month_counts_a_combined_meeting_under_each_kind(known_warehouse):
    assert fetch(known_warehouse, "select meeting_month::varchar, kind, region_name, meeting_count "
                                  "from marts.meetings_by_month order by all") == [
        ("2022-01-01", "economic_work_conference", "渌口区", 1),
        ("2023-01-01", "economic_work_conference", "衡南县", 1),
        ("2024-03-01", "economic_analysis", "衡南县", 1),
        ("2024-03-01", "party_standing_committee", "衡南县", 1)]


def test_corpus_health_counts_documents_rejections_and_date_basis(known_warehouse):
    health = {(m, c): (n, share) for m, c, n, share in fetch(known_warehouse, "select * from marts.corpus_health")}
    assert health[("document_status", "parsed")] == (3, 0.75)
    assert health[("document_status", "no_meeting")] == (1, 0.25)
    assert health[("rejected_reason", "empty")] == (1, 1.0)
    assert health[("date_basis", "explicit")][0] == 2 and health[("date_basis", "metadata")][0] == 1
    assert health[("table_rows", "economic_targets")] == (5, None)


# ---------------------------------------------------------------------------------------------
# Every page on the sample warehouse built by `govmeet run`


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_the_sample_warehouse(monkeypatch, sample_warehouse, page):
    at = open_app(monkeypatch, sample_warehouse, page)
    assert at.title and at.title[0].value in {"Economic targets", "Targets and outcomes", "Targets down the hierarchy",
                                                "Officials' appearances", "Meeting calendar", "Article", "Corpus health"}
    assert not at.error, messages(at)


def test_sample_targets_page_shows_every_figure_of_the_chosen_indicator(monkeypatch, sample_warehouse):
    at = open_app(monkeypatch, sample_warehouse)
    rows = fetch(sample_warehouse, "select indicator, count(*) from marts.target_series group by 1")
    if not rows:
        assert "No economic target has been extracted" in messages(at)
        return
    indicator = at.selectbox(key="targets_indicator").value
    assert indicator == sorted(rows, key=lambda r: (r[0] != "gdp", -r[1], r[0]))[0][0]  # GDP first, then the commonest
    figures = table_with(at, "figure", "evidence")
    assert len(figures) == dict(rows)[indicator]
    assert len(charts(at)) >= 1


def test_sample_health_page_counts_what_the_warehouse_holds(monkeypatch, sample_warehouse):
    at = open_app(monkeypatch, sample_warehouse, "screens/health.py")
    ((documents, parsed, rejected, meetings),) = fetch(sample_warehouse, """
        select (select count(*) from core.documents), (select count(*) from core.documents where status = 'parsed'),
               (select count(*) from core.rejected_inputs), (select count(*) from core.meetings)""")
    assert documents == 5
    assert metric(at, "Documents") == "5"
    assert metric(at, "With a meeting") == str(parsed)
    assert metric(at, "Rejected inputs") == str(rejected)
    assert metric(at, "Meetings") == str(meetings)


def test_sample_article_page_lists_every_document(monkeypatch, sample_warehouse):
    at = open_app(monkeypatch, sample_warehouse, "screens/article.py")
    assert len(at.selectbox(key="article_doc").options) == 5
    assert "govmeet-article" in at.get("html")[0].value


# ---------------------------------------------------------------------------------------------
# The pages on a warehouse of known rows


def test_targets_page_charts_gdp_and_lists_each_figure_with_its_sentence(monkeypatch, known_warehouse):
    at = open_app(monkeypatch, known_warehouse)
    assert at.selectbox(key="targets_indicator").value == "gdp"
    assert len(charts(at)) == 2
    figures = table_with(at, "figure", "evidence").sort_values("target_year")
    assert figures["region"].tolist() == ["渌口区", "衡南县", "衡南县"]
    assert figures["target_year"].tolist() == [2022, 2023, 2024]
    assert figures["value"].tolist() == [8.5, 7.0, 6.5]
    assert figures["figure"].tolist() == ["≈ +8.5%", "≥ +7%", "+6.5%"]
    assert figures["evidence"].tolist() == ["地区生产总值增长8.5%左右", "地区生产总值增长7%以上", "地区生产总值增长6.5%"]
    assert figures["source"].iloc[0].startswith("article?doc=" + "0" * 64 + "&start=")
    grid = table_with(at, "Region", "Code")
    assert grid.set_index("Region").loc["渌口区", "2022"] == "≈ +8.5%"
    assert grid.set_index("Region").loc["衡南县", "2024"] == "+6.5%"
    # drill-down: the first figure read in its article, the sentence marked
    passage, whole = at.get("html")
    assert '">地区生产总值增长8.5%左右</mark>' in passage.value
    assert "区委书记张明远主持会议并讲话" not in passage.value  # another paragraph
    assert '">地区生产总值增长8.5%左右</mark>' in whole.value and "区委书记张明远主持会议并讲话" in whole.value


def test_targets_page_switches_indicator_and_drills_down_to_another_figure(monkeypatch, known_warehouse):
    at = open_app(monkeypatch, known_warehouse)
    at.selectbox(key="targets_indicator").set_value("industrial_value_added").run()
    figures = table_with(at, "figure", "evidence")
    assert figures[["region", "value", "evidence"]].values.tolist() == [["渌口区", 12.0, "规模工业增加值增长12%"]]
    assert "规模工业增加值增长12%</mark>" in at.get("html")[0].value
    at.selectbox(key="targets_indicator").set_value("gdp").run()
    at.selectbox(key="targets_pick").set_value(2).run()
    assert "地区生产总值增长6.5%</mark>" in at.get("html")[0].value


def test_officials_page_searches_by_name_and_shows_appearances_over_time(monkeypatch, known_warehouse):
    at = open_app(monkeypatch, known_warehouse, "screens/officials.py")
    assert metric(at, "Officials") == "3" and metric(at, "Appearances") == "5"
    assert len(charts(at)) == 2
    at.text_input(key="officials_query").input("李").run()
    officials = table_with(at, "person_name", "meeting_count")
    assert officials[["person_name", "region", "meeting_count"]].values.tolist() == [["李红军", "衡南县", 2]]
    assert officials["roles"].tolist() == ["Presided、Spoke"]
    appearances = table_with(at, "meeting_name", "role_label")
    assert sorted(zip(appearances["meeting_date"].astype(str), appearances["role"])) == [
        ("2023-01-10", "spoke"), ("2024-03-02", "presided")]
    assert "县委书记李红军出席会议并讲话</mark>" in at.get("html")[0].value
    at.text_input(key="officials_query").input("赵").run()
    assert "No official matches “赵”" in messages(at)


def test_meetings_page_counts_meetings_per_month_by_kind(monkeypatch, known_warehouse):
    at = open_app(monkeypatch, known_warehouse, "screens/meetings.py")
    assert metric(at, "Meetings") == "3" and metric(at, "Dated") == "3"
    assert len(charts(at)) == 1
    at.multiselect(key="meetings_kinds").select("economic_analysis").run()
    meetings = table_with(at, "name_text", "participant_count")
    assert meetings["name_text"].tolist() == ["县委常委会会议暨一季度经济运行分析会"]
    assert meetings["kinds"].tolist() == ["Party standing committee、Economic analysis"]
    assert "县委常委会会议暨一季度经济运行分析会</mark>" in at.get("html")[0].value


def test_article_page_highlights_the_linked_span_and_lists_the_facts(monkeypatch, known_warehouse):
    doc_id = f"{1:064x}"
    text = ARTICLES[1]["text"]
    start, end = span(text, "地区生产总值增长7%以上")
    at = open_app(monkeypatch, known_warehouse, "screens/article.py",
                  {"doc": doc_id, "start": str(start), "end": str(end)})
    assert "地区生产总值增长7%以上</mark>" in at.get("html")[0].value
    facts = table_with(at, "fact", "what")
    assert sorted(facts["fact"]) == ["meeting", "person", "person", "target"]
    assert at.selectbox(key="article_fact").value == 0  # the linked sentence first


def test_article_page_says_when_the_document_is_gone(monkeypatch, known_warehouse):
    at = open_app(monkeypatch, known_warehouse, "screens/article.py", {"doc": "e" * 64, "start": "0", "end": "4"})
    assert f"No document {'e' * 64} is in this warehouse" in messages(at)
    assert not at.get("html")


def test_health_page_shows_rejections_and_date_basis(monkeypatch, known_warehouse):
    at = open_app(monkeypatch, known_warehouse, "screens/health.py")
    assert metric(at, "Documents") == "4" and metric(at, "With a meeting") == "3"
    assert metric(at, "Rejected inputs") == "1" and metric(at, "Targets") == "5"
    assert len(charts(at)) == 2
    rejected = table_with(at, "reason", "detail")
    assert rejected[["reason", "source_uri"]].values.tolist() == [["empty", "/inbox/empty.txt"]]
    shares = table_with(at, "what", "category")
    assert shares.loc[shares["category"] == "no_meeting", "n"].tolist() == [1]
    assert table_with(at, "opening", "source_uri")["source_uri"].tolist() == ["/inbox/spring.txt"]


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in charts(at)]


def chart_values(at: AppTest, index: int = 0) -> list:
    """Every `value` of the data sets a chart on the page draws (Streamlit sends them as Arrow)."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    found = []
    for dataset in charts(at)[index].proto.datasets:
        data = convert_arrow_bytes_to_pandas_df(dataset.data.data)
        found += data["value"].tolist() if "value" in data.columns else []
    return found


def test_targets_page_draws_no_line_through_unresolved_regions_and_lists_undated_targets_apart(monkeypatch,
                                                                                             untidy_warehouse):
    at = open_app(monkeypatch, untidy_warehouse)
    assert not at.error, messages(at)
    spec = chart_specs(at)[0]
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks.count("line") == 1 and marks.count("point") == 2  # resolved points, unresolved crosses
    plotted = chart_values(at)
    assert 7.7 not in plotted and {9.0, 5.0} <= set(plotted)  # the undated target is not on the year axis
    tables = [d.value for d in at.dataframe if {"figure", "evidence"} <= set(d.value.columns)]
    (undated,) = [t for t in tables if t["target_year"].isna().all()]
    assert undated["figure"].tolist() == ["+7.7%"]
    assert "GDP targets without a year" in [h.value for h in at.subheader]
    assert 7.7 in max(tables, key=len)["value"].tolist()  # the main table still lists every figure


def test_year_chart_joins_only_the_figures_of_one_region():
    import pandas as pd

    rows = pd.DataFrame({"region_name": ["衡南县", "衡南县", None, None, "渌口区"],
                         "region_code": ["430422", "430422", None, None, "430212"],
                         "target_year": [2022, 2023, 2022, 2023, None], "value": [8.0, 7.0, 9.0, 5.0, 6.0],
                         "value_high": [None] * 5, "figure": ["+8%", "+7%", "+9%", "+5%", "+6%"]})
    rows["region"] = views.region_label(rows)
    spec = figure_charts.by_year(rows, "Growth target (%)", []).to_dict()
    line = next(layer for layer in spec["layer"] if layer["mark"] in ("line", {"type": "line"}))
    assert line["encoding"]["detail"]["field"] == "series"
    assert {r["series"] for r in spec["datasets"][line["data"]["name"]]} == {"430422"}  # no unresolved, no undated
    crosses = [layer for layer in spec["layer"] if isinstance(layer["mark"], dict) and layer["mark"].get("shape") == "cross"]
    assert [r["value"] for r in spec["datasets"][crosses[0]["data"]["name"]]] == [9.0, 5.0]


def test_bars_give_every_figure_its_own_row_and_room_for_its_label():
    import pandas as pd

    rows = figure_charts.bar_rows(pd.DataFrame({"region_name": ["衡南县", "衡南县", None, None],
                                         "region": ["衡南县", "衡南县", views.UNRESOLVED_REGION, views.UNRESOLVED_REGION],
                                         "value": [8.0, 7.5, 6.0, 9.0], "figure": ["+8%", "+7.5%", "+6%", "+9%"]}))
    assert rows["region"].tolist() == ["衡南县", "衡南县", f"{views.UNRESOLVED_REGION} 1", f"{views.UNRESOLVED_REGION} 2"]
    assert rows["row_key"].is_unique
    spec = figure_charts.bars(rows, "region", "Growth target (%)", []).to_dict()
    assert spec["height"] == max(140, figure_charts.BAR_ROW_PX * 4)
    many = figure_charts.bar_rows(pd.concat([rows] * 3).drop(columns="row_key"))
    assert figure_charts.bars(many, "region", "", []).to_dict()["height"] == figure_charts.BAR_ROW_PX * 12
    bar = spec["layer"][0]["encoding"]
    assert bar["yOffset"]["field"] == "row_key" and bar["x"]["scale"]["domain"][1] == pytest.approx(9.0 * figure_charts.LABEL_ROOM)


# ---------------------------------------------------------------------------------------------
# Targets vs outcomes and down the hierarchy, on the province-prefecture-county fixtures


def test_outcomes_page_shows_the_county_target_outcome_gap_and_both_sentences(monkeypatch, hierarchy_warehouse):
    at = open_app(monkeypatch, hierarchy_warehouse, "screens/outcomes.py")
    assert not at.error, messages(at)
    assert at.selectbox(key="outcomes_region").value == "430422"  # the region with a comparison first
    assert at.selectbox(key="outcomes_indicator").value == "gdp"
    assert metric(at, "Met") == "1" and metric(at, "Missed") == "0"
    table = table_with(at, "target_evidence", "outcome_evidence")
    assert table[["target_year", "target", "outcome", "verdict", "gap_text"]].values.tolist() == [
        [2023, "≥ +8%", "+8.3%", "met", "+0.3 pp"], [2024, "≈ +7.5%", "—", "—", "—"]]
    assert table["outcome_evidence"].iloc[0] == "地区生产总值增长8.3%"
    assert len(charts(at)) == 1
    assert "地区生产总值增长8%以上</mark>" in at.get("html")[0].value  # the first sentence: 2023's target
    at.selectbox(key="outcomes_pick").set_value(1).run()
    assert "地区生产总值增长8.3%</mark>" in at.get("html")[0].value
    at.selectbox(key="outcomes_indicator").set_value("fixed_asset_investment").run()
    assert metric(at, "Missed") == "1"


def test_hierarchy_page_sets_the_county_against_its_prefecture_and_province(monkeypatch, hierarchy_warehouse):
    at = open_app(monkeypatch, hierarchy_warehouse, "screens/hierarchy.py")
    assert not at.error, messages(at)
    assert at.selectbox(key="hierarchy_indicator").value == "gdp"
    assert at.selectbox(key="hierarchy_year").value == 2024  # the latest year first
    at.selectbox(key="hierarchy_year").set_value(2023).run()
    table = table_with(at, "own_figure", "vs_prefecture")
    assert table[["region_code", "level", "own_figure", "prefecture_figure", "vs_prefecture", "province_figure",
                  "vs_province"]].values.tolist() == [
        ["430000", "Province", "≈ +6.5%", "—", "—", "—", "—"],
        ["430400", "Prefecture", "≥ +7%", "—", "—", "≈ +6.5%", "+0.5 pp"],
        ["430422", "County", "≥ +8%", "≥ +7%", "+1 pp", "≈ +6.5%", "+1.5 pp"]]
    assert metric(at, "With a parent's target") == "2" and metric(at, "Above a parent's") == "2"
    assert len(charts(at)) == 2
    assert "地区生产总值增长6.5%左右</mark>" in at.get("html")[0].value


# ---------------------------------------------------------------------------------------------
# Missing, empty, being built, replaced while reading: a message, never a stack trace


def assert_message_only(at: AppTest, title: str, *phrases: str) -> None:
    assert not at.exception, [e.message for e in at.exception]
    text = messages(at)
    assert title in text
    for phrase in phrases:
        assert phrase in text
    assert not at.dataframe and not charts(at)


def test_missing_warehouse_says_how_to_build_one(monkeypatch, tmp_path):
    at = open_app(monkeypatch, tmp_path / "nowhere.duckdb")
    assert_message_only(at, "No warehouse yet", f"{tmp_path / 'nowhere.duckdb'}", "govmeet run", "GOVMEET_WAREHOUSE")


def test_warehouse_not_yet_published_says_it_is_being_built(monkeypatch, tmp_path):
    (tmp_path / ".build").mkdir()
    (tmp_path / ".build" / "govmeet.some-run-id.duckdb").write_bytes(b"")
    at = open_app(monkeypatch, tmp_path / "govmeet.duckdb")
    assert_message_only(at, "The warehouse is being built", "Reload this page in a moment")


def test_a_build_left_by_a_dead_run_is_not_taken_for_one_in_progress(tmp_path):
    (tmp_path / ".build").mkdir()
    left = tmp_path / ".build" / "govmeet.dead-run.duckdb"
    left.write_bytes(b"")
    os.utime(left, (time.time() - 7 * 3600,) * 2)
    assert not reader.build_in_progress(tmp_path / "govmeet.duckdb")
    with pytest.raises(reader.WarehouseMissing):
        reader.open_snapshot(tmp_path / "govmeet.duckdb")


def test_empty_warehouse_file_says_it_is_empty(monkeypatch, tmp_path):
    path = tmp_path / "govmeet.duckdb"
    duckdb.connect(str(path)).close()
    at = open_app(monkeypatch, path)
    assert_message_only(at, "The warehouse is empty", "holds no govmeet tables")


def test_warehouse_without_documents_says_it_is_empty(monkeypatch, tmp_path):
    path = tmp_path / "govmeet.duckdb"
    con = duckdb.connect(str(path))
    create_core_schema(con)
    for model in discover_models():
        build_model(con, model)
    con.close()
    at = open_app(monkeypatch, path, "screens/health.py")
    assert_message_only(at, "The warehouse is empty", "no documents and no rejected inputs")


def test_warehouse_built_before_the_dashboard_marts_says_to_rerun(monkeypatch, tmp_path):
    path = shutil.copy(build_known_warehouse(tmp_path / "full.duckdb"), tmp_path / "old.duckdb")
    con = duckdb.connect(str(path))
    con.execute("drop table marts.target_series")
    con.close()
    at = open_app(monkeypatch, Path(path))
    assert_message_only(at, "lacks tables", "marts.target_series", "govmeet run")


def test_a_file_that_is_not_a_warehouse_is_reported(monkeypatch, tmp_path):
    path = tmp_path / "govmeet.duckdb"
    path.write_text("not a database " * 100)
    at = open_app(monkeypatch, path)
    assert_message_only(at, "cannot be read", "not a DuckDB database")


def test_warehouse_held_open_for_writing_is_reported(monkeypatch, tmp_path, known_warehouse):
    path = Path(shutil.copy(known_warehouse, tmp_path / "govmeet.duckdb"))
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(path)!r})\nprint('open', flush=True)\ntime.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        at = open_app(monkeypatch, path)
        assert_message_only(at, "The warehouse is being built", "open for writing")
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_a_query_after_a_publish_raises_changed_not_a_mix_of_two_files(tmp_path, known_warehouse):
    path = Path(shutil.copy(known_warehouse, tmp_path / "govmeet.duckdb"))
    snapshot = reader.open_snapshot(path)
    assert reader.query(snapshot, "select count(*) as n from core.documents")["n"][0] == 4
    newer = Path(shutil.copy(known_warehouse, tmp_path / "newer.duckdb"))
    os.replace(newer, path)  # what warehouse/publish.py does
    with pytest.raises(reader.WarehouseChanged):
        reader.query(snapshot, "select count(*) as n from core.documents")
    assert reader.query(reader.open_snapshot(path), "select count(*) as n from core.documents")["n"][0] == 4


def test_a_publish_while_a_page_is_drawn_redraws_it_from_the_new_file(monkeypatch, tmp_path, known_warehouse,
                                                                       sample_warehouse):
    path = Path(shutil.copy(known_warehouse, tmp_path / "govmeet.duckdb"))
    at = open_app(monkeypatch, path)
    connect = reader._connect
    calls = []

    def publish_during_the_page(snapshot):
        calls.append(snapshot.identity)
        if len(calls) == 4:  # open_snapshot's two checks, the page's first query, then a run publishes
            os.replace(shutil.copy(sample_warehouse, tmp_path / "next.duckdb"), path)
        return connect(snapshot)

    monkeypatch.setattr(reader, "_connect", publish_during_the_page)
    at.switch_page("screens/health.py").run()
    assert not at.exception and not at.error, messages(at)
    assert metric(at, "Documents") == "5"  # the sample's: the page was drawn again from the new file
    assert len(calls) > 4 and len(set(calls)) == 2


def test_a_newly_published_warehouse_shows_at_the_next_interaction(monkeypatch, tmp_path, known_warehouse,
                                                                   sample_warehouse):
    path = Path(shutil.copy(known_warehouse, tmp_path / "govmeet.duckdb"))
    at = open_app(monkeypatch, path, "screens/health.py")
    assert metric(at, "Documents") == "4"
    os.replace(shutil.copy(sample_warehouse, tmp_path / "next.duckdb"), path)
    at.button(key="reload").click().run()
    assert metric(at, "Documents") == "5"


# ---------------------------------------------------------------------------------------------
# Pure helpers


def test_highlight_marks_the_span_and_escapes_the_rest():
    text = "会议<b>开始</b>。GDP增长8.5%左右。"
    start, end = span(text, "GDP增长8.5%左右")
    marked = views.highlight(text, start, end)
    assert "&lt;b&gt;开始&lt;/b&gt;" in marked and "<b>" not in marked
    assert marked.count("<mark") == 1 and '">GDP增长8.5%左右</mark>。</div>' in marked


def test_passage_is_the_paragraph_of_the_evidence_cut_around_it():
    text = "会议由县长主持。\n会议提出，GDP增长8.5%左右。\n会议要求抓落实。"
    start, end = span(text, "GDP增长8.5%左右")
    assert text[slice(*views.passage(text, start, end))] == "会议提出，GDP增长8.5%左右。"
    shown = views.passage_html(text, start, end)
    assert "县长" not in shown and "抓落实" not in shown and "…" not in shown
    long = "甲" * 1000 + "GDP增长8.5%" + "乙" * 1000
    start, end = span(long, "GDP增长8.5%")
    first, last = views.passage(long, start, end)
    assert (start - first, last - end) == (views.PASSAGE_CHARS, views.PASSAGE_CHARS)
    assert views.passage_html(long, start, end).count("…") == 2


def test_figure_text_reads_like_the_target():
    base = {"measure": "growth_pct", "value": 8.0, "value_high": 9.0, "unit": "%", "qualifier": None,
            "relation_text": None}
    assert views.figure_text(base) == "+8–9%"
    assert views.figure_text(base | {"value_high": float("nan"), "qualifier": "at_least"}) == "≥ +8%"
    assert views.figure_text(base | {"measure": "level", "value": 1200.0, "value_high": None, "unit": "亿元"}) \
        == "1,200 亿元"
    assert views.figure_text(base | {"measure": "qualitative", "value": None, "relation_text": "低于全市平均水平"}) \
        == "低于全市平均水平"


def test_codes_read_as_words():
    assert views.label("economic_work_conference") == "Economic work conference"
    assert views.label("gdp") == "GDP" and views.label("rostrum") == "On the rostrum"
    assert views.labels(["presided", "spoke"]) == "Presided、Spoke"


def test_warehouse_path_defaults_to_the_repository_file_and_follows_the_environment(tmp_path):
    assert reader.warehouse_path({}) == REPO / "warehouse" / "govmeet.duckdb"
    assert reader.warehouse_path({"GOVMEET_WAREHOUSE": str(tmp_path / "w.duckdb")}) == tmp_path / "w.duckdb"


# ---------------------------------------------------------------------------------------------
# The dashboard served on localhost and opened in headless Chromium (`make test-browser`)

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
READY_JS = """(() => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
      .filter(c => c.querySelector('svg, canvas'));
  const tables = [...document.querySelectorAll('[data-testid="stDataFrame"]')];
  const running = document.querySelector('[data-testid="stStatusWidget"]');
  return JSON.stringify({charts: charts.length, tables: tables.length, running: !!running,
    headings: [...document.querySelectorAll('h1, h3')].map(h => h.innerText.trim()),
    cells: [...document.querySelectorAll('[data-testid^="glide-cell-"]')].map(c => c.innerText.trim()),
    alerts: [...document.querySelectorAll('[data-testid="stAlert"]')].map(a => a.innerText.trim())});
})()"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"gave up after {timeout:.0f}s waiting for {what}")


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class DevTools:
    """The few Chrome DevTools Protocol calls the test needs, over the page's websocket."""

    def __init__(self, websocket):
        self.ws, self.next_id = websocket, 0

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=60))
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message["result"]

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")


@pytest.fixture
def served_dashboard(sample_warehouse, tmp_path):
    """`streamlit run dashboard/app.py` on 127.0.0.1 and a free port, reading the sample warehouse."""
    port = free_port()
    env = dict(os.environ, GOVMEET_WAREHOUSE=str(sample_warehouse), HOME=str(tmp_path))
    log = open(tmp_path / "streamlit.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
         "--server.fileWatcherType", "none"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: server.poll() is not None or http_ok(f"http://127.0.0.1:{port}/_stcore/health"), 60,
                   "the dashboard to start")
        assert server.poll() is None, (tmp_path / "streamlit.log").read_text()
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
        log.close()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`); "
                    "`make test-browser` installs it and runs this test")
def test_browser_renders_the_charts_and_the_gdp_table_of_the_sample(served_dashboard, sample_warehouse, tmp_path):
    from websockets.sync.client import connect

    gdp = fetch(sample_warehouse, "select evidence from marts.target_series where indicator = 'gdp'")
    assert gdp, "the sample warehouse has no GDP target (data/sample/003 sets 地区生产总值增长8.5%)"
    profile = tmp_path / "chromium-profile"
    browser = subprocess.Popen([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                "--window-size=1440,1800", "--hide-scrollbars", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        port = wait_until(lambda: port_file.exists() and port_file.read_text().split()[:1], 30,
                          "Chromium's DevTools port")[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        with connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30) as websocket:
            tools = DevTools(websocket)
            tools.call("Page.enable")
            tools.call("Page.navigate", url=served_dashboard)

            def rendered():
                state = json.loads(tools.evaluate(READY_JS) or "{}")
                done = state.get("charts", 0) >= 2 and state.get("tables", 0) >= 1 and not state.get("running")
                return state if done or state.get("alerts") and not state.get("running") else None

            state = wait_until(rendered, 90, "the Targets page to render")
            time.sleep(1.5)  # let the charts finish their enter transitions before the picture
            state = json.loads(tools.evaluate(READY_JS))
            shot = tools.call("Page.captureScreenshot", format="png")["data"]
            ARTIFACTS.mkdir(exist_ok=True)
            screenshot = ARTIFACTS / "dashboard_targets.png"
            screenshot.write_bytes(base64.b64decode(shot))
            (ARTIFACTS / "dashboard_targets.html").write_text(tools.evaluate("document.documentElement.outerHTML"),
                                                              encoding="utf-8")
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=20)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait(timeout=20)
    assert not state["alerts"], state["alerts"]
    assert "Economic targets" in state["headings"]
    assert state["charts"] >= 2, state
    assert "GDP targets with their source sentences" in state["headings"]
    for (evidence,) in gdp:  # every GDP figure's source sentence is a cell of the rendered table
        assert evidence in state["cells"], (evidence, state["cells"])
    assert screenshot.stat().st_size > 20_000
