-- Meetings with the document they came from and the month they fall in.
select
    m.meeting_id,
    m.doc_id,
    d.source_uri,
    d.title as document_title,
    m.name_text,
    m.kinds,
    m.organizer_text,
    m.region_name,
    m.region_code,
    m.region_level,
    m.province,
    m.prefecture,
    m.term_number,
    m.session_number,
    m.is_expanded,
    m.format,
    m.meeting_date,
    m.date_basis,
    m.time_of_day,
    date_trunc('month', m.meeting_date)::date as meeting_month,
    substring(d.text, m.span_start + 1, m.span_end - m.span_start) as evidence
from core.meetings m
join core.documents d using (doc_id)
