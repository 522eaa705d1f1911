-- Pull delivers current state. The change log is what devices still have to learn, not a history:
-- when a newer entry replaces an older one, the older one is deleted in the same transaction
-- (src/server/store/sql-store.ts, recordChange). A plan version replaces every earlier plan entry
-- of that person when it is shareable, and only earlier unshareable ones (drafts) when it is not,
-- so the last shared version stays pullable while staff work on a draft. A newer status for one
-- application replaces its earlier reply. Cursors are untouched: seq only grows and is never reused.

-- Entries already replaced in an existing database.
DELETE FROM change_log WHERE entity = 'plan' AND EXISTS (
  SELECT 1 FROM change_log AS later
  WHERE later.person_id = change_log.person_id AND later.entity = 'plan' AND later.seq > change_log.seq
    AND (later.shareable = 1 OR change_log.shareable = 0)
);
DELETE FROM change_log WHERE entity = 'applicationReply' AND EXISTS (
  SELECT 1 FROM change_log AS later
  WHERE later.person_id = change_log.person_id AND later.entity = 'applicationReply'
    AND later.entity_id = change_log.entity_id AND later.seq > change_log.seq
);

-- Finds the entries a new one replaces.
CREATE INDEX change_log_by_entity ON change_log (person_id, entity, entity_id, seq);
