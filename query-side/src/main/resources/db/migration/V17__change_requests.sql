-- Four-eyes change requests, each as its events left it (ChangeRequestReducer); newest first in lists.
create table change_request_view (
    change_request_id varchar(64) primary key,
    created_at        timestamptz not null,
    state_name        varchar(16) not null,
    state             jsonb       not null
);
create index change_request_view_created on change_request_view (created_at desc, change_request_id desc);
create index change_request_view_open on change_request_view (state_name) where state_name in ('open', 'approved');
