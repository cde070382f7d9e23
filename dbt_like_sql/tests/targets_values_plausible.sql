-- Economic targets: percentages within -50..200, ranges ordered, numeric measures have a value.
select target_id, indicator, measure, value, value_high, unit
from core.economic_targets
where doc_id in (select doc_id from checked_documents)
  and ((measure in ('growth_pct', 'rate') and (value is null or value < -50 or value > 200))
   or (measure = 'level' and (value is null or value < 0))
   or (measure = 'qualitative' and value is not null)
   or (value_high is not null and value_high < value))
