-- Participations with the meeting's region and date, the person keyed by name and region.
select
    p.meeting_id,
    p.person_name,
    p.titles,
    p.role,
    m.doc_id,
    p.span_start,
    p.span_end,
    m.region_name,
    coalesce(m.region_code, m.region_name, '') as person_region_key,
    m.meeting_date,
    -- the sentence; of a long one, 160 characters around the person's name; of a very long one (a
    -- list of 10,000 names, 40,000 characters) its first 160, which say what the list is: a row
    -- never copies a whole sentence, and no row searches more than 2,000 characters for its name
    case when p.span_end - p.span_start <= 200
         then substring(d.text, p.span_start + 1, p.span_end - p.span_start)
         else substring(d.text, p.span_start + 1 + case when p.span_end - p.span_start > 2000 then 0 else least(greatest(
                  instr(substring(d.text, p.span_start + 1, p.span_end - p.span_start), p.person_name) - 41, 0),
                  p.span_end - p.span_start - 160) end, 160) || '…'
    end as evidence
from core.participations p
join core.meetings m using (meeting_id)
join core.documents d on d.doc_id = m.doc_id
