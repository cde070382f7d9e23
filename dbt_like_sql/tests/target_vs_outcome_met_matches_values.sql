-- marts.target_vs_outcome: met and gap follow from the values (NULL exactly when a side is missing).
select region_code, indicator, target_year, target_value, target_value_high, target_qualifier, outcome_value, gap, met
from marts.target_vs_outcome
where (met is null) <> (target_value is null or outcome_value is null)
   or (gap is null) <> (met is null)
   or abs(gap - (outcome_value - target_value)) > 1e-6
   or (target_value_high is not null and met <> (outcome_value >= target_value and outcome_value <= target_value_high))
   or (target_value_high is null and target_qualifier = 'at_most' and met <> (outcome_value <= target_value))
   or (target_value_high is null and target_qualifier is distinct from 'at_most' and target_value >= 0
       and met <> (outcome_value >= target_value))
