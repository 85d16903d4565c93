-- The founder's session as a record to keep: answers set aside by going back, a name of the
-- founder's choosing, a read-only link to share, and one session per submitted new-idea form.

-- A turn set aside when the founder went back to an earlier question (its old answer, or a later
-- turn): kept with the scores it was asked with, never changed after.
CREATE TABLE superseded_turns (
  session_id  VARCHAR(36) NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  -- 1 for the first time the founder went back, 2 for the next
  revision    INTEGER     NOT NULL,
  -- the question the founder went back to
  reopened    INTEGER     NOT NULL,
  number      INTEGER     NOT NULL,
  question    TEXT        NOT NULL,
  -- null for a question set aside before it was answered
  answer      TEXT,
  -- the TurnEvaluation made with the question (JSON)
  evaluation  TEXT,
  set_aside_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (session_id, revision, number)
);

-- The founder's own name for the session; null: the idea's short name.
ALTER TABLE sessions ADD COLUMN title VARCHAR(200);

-- The random key of the new-idea form that made the session: the same form sent twice (back, then
-- submit again) finds its session instead of making a second one. Null for sessions made by the
-- API or the terminal.
ALTER TABLE sessions ADD COLUMN form_key VARCHAR(64);
CREATE UNIQUE INDEX sessions_form_key ON sessions (owner_id, form_key);

-- A read-only link to a session. The link's token is <selector><verifier>: the selector finds the
-- row, the verifier (192 random bits) is compared in constant time with its SHA-256 here. The
-- token itself is shown once to the owner and never stored. One link per session; revoking it
-- deletes the row.
CREATE TABLE session_shares (
  session_id    VARCHAR(36) PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  selector      CHAR(16)    NOT NULL UNIQUE,
  verifier_hash CHAR(64)    NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
