-- Delivery from kiosks (src/server/NOTES.md, "Delivery from kiosks"). Same portable rules as 001:
-- times are ISO 8601 text in UTC, so they compare as text.

-- The service's own keys, kept here so that every service process uses the same ones.
-- purpose 'seal': an ECDH P-256 key pair; devices seal items to the public key.
-- purpose 'secret': a 256-bit HMAC key that delivery secrets are derived from.
-- The newest key of each purpose without retired_at is the current one. A retired key is kept,
-- so that what was sealed (or issued) under it can still be opened (or checked).
CREATE TABLE delivery_keys (
  key_id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('seal', 'secret')),
  -- base64: the raw public point (seal keys only)
  public_key TEXT,
  -- base64: the PKCS #8 private key (seal) or the raw key (secret)
  private_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE INDEX delivery_keys_by_purpose ON delivery_keys (purpose, created_at);

-- Delivery secrets, one per online sign-in that asked for one. The secret itself is not stored:
-- it is derived from the secret key (key_id) and the secret id. A row says whose it is and
-- until when it is accepted. session_id is not a foreign key: sessions may be swept sooner.
CREATE TABLE delivery_secrets (
  secret_id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL UNIQUE,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  key_id TEXT NOT NULL REFERENCES delivery_keys (key_id),
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX delivery_secrets_by_person ON delivery_secrets (person_id, expires_at);

-- Kiosks that may deliver sealed items. Staff enrol one with a code that works once; the kiosk
-- swaps the code for a credential. Only SHA-256 hashes of codes and credentials are kept.
CREATE TABLE delivery_devices (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  enrol_code_hash TEXT UNIQUE,
  enrol_expires_at TEXT,
  credential_hash TEXT UNIQUE,
  created_at TEXT NOT NULL,
  enrolled_at TEXT,
  revoked_at TEXT,
  last_push_at TEXT
);
