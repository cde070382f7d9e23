-- marts.meeting_calendar has exactly the meetings of core.meetings.
select meeting_id from core.meetings
where meeting_id not in (select meeting_id from marts.meeting_calendar)
union all
select meeting_id from marts.meeting_calendar
where meeting_id not in (select meeting_id from core.meetings)
