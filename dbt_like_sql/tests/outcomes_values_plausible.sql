-- Economic outcomes: percentages within -50..200, ranges ordered, every outcome has a value.
select outcome_id, indicator, measure, value, value_high, unit
from core.economic_outcomes
where value is null
   or (measure in ('growth_pct', 'rate') and (value < -50 or value > 200))
   or (measure = 'level' and value < 0)
   or (value_high is not null and value_high < value)
