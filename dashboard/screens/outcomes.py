"""Targets and outcomes: each region's growth target for a year against the full-year outcome
reported for it, over the years, with both sentences; from marts.target_vs_outcome."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import views

BASIS_LABELS = {"reported": "reported", "preliminary": "first count (初步统计)", "estimated": "estimate (预计)"}

st.title("Targets and outcomes")
st.caption("Did the region meet its target? The growth target for a year against the full-year outcome any "
           "article reported for it (reported before a first count before an estimate). "
           "Source: marts.target_vs_outcome.")

regions = views.frame("""
    select region_code, any_value(region_name) as region_name, count(*) as years,
           count(met) as compared
    from marts.target_vs_outcome group by region_code order by compared desc, years desc, region_code
""")
if regions.empty:
    st.info("No growth target or outcome with a resolved region code and a year is in this warehouse yet.",
            icon=":material/info:")
    st.stop()

names = {code: f"{name or code} ({code})" for code, name in zip(regions["region_code"], regions["region_name"])}
left, right = st.columns(2)
region = left.selectbox("Region", list(names), key="outcomes_region", format_func=names.get)
indicators = views.frame("select indicator, count(*) as n from marts.target_vs_outcome where region_code = $region "
                         "group by indicator", {"region": region})
counts = dict(zip(indicators["indicator"], indicators["n"]))
order = sorted(counts, key=lambda code: (code != "gdp", -counts[code], code))
indicator = right.selectbox("Indicator", order, key="outcomes_indicator", format_func=views.label)

rows = views.frame("select * from marts.target_vs_outcome where region_code = $region and indicator = $indicator "
                   "order by target_year", {"region": region, "indicator": indicator})


def growth(value, high=None, qualifier=None) -> str:
    if pd.isna(value):
        return "—"
    return views.figure_text({"measure": "growth_pct", "value": value, "value_high": high, "unit": "%",
                              "qualifier": qualifier, "relation_text": None})


rows["target"] = [growth(v, h, q) for v, h, q in zip(rows["target_value"], rows["target_value_high"],
                                                       rows["target_qualifier"])]
rows["outcome"] = [growth(v) for v in rows["outcome_value"]]
rows["basis"] = rows["outcome_basis"].map(BASIS_LABELS)
rows["verdict"] = rows["met"].map(lambda m: "—" if pd.isna(m) else ("met" if m else "missed"))
rows["gap_text"] = rows["gap"].map(lambda g: "—" if pd.isna(g) else f"{g:+.2f}".rstrip("0").rstrip(".") + " pp")
a, b, c, d = st.columns(4)
a.metric("Years", f"{len(rows):,}")
b.metric("Met", f"{int((rows['met'] == True).sum()):,}")  # noqa: E712 (a nullable column)
c.metric("Missed", f"{int((rows['met'] == False).sum()):,}")  # noqa: E712
d.metric("Mean gap", "—" if rows["gap"].isna().all() else f"{rows['gap'].mean():+.2f} pp")

st.subheader(f"{views.label(indicator)}: target and outcome by year, {names[region]}")
long = pd.concat([
    rows.assign(what="Target", value=rows["target_value"], high=rows["target_value_high"], figure=rows["target"],
                evidence=rows["target_evidence"]),
    rows.assign(what="Outcome", value=rows["outcome_value"], high=None, figure=rows["outcome"],
                evidence=rows["outcome_evidence"]),
]).dropna(subset=["value"])
tooltip = [alt.Tooltip("target_year:O", title="Year"), alt.Tooltip("what:N", title=""),
           alt.Tooltip("figure:N", title="Figure"), alt.Tooltip("verdict:N", title="Target"),
           alt.Tooltip("evidence:N", title="Sentence")]
base = alt.Chart(long).encode(x=alt.X("target_year:O", title="Year", axis=alt.Axis(labelAngle=0)),
                              color=alt.Color("what:N", title=None, sort=["Target", "Outcome"]))
y = alt.Y("value:Q", title="Growth (%)", scale=alt.Scale(zero=False), axis=alt.Axis(format="~g"))
# one region on this chart: a line per side joins its own years only
chart = (base.mark_line(strokeDash=[4, 3]).encode(y=y)
         + base.mark_point(filled=True, size=110).encode(y=y, shape=alt.Shape("what:N", legend=None), tooltip=tooltip)
         + base.mark_rule(strokeWidth=3).encode(y="value:Q", y2="high:Q"))
st.altair_chart(chart, width="stretch")

st.subheader("Each year with both sentences")
st.dataframe(rows, hide_index=True, placeholder="—", key="outcomes_table",
             column_order=["target_year", "target", "outcome", "basis", "gap_text", "verdict", "target_evidence",
                           "outcome_evidence"],
             column_config={"target_year": st.column_config.NumberColumn("Year", format="%d"),
                            "target": st.column_config.TextColumn("Target"),
                            "outcome": st.column_config.TextColumn("Outcome"),
                            "basis": st.column_config.TextColumn("Outcome basis"),
                            "gap_text": st.column_config.TextColumn("Gap"),
                            "verdict": st.column_config.TextColumn("Met?"),
                            "target_evidence": st.column_config.TextColumn("Target sentence", width="large"),
                            "outcome_evidence": st.column_config.TextColumn("Outcome sentence", width="large")})

# the sentences in their articles: each target and each outcome of the table is one choice
sentences = pd.concat([
    rows.assign(side="target", doc_id=rows["target_doc_id"], span_start=rows["target_span_start"],
                span_end=rows["target_span_end"], figure=rows["target"]),
    rows.assign(side="outcome", doc_id=rows["outcome_doc_id"], span_start=rows["outcome_span_start"],
                span_end=rows["outcome_span_end"], figure=rows["outcome"]),
]).dropna(subset=["doc_id"]).sort_values(["target_year", "side"], ascending=[True, False]).reset_index(drop=True)
views.evidence_picker(sentences, views.year_text(sentences["target_year"]) + " · " + sentences["side"] + " "
                      + sentences["figure"], key="outcomes_pick", title="Read a sentence in its article")
