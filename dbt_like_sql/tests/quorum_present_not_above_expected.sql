-- Quorum: present is never above expected, never negative.
select meeting_id, member_class, expected, present
from core.quorum
where meeting_id in (select meeting_id from checked_meetings)
  and (present < 0 or (expected is not null and present > expected))
