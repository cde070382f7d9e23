-- Economic outcomes with the evidence sentence and the date they were reported on.
select
    o.*,
    m.meeting_date,
    d.published_date,
    coalesce(m.meeting_date, d.published_date) as reported_on,
    d.source_uri,
    substring(d.text, o.span_start + 1, o.span_end - o.span_start) as evidence
from core.economic_outcomes o
join core.documents d using (doc_id)
left join core.meetings m using (meeting_id)
