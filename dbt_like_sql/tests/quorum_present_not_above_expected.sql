-- Quorum: present is never above expected, never negative.
select meeting_id, member_class, expected, present
from core.quorum
where present < 0 or (expected is not null and present > expected)
