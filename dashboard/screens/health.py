"""Corpus health: documents, what was extracted, rejected inputs by reason, how meetings were dated."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import views

DATE_BASIS_ORDER = ["explicit", "metadata", "inferred", "unknown"]

st.title("Corpus health")
snap = views.snapshot()
st.caption(f"Published {snap.published_at:%Y-%m-%d %H:%M:%S} · {snap.size_bytes / 1e6:,.1f} MB · "
           "Source: marts.corpus_health, core.rejected_inputs.")

health = views.frame("select measure, category, n, share from marts.corpus_health")


def measure(name: str) -> pd.DataFrame:
    return health[health["measure"] == name].sort_values("n", ascending=False)


rows = dict(zip(measure("table_rows")["category"], measure("table_rows")["n"].astype(int)))
status = dict(zip(measure("document_status")["category"], measure("document_status")["n"].astype(int)))
cols = st.columns(6)
cols[0].metric("Documents", f"{rows.get('documents', 0):,}")
cols[1].metric("With a meeting", f"{status.get('parsed', 0):,}")
cols[2].metric("Rejected inputs", f"{rows.get('rejected_inputs', 0):,}")
cols[3].metric("Meetings", f"{rows.get('meetings', 0):,}")
cols[4].metric("Appearances", f"{rows.get('participations', 0):,}")
cols[5].metric("Targets", f"{rows.get('economic_targets', 0):,}")


def bar(data: pd.DataFrame, title: str, sort: list[str] | None = None, percent: bool = False) -> alt.Chart:
    value = alt.X("share:Q", title="Share", axis=alt.Axis(format="%")) if percent else alt.X("n:Q", title="Count", axis=alt.Axis(tickMinStep=1, format="d"))
    return alt.Chart(data).mark_bar().encode(
        x=value, y=alt.Y("category:N", title=None, sort=sort or "-x"),
        color=alt.Color("category:N", legend=None, sort=sort),
        tooltip=[alt.Tooltip("category:N", title=title), alt.Tooltip("n:Q", title="Count"),
                 alt.Tooltip("share:Q", title="Share", format=".1%")],
    )


left, right = st.columns(2)
with left:
    st.subheader("Rejected inputs by reason")
    reasons = measure("rejected_reason")
    if reasons.empty:
        st.success("No input was rejected.", icon=":material/check_circle:")
    else:
        st.altair_chart(bar(reasons, "Reason"), width="stretch")
with right:
    st.subheader("How meetings were dated")
    basis = measure("date_basis")
    if basis.empty:
        st.info("No meeting yet, so no dates.")
    else:
        st.altair_chart(bar(basis, "Date basis", sort=DATE_BASIS_ORDER, percent=True), width="stretch")
        st.caption("explicit: the year is written with the date · metadata: from the published date · "
                   "inferred: the year from context · unknown: no date.")

left, right = st.columns(2)
with left:
    st.subheader("Documents")
    documents = pd.concat([measure("document_status"), measure("document_script"), measure("published_date")])
    documents = documents.assign(what=documents["measure"].map(
        {"document_status": "status", "document_script": "script", "published_date": "published date"}))
    st.dataframe(documents[["what", "category", "n", "share"]], hide_index=True, placeholder="—", key="health_documents",
                 column_config={"what": "Of documents", "category": "Value", "n": "Count",
                                "share": st.column_config.ProgressColumn("Share", format="percent",
                                                                         min_value=0.0, max_value=1.0)})
with right:
    st.subheader("Rows per table")
    table_rows = measure("table_rows")[["category", "n"]]
    st.dataframe(table_rows, hide_index=True, placeholder="—", key="health_rows",
                 column_config={"category": "Table (core)", "n": "Rows"})
    versions = measure("parser_version")
    if not versions.empty:
        st.caption("Parser versions: " + ", ".join(f"{v} ({n})" for v, n in zip(versions["category"], versions["n"])))

st.subheader("Rejected inputs")
rejected = views.frame("""
    select rejected_at, reason, source_uri, detail
    from core.rejected_inputs
    order by rejected_at desc, source_uri
    limit 1000
""")
if rejected.empty:
    st.caption("None.")
else:
    st.dataframe(rejected, hide_index=True, placeholder="—", key="health_rejected",
                 column_config={"rejected_at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm"),
                                "reason": "Reason", "source_uri": "Input",
                                "detail": st.column_config.TextColumn("What to do", width="large")})

st.subheader("Documents in which no meeting was found")
no_meeting = views.frame("""
    select doc_id, coalesce(title, left(replace(text, chr(10), ' '), 60)) as opening, source_uri, published_date
    from core.documents
    where status = 'no_meeting'
    order by published_date desc nulls last, source_uri
    limit 1000
""")
if no_meeting.empty:
    st.caption("None: a meeting was found in every document.")
else:
    no_meeting["source"] = [views.article_url(d) for d in no_meeting["doc_id"]]
    st.dataframe(no_meeting, hide_index=True, placeholder="—", key="health_no_meeting",
                 column_order=["opening", "source_uri", "published_date", "source"],
                 column_config={"opening": st.column_config.TextColumn("Title or opening", width="large"),
                                "source_uri": "Input", "published_date": st.column_config.DateColumn("Published"),
                                "source": views.SOURCE_COLUMN})
