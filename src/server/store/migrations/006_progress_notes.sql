-- Progress notes: "what I have done" on a goal (objective) or one step of it, written by the person
-- on their device and kept for their POM. objective_id and step_id are the plan's own opaque ids,
-- kept as sent (a goal may have left the plan since the note was written; the note stays).
CREATE TABLE progress_notes (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (person_id),
  objective_id TEXT NOT NULL,
  step_id TEXT,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX progress_notes_by_person ON progress_notes (person_id, objective_id, created_at);
