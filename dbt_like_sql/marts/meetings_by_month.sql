-- Meetings per month, kind and region; a combined (暨) meeting counts once under each of its kinds, undated meetings have a NULL month.
-- key: meeting_month, kind, region_name, region_code, region_level, province, prefecture
-- touched: select meeting_month, unnest(kinds), region_name, region_code, region_level, province, prefecture
--     from staging.stg_meetings where doc_id in (select doc_id from changed.documents)
with meeting_kinds as (
    select
        meeting_id,
        meeting_month,
        unnest(kinds) as kind,
        region_name,
        region_code,
        region_level,
        province,
        prefecture
    from marts.meeting_calendar
)
select
    meeting_month,
    kind,
    region_name,
    region_code,
    region_level,
    province,
    prefecture,
    count(distinct meeting_id) as meeting_count
from meeting_kinds
group by all
