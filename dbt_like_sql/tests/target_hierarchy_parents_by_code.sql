-- marts.target_hierarchy: parents are the region's own prefecture and province by code, and the differences are own - parent.
select region_code, indicator, target_year, prefecture_code, province_code, own_minus_prefecture, own_minus_province
from marts.target_hierarchy
where (prefecture_code is not null and (region_level <> 'county' or prefecture_code <> substr(region_code, 1, 4) || '00'))
   or (province_code is not null and (region_level = 'province' or province_code <> substr(region_code, 1, 2) || '0000'))
   or (own_minus_prefecture is null) <> (prefecture_value is null)
   or (own_minus_province is null) <> (province_value is null)
   or abs(own_minus_prefecture - (own_value - prefecture_value)) > 1e-6
   or abs(own_minus_province - (own_value - province_value)) > 1e-6
