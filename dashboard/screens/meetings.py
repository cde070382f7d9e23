"""Meetings: a calendar of meetings per month by kind and region, and the meetings themselves.

Filtering and counting happen in SQL on marts.meeting_calendar and marts.meetings_by_month.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import views

OTHER_REGIONS = "other regions"
IN_REGIONS = ("(len($regions::varchar[]) = 0 "
              "or list_contains($regions::varchar[], coalesce(region_name, $unresolved)))")
SELECTION = f"""
    from marts.meeting_calendar
    where {IN_REGIONS}
      and (len($kinds::varchar[]) = 0 or list_has_any(kinds, $kinds::varchar[]))
"""

st.title("Meeting calendar")
st.caption("Meetings per month by kind and region; a combined meeting (暨) counts once under each of its kinds. "
           "Source: marts.meetings_by_month, marts.meeting_calendar.")

all_kinds = views.frame("select distinct unnest(kinds) as kind from marts.meeting_calendar order by 1")["kind"].tolist()
if not all_kinds:
    st.info("No meeting has been found in the documents of this warehouse yet. Meetings appear here after a "
            "`govmeet run` over articles that report them.", icon=":material/info:")
    st.stop()
all_regions = views.frame("select distinct coalesce(region_name, ?) as region from marts.meeting_calendar order by 1",
                          (views.UNRESOLVED_REGION,))["region"].tolist()

left, middle, right = st.columns([2, 2, 1])
regions = left.multiselect("Regions", all_regions, key="meetings_regions", placeholder="All regions")
kinds = middle.multiselect("Kinds", all_kinds, key="meetings_kinds", format_func=views.label,
                           placeholder="All kinds")
colour_by = right.radio("Colour by", ["kind", "region"], key="meetings_colour", horizontal=True)
selection = {"regions": regions, "kinds": kinds, "unresolved": views.UNRESOLVED_REGION}

totals = views.frame("select count(*) as meetings, count(meeting_date) as dated, "
                     "count(distinct coalesce(region_name, $unresolved)) as regions, "
                     "coalesce(sum(participant_count), 0) as people" + SELECTION, selection).iloc[0]
a, b, c, d = st.columns(4)
a.metric("Meetings", f"{int(totals['meetings']):,}")
b.metric("Dated", f"{int(totals['dated']):,}")
c.metric("Regions", f"{int(totals['regions']):,}")
d.metric("Participants named", f"{int(totals['people']):,}")

st.subheader("Meetings per month")
if colour_by == "kind":
    per_month = views.frame(f"""
        select meeting_month, kind as series, sum(meeting_count) as meetings
        from marts.meetings_by_month
        where meeting_month is not null and {IN_REGIONS}
          and (len($kinds::varchar[]) = 0 or list_contains($kinds::varchar[], kind))
        group by all""", selection)
    per_month["series"] = per_month["series"].map(views.label)
else:  # a colour for each of the busiest regions, the rest together
    per_month = views.frame(f"""
        with dated as (
            select meeting_month, coalesce(region_name, $unresolved) as region
            {SELECTION} and meeting_month is not null
        ),
        busiest as (select region from dated group by region order by count(*) desc, region limit $series)
        select meeting_month,
               case when region in (select region from busiest) then region else $other end as series,
               count(*) as meetings
        from dated group by all""", selection | {"series": views.CHART_SERIES, "other": OTHER_REGIONS})
if per_month.empty:
    st.info(f"None of the {int(totals['meetings'])} meeting(s) shown has a date yet, so none is on the calendar; "
            "they are listed below.")
else:
    title = "Kind" if colour_by == "kind" else "Region"
    calendar = alt.Chart(per_month).mark_bar().encode(
        x=alt.X("yearmonth(meeting_month):T", title="Month"),
        y=alt.Y("sum(meetings):Q", title="Meetings", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("series:N", title=title),
        tooltip=[alt.Tooltip("yearmonth(meeting_month):T", title="Month"), alt.Tooltip("series:N", title=title),
                 alt.Tooltip("sum(meetings):Q", title="Meetings")],
    )
    st.altair_chart(calendar, width="stretch")
undated = int(totals["meetings"] - totals["dated"])
if undated:
    st.caption(f"{undated} meeting(s) without a date (date_basis unknown) are not on the calendar.")

st.subheader("Meetings")
shown = views.frame(f"""
    select c.meeting_id, c.doc_id, c.name_text, c.kinds, c.region_name, c.meeting_date, c.date_basis, c.format,
           c.participant_count, m.span_start, m.span_end, count(*) over () as total
    from ({"select *" + SELECTION}) c
    join core.meetings m using (meeting_id)
    order by c.meeting_date desc nulls last, c.region_name, c.name_text
    limit $limit""", selection | {"limit": views.TABLE_ROWS})
table = views.with_article_links(views.capped(shown, "meetings", int(shown["total"].max()) if len(shown) else 0))
table["region"] = views.region_label(table)
table["kinds"] = table["kinds"].map(views.labels)
table["meeting_date"] = pd.to_datetime(table["meeting_date"]).dt.date
st.dataframe(
    table, hide_index=True, placeholder="—", key="meetings_table",
    column_order=["meeting_date", "date_basis", "region", "name_text", "kinds", "format", "participant_count",
                  "source"],
    column_config={
        "meeting_date": st.column_config.DateColumn("Date"), "date_basis": st.column_config.TextColumn("Dated by"),
        "region": st.column_config.TextColumn("Region"),
        "name_text": st.column_config.TextColumn("Meeting as named", width="large"),
        "kinds": st.column_config.TextColumn("Kinds"), "format": st.column_config.TextColumn("Format"),
        "participant_count": st.column_config.NumberColumn("People"), "source": views.SOURCE_COLUMN,
    },
)
labels = views.date_text(table["meeting_date"]) + " · " + table["region"] + " · " + table["name_text"]
views.evidence_picker(table, labels, key="meetings_pick", title="Read a meeting in its article")
