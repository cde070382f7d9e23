-- marts.gdp_targets has one row per (region_code, target_year).
select region_code, target_year, count(*) as n
from marts.gdp_targets
group by region_code, target_year
having count(*) > 1
