-- marts.target_hierarchy has one row per (region_code, indicator, target_year), each with a six-digit code.
select region_code, indicator, target_year, count(*) as n
from marts.target_hierarchy
group by region_code, indicator, target_year
having count(*) > 1 or not regexp_full_match(region_code, '[0-9]{6}')
