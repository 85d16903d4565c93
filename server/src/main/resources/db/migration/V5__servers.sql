-- The servers sharing this database, each with a heartbeat, so they can see each other: a server
-- that keeps its state in memory (no SOCRA_REDIS_URL) refuses to start beside another live one.
-- A server's row expires when its heartbeat stops (a crash), so a restart is not blocked for long.
CREATE TABLE servers (
  -- host, process and a random part (the same name its work leases carry)
  server_id   VARCHAR(200)  PRIMARY KEY,
  -- 'redis' when it shares its state through Redis, 'memory' when it keeps it to itself
  shared      VARCHAR(20)   NOT NULL,
  started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
