-- One row per (region_code, target_year): the GDP growth target, from its latest source.
-- key: region_code, target_year
-- touched: select region_code, target_year from staging.stg_economic_targets
--     where doc_id in (select doc_id from changed.documents)
with ranked as (
    select
        region_code,
        region_name,
        target_year,
        value as gdp_growth_pct,
        value_high as gdp_growth_pct_high,
        qualifier,
        doc_id,
        meeting_id,
        source_uri,
        evidence,
        count(*) over (partition by region_code, target_year) as source_count,
        row_number() over (
            partition by region_code, target_year
            order by meeting_date desc nulls last, doc_id
        ) as rank_in_year
    from staging.stg_economic_targets
    where indicator = 'gdp'
      and measure = 'growth_pct'
      and region_code is not null
      and target_year is not null
)
select
    region_code,
    region_name,
    target_year,
    gdp_growth_pct,
    gdp_growth_pct_high,
    qualifier,
    doc_id,
    meeting_id,
    source_uri,
    evidence,
    source_count
from ranked
where rank_in_year = 1
