-- Economic targets with the evidence sentence, the meeting they were set at (name, date) and the document's title.
select
    t.*,
    m.name_text as meeting_name,
    m.meeting_date,
    d.title as document_title,
    d.published_date,
    d.source_uri,
    substring(d.text, t.span_start + 1, t.span_end - t.span_start) as evidence
from core.economic_targets t
join core.documents d using (doc_id)
left join core.meetings m using (meeting_id)
