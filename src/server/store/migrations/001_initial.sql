-- First schema. Portable between SQLite and PostgreSQL: times are ISO 8601 text, booleans are
-- 0 or 1, JSON documents are text checked by the domain schemas when read back.
-- The one dialect token is explained at renderMigrationSql in ../migrations.ts.

-- People who can sign in. person_id is opaque: never a prison number or a name.
CREATE TABLE people (
  person_id TEXT PRIMARY KEY,
  prison_number TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  -- A salted scrypt hash with its parameters, never the PIN.
  pin_hash TEXT NOT NULL,
  -- Counts changes logged for this person. Every change first updates this row, which makes
  -- changes for one person wait for each other, so they commit in cursor order.
  change_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- The latest plan per person as staff hold it (a PlanRecord: may hold items that are not shareable).
CREATE TABLE plans (
  person_id TEXT PRIMARY KEY REFERENCES people (person_id),
  plan_id TEXT NOT NULL,
  document TEXT NOT NULL,
  shareable INTEGER NOT NULL CHECK (shareable IN (0, 1)),
  updated_at TEXT NOT NULL
);

-- Everything a device may need to learn, in the order the service recorded it.
-- seq is the sync cursor: assigned by the database, it only grows. Rows with shareable = 0
-- are kept for the record but never pulled. data holds only what the device may see.
CREATE TABLE change_log (
  seq __IDENTITY_PRIMARY_KEY__,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  shareable INTEGER NOT NULL CHECK (shareable IN (0, 1)),
  data TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX change_log_by_person ON change_log (person_id, shareable, seq);

-- Outbox items already handled, by their client-made id, so a resend has exactly one effect.
-- Written in the same transaction as the effect.
CREATE TABLE processed_outbox (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at TEXT NOT NULL
);

-- Applications to the Offender Management Unit, and what staff did with them.
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  type TEXT NOT NULL,
  details TEXT NOT NULL,
  status TEXT NOT NULL,
  reply TEXT,
  created_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX applications_by_person ON applications (person_id, created_at);

-- Self-assessment questionnaire answers (answers is JSON).
CREATE TABLE questionnaires (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  question_set TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  answers TEXT NOT NULL,
  created_at TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX questionnaires_by_person ON questionnaires (person_id, completed_on);
