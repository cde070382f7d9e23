-- One growth target (增长 X%) per (region_code, indicator, target_year): the one the marts compare.
-- A key with several targets (set at the economic work conference, set again at the people's
-- congress, relayed by a later article) keeps the latest: the latest meeting date (else the
-- publication date; undated last), then the smallest doc_id and the earliest span, so that the
-- choice is the same on every run. candidate_count says how many there were. Unlisted indicators
-- (`other`) are left out: under one code they are many different ones (工业总产值, 新增企业 …).
with candidates as (
    select *, coalesce(meeting_date, published_date) as set_on
    from staging.stg_economic_targets
    where measure = 'growth_pct'
      and indicator <> 'other'
      and value is not null
      and region_code is not null
      and target_year is not null
)
select
    region_code,
    region_name,
    indicator,
    target_year,
    value,
    value_high,
    qualifier,
    target_id,
    doc_id,
    meeting_id,
    set_on,
    source_uri,
    span_start,
    span_end,
    evidence,
    count(*) over (partition by region_code, indicator, target_year) as candidate_count
from candidates
qualify row_number() over (
    partition by region_code, indicator, target_year
    order by set_on desc nulls last, doc_id, span_start
) = 1
