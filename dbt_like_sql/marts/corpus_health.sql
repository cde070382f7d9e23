-- Corpus health as (measure, category, n, share): documents by status, script and dating, rejected inputs by reason, meetings by date_basis, rows per core table.
-- It reads core.*, not staging, on purpose: it checks the health of the core tables themselves
-- (their rows, statuses and parser versions, and the rejected inputs no staging view carries).
with categorized as (
    select 'document_status' as measure, status as category from core.documents
    union all
    select 'document_script', script from core.documents
    union all
    select 'published_date', case when published_date is null then 'missing' else 'known' end from core.documents
    union all
    select 'parser_version', parser_version from core.documents
    union all
    select 'rejected_reason', reason from core.rejected_inputs
    union all
    select 'date_basis', date_basis from core.meetings
),
shares as (
    select
        measure,
        category,
        count(*) as n,
        count(*) / sum(count(*)) over (partition by measure) as share
    from categorized
    group by measure, category
),
table_rows as (
    select 'table_rows' as measure, 'documents' as category, count(*) as n from core.documents
    union all select 'table_rows', 'meetings', count(*) from core.meetings
    union all select 'table_rows', 'participations', count(*) from core.participations
    union all select 'table_rows', 'unit_participations', count(*) from core.unit_participations
    union all select 'table_rows', 'quorum', count(*) from core.quorum
    union all select 'table_rows', 'adopted_documents', count(*) from core.adopted_documents
    union all select 'table_rows', 'economic_targets', count(*) from core.economic_targets
    union all select 'table_rows', 'economic_outcomes', count(*) from core.economic_outcomes
    union all select 'table_rows', 'rejected_inputs', count(*) from core.rejected_inputs
)
select measure, category, n, share from shares
union all
select measure, category, n, null as share from table_rows
