"""Targets: GDP and the other planned targets by region and year, each with its source sentence.

Filtering and counting happen in SQL on marts.target_series; the page fetches only what it draws.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import charts, views

MEASURE_TITLES = {"growth_pct": "Growth target", "level": "Level", "rate": "Rate"}
FEW_REGIONS = 6  # up to this many regions the indicator chart has a bar per region; above, a box per indicator
COLUMNS = """target_id, region_name, region_code, target_year, indicator, indicator_text, measure, value,
    value_high, unit, qualifier, relation_text, doc_id, meeting_id, meeting_name, meeting_date, published_date,
    source_uri, span_start, span_end, evidence"""
SELECTION = """
    from marts.target_series
    where (len($regions::varchar[]) = 0 or list_contains($regions::varchar[], coalesce(region_name, $unresolved)))
      and (target_year is null or target_year between $first_year and $last_year)
"""

st.title("Economic targets")
st.caption("Planned targets (预期目标, 力争 …) set at the meetings, by region and year. "
           "Every figure carries the sentence it was read from. Source: marts.target_series, marts.gdp_targets.")

counts = views.frame("select indicator, count(*) as n from marts.target_series group by indicator")
if counts.empty:
    st.info("No economic target has been extracted from the documents in this warehouse yet. "
            "Targets appear here after a `govmeet run` over articles that set them "
            "(e.g. 地区生产总值增长8.5%左右).", icon=":material/info:")
    st.stop()


def labelled(rows: pd.DataFrame) -> pd.DataFrame:
    """Add what the charts and tables show: region label, the figure as a reader says it, indicator name."""
    return rows.assign(region=views.region_label(rows), indicator_label=rows["indicator"].map(views.label),
                       figure=[views.figure_text(r) for r in rows.to_dict("records")])


# --- filters -----------------------------------------------------------------------------------
counts = dict(zip(counts["indicator"], counts["n"]))
indicators = sorted(counts, key=lambda code: (code != "gdp", -counts[code], code))  # GDP first, then the commonest
regions = views.frame("select distinct coalesce(region_name, ?) as region from marts.target_series order by 1",
                      (views.UNRESOLVED_REGION,))["region"].tolist()
years = [int(y) for y in views.frame("select distinct target_year from marts.target_series "
                                     "where target_year is not null order by 1")["target_year"]]
left, middle, right = st.columns([1, 2, 1])
indicator = left.selectbox("Indicator", indicators, key="targets_indicator",
                           format_func=lambda code: f"{views.label(code)} ({counts[code]:,})")
chosen_regions = middle.multiselect("Regions", regions, key="targets_regions", placeholder="All regions")
if len(years) > 1:
    first_year, last_year = right.select_slider("Target years", years, value=(years[0], years[-1]),
                                                key="targets_years")
else:
    right.markdown(f"**Target year**  \n{years[0] if years else 'not stated'}")
    first_year, last_year = (years[0], years[0]) if years else (0, 0)
selection = {"regions": chosen_regions, "unresolved": views.UNRESOLVED_REGION,
             "first_year": first_year, "last_year": last_year}

totals = views.frame("select count(*) as n, count(distinct coalesce(region_name, $unresolved)) as regions, "
                     "count(distinct target_year) as years, count(distinct doc_id) as docs" + SELECTION, selection)
a, b, c, d = st.columns(4)
a.metric("Targets, all indicators", f"{int(totals['n'][0]):,}")
b.metric("Regions", f"{int(totals['regions'][0]):,}")
c.metric("Years", f"{int(totals['years'][0]):,}")
d.metric("Source articles", f"{int(totals['docs'][0]):,}")

# --- charts ------------------------------------------------------------------------------------
chart_left, chart_right = st.columns(2)
with chart_left:
    label = views.label(indicator)
    numeric = views.frame(f"select {COLUMNS}" + SELECTION + " and indicator = $indicator and value is not null"
                          " and target_year is not null", selection | {"indicator": indicator})
    chart_years = numeric["target_year"].dropna().unique()
    st.subheader(f"{label} targets by year" if len(chart_years) > 1 else f"{label} targets by region")
    if numeric.empty:
        st.info(f"No {label} target here has both a figure and a year to chart; see the tables below.")
    else:
        measure = numeric["measure"].value_counts().index[0]  # one scale per chart: growth % or level
        numeric = labelled(views.busiest(numeric[numeric["measure"] == measure].assign(
            region=views.region_label(numeric)), "region", "regions"))
        unit = numeric["unit"].dropna().iloc[0] if numeric["unit"].notna().any() else ""
        value_title = f"{MEASURE_TITLES.get(measure, measure)}" + (f" ({unit})" if unit else "")
        tooltip = [alt.Tooltip("region:N", title="Region"), alt.Tooltip("target_year:O", title="Year"),
                   alt.Tooltip("figure:N", title="Target"), alt.Tooltip("evidence:N", title="Sentence")]
        if len(chart_years) > 1:  # every figure a point, a line per resolved region through each year's median
            chart = charts.by_year(numeric, value_title, tooltip)
        else:  # one year: a bar per figure, labelled with the target as written
            chart = charts.bars(charts.bar_rows(numeric), "region", value_title, tooltip)
        st.altair_chart(chart, width="stretch")

with chart_right:
    st.subheader("Growth targets by indicator")
    growth_where = SELECTION + " and measure = 'growth_pct' and value is not null"
    spread = views.frame(f"""
        select indicator, count(distinct coalesce(region_name, $unresolved)) as regions, min(value) as low,
               quantile_cont(value, 0.25) as q1, median(value) as mid, quantile_cont(value, 0.75) as q3,
               max(value) as high
        {growth_where} group by indicator""", selection)
    if spread.empty:
        st.info("No growth target (增长 X%) in the selection.")
    elif spread["regions"].max() > FEW_REGIONS:  # many regions: the spread of their targets per indicator
        spread["indicator_label"] = spread["indicator"].map(views.label)
        y = alt.Y("indicator_label:N", title=None, axis=alt.Axis(labelLimit=220))
        tooltip = [alt.Tooltip("indicator_label:N", title="Indicator"), alt.Tooltip("regions:Q", title="Regions"),
                   alt.Tooltip("low:Q", title="Lowest"), alt.Tooltip("mid:Q", title="Median"),
                   alt.Tooltip("high:Q", title="Highest")]
        base = alt.Chart(spread).encode(y=y, tooltip=tooltip)
        boxes = (base.mark_rule().encode(x=alt.X("low:Q", title="Growth target (%) across regions"), x2="high:Q")
                 + base.mark_bar(size=16).encode(x="q1:Q", x2="q3:Q", color=alt.Color("indicator_label:N", legend=None))
                 + base.mark_tick(color="white", size=16, thickness=2).encode(x="mid:Q"))
        st.altair_chart(boxes, width="stretch")
        st.caption("Each box spans the middle half of the regions' targets, the line runs from lowest to highest, "
                   "the white tick is the median.")
    else:  # a few regions: a bar per region and indicator, labelled with the target as written
        growth = labelled(views.frame(f"select {COLUMNS}" + growth_where + " order by indicator, region_name, target_year",
                                      selection))
        growth = charts.bar_rows(growth.assign(year=views.year_text(growth["target_year"])))
        tooltip = [alt.Tooltip("region:N", title="Region"), alt.Tooltip("year:N", title="Year"),
                   alt.Tooltip("indicator_text:N", title="As written"),
                   alt.Tooltip("figure:N", title="Target"), alt.Tooltip("evidence:N", title="Sentence")]
        st.altair_chart(charts.bars(growth, "indicator_label", "Growth target (%)", tooltip), width="stretch")

# --- targets whose year the article does not say: no place on a year axis ----------------------
undated = views.frame(f"select {COLUMNS}" + SELECTION + """ and target_year is null and indicator = $indicator
    order by region_name nulls last, doc_id, span_start limit $limit""",
                      selection | {"indicator": indicator, "limit": views.TABLE_ROWS})
if not undated.empty:
    st.subheader(f"{views.label(indicator)} targets without a year")
    st.caption("The article does not say which year these are for, so the charts leave them out.")
    undated = views.with_article_links(labelled(undated))
    st.dataframe(undated, hide_index=True, placeholder="—", key="targets_undated",
                 column_order=["region", "indicator_text", "figure", "evidence", "meeting_name", "source"],
                 column_config={"region": st.column_config.TextColumn("Region"),
                                "indicator_text": st.column_config.TextColumn("Indicator as written"),
                                "figure": st.column_config.TextColumn("Target"),
                                "evidence": st.column_config.TextColumn("Source sentence", width="large"),
                                "meeting_name": st.column_config.TextColumn("Meeting"),
                                "source": views.SOURCE_COLUMN})

# --- GDP by region and year (one figure each) -----------------------------------------------
gdp = views.frame("""
    select region_name, region_code, target_year, gdp_growth_pct, gdp_growth_pct_high, qualifier
    from marts.gdp_targets order by region_name, target_year
