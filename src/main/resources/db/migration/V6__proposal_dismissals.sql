-- Phrasings proposed as new examples of a play that a supervisor dismissed: not proposed again.
-- text_key is the phrasing normalised (lower case, words only), the key proposals compare on;
-- text is the phrasing as it was proposed (redacted, as every stored text).
CREATE TABLE proposal_dismissals (
  play_id   TEXT NOT NULL,
  text_key  TEXT NOT NULL,
  text      TEXT NOT NULL,
  user_name TEXT NOT NULL,
  at_ms     BIGINT NOT NULL,
  PRIMARY KEY (play_id, text_key)
);
