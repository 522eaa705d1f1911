-- Staff and the OMU's side of applications (src/server/staff/NOTES.md). Same portable rules as 001:
-- times are ISO 8601 text in UTC (so they compare as text), booleans are 0 or 1, JSON is text.

-- Prisons. Every person and every member of staff belongs to one; staff see only their own.
CREATE TABLE prisons (
  prison_id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

-- A person's prison. Empty for people added before prisons existed: no member of staff sees them
-- until they are given one.
ALTER TABLE people ADD COLUMN prison_id TEXT REFERENCES prisons (prison_id);
CREATE INDEX people_by_prison ON people (prison_id);

-- Applications keep everything the person sent: the type's structured fields (JSON), the one
-- they replace, and the reference they can quote (worked out from the id). reply holds the whole
-- thread of messages (JSON); decline_reason is set while the status is declined.
ALTER TABLE applications ADD COLUMN fields TEXT;
ALTER TABLE applications ADD COLUMN replaces TEXT;
ALTER TABLE applications ADD COLUMN reference TEXT;
ALTER TABLE applications ADD COLUMN decline_reason TEXT;
-- The first status was called 'new'; it is 'received' (ApplicationStatus in src/domain/application.ts).
UPDATE applications SET status = 'received' WHERE status = 'new';
-- The inbox, oldest first, and "is one of this type still open?" at every push.
CREATE INDEX applications_by_received ON applications (received_at, id);
CREATE INDEX applications_open_by_type ON applications (person_id, type, status);

-- A newer questionnaire from the same person replaces the older ones: replaced_by names the newest.
ALTER TABLE questionnaires ADD COLUMN replaced_by TEXT;
UPDATE questionnaires SET replaced_by = (
  SELECT newest.id FROM questionnaires AS newest WHERE newest.person_id = questionnaires.person_id
  ORDER BY newest.created_at DESC, newest.id DESC LIMIT 1
)
WHERE id <> (
  SELECT newest.id FROM questionnaires AS newest WHERE newest.person_id = questionnaires.person_id
  ORDER BY newest.created_at DESC, newest.id DESC LIMIT 1
);
CREATE INDEX questionnaires_by_received ON questionnaires (received_at, id);

-- Local staff accounts (a national sign-in would add accounts found by another key; see README).
-- username is lower case. password_hash is a salted scrypt hash, never the password.
CREATE TABLE staff_accounts (
  staff_id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('pom', 'omu', 'admin')),
  prison_id TEXT NOT NULL REFERENCES prisons (prison_id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
  created_at TEXT NOT NULL,
  disabled_at TEXT
);
CREATE INDEX staff_accounts_by_prison ON staff_accounts (prison_id);

-- Staff sign-ins, by the SHA-256 of the cookie's token (never the token). A sign-in ends at
-- expires_at, or once last_seen_at is further back than the idle time, or when revoked.
CREATE TABLE staff_sessions (
  session_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff_accounts (staff_id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- Wrong passwords, per key (a SHA-256 of the username and address together, of the username,
-- or of the address). A try counts from the moment it starts until the password is found right.
CREATE TABLE staff_sign_in_attempts (
  attempt_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL
);

-- The audit trail: who did what, when, about whom, from where (a SHA-256 of the address).
-- Append-only: the store has no statement that changes or deletes a row, and triggers refuse
-- any UPDATE or DELETE that anyone sends. No foreign keys, so nothing can ever cascade into it.
CREATE TABLE audit_log (
  seq __IDENTITY_PRIMARY_KEY__,
  at TEXT NOT NULL,
  staff_id TEXT,
  action TEXT NOT NULL,
  prison_id TEXT,
  person_id TEXT,
  entity TEXT,
  entity_id TEXT,
  details TEXT NOT NULL,
  address_hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_person ON audit_log (person_id, seq);
CREATE INDEX audit_log_by_staff ON audit_log (staff_id, seq);
__APPEND_ONLY__(audit_log)
