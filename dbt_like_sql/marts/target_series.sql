-- One row per economic target: region, year, indicator, figure and the sentence it was read from.
-- key: target_id
-- touched: select target_id from staging.stg_economic_targets where doc_id in (select doc_id from changed.documents)
select
    t.target_id,
    t.region_name,
    t.region_code,
    t.target_year,
    t.indicator,
    t.indicator_text,
    t.measure,
    t.value,
    t.value_high,
    t.unit,
    t.qualifier,
    t.relation_text,
    t.doc_id,
    t.meeting_id,
    t.meeting_name,
    t.meeting_date,
    t.document_title,
    t.published_date,
    t.source_uri,
    t.span_start,
    t.span_end,
    t.evidence
from staging.stg_economic_targets t
