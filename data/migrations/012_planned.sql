-- Planned meetings (issue: a meeting can be entered ahead as 计划, then
-- held or cancelled with a reason). state is '' for a meeting held (every
-- meeting recorded before this version), 计划 or 已取消; invitees is the
-- JSON list of those a planned meeting invites, stored like attendees.
ALTER TABLE meetings ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN invitees TEXT NOT NULL DEFAULT '[]';
