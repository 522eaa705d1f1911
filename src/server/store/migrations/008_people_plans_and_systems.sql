-- People and plans for the staff console, and connected systems (src/server/staff/NOTES.md,
-- "People and plans"). Same portable rules as 001: ISO 8601 text times, 0 or 1 booleans, JSON text.

-- A person enrolled by staff signs in first with a one-time PIN and must choose their own
-- (must_change_pin = 1 until they have). Their POM, if allocated, is a staff account of the same
-- prison. name_key is the name in lower case, worked out by the service (not by SQL's LOWER, which
-- differs between the engines), also for the people already here (store.migrate fills it in):
-- the caseload is sorted and searched by it, always within one prison.
ALTER TABLE people ADD COLUMN must_change_pin INTEGER NOT NULL DEFAULT 0 CHECK (must_change_pin IN (0, 1));
ALTER TABLE people ADD COLUMN pom_staff_id TEXT REFERENCES staff_accounts (staff_id);
ALTER TABLE people ADD COLUMN enrolled_at TEXT;
ALTER TABLE people ADD COLUMN name_key TEXT;
UPDATE people SET enrolled_at = created_at;
CREATE INDEX people_by_prison_and_name ON people (prison_id, name_key, person_id);
CREATE INDEX people_by_pom_and_name ON people (pom_staff_id, name_key, person_id);

-- Every saved version of a person's plan, as staff hold it (a PlanRecord, JSON), with who saved
-- it: a member of staff, a connected system, or the service itself (demo data, and plans saved
-- before versions were kept). The newest is also in plans (what pull is built from).
CREATE TABLE plan_versions (
  person_id TEXT NOT NULL REFERENCES people (person_id),
  version INTEGER NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by_kind TEXT NOT NULL CHECK (saved_by_kind IN ('staff', 'system', 'service')),
  saved_by_id TEXT,
  saved_by_name TEXT,
  document TEXT NOT NULL,
  PRIMARY KEY (person_id, version)
);
INSERT INTO plan_versions (person_id, version, saved_at, saved_by_kind, saved_by_id, saved_by_name, document)
SELECT person_id, 1, updated_at, 'service', NULL, NULL, document FROM plans;

-- Existing staff tools that put plans for one prison (the import API), each with a token of its
-- own: only its SHA-256 is kept. A revoked system's token never works again.
CREATE TABLE connected_systems (
  system_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  prison_id TEXT NOT NULL REFERENCES prisons (prison_id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX connected_systems_by_prison ON connected_systems (prison_id, created_at);

-- What a connected system did is audited under its own id (staff_id is then empty).
ALTER TABLE audit_log ADD COLUMN system_id TEXT;
CREATE INDEX audit_log_by_system ON audit_log (system_id, seq);
