-- Economic targets with the evidence sentence and the meeting date they were set at.
select
    t.*,
    m.meeting_date,
    d.published_date,
    d.source_uri,
    substring(d.text, t.span_start + 1, t.span_end - t.span_start) as evidence
from core.economic_targets t
join core.documents d using (doc_id)
left join core.meetings m using (meeting_id)
