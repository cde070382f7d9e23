-- One row per (region_code, indicator, target_year): the growth target, the full-year outcome reported for that year, the gap (outcome - target) and whether the target was met.
-- The target is intermediate.int_growth_targets' (the latest article's). The outcome is the
-- full-year growth figure for the same region, indicator and year from any article; of several,
-- reported before preliminary before estimated, then the latest article (meeting date, else
-- publication date), then doc_id and span. A key with only one side has NULLs on the other.
with outcomes as (
    select
        *,
        count(*) over (partition by region_code, indicator, period_year) as candidate_count
    from staging.stg_economic_outcomes
    where period = 'year'
      and measure = 'growth_pct'
      and value is not null
      and region_code is not null
      and period_year is not null
    qualify row_number() over (
        partition by region_code, indicator, period_year
        order by case basis when 'reported' then 1 when 'preliminary' then 2 else 3 end,
                 reported_on desc nulls last, doc_id, span_start
    ) = 1
),
paired as (
    select
        coalesce(t.region_code, o.region_code) as region_code,
        coalesce(t.region_name, o.region_name) as region_name,
        coalesce(t.indicator, o.indicator) as indicator,
        coalesce(t.target_year, o.period_year) as target_year,
        t.value as target_value,
        t.value_high as target_value_high,
        t.qualifier as target_qualifier,
        o.value as outcome_value,
        o.basis as outcome_basis,
        t.evidence as target_evidence,
        o.evidence as outcome_evidence,
        t.target_id,
        t.doc_id as target_doc_id,
        t.meeting_id as target_meeting_id,
        t.set_on as target_set_on,
        t.span_start as target_span_start,
        t.span_end as target_span_end,
        coalesce(t.candidate_count, 0) as target_candidates,
        o.outcome_id,
        o.doc_id as outcome_doc_id,
        o.meeting_id as outcome_meeting_id,
        o.reported_on as outcome_reported_on,
        o.span_start as outcome_span_start,
        o.span_end as outcome_span_end,
        coalesce(o.candidate_count, 0) as outcome_candidates
    from intermediate.int_growth_targets t
    full outer join outcomes o
      on o.region_code = t.region_code
     and o.indicator = t.indicator
     and o.period_year = t.target_year
)
select
    *,
    -- the gap from the target's lower end (8% of 8%-9%), rounded off float noise (6.1 - 6.5)
    round(outcome_value - target_value, 4) as gap,
    case
        when outcome_value is null or target_value is null then null
        when target_value_high is not null then outcome_value between target_value and target_value_high
        when target_qualifier = 'at_most' then outcome_value <= target_value
        -- a decline (单位GDP能耗下降3%: value -3) is met by falling at least as far
        when target_value < 0 then outcome_value <= target_value
        -- at_least, about, strive and a plain figure: met when the outcome reaches it
        else outcome_value >= target_value
    end as met
from paired
