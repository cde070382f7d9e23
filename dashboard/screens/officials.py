"""Officials: who appears at which meetings, where, in which roles, over time; search by name."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import views

st.title("Officials' appearances")
st.caption("Everyone named at a meeting (主持, 讲话, 出席, 列席 …), keyed by name and region. "
           "Source: marts.official_appearances, marts.official_timeline.")

officials = views.frame("""
    select person_name, region_name, person_region_key, meeting_count, roles, titles_seen,
           first_meeting_date, last_meeting_date
    from marts.official_appearances
    order by meeting_count desc, person_name
""")
if officials.empty:
    st.info("No official's appearance has been extracted from the documents in this warehouse yet. "
            "They appear here after a `govmeet run` over articles naming who presided, spoke or attended.",
            icon=":material/info:")
    st.stop()

officials["region"] = views.region_label(officials)

# --- search ------------------------------------------------------------------------------------
left, middle, right = st.columns([2, 2, 2])
name_query = left.text_input("Search by name", key="officials_query", placeholder="e.g. 李 or 王立新").strip()
regions = middle.multiselect("Regions", sorted(officials["region"].unique()), key="officials_regions",
                             placeholder="All regions")
roles = right.multiselect("Roles", views.ROLES, key="officials_roles", placeholder="All roles",
                          format_func=views.label)

found = officials
if name_query:
    found = found[found["person_name"].str.contains(name_query, regex=False)]
if regions:
    found = found[found["region"].isin(regions)]
if roles:
    found = found[found["roles"].map(lambda have: any(r in list(have) for r in roles))]

# Appearances are counted in SQL and fetched only for the officials on screen: a large corpus
# has far more of them than a page should hold.
totals = views.frame("""
    select count(*) as appearances, count(distinct meeting_id) as meetings
    from marts.official_timeline
    where contains(person_name, $name)
      and (len($regions::varchar[]) = 0 or list_contains($regions::varchar[], coalesce(region_name, $unresolved)))
      and (len($roles::varchar[]) = 0 or list_contains($roles::varchar[], role))