""")
st.subheader("GDP growth target by region and year")
if gdp.empty:
    st.caption("No GDP growth target is tied to a region with a resolved division code yet "
               "(marts.gdp_targets); every GDP figure found is listed in the table below.")
else:
    gdp["target"] = [views.figure_text({"measure": "growth_pct", "value": v, "value_high": h, "unit": "%",
                                        "qualifier": q, "relation_text": None})
                     for v, h, q in zip(gdp["gdp_growth_pct"], gdp["gdp_growth_pct_high"], gdp["qualifier"])]
    grid = gdp.pivot_table(index=["region_name", "region_code"], columns="target_year", values="target",
                           aggfunc="first").reset_index()
    grid.columns = [str(c) for c in grid.columns]
    grid = grid.fillna("—")
    st.dataframe(grid.rename(columns={"region_name": "Region", "region_code": "Code"}), hide_index=True,
                 key="gdp_grid")

# --- every figure with its sentence --------------------------------------------------------------
st.subheader(f"{views.label(indicator)} targets with their source sentences")
of_indicator = views.frame(f"select {COLUMNS}, count(*) over () as total" + SELECTION + """ and indicator = $indicator
    order by target_year nulls last, region_name nulls last, doc_id, span_start limit $limit""",
                           selection | {"indicator": indicator, "limit": views.TABLE_ROWS})
if of_indicator.empty:
    st.info(f"No {views.label(indicator)} target in the chosen regions and years.")
    st.stop()
table = views.with_article_links(labelled(views.capped(of_indicator, "figures", int(of_indicator["total"].max()))))
table["meeting_date"] = pd.to_datetime(table["meeting_date"]).dt.date
st.dataframe(
    table,
    hide_index=True, placeholder="—",
    key="targets_table",
    column_order=["region", "target_year", "indicator_text", "figure", "evidence", "meeting_name",
                  "meeting_date", "source"],
    column_config={
        "region": st.column_config.TextColumn("Region"),
        "target_year": st.column_config.NumberColumn("Year", format="%d"),
        "indicator_text": st.column_config.TextColumn("Indicator as written"),
        "figure": st.column_config.TextColumn("Target"),
        "evidence": st.column_config.TextColumn("Source sentence", width="large"),
        "meeting_name": st.column_config.TextColumn("Meeting"),
        "meeting_date": st.column_config.DateColumn("Meeting date"),
        "source": views.SOURCE_COLUMN,
    },
)
labels = table["region"] + " " + views.year_text(table["target_year"]) + " · " + table["indicator_text"] + " " \
    + table["figure"]
views.evidence_picker(table, labels, key="targets_pick", title="Read a figure in its article")
