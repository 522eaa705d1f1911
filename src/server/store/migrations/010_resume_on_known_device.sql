-- Resume on a known device (src/server/NOTES.md, "Resume on a known device"). Each known device
-- row may carry one resume token: the SHA-256 of a random token the device keeps sealed with the
-- person's own data, and when it stops working (30 days after the PIN sign-in it came from; using
-- it hands out the next one with the same end). It is bound to the same person, device and PIN
-- stamp as the row, and goes with the row (a new PIN, a reset, the sweep).
ALTER TABLE known_devices ADD COLUMN resume_hash TEXT;
ALTER TABLE known_devices ADD COLUMN resume_expires_at TEXT;
CREATE UNIQUE INDEX known_devices_by_resume ON known_devices (resume_hash);
