-- Sign-in sessions and the brute-force limiter. Same portable rules as 001: times are ISO 8601
-- text in UTC (so they compare as text), booleans are 0 or 1.

-- One sign-in. Every token made from it (the first pair and each refreshed pair) belongs to it,
-- so ending the session (sign-out, or a refresh token used twice) ends them all.
CREATE TABLE sessions (
  session_id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  created_at TEXT NOT NULL,
  -- The sign-in ends at this time however often it is refreshed.
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_by_person ON sessions (person_id);

-- Access and refresh tokens, by the SHA-256 of the token (hex). The token itself is never stored.
CREATE TABLE session_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (session_id),
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  -- Set when a refresh token has been swapped for a new pair. A second use ends the session.
  used_at TEXT
);
CREATE INDEX session_tokens_by_session ON session_tokens (session_id);

-- Sign-in attempts per key: one row per prison number and one per client address, each key a
-- SHA-256 (so this table holds no prison numbers or addresses). An attempt counts as a failure
-- from the moment it starts until the PIN is found right, so many attempts at once cannot slip past.
CREATE TABLE sign_in_attempts (
  attempt_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL
);

-- processed_outbox (001) keeps, for each handled outbox item, a SHA-256 of what was sent
-- rather than a second copy of the person's words.
