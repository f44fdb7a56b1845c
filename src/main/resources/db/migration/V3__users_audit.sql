-- Users, their API tokens (SHA-256 hashes only, never the tokens) and the append-only audit log.

-- A user's role applies to every token they hold.
CREATE TABLE users (
  name       TEXT PRIMARY KEY,
  role       TEXT NOT NULL,
  created_ms BIGINT NOT NULL
);

CREATE TABLE tokens (
  hash       TEXT PRIMARY KEY,
  user_name  TEXT NOT NULL REFERENCES users (name),
  created_ms BIGINT NOT NULL,
  revoked_ms BIGINT
);
CREATE INDEX tokens_user ON tokens (user_name);

-- Every change and sign-in, in the order they committed. Rows are only ever inserted: the code
-- has no path that updates or deletes one, and retention does not touch this table.
CREATE TABLE audit (
  seq     BIGINT PRIMARY KEY,
  at_ms   BIGINT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail  TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE INDEX audit_action ON audit (action, seq);
