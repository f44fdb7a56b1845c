-- Cases: a conversation holds one customer's case at a time. Each turn records the case it was
-- taken in, and the conversation the case in hand and when it started (a case opened with the
-- "new case" control may have no turn yet), so a conversation rebuilt after a restart keeps its
-- cases. Rows from before have one case.
ALTER TABLE turns ADD COLUMN case_number INTEGER NOT NULL DEFAULT 1;
ALTER TABLE conversations ADD COLUMN case_number INTEGER NOT NULL DEFAULT 1;
ALTER TABLE conversations ADD COLUMN case_started_ms BIGINT;
