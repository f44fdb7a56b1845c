-- The content answers are decided on: every play's YAML file, the authority matrix and the shared
-- facts, with every revision of each. The files in playbooks/ and config/ seed an empty store as
-- revision 1; from then on the store's published content is what the server serves.

-- The content's revision counter: one row, raised by one for every change set. Servers poll it to
-- notice new content; a writer raises it only from the value it read (optimistic concurrency).
CREATE TABLE content_head (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  revision BIGINT NOT NULL
);
INSERT INTO content_head (id, revision) VALUES (1, 0);

-- One row per change set: who made it, when and why.
CREATE TABLE content_revisions (
  revision BIGINT PRIMARY KEY,
  at_ms    BIGINT NOT NULL,
  author   TEXT NOT NULL,
  why      TEXT NOT NULL
);

-- Every revision of every content file, named as in an exported folder (playbooks/<folder>/<file>,
-- config/authority.yaml, config/facts.yaml). The content at revision R is, for each path, its row
-- with the highest revision at or below R, unless that row removed it.
CREATE TABLE content_files (
  path          TEXT NOT NULL,
  revision      BIGINT NOT NULL REFERENCES content_revisions (revision),
  base_revision BIGINT NOT NULL,
  kind          TEXT NOT NULL,
  change        TEXT NOT NULL,
  play_id       TEXT,
  play_status   TEXT,
  yaml          TEXT,
  PRIMARY KEY (path, revision)
);
CREATE INDEX content_files_revision ON content_files (revision);
