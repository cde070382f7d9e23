-- Units (departments, towns, companies) that took part in a meeting, one row per (meeting, unit, role).
select
    meeting_id,
    unit_name,
    role,
    span_start,
    span_end
from core.unit_participations
