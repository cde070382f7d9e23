"""Targets down the hierarchy (层层加码): each region's growth target for a year against its
prefecture's and its province's, from marts.target_hierarchy."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import charts, views

LEVELS = ["province", "prefecture", "county"]

st.title("Targets down the hierarchy")
st.caption("层层加码: a county's growth target set against its prefecture's and its province's for the same "
           "year (parents by division code). Regions without a code and townships are left out. "
           "Source: marts.target_hierarchy.")

available = views.frame("select indicator, target_year, count(*) as n from marts.target_hierarchy group by all")
if available.empty:
    st.info("No growth target with a resolved region code and a year is in this warehouse yet. The comparison "
            "appears here after a `govmeet run` over articles of a region and of the levels above it.",
            icon=":material/info:")
    st.stop()

per_indicator = available.groupby("indicator")["n"].sum().to_dict()
indicators = sorted(per_indicator, key=lambda code: (code != "gdp", -per_indicator[code], code))
left, right = st.columns(2)
indicator = left.selectbox("Indicator", indicators, key="hierarchy_indicator",
                           format_func=lambda code: f"{views.label(code)} ({per_indicator[code]:,})")
years = sorted(int(y) for y in available.loc[available["indicator"] == indicator, "target_year"])
year = right.selectbox("Target year", years, index=len(years) - 1, key="hierarchy_year")

rows = views.frame("""
    select * from marts.target_hierarchy where indicator = $indicator and target_year = $year
    order by case region_level when 'province' then 0 when 'prefecture' then 1 else 2 end, region_code
""", {"indicator": indicator, "year": year})


def figure(value, high, qualifier) -> str:
    if pd.isna(value):
        return "—"
    return views.figure_text({"measure": "growth_pct", "value": value, "value_high": high, "unit": "%",
                              "qualifier": qualifier, "relation_text": None})


def points(value) -> str:
    return "—" if pd.isna(value) else f"{value:+.2f}".rstrip("0").rstrip(".") + " pp"


rows["region"] = rows["region_name"].fillna(rows["region_code"])
rows["level"] = rows["region_level"].map(views.label)
for side in ("own", "prefecture", "province"):
    rows[f"{side}_figure"] = [figure(v, h, q) for v, h, q in
                              zip(rows[f"{side}_value"], rows[f"{side}_value_high"], rows[f"{side}_qualifier"])]
with_parent = rows[rows["own_minus_prefecture"].notna() | rows["own_minus_province"].notna()]
above = with_parent[(with_parent["own_minus_prefecture"] > 0) | (with_parent["own_minus_province"] > 0)]
a, b, c, d = st.columns(4)
a.metric("Regions with a target", f"{len(rows):,}")
b.metric("With a parent's target", f"{len(with_parent):,}")
c.metric("Above a parent's", f"{len(above):,}")
gaps = pd.concat([with_parent["own_minus_prefecture"], with_parent["own_minus_province"]]).dropna()
d.metric("Mean own − parent", points(gaps.mean()) if len(gaps) else "—")

label = views.label(indicator)
chart_left, chart_right = st.columns(2)
with chart_left:
    st.subheader(f"{label} targets by level, {year}")
    level_rows = rows.assign(level_order=rows["region_level"].map(LEVELS.index))
    tooltip = [alt.Tooltip("region:N", title="Region"), alt.Tooltip("level:N", title="Level"),
               alt.Tooltip("own_figure:N", title="Target"), alt.Tooltip("own_evidence:N", title="Sentence")]
    strip = alt.Chart(level_rows).mark_circle(size=140, opacity=0.85).encode(
        x=alt.X("level:N", title=None, sort=[views.label(level) for level in LEVELS], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("own_value:Q", title="Growth target (%)", scale=alt.Scale(zero=False), axis=alt.Axis(format="~g")),
        color=alt.Color("level:N", legend=None), tooltip=tooltip)
    st.altair_chart(strip, width="stretch")
with chart_right:
    st.subheader("Own target − parent's")
    differences = pd.concat([
        with_parent.assign(parent="Prefecture", value=with_parent["own_minus_prefecture"]),
        with_parent.assign(parent="Province", value=with_parent["own_minus_province"]),
    ]).dropna(subset=["value"])
    if differences.empty:
        st.info("No region here has a parent with a target for the same indicator and year.")
    else:
        differences = charts.bar_rows(differences.assign(figure=differences["value"].map(points)))
        tooltip = [alt.Tooltip("region:N", title="Region"), alt.Tooltip("parent:N", title="Against"),
                   alt.Tooltip("figure:N", title="Own − parent")]
        st.altair_chart(charts.bars(differences, "region", "Percentage points", tooltip, colour="parent"),
                        width="stretch")

st.subheader("Each region's target and its parents'")
table = views.with_article_links(rows.rename(columns={"own_doc_id": "doc_id", "own_span_start": "span_start",
                                                      "own_span_end": "span_end"}))
table["vs_prefecture"] = table["own_minus_prefecture"].map(points)
table["vs_province"] = table["own_minus_province"].map(points)
st.dataframe(table, hide_index=True, placeholder="—", key="hierarchy_table",
             column_order=["region", "region_code", "level", "own_figure", "prefecture_name", "prefecture_figure",
                           "vs_prefecture", "province_name", "province_figure", "vs_province", "own_evidence",
                           "source"],
             column_config={"region": st.column_config.TextColumn("Region"),
                            "region_code": st.column_config.TextColumn("Code"),
                            "level": st.column_config.TextColumn("Level"),
                            "own_figure": st.column_config.TextColumn("Target"),
                            "prefecture_name": st.column_config.TextColumn("Prefecture"),
                            "prefecture_figure": st.column_config.TextColumn("Prefecture's"),
                            "vs_prefecture": st.column_config.TextColumn("Own − prefecture"),
                            "province_name": st.column_config.TextColumn("Province"),
                            "province_figure": st.column_config.TextColumn("Province's"),
                            "vs_province": st.column_config.TextColumn("Own − province"),
                            "own_evidence": st.column_config.TextColumn("Source sentence", width="large"),
                            "source": views.SOURCE_COLUMN})
views.evidence_picker(table, table["region"] + " · " + table["own_figure"], key="hierarchy_pick",
                      title="Read a target in its article")
