-- additive: older versions may run on this schema
-- The staff inbox's index (src/server/NOTES.md, "Hot queries and indexes"): for each person, the
-- applications still waiting for the OMU (received, being looked at), oldest first. It holds only
-- those, a few a person, so the inbox reads a prison's people and each one's waiting keys, and the
-- rows of one page only. A new index and nothing else: an older version reads and writes as before.
-- On a live PostgreSQL estate create it by hand first, without holding up pushes:
--   CREATE INDEX CONCURRENTLY applications_open_by_received ON applications (person_id, received_at, id)
--     WHERE status IN ('received', 'beingLookedAt');
-- and this migration then finds it there.
CREATE INDEX IF NOT EXISTS applications_open_by_received ON applications (person_id, received_at, id) WHERE status IN ('received', 'beingLookedAt');
