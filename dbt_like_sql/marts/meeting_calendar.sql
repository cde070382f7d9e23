-- One row per meeting: region, kinds, date and how many people and units took part.
-- key: meeting_id
-- touched: select meeting_id from staging.stg_meetings where doc_id in (select doc_id from changed.documents)
with people as (
    select
        meeting_id,
        count(distinct person_name) as participant_count,
        count(distinct person_name) filter (where role = 'presided') as presider_count,
        count(distinct person_name) filter (where role = 'spoke') as speaker_count
    from staging.stg_participations
    group by meeting_id
),
units as (
    select meeting_id, count(distinct unit_name) as unit_count
    from staging.stg_unit_participations
    group by meeting_id
)
select
    m.meeting_id,
    m.doc_id,
    m.name_text,
    m.kinds,
    m.region_name,
    m.region_code,
    m.region_level,
    m.province,
    m.prefecture,
    m.meeting_date,
    m.meeting_month,
    m.date_basis,
    m.format,
    coalesce(p.participant_count, 0) as participant_count,
    coalesce(p.presider_count, 0) as presider_count,
    coalesce(p.speaker_count, 0) as speaker_count,
    coalesce(u.unit_count, 0) as unit_count
from staging.stg_meetings m
left join people p using (meeting_id)
left join units u using (meeting_id)
