-- Drafts: a supervisor's working copy of one content file (a play or the authority matrix), kept
-- in the store even while it is invalid, so that no work is lost. A draft never changes what is
-- published: publishing stores its text as a new content revision, and the draft is then closed
-- (state published) and kept for history, as a discarded one is.
CREATE TABLE drafts (
  id                 TEXT PRIMARY KEY,
  path               TEXT NOT NULL,
  play_id            TEXT,
  -- the file's revision the draft was made from; 0 for a new play
  base_revision      BIGINT NOT NULL,
  -- draft, in_review, approved, published, discarded
  state              TEXT NOT NULL,
  -- raised by one with every change to the draft (its ETag): a save names the version it edited
  version            BIGINT NOT NULL,
  yaml               TEXT NOT NULL,
  author             TEXT NOT NULL,
  created_ms         BIGINT NOT NULL,
  updated_ms         BIGINT NOT NULL,
  submitted_by       TEXT,
  approved_by        TEXT,
  why                TEXT,
  published_revision BIGINT
);
CREATE INDEX drafts_state ON drafts (state, updated_ms);
CREATE INDEX drafts_path ON drafts (path, state);
