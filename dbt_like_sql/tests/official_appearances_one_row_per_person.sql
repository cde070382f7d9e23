-- marts.official_appearances has one row per (person, region) and counts at least one meeting.
select person_name, person_region_key, count(*) as n, min(meeting_count) as fewest
from marts.official_appearances
group by person_name, person_region_key
having count(*) > 1 or min(meeting_count) < 1