""", {"name": name_query, "regions": regions, "roles": roles, "unresolved": views.UNRESOLVED_REGION})


def appearances_of(people: pd.DataFrame) -> pd.DataFrame:
    """Every appearance (in the chosen roles) of the officials in `people`, oldest first."""
    keys = [f"{name}\x1f{key}" for name, key in zip(people["person_name"], people["person_region_key"])]
    rows = views.frame("""
        select person_name, person_region_key, region_name, role, titles, meeting_id, meeting_name, kinds,
               meeting_date, date_basis, doc_id, span_start, span_end, evidence
        from marts.official_timeline
        where list_contains($keys::varchar[], person_name || chr(31) || person_region_key)
          and (len($roles::varchar[]) = 0 or list_contains($roles::varchar[], role))
        order by meeting_date nulls last, meeting_name, person_name, role
    """, {"keys": keys, "roles": roles})
    rows["region"] = views.region_label(rows)
    rows["role_label"] = rows["role"].map(views.label)
    return rows


a, b, c = st.columns(3)
a.metric("Officials", f"{len(found):,}")
b.metric("Appearances", f"{int(totals['appearances'][0]):,}")
c.metric("Meetings", f"{int(totals['meetings'][0]):,}")
if found.empty:
    st.info(f"No official matches “{name_query}”" + (" in the chosen regions or roles." if regions or roles else "."))
    st.stop()

# --- charts ------------------------------------------------------------------------------------
TOP = 15  # officials on the charts: the most frequent of those found
counted = appearances_of(found.head(TOP))
counted = counted.assign(person=counted["person_name"] + " · " + counted["region"])
chart_left, chart_right = st.columns(2)
with chart_left:
    st.subheader("Most frequent officials")
    bars = alt.Chart(counted).mark_bar().encode(
        x=alt.X("count():Q", title="Appearances", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("person:N", title=None, sort="-x"),
        color=alt.Color("role_label:N", title="Role"),
        tooltip=[alt.Tooltip("person:N", title="Official"), alt.Tooltip("role_label:N", title="Role"),
                 alt.Tooltip("count():Q", title="Appearances")],
    )
    st.altair_chart(bars.properties(height=max(180, 26 * counted["person"].nunique())), width="stretch")
with chart_right:
    st.subheader("Appearances over time")
    dated = counted[counted["meeting_date"].notna()]
    if dated.empty:
        st.info("None of these appearances is at a dated meeting yet.")
    else:
        timeline = alt.Chart(dated).mark_point(filled=True, size=110).encode(
            x=alt.X("meeting_date:T", title="Meeting date"),
            y=alt.Y("person:N", title=None, sort=alt.EncodingSortField("meeting_date", op="min")),
            color=alt.Color("role_label:N", title="Role"),
            shape=alt.Shape("role_label:N", title="Role"),
            tooltip=[alt.Tooltip("person:N", title="Official"), alt.Tooltip("meeting_name:N", title="Meeting"),
                     alt.Tooltip("meeting_date:T", title="Date"), alt.Tooltip("role_label:N", title="Role"),
                     alt.Tooltip("evidence:N", title="Sentence")],
        )
        st.altair_chart(timeline.properties(height=max(180, 26 * dated["person"].nunique())), width="stretch")
    undated = len(counted) - len(dated)
    if len(found) > TOP:
        st.caption(f"The {TOP} officials with the most meetings of the {len(found)} found; search by name for others.")
    if undated:
        st.caption(f"{undated} appearance(s) at meetings without a date are not on this chart.")

# --- who, and where ----------------------------------------------------------------------------
st.subheader("Officials")
table = views.capped(found, "officials")
table = table.assign(roles=table["roles"].map(views.labels),
                     titles_seen=table["titles_seen"].map(views.joined))
st.dataframe(
    table, hide_index=True, placeholder="—", key="officials_table",
    column_order=["person_name", "region", "meeting_count", "roles", "titles_seen", "first_meeting_date",
                  "last_meeting_date"],
    column_config={
        "person_name": st.column_config.TextColumn("Name"), "region": st.column_config.TextColumn("Region"),
        "meeting_count": st.column_config.NumberColumn("Meetings"), "roles": st.column_config.TextColumn("Roles"),
        "titles_seen": st.column_config.TextColumn("Titles seen", width="large"),
        "first_meeting_date": st.column_config.DateColumn("First"),
        "last_meeting_date": st.column_config.DateColumn("Last"),
    },
)

people = list(zip(table["person_name"], table["region"]))
person = st.selectbox("Appearances of", range(len(people)), key="officials_person",
                      format_func=lambda i: " · ".join(people[i]))
own = views.with_article_links(appearances_of(table.iloc[[person if person is not None else 0]]))
own["titles"] = own["titles"].map(views.joined)
own["kinds"] = own["kinds"].map(views.labels)
own["meeting_date"] = pd.to_datetime(own["meeting_date"]).dt.date
st.dataframe(
    own, hide_index=True, placeholder="—", key="appearances_table",
    column_order=["meeting_date", "meeting_name", "kinds", "role_label", "titles", "evidence", "source"],
    column_config={
        "meeting_date": st.column_config.DateColumn("Date"), "meeting_name": st.column_config.TextColumn("Meeting"),
        "kinds": st.column_config.TextColumn("Kinds"), "role_label": st.column_config.TextColumn("Role"),
        "titles": st.column_config.TextColumn("Titles as written"),
        "evidence": st.column_config.TextColumn("Source sentence", width="large"), "source": views.SOURCE_COLUMN,
    },
)
labels = views.date_text(own["meeting_date"]) + " · " + own["meeting_name"] + " · " + own["role_label"]
views.evidence_picker(own, labels, key="officials_pick", title="Read an appearance in its article")
