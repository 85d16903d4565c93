-- Who runs each question and pipeline now. A server takes a row before it runs the work, renews it
-- while it runs (a heartbeat), and deletes it when done. Another server takes the row over only
-- once it has expired, raising the fence; every write the work makes checks that the row still has
-- its owner and fence, so a server that lost its claim cannot write results afterwards.
CREATE TABLE work_leases (
  -- what runs: '<session>/pipeline', '<session>/turn/<n>'
  work_key    VARCHAR(120)  PRIMARY KEY,
  -- whose data the work writes: the session id
  subject     VARCHAR(36)   NOT NULL,
  -- the server running it (host, process and a random part: unique per process)
  owner       VARCHAR(200)  NOT NULL,
  -- raised on every takeover
  fence       BIGINT        NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  taken_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX work_leases_expiry ON work_leases (expires_at);
