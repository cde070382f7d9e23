"""Article: one document's text with the evidence of a figure highlighted, and every fact read from it.

Linked from the other pages as `article?doc=<doc_id>&start=<span_start>&end=<span_end>`; without a
link, find a document by its title, source or a phrase of its text.
"""
from __future__ import annotations

import streamlit as st

from dashboard import views

FACTS_SQL = """
    select 'meeting' as fact, m.name_text as what, m.span_start, m.span_end
    from core.meetings m where m.doc_id = $doc
    union all
    select 'person', p.person_name || ' · ' || p.role || coalesce(' · ' || array_to_string(p.titles, '、'), ''),
           p.span_start, p.span_end
    from core.participations p join core.meetings m using (meeting_id) where m.doc_id = $doc
    union all
    select 'unit', u.unit_name || ' · ' || u.role, u.span_start, u.span_end
    from core.unit_participations u join core.meetings m using (meeting_id) where m.doc_id = $doc
    union all
    select 'quorum', q.member_class || ' ' || coalesce(q.expected::varchar, '?') || ' / ' || q.present::varchar,
           q.span_start, q.span_end
    from core.quorum q join core.meetings m using (meeting_id) where m.doc_id = $doc
    union all
    select 'document', '《' || a.title || '》 · ' || a.action, a.span_start, a.span_end
    from core.adopted_documents a join core.meetings m using (meeting_id) where m.doc_id = $doc
    union all
    select 'target', coalesce(t.target_year::varchar || ' ', '') || t.indicator_text || ' · '
           || coalesce(t.value::varchar || coalesce('–' || t.value_high::varchar, '') || coalesce(t.unit, ''),
                       t.relation_text, t.measure),
           t.span_start, t.span_end
    from core.economic_targets t where t.doc_id = $doc
    union all
    select 'outcome', coalesce(o.period_year::varchar || ' ', '') || coalesce(o.period_text || ' ', '')
           || o.indicator_text || ' · ' || o.value::varchar || coalesce(o.unit, '') || ' · ' || o.basis,
           o.span_start, o.span_end
    from core.economic_outcomes o where o.doc_id = $doc
    order by span_start, fact
"""


def int_param(name: str) -> int | None:
    value = st.query_params.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


st.title("Article")
doc_id = st.query_params.get("doc")
start, end = int_param("start"), int_param("end")

if not doc_id:
    st.caption("Every figure on the other pages links here with its sentence highlighted. "
               "Or find a document by its title, source or a phrase of its text.")
    phrase = st.text_input("Find a document", key="article_find", placeholder="e.g. 经济工作会议").strip()
    found = views.frame("""
        select doc_id, coalesce(title, left(replace(text, chr(10), ' '), 40)) as label, source_uri, status,
               published_date
        from core.documents
        where $phrase = '' or contains(text, $phrase) or contains(coalesce(title, ''), $phrase)
              or contains(source_uri, $phrase)
        order by published_date desc nulls last, source_uri
        limit 200
    """, {"phrase": phrase})
    if found.empty:
        st.info(f"No document contains “{phrase}”.")
        st.stop()
    labels = (found["label"] + " · " + found["source_uri"]).tolist()
    pick = st.selectbox(f"Documents ({len(found)}{'+' if len(found) == 200 else ''})", range(len(found)),
                        format_func=lambda i: labels[i], key="article_doc")
    doc_id = found["doc_id"].iloc[pick if pick is not None else 0]
    start = end = None

if views.frame("select count(*) as n from core.documents where doc_id = ?", (doc_id,))["n"][0] == 0:
    views.show_article(doc_id, None, None)  # says the document is not there, and why that may be
    st.stop()
facts = views.frame(FACTS_SQL, {"doc": doc_id})
if facts.empty:
    st.caption("Nothing was extracted from this document (status no_meeting, or its meetings had no facts).")
else:
    st.subheader("Facts read from this article")
    st.dataframe(facts, hide_index=True, placeholder="—", key="article_facts",
                 column_config={"fact": "Fact", "what": st.column_config.TextColumn("What", width="large"),
                                "span_start": st.column_config.NumberColumn("From", width="small"),
                                "span_end": st.column_config.NumberColumn("To", width="small")})
options = ([("the linked sentence", start, end)] if start is not None else []) + [
    (f"{f} · {w}", s, e) for f, w, s, e in facts[["fact", "what", "span_start", "span_end"]].itertuples(index=False)]
if options:
    choice = st.selectbox("Highlight", range(len(options)), format_func=lambda i: options[i][0], key="article_fact")
    _, start, end = options[choice if choice is not None else 0]
st.subheader("Text")
views.show_article(doc_id, start, end, link=False, expanded=True)
