-- The installation row as the projection writes it: the fields added since V11 (rolloutPolicy, approvalsRequired)
-- were missing from an installation that never changed its settings, so a replay's rebuilt row differed from it.
update installation_view
set state = state || jsonb_build_object('rolloutPolicy', state -> 'rolloutPolicy',
                                        'approvalsRequired', coalesce((state ->> 'approvalsRequired')::int, 0));
