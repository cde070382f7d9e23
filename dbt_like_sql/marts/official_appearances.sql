-- One row per person (name + region): meetings attended, roles and titles seen, first and last date.
-- key: person_name, person_region_key
-- touched: select person_name, person_region_key from staging.stg_participations
--     where doc_id in (select doc_id from changed.documents)
select
    person_name,
    max(region_name) as region_name,
    person_region_key,
    count(distinct meeting_id) as meeting_count,
    list_sort(list_distinct(list(role))) as roles,
    list_sort(list_distinct(flatten(list(titles)))) as titles_seen,
    min(meeting_date) as first_meeting_date,
    max(meeting_date) as last_meeting_date
from staging.stg_participations
group by person_name, person_region_key
