-- No figure is both an outcome and a target: none of a document's figures (where its evidence
-- ends: 增长6.1%) is read as both, whatever the indicator, value or start of the span.
select o.outcome_id, t.target_id, o.indicator, o.value, t.value as target_value, o.span_start, o.span_end
from core.economic_outcomes o
join core.economic_targets t
  on t.doc_id = o.doc_id
 and t.span_end = o.span_end
