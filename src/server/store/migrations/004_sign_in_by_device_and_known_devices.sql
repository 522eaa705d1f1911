-- Sign-in limits per prison number and device, the address cap, the whole-account limit with
-- known-device proofs, alerts for staff, and what the sweeper needs. Same portable rules as 001:
-- times are ISO 8601 text in UTC (so they compare as text); every key is a SHA-256 in hex.

-- sign_in_attempts (002) now holds one row per prison number AND device together (the device is
-- the app's own device id, or the client address when none is sent). The rows counted the old way
-- (per prison number, per address) mean nothing any more.
DELETE FROM sign_in_attempts;
CREATE INDEX sign_in_attempts_by_time ON sign_in_attempts (last_failure_at);

-- Wrong PINs for one prison number from every device without a known-device proof, in a window
-- that starts at the first of them.
CREATE TABLE sign_in_account_failures (
  account_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_started_at TEXT NOT NULL
);
CREATE INDEX sign_in_account_failures_by_time ON sign_in_account_failures (window_started_at);

-- Which prison numbers got a wrong PIN from an address, and when last: the address cap counts the
-- rows of one address seen in the last hour. A right PIN removes its number's row.
CREATE TABLE sign_in_address_failures (
  address_key TEXT NOT NULL,
  number_key TEXT NOT NULL,
  last_failure_at TEXT NOT NULL,
  PRIMARY KEY (address_key, number_key)
);
CREATE INDEX sign_in_address_failures_by_time ON sign_in_address_failures (last_failure_at);

-- Known-device proofs: the SHA-256 of a random token the service gave a device at a right-PIN
-- sign-in, bound to the person, the device and the PIN hash it was issued under (pin_stamp).
-- One per person and device. It lasts until expires_at, which each use pushes back.
CREATE TABLE known_devices (
  proof_hash TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  device_key TEXT NOT NULL,
  pin_stamp TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  UNIQUE (person_id, device_key)
);
CREATE INDEX known_devices_by_expiry ON known_devices (expires_at);

-- For staff: whole-account abuse (person_id set) and addresses over the cap (person_id NULL).
-- One row per subject per UTC day (alert_id is a SHA-256 of kind, subject and day). No prison
-- numbers, no PINs; the address only as a SHA-256.
CREATE TABLE sign_in_alerts (
  alert_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
  person_id TEXT REFERENCES people (person_id),
  address_hash TEXT NOT NULL,
  wrong_pins INTEGER NOT NULL,
  refused INTEGER NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sign_in_alerts_by_time ON sign_in_alerts (last_seen_at);

-- The sweeper finds ended sign-ins and dead tokens by time.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX session_tokens_by_expiry ON session_tokens (expires_at);
