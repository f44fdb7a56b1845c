-- A migration that fails halfway: the first statement must not survive the second's failure.
CREATE TABLE half_done (id TEXT PRIMARY KEY);
INSERT INTO answers (id) VALUES ('not enough columns');
