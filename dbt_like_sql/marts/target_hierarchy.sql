-- One row per (region_code, indicator, target_year) of a province, prefecture or county: its growth target, its prefecture's and its province's, and the differences own - parent (层层加码).
-- The targets are intermediate.int_growth_targets' (one per key, the latest article's). Parents
-- are found by administrative division code: county 430422 -> prefecture 430400 (first four
-- digits + '00') -> province 430000 (first two + '0000'); a prefecture has no prefecture column
-- (it would be itself), a province neither parent. A parent without a target of the same
-- indicator and year gives NULLs (so do 市辖区 codes such as 110100 of a municipality's districts).
-- Left out, because no parent can be found by code for them: regions without a code (unresolved,
-- or named but not in the division table) and townships, which have no six-digit code of their
-- own (core rows leave a township's region_code NULL); codes of any other shape likewise.
with own as (
    select
        *,
        case
            when region_code like '__0000' then 'province'
            when region_code like '____00' then 'prefecture'
            else 'county'
        end as region_level,
        substr(region_code, 1, 4) || '00' as prefecture_code,
        substr(region_code, 1, 2) || '0000' as province_code
    from intermediate.int_growth_targets
    where regexp_full_match(region_code, '[0-9]{6}')
)
select
    o.region_code,
    o.region_name,
    o.region_level,
    o.indicator,
    o.target_year,
    o.value as own_value,
    o.value_high as own_value_high,
    o.qualifier as own_qualifier,
    p.region_code as prefecture_code,
    p.region_name as prefecture_name,
    p.value as prefecture_value,
    p.value_high as prefecture_value_high,
    p.qualifier as prefecture_qualifier,
    r.region_code as province_code,
    r.region_name as province_name,
    r.value as province_value,
    r.value_high as province_value_high,
    r.qualifier as province_qualifier,
    round(o.value - p.value, 4) as own_minus_prefecture,
    round(o.value - r.value, 4) as own_minus_province,
    o.evidence as own_evidence,
    p.evidence as prefecture_evidence,
    r.evidence as province_evidence,
    o.target_id as own_target_id,
    p.target_id as prefecture_target_id,
    r.target_id as province_target_id,
    o.doc_id as own_doc_id,
    o.span_start as own_span_start,
    o.span_end as own_span_end
from own o
left join own p
  on o.region_level = 'county'
 and p.region_code = o.prefecture_code
 and p.indicator = o.indicator
 and p.target_year = o.target_year
left join own r
  on o.region_level <> 'province'
 and r.region_code = o.province_code
 and r.indicator = o.indicator
 and r.target_year = o.target_year
