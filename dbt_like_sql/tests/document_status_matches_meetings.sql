-- A document is 'parsed' exactly when it has at least one meeting.
select d.doc_id, d.status, count(m.meeting_id) as meetings
from core.documents d
left join core.meetings m using (doc_id)
where d.doc_id in (select doc_id from checked_documents)
group by d.doc_id, d.status
having (d.status = 'parsed') <> (count(m.meeting_id) > 0)
