-- marts.target_vs_outcome has one row per (region_code, indicator, target_year), none without a key.
select region_code, indicator, target_year, count(*) as n
from marts.target_vs_outcome
group by region_code, indicator, target_year
having count(*) > 1 or region_code is null or indicator is null or target_year is null
