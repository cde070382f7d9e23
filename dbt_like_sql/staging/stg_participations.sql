-- Participations with the meeting's region and date, the person keyed by name and region.
select
    p.meeting_id,
    p.person_name,
    p.titles,
    p.role,
    m.region_name,
    coalesce(m.region_code, m.region_name, '') as person_region_key,
    m.meeting_date,
    substring(d.text, p.span_start + 1, p.span_end - p.span_start) as evidence
from core.participations p
join core.meetings m using (meeting_id)
join core.documents d on d.doc_id = m.doc_id
