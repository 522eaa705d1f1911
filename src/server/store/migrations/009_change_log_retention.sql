-- Change log retention (src/domain/retention.ts; src/server/NOTES.md, "The change log keeps
-- current state for 90 days"). A finished application's entry (answered, declined, closed) leaves
-- the change log 90 days after its last change; open applications and the plan always stay.
-- closed_at is when that counting started: the reply's last change (an ISO time in UTC), once its
-- status is final; NULL for every entry that stays (plans, open applications). Pull leaves out
-- entries past retention at once; the housekeeping sweep then deletes them a batch at a time.
ALTER TABLE change_log ADD COLUMN closed_at TEXT;

-- Entries already here: the application's own row has its status and last change.
UPDATE change_log SET closed_at = (SELECT a.updated_at FROM applications a WHERE a.id = change_log.entity_id)
WHERE entity = 'applicationReply'
  AND entity_id IN (SELECT id FROM applications WHERE status IN ('answered', 'declined', 'closed'));

-- The sweep finds entries past retention by it. Partial: a push (every new application starts
-- open, closed_at NULL) writes nothing to this index.
CREATE INDEX change_log_past_retention ON change_log (closed_at) WHERE closed_at IS NOT NULL;

-- The highest cursor of the person's entries the sweep has deleted. A device whose cursor is
-- below it (or below an entry past retention not yet swept) may hold an application as it was
-- before staff finished it; pull then sends it the whole current state again (`restart`).
ALTER TABLE people ADD COLUMN retired_seq INTEGER NOT NULL DEFAULT 0;
