-- Every fact row points at an existing meeting or document.
select 'meetings' as child, meeting_id as id from core.meetings where doc_id not in (select doc_id from core.documents)
union all select 'participations', meeting_id from core.participations where meeting_id not in (select meeting_id from core.meetings)
union all select 'unit_participations', meeting_id from core.unit_participations where meeting_id not in (select meeting_id from core.meetings)
union all select 'quorum', meeting_id from core.quorum where meeting_id not in (select meeting_id from core.meetings)
union all select 'adopted_documents', meeting_id from core.adopted_documents where meeting_id not in (select meeting_id from core.meetings)
union all select 'economic_targets', target_id from core.economic_targets
    where doc_id not in (select doc_id from core.documents)
       or (meeting_id is not null and meeting_id not in (select meeting_id from core.meetings))
union all select 'economic_outcomes', outcome_id from core.economic_outcomes
    where doc_id not in (select doc_id from core.documents)
       or (meeting_id is not null and meeting_id not in (select meeting_id from core.meetings))
