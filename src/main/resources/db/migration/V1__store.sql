-- The store's first schema. The same SQL runs on SQLite and PostgreSQL: times are epoch
-- milliseconds, money is decimal text (summed in Java, so no rounding through floating point),
-- JSON is text.

-- Every answer given: who asked, when, the (redacted) text, and the whole answer with its traces.
CREATE TABLE answers (
  id              TEXT PRIMARY KEY,
  at_ms           BIGINT NOT NULL,
  user_name       TEXT NOT NULL,
  role            TEXT NOT NULL,
  channel         TEXT NOT NULL,
  conversation_id TEXT,
  turn            INTEGER,
  customer_id     TEXT,
  today           TEXT NOT NULL,
  text            TEXT NOT NULL,
  context         TEXT NOT NULL,
  content_version TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  answer          TEXT NOT NULL
);
CREATE INDEX answers_at ON answers (at_ms);

-- Conversations and their turns: enough to take a conversation up again after a restart.
CREATE TABLE conversations (
  id             TEXT PRIMARY KEY,
  owner          TEXT NOT NULL,
  role           TEXT NOT NULL,
  customer_id    TEXT,
  created_ms     BIGINT NOT NULL,
  last_active_ms BIGINT NOT NULL
);
CREATE INDEX conversations_last_active ON conversations (last_active_ms);

CREATE TABLE turns (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  number          INTEGER NOT NULL,
  at_ms           BIGINT NOT NULL,
  today           TEXT NOT NULL,
  text            TEXT NOT NULL,
  context         TEXT NOT NULL,
  reply           TEXT NOT NULL,
  PRIMARY KEY (conversation_id, number)
);

-- One verdict per user, answer and subject (the answer, a play, or a play's action).
CREATE TABLE feedback (
  user_name     TEXT NOT NULL,
  answer_id     TEXT NOT NULL,
  subject       TEXT NOT NULL,
  at_ms         BIGINT NOT NULL,
  play_id       TEXT,
  action_id     TEXT,
  verdict       TEXT NOT NULL,
  right_play_id TEXT,
  note          TEXT,
  amount        TEXT,
  PRIMARY KEY (user_name, answer_id, subject)
);
CREATE INDEX feedback_at ON feedback (at_ms);

-- What no play fitted, for supervisors.
CREATE TABLE gaps (
  id              TEXT PRIMARY KEY,
  at_ms           BIGINT NOT NULL,
  source          TEXT NOT NULL,
  conversation_id TEXT,
  role            TEXT NOT NULL,
  text            TEXT NOT NULL,
  reason          TEXT NOT NULL,
  nearest         TEXT NOT NULL
);
CREATE INDEX gaps_at ON gaps (at_ms);

-- The grant ledger: what agents actually gave, per agent and per customer.
CREATE TABLE grants (
  answer_id   TEXT NOT NULL,
  play_id     TEXT NOT NULL,
  action_id   TEXT NOT NULL,
  agent       TEXT NOT NULL,
  at_ms       BIGINT NOT NULL,
  customer_id TEXT,
  kind        TEXT NOT NULL,
  amount      TEXT,
  currency    TEXT,
  PRIMARY KEY (answer_id, play_id, action_id, agent)
);
CREATE INDEX grants_customer ON grants (customer_id, kind, at_ms);
CREATE INDEX grants_agent ON grants (agent, kind, at_ms);
