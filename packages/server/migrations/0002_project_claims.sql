-- Projects follow their claims (served person-times, satisfaction, status):
-- a claim's transition finds the projects that group it through this column,
-- kept with `doc` like every other filter column.
alter table projects add column claim_ids text[] not null default '{}';
update projects set claim_ids = array(select jsonb_array_elements_text(doc -> 'claimIds'));
create index projects_claim_ids on projects using gin (claim_ids);
