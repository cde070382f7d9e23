-- One row per appearance (meeting, person, role): where and when an official appeared, in which role, with the sentence.
-- key: meeting_id
-- touched: select meeting_id from staging.stg_meetings where doc_id in (select doc_id from changed.documents)
select
    p.person_name,
    p.person_region_key,
    m.region_name,
    m.region_code,
    p.role,
    p.titles,
    p.meeting_id,
    m.name_text as meeting_name,
    m.kinds,
    m.meeting_date,
    m.meeting_month,
    m.date_basis,
    m.doc_id,
    m.source_uri,
    m.document_title,
    p.span_start,
    p.span_end,
    p.evidence  -- bounded in staging: never a whole 40,000-character sentence
from staging.stg_participations p
join staging.stg_meetings m using (meeting_id)
