-- Participations with the meeting's region and date, the person keyed by name and region.
select
    p.meeting_id,
    p.person_name,
    p.titles,
    p.role,
    m.region_name,
    coalesce(m.region_code, m.region_name, '') as person_region_key,
    m.meeting_date,
    -- the sentence, or for a long one (a list of 10,000 names) 160 characters around the person's
    -- name: a row never copies a whole 40,000-character sentence
    case when p.span_end - p.span_start <= 200
         then substring(d.text, p.span_start + 1, p.span_end - p.span_start)
         else '…' || substring(d.text, p.span_start + 1 + least(greatest(
                  instr(substring(d.text, p.span_start + 1, p.span_end - p.span_start), p.person_name) - 41, 0),
                  p.span_end - p.span_start - 160), 160) || '…'
    end as evidence
from core.participations p
join core.meetings m using (meeting_id)
join core.documents d on d.doc_id = m.doc_id
