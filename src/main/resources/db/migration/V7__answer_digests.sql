-- The dashboard's digest of every answer: the few things its figures count, written with the
-- answer in the same transaction, so the figures never parse the answers' JSON. One row per
-- answer; removed with it. Answers stored before this table existed are digested from their JSON
-- the first time the figures read their day.
--   plays:   the ids of the plays offered, in order, one a line
--   actions: one line per action: play, action, kind, decision, amount, the check that held it
--            back, the rule, and the cap or budget in force at the time (tab-separated; see
--            docs/insights.md)
CREATE TABLE answer_digests (
  answer_id TEXT PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
  at_ms     BIGINT NOT NULL,
  role      TEXT NOT NULL,
  outcome   TEXT NOT NULL,
  plays     TEXT NOT NULL,
  actions   TEXT NOT NULL
);
CREATE INDEX answer_digests_at ON answer_digests (at_ms);

-- The figures' count of each day that is over, kept so that a server's first look at a period
-- reads a row per day rather than the day's digests: the day (days since 1970-01-01, UTC), how
-- many answers it held when counted (a day whose count has changed since is counted again), and
-- the counts as JSON.
CREATE TABLE insight_days (
  day     BIGINT PRIMARY KEY,
  answers BIGINT NOT NULL,
  tally   TEXT NOT NULL
);
