-- Deadline extensions are approved (issue: 按时办结 counts against the
-- first deadline unless an extension was approved before it passed).
-- deadline_counted is the deadline 按时办结 is measured against; '' (every
-- problem recorded before this version) means the deadline as it stands,
-- so the figures of past years do not change. approver is who approved a
-- deadline change (调整时限).
ALTER TABLE problems ADD COLUMN deadline_counted TEXT NOT NULL DEFAULT '';
ALTER TABLE problem_events ADD COLUMN approver TEXT NOT NULL DEFAULT '';
